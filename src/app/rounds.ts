/**
 * The monthly pain-point round: open (poll in every bound department channel), vote by reaction, close
 * (ranked results everywhere, breakdown in the thread), status.
 */
import type { Executor, Tx } from '../db/client.js';
import { createOutboxRepo } from '../db/repositories/outbox-repo.js';
import { getPainPoints, listOpenPainPoints, recordRoundVotes } from '../db/repositories/pain-points-repo.js';
import {
  breakdown,
  findRoundByMonth,
  insertOptions,
  insertPosts,
  insertRound,
  lastClosedRound,
  markClosed,
  openRounds,
  optionsOf,
  placePost,
  type Round,
  setOptionVotes,
  tally,
  type VoteStore,
  voterCount,
  voteStore,
} from '../db/repositories/rounds-repo.js';
import { listBindings } from '../db/repositories/settings-repo.js';
import { localDate } from '../domain/dates.js';
import { ok, type Result } from '../domain/errors.js';
import type { PainPoint } from '../domain/pain-points.js';
import {
  closingTime,
  decideVote,
  eventMicros,
  MAX_VOTES_PER_PERSON,
  pollPosition,
  rankPainPoints,
  reactionFor,
  selectForPoll,
} from '../domain/rounds.js';
import { monthKey } from '../domain/schedule.js';
import { BINDING_KEYS, type BindingKey, DEPARTMENTS, type Department, type UserId } from '../domain/types.js';
import { type AppContext, type Caller, transact } from './context.js';
import type { Notification } from './notifications.js';
import { enqueue } from './outbox.js';
import type { PollOptionSnapshot, ResultLine, RoundBreakdownPayload } from './round-types.js';
import { requireAdmin } from './setup.js';

/** Who runs a round operation: an admin by command (checked), or a scheduled job (no user). */
export interface RoundRunOptions {
  /** The admin asking (`/cx round open|close`); omitted for the scheduled job. */
  byAdmin?: UserId;
  /** The command's delivery key, so a retried command takes effect once. */
  dedupeKey?: string;
}

export const JOB_ACTOR = 'job';

const pollKey = (month: string, dept: string) => `poll:${month}:${dept}`;
const resultsKey = (month: string, key: string) => `results:${month}:${key}`;

function boundChannels(tx: Tx): { departments: Department[]; all: BindingKey[] } {
  const keys = new Set(listBindings(tx).map((b) => b.key));
  return {
    departments: DEPARTMENTS.filter((d) => keys.has(d)),
    all: BINDING_KEYS.filter((k) => keys.has(k)),
  };
}

function snapshot(options: { position: number; painPointId: number }[], points: PainPoint[]) {
  const byId = new Map(points.map((p) => [p.id, p]));
  return options.map(
    (o): PollOptionSnapshot => ({
      position: o.position,
      painPointId: o.painPointId,
      text: byId.get(o.painPointId)?.text ?? '',
      dept: byId.get(o.painPointId)?.dept ?? null,
    }),
  );
}

async function checkAdmin(ctx: AppContext, options: RoundRunOptions): Promise<Result<void>> {
  return options.byAdmin === undefined ? ok() : requireAdmin(ctx, options.byAdmin);
}

// ---- open ------------------------------------------------------------------------------------------------

export type OpenOutcome =
  /** The poll is queued for every bound department channel. `closedFirst`: a still-open earlier round. */
  | {
      status: 'opened';
      round: Round;
      options: PollOptionSnapshot[];
      channels: Department[];
      closedFirst: CloseOutcome[];
    }
  /** This month already has its round (the job ran twice, or the job and an admin). */
  | { status: 'exists'; round: Round }
  /** No open pain points: an invitation to log some went out instead; no round is recorded. */
  | { status: 'empty'; month: string; channels: Department[] }
  /** No department channel is bound: nothing was opened. */
  | { status: 'no_channels'; month: string };

/**
 * Opens this month's round (month in CX_TIMEZONE) unless it has one. One round per month at most: the
 * unique month key decides, so the job twice, or the job and `/cx round open`, open one round.
 */
