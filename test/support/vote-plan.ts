/**
 * A reproducible crowd of voters for the pain-point poll: each voter means to vote for a set of at most 3
 * options, and their reaction events carry that intent through noise the bot must see through — redelivered
 * events (same event_id, concurrently), the same reaction delivered again under a new id, the same vote in a
 * second channel, a reaction added and taken back, a fourth vote over the limit, the bot's own reactions,
 * other emoji, and numbers on messages that are not polls. The intended tally is known without the bot.
 */

export interface PollRef {
  channel: string;
  ts: string;
}

export interface ReactionEvent {
  type: 'reaction_added' | 'reaction_removed';
  user: string;
  reaction: string;
  channel: string;
  ts: string;
  eventId: string;
}

/** One step of a voter's script: one delivery, or the same event delivered twice at once (a Slack retry). */
export type Step = { event: ReactionEvent; twice: boolean };

export interface VotePlan {
  voters: string[];
  /** Each voter's steps, in the order that voter acts; voters act concurrently. */
  scripts: Step[][];
  /** Deliveries in total (a `twice` step counts two). */
  deliveries: number;
  /** Distinct event ids. */
  eventIds: number;
  /** Distinct event ids of number reactions by people on polls: each is one vote transaction. */
  voteEventIds: number;
  /** Intended votes per poll position (1-based index; [0] unused). */
  intended: number[];
  /** Each voter's intended poll positions, aligned with `voters`. */
  choices: number[][];
  /** Over-the-limit reactions: each earns its voter one ephemeral note. */
  overLimit: number;
}

const NUMBERS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'keycap_ten'];

/** Deterministic PRNG (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PlanOptions {
  voters: number;
  /** Options on the poll (≤ 10). */
  options: number;
  /** The poll message in each department channel. */
  polls: PollRef[];
  /** A message that is not a poll (numbers there are not votes). */
  stray: PollRef;
  botUserId: string;
  /** Pad (with harmless noise) or trim to exactly this many deliveries. */
  deliveries?: number;
  seed?: number;
}