export async function openRound(
  ctx: AppContext,
  now: Date,
  options: RoundRunOptions = {},
): Promise<Result<OpenOutcome>> {
  const allowed = await checkAdmin(ctx, options);
  if (!allowed.ok) return allowed;
  const month = monthKey(localDate(now, ctx.timeZone));
  const existing = findRoundByMonth(ctx.handle.db, month);
  if (existing) return ok({ status: 'exists', round: existing });

  // A round of an earlier month still open (opened late, or the close job missed): its results come first.
  const closedFirst: CloseOutcome[] = [];
  for (const round of openRounds(ctx.handle.db)) {
    const closed = closeOne(ctx, round, now, options.byAdmin ?? JOB_ACTOR);
    if (closed) closedFirst.push(closed);
  }

  const actor = options.byAdmin ?? JOB_ACTOR;
  const caller: Caller = { userId: actor, ...(options.dedupeKey ? { dedupeKey: options.dedupeKey } : {}) };
  return transact(ctx, caller, (tx): Result<OpenOutcome> => {
    const { departments } = boundChannels(tx);
    if (departments.length === 0) return ok({ status: 'no_channels', month });
    const picked = selectForPoll(listOpenPainPoints(tx));
    if (picked.length === 0) {
      const invites: Notification[] = departments.map((dept) => ({
        kind: 'round_invite',
        key: `round-invite:${month}:${dept}`,
        recipient: { type: 'binding', key: dept },
        payload: { month },
      }));
      enqueue(tx, invites, now);
      return ok({ status: 'empty', month, channels: departments });
    }
    const round = insertRound(tx, { month, openedBy: actor, openedAt: now, closesAt: closingTime(now) });
    if (!round) {
      const raced = findRoundByMonth(tx, month);
      if (raced) return ok({ status: 'exists', round: raced });
      throw new Error(`round ${month} neither inserted nor found`);
    }
    const positions = picked.map((p, i) => ({ position: i + 1, painPointId: p.id }));
    insertOptions(tx, round.id, positions);
    insertPosts(
      tx,
      departments.map((dept) => ({ roundId: round.id, bindingKey: dept, outboxKey: pollKey(month, dept) })),
    );
    const polled = snapshot(positions, picked);
    const reactions = positions.map((p) => reactionFor(p.position) ?? '').filter(Boolean);
    const messages: Notification[] = departments.flatMap((dept): Notification[] => [
      {
        kind: 'poll',
        key: pollKey(month, dept),
        recipient: { type: 'binding', key: dept },
        payload: {
          month,
          closesAt: round.closesAt.toISOString(),
          timeZone: ctx.timeZone,
          maxVotes: MAX_VOTES_PER_PERSON,
          options: polled,
        },
      },
      {
        kind: 'poll_reactions',
        key: `poll-reactions:${month}:${dept}`,
        recipient: { type: 'binding', key: dept },
        threadOf: pollKey(month, dept),
        payload: { reactions },
      },
    ]);
    enqueue(tx, messages, now);
    return ok({ status: 'opened', round, options: polled, channels: departments, closedFirst });
  });
}

// ---- close -----------------------------------------------------------------------------------------------

export interface CloseOutcome {
  round: Round;
  lines: ResultLine[];
  voters: number;
  channels: BindingKey[];
}

function rankRound(tx: Executor, roundId: number, counts: Map<number, number>): ResultLine[] {
  const options = optionsOf(tx, roundId);
  const points = getPainPoints(
    tx,
    options.map((o) => o.painPointId),
  );
  const byId = new Map(points.map((p) => [p.id, p]));
  const ranked = rankPainPoints(
    options.map((o) => ({ id: o.painPointId, votes: counts.get(o.painPointId) ?? o.votes ?? 0 })),
  );
  return ranked.map((r) => ({
    rank: r.rank,
    painPointId: r.item.id,
    text: byId.get(r.item.id)?.text ?? '',
    dept: byId.get(r.item.id)?.dept ?? null,
    votes: r.votes,
    adoptable: r.adoptable,
  }));
}

/** Closes one round in one transaction; null when someone else closed it first (results are posted once). */
function closeOne(ctx: AppContext, round: Round, now: Date, by: string): CloseOutcome | null {
  return transact(ctx, { userId: by }, (tx) => {
    if (!markClosed(tx, round.id, now, by)) return null;
    const counts = tally(tx, round.id);
    const lines = rankRound(tx, round.id, counts);
    for (const line of lines) {
      setOptionVotes(tx, round.id, line.painPointId, line.votes);
      recordRoundVotes(tx, line.painPointId, line.votes);
    }
    const voters = voterCount(tx, round.id);
    const perDept = new Map<number, { dept: string; votes: number }[]>();
    for (const b of breakdown(tx, round.id)) {
      const list = perDept.get(b.painPointId) ?? [];
      list.push({ dept: b.dept, votes: b.votes });
      perDept.set(b.painPointId, list);
    }
    const detail: RoundBreakdownPayload = {
      month: round.month,
      lines: lines.map((l) => ({
        painPointId: l.painPointId,
        text: l.text,
        votes: l.votes,
        byDept: perDept.get(l.painPointId) ?? [],
      })),
    };
    const { all } = boundChannels(tx);
    const messages: Notification[] = all.flatMap((key): Notification[] => [
      {
        kind: 'round_results',
        key: resultsKey(round.month, key),
        recipient: { type: 'binding', key },
        payload: { month: round.month, voters, lines },
      },
      {
        kind: 'round_breakdown',
        key: `results-detail:${round.month}:${key}`,
        recipient: { type: 'binding', key },
        threadOf: resultsKey(round.month, key),
        payload: detail,
      },
    ]);
    enqueue(tx, messages, now);
    return {
      round: { ...round, status: 'closed' as const, closedAt: now, closedBy: by },
      lines,
      voters,
      channels: all,
    };
  });
}

export type CloseResult =
  | { status: 'closed'; closed: CloseOutcome[] }
  /** Nothing was open; `last` is the latest closed round, if any. */
  | { status: 'none_open'; last: Round | null };

/** `/cx round close`: closes the open round now, whatever its age. Closing twice posts results once. */
export async function closeRound(
  ctx: AppContext,
  now: Date,
  options: RoundRunOptions = {},
): Promise<Result<CloseResult>> {
  const allowed = await checkAdmin(ctx, options);
  if (!allowed.ok) return allowed;
  const closed = openRounds(ctx.handle.db)
    .map((round) => closeOne(ctx, round, now, options.byAdmin ?? JOB_ACTOR))
    .filter((c): c is CloseOutcome => c !== null);
  if (closed.length === 0) return ok({ status: 'none_open', last: lastClosedRound(ctx.handle.db) });
  return ok({ status: 'closed', closed });
}

/** The hourly job: closes every round whose five days are over. */
export function closeDueRounds(ctx: AppContext, now: Date): CloseOutcome[] {
  return openRounds(ctx.handle.db)
    .filter((round) => round.closesAt.getTime() <= now.getTime())
    .map((round) => closeOne(ctx, round, now, JOB_ACTOR))
    .filter((c): c is CloseOutcome => c !== null);
}

// ---- status ----------------------------------------------------------------------------------------------

export type RoundStatus =
  /** The open round's live standings. */
  | { kind: 'open'; round: Round; lines: ResultLine[]; voters: number }
  /** No round open: the last results. */
  | { kind: 'closed'; round: Round; lines: ResultLine[]; voters: number }
  | { kind: 'none' };

export function roundStatus(ctx: AppContext): RoundStatus {
  const db = ctx.handle.db;
  const open = openRounds(db).at(-1);
  if (open) {
    return {
      kind: 'open',
      round: open,
      lines: rankRound(db, open.id, tally(db, open.id)),
      voters: voterCount(db, open.id),
    };
  }
  const last = lastClosedRound(db);
  if (!last) return { kind: 'none' };
  return {
    kind: 'closed',
    round: last,
    lines: rankRound(db, last.id, new Map()),
    voters: voterCount(db, last.id),
  };
}

// ---- votes -----------------------------------------------------------------------------------------------

export interface ReactionInput {
  /** Slack's event_id: a redelivery of the same event counts once. */
  eventId: string;
  added: boolean;
  userId: UserId;
  reaction: string;
  channelId: string;
  ts: string;
  /** Slack's `event_ts`: orders the events of one reaction, which may arrive out of order. */
  eventTs?: string;
  /** The bot's own user id: its number reactions under the poll never count. */
  botUserId: string | null;
}

export type VoteOutcome =
  /** Not a vote: another message, another emoji, the bot, a closed round, a position not on the poll. */
  | { kind: 'ignored' }
  /** This event was already handled (a redelivery). */
  | { kind: 'redelivered' }
  /** An event older than one already handled for the same reaction (delivered late): changes nothing. */
  | { kind: 'stale' }
  | { kind: 'counted'; painPointId: number }
  /** The person already votes for this pain point (from this or another channel): it still counts once. */
  | { kind: 'already_counted'; painPointId: number }
  /** A fourth pain point: not counted. `votedFor` are the pain points the person votes for. */
  | { kind: 'over_limit'; painPointId: number; votedFor: number[]; max: number }
  | { kind: 'removed'; painPointId: number };