export function planVotes(o: PlanOptions): VotePlan {
  const rnd = random(o.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  const chance = (p: number) => rnd() < p;
  let nextId = 0;
  const eventId = () => `Ev${(++nextId).toString(36).toUpperCase().padStart(8, '0')}`;
  const intended = new Array<number>(o.options + 1).fill(0);
  const voters: string[] = [];
  const scripts: Step[][] = [];
  const choices: number[][] = [];
  let overLimit = 0;

  const ev = (
    type: ReactionEvent['type'],
    user: string,
    position: number,
    at: PollRef,
    reaction = NUMBERS[position - 1] ?? 'one',
  ): ReactionEvent => ({ type, user, reaction, channel: at.channel, ts: at.ts, eventId: eventId() });

  for (let v = 0; v < o.voters; v++) {
    const user = `UV${String(v).padStart(5, '0')}`;
    voters.push(user);
    const steps: Step[] = [];
    const send = (event: ReactionEvent, twice = false) => steps.push({ event, twice });
    const size = pick([0, 1, 2, 2, 3, 3, 3, 3]);
    const positions = Array.from({ length: o.options }, (_, i) => i + 1).sort(() => rnd() - 0.5);
    const chosen = positions.slice(0, Math.min(size, o.options));
    const others = positions.slice(chosen.length);
    for (const p of chosen) intended[p] = (intended[p] ?? 0) + 1;
    choices.push([...chosen].sort((a, b) => a - b));

    // Second thoughts first: a reaction added and taken back again.
    const changed = others[0];
    if (changed !== undefined && chance(0.35)) {
      const at = pick(o.polls);
      send(ev('reaction_added', user, changed, at), chance(0.3));
      send(ev('reaction_removed', user, changed, at));
    }
    const where = new Map<number, PollRef>();
    for (const p of chosen) {
      const at = pick(o.polls);
      where.set(p, at);
      const added = ev('reaction_added', user, p, at);
      // Slack redelivers (same event_id), sometimes while the first delivery is still being handled.
      send(added, chance(0.35));
      // And the same reaction has been seen delivered again under a new event_id.
      if (chance(0.1)) send({ ...added, eventId: eventId() });
    }
    // The same vote in another department's channel counts once; taking back the first leaves the second.
    const twiceVoted = chosen[0];
    if (twiceVoted !== undefined && o.polls.length > 1 && chance(0.3)) {
      const first = where.get(twiceVoted) as PollRef;
      const second = pick(o.polls.filter((p) => p !== first));
      send(ev('reaction_added', user, twiceVoted, second));
      if (chance(0.5)) send(ev('reaction_removed', user, twiceVoted, first));
    }
    // A fourth pain point: not counted (and a note), and removing it changes nothing.
    const fourth = others[1] ?? others[0];
    if (chosen.length === 3 && fourth !== undefined && chance(0.5)) {
      const at = pick(o.polls);
      send(ev('reaction_added', user, fourth, at), chance(0.2));
      overLimit++;
      if (chance(0.5)) send(ev('reaction_removed', user, fourth, at));
    }
    if (chance(0.15)) send(ev('reaction_added', user, 1, pick(o.polls), 'thumbsup'));
    if (chance(0.1)) send(ev('reaction_added', user, pick(positions), o.stray));
    if (chance(0.1)) send(ev('reaction_added', o.botUserId, pick(positions), pick(o.polls)));
    scripts.push(steps);
  }

  const count = () => scripts.reduce((n, s) => n + s.reduce((m, st) => m + (st.twice ? 2 : 1), 0), 0);
  if (o.deliveries !== undefined) {
    // Pad with noise that must change nothing: the bot's reactions and other emoji, at the end of scripts.
    let i = 0;
    while (count() < o.deliveries) {
      const steps = scripts[i % scripts.length] as Step[];
      const user = voters[i % voters.length] as string;
      steps.push({
        event:
          i % 2 === 0
            ? ev('reaction_added', o.botUserId, (i % o.options) + 1, pick(o.polls))
            : ev('reaction_added', user, 1, pick(o.polls), pick(['eyes', 'heart', '+1', 'one::skin-tone-3'])),
        twice: false,
      });
      i++;
    }
    // Trim from noise-only tails if over (rare: only the padding could overshoot by one).
    while (count() > o.deliveries) {
      const s = scripts.find((steps) => steps.at(-1)?.event.user === o.botUserId);
      if (!s) break;
      s.pop();
    }
  }
  const events = scripts.flat().map((st) => st.event);
  const voteEvents = events.filter(
    (e) => e.user !== o.botUserId && NUMBERS.includes(e.reaction) && e.ts !== o.stray.ts,
  );
  return {
    voters,
    scripts,
    deliveries: count(),
    eventIds: new Set(events.map((e) => e.eventId)).size,
    voteEventIds: new Set(voteEvents.map((e) => e.eventId)).size,
    intended,
    choices,
    overLimit,
  };
}

/** The ranking the intended votes give: most votes first, ties to the lower position's pain point. */
export function intendedRanking(
  plan: VotePlan,
  painPointAt: (position: number) => number,
): { painPointId: number; votes: number }[] {
  return plan.intended
    .map((votes, position) => ({ position, votes }))
    .slice(1)
    .map(({ position, votes }) => ({ painPointId: painPointAt(position), votes }))
    .sort((a, b) => b.votes - a.votes || a.painPointId - b.painPointId);
}

/** What delivering a plan needs of the emulator. */
export interface EventSender {
  botUserId: string;
  event(
    event: Record<string, unknown>,
    opts?: { eventId?: string; retryNum?: number },
  ): Promise<{ status: number }>;
}

/**
 * Delivers the plan over signed HTTP: `concurrency` voters at once, each voter's steps in order (a person
 * reacts one click at a time), a `twice` step as two simultaneous deliveries of one event. Returns how many
 * deliveries were not answered 200.
 */
export async function deliverPlan(emulator: EventSender, plan: VotePlan, concurrency = 64): Promise<number> {
  let next = 0;
  let failed = 0;
  const deliver = async (e: ReactionEvent, retryNum?: number) => {
    const result = await emulator.event(
      {
        type: e.type,
        user: e.user,
        reaction: e.reaction,
        item_user: emulator.botUserId,
        item: { type: 'message', channel: e.channel, ts: e.ts },
      },
      { eventId: e.eventId, ...(retryNum === undefined ? {} : { retryNum }) },
    );
    if (result.status !== 200) failed++;
  };
  const worker = async () => {
    for (let i = next++; i < plan.scripts.length; i = next++) {
      for (const step of plan.scripts[i] ?? []) {
        if (step.twice) await Promise.all([deliver(step.event), deliver(step.event, 1)]);
        else await deliver(step.event);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, plan.scripts.length) }, worker));
  return failed;
}