/** The polls delivered since the round opened: their channel and ts come from the outbox rows. */
function placePolls(ctx: AppContext): void {
  const db = ctx.handle.db;
  const pending = voteStore(ctx.handle.sqlite).unplaced();
  if (pending.length === 0) return;
  const outbox = createOutboxRepo(db);
  for (const post of pending) {
    const entry = outbox.findByKey(post.outboxKey);
    if (entry?.status === 'sent' && entry.sentChannel && entry.sentTs) {
      placePost(db, post.roundId, post.bindingKey, entry.sentChannel, entry.sentTs);
    }
  }
}

/** One vote, decided on its own, inside the (group) transaction. */
function applyVote(store: VoteStore, input: ReactionInput, position: number, at: number): VoteOutcome {
  // Read inside the transaction: a close that committed meanwhile must win.
  const poll = store.pollAt(input.channelId, input.ts);
  if (poll?.status !== 'open') return { kind: 'ignored' };
  const { roundId, dept } = poll;
  if (!store.markProcessed(`event:${input.eventId}`, at)) return { kind: 'redelivered' };
  const painPointId = store.painPointAt(roundId, position);
  if (painPointId === null) return { kind: 'ignored' };
  const vote = { roundId, voterId: input.userId, painPointId, channelId: input.channelId };
  // Slack may deliver a removal before the add it undoes: the newest event of the reaction wins.
  const when = eventMicros(input.eventTs);
  const kind = input.added ? 'added' : 'removed';
  if (when !== null && !store.markNewest({ ...vote, kind, eventMicros: when })) return { kind: 'stale' };
  if (!input.added) return store.removeVote(vote) ? { kind: 'removed', painPointId } : { kind: 'ignored' };
  const votedFor = store.votedBy(roundId, input.userId);
  const decision = decideVote(votedFor, painPointId);
  if (decision === 'over_limit')
    return { kind: 'over_limit', painPointId, votedFor, max: MAX_VOTES_PER_PERSON };
  store.addVote({ ...vote, dept, at });
  return decision === 'count' ? { kind: 'counted', painPointId } : { kind: 'already_counted', painPointId };
}

interface QueuedVote {
  input: ReactionInput;
  position: number;
  resolve: (outcome: VoteOutcome) => void;
  reject: (error: unknown) => void;
}

const queues = new WeakMap<VoteStore, QueuedVote[]>();

/**
 * Group commit: the votes that arrive in one turn of the event loop are written in one transaction, each
 * still decided on its own and in arrival order, so a burst of reactions costs one commit, not one each.
 * Should the batch fail, every vote is tried again in a transaction of its own, so one bad vote loses no
 * other. (Slack's events are acknowledged before they are handled anyway; this adds no window of loss
 * beyond one turn of the loop.)
 */
function flushVotes(ctx: AppContext, store: VoteStore): void {
  const batch = queues.get(store)?.splice(0) ?? [];
  if (batch.length === 0) return;
  const at = ctx.clock.now().getTime();
  let outcomes: VoteOutcome[];
  try {
    outcomes = store.transaction(() => batch.map((v) => applyVote(store, v.input, v.position, at)));
  } catch {
    for (const v of batch) {
      try {
        v.resolve(store.transaction(() => applyVote(store, v.input, v.position, at)));
      } catch (error) {
        v.reject(error);
      }
    }
    return;
  }
  batch.forEach((v, i) => {
    v.resolve(outcomes[i] ?? { kind: 'ignored' });
  });
}

/**
 * A reaction added to or removed from a message: a vote when it is a number reaction on a poll of an open
 * round. Prepared, indexed look-ups, no Slack call, and a transaction shared with the votes arriving at the
 * same moment. Votes are stored per person (and channel), so the tally is recomputable and one person's vote
 * in two channels counts once; the event id makes a redelivery count once.
 */
export function recordReaction(ctx: AppContext, input: ReactionInput): Promise<VoteOutcome> {
  const position = pollPosition(input.reaction);
  if (position === null || input.userId === input.botUserId) return Promise.resolve({ kind: 'ignored' });
  const store = voteStore(ctx.handle.sqlite);
  if (!store.pollAt(input.channelId, input.ts)) {
    placePolls(ctx);
    if (!store.pollAt(input.channelId, input.ts)) return Promise.resolve({ kind: 'ignored' });
  }
  return new Promise((resolve, reject) => {
    let queue = queues.get(store);
    if (!queue) {
      queue = [];
      queues.set(store, queue);
    }
    queue.push({ input, position, resolve, reject });
    if (queue.length === 1) setImmediate(() => flushVotes(ctx, store));
  });
}
