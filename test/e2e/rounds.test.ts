import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRound } from '../../src/app/rounds.js';
import { roundCloseJob } from '../../src/jobs/round-close.js';
import { roundOpenJob } from '../../src/jobs/round-open.js';
import type { EmuMessage } from '../../src/sandbox/emulator/index.js';
import { ACTION } from '../../src/slack/ids.js';
import {
  CHANNELS,
  eventually,
  type Harness,
  type HarnessOptions,
  openedView,
  startHarness,
} from '../support/harness.js';
import { deliverPlan, intendedRanking, planVotes } from '../support/vote-plan.js';

// Monday 2 March 2026, 10:00 UTC: the first Monday of the month. Seeded users: UADMIN, UALICE, UBOB.
const MONDAY = new Date('2026-03-02T10:00:00Z');
const DEPTS = [CHANNELS.marketing, CHANNELS.sales, CHANNELS.service, CHANNELS.it];

let h: Harness;
async function start(options: HarnessOptions = {}) {
  h = await startHarness({
    now: MONDAY,
    admins: ['UADMIN'],
    jobs: [roundOpenJob, roundCloseJob],
    ...options,
  });
}
afterEach(async () => {
  await h.stop();
});

const db = () => h.bot.handle.sqlite;
const all = <T>(sql: string, ...args: unknown[]) =>
  db()
    .prepare(sql)
    .all(...args) as T[];
const one = <T>(sql: string, ...args: unknown[]) =>
  db()
    .prepare(sql)
    .get(...args) as T;
const count = (sql: string, ...args: unknown[]) => (one<{ n: number }>(sql, ...args) ?? { n: 0 }).n;

const keyOf = (m: EmuMessage) => String(m.metadata?.event_payload?.key ?? '');
const posted = (channel: string, prefix: string) =>
  h.emulator.messages(channel).filter((m) => keyOf(m).startsWith(prefix));
const pollIn = (channel: string) => {
  const poll = posted(channel, 'poll:')[0];
  if (!poll) throw new Error(`no poll in ${channel}`);
  return poll;
};
const shown = (m: EmuMessage | undefined) => `${m?.text ?? ''}\n${JSON.stringify(m?.blocks ?? [])}`;

/** Everything the outbox queued has been posted, the bot's own reactions included, and their events seen. */
async function settle() {
  await h.drain();
  await h.emulator.settle();
}

async function pain(user: string, text: string, channel: string = CHANNELS.sales) {
  return h.replyText(await h.cx(user, `pain ${text}`, channel));
}

async function openAsAdmin() {
  const reply = h.replyText(await h.cx('UADMIN', 'round open'));
  await settle();
  return reply;
}

/** The open round's standings: pain point → votes (distinct voters), from the stored per-person votes. */
const tally = () =>
  Object.fromEntries(
    all<{ p: number; n: number }>(
      `select pain_point_id as p, count(distinct voter_id) as n from votes
        join rounds on rounds.id = votes.round_id where rounds.status = 'open' group by pain_point_id`,
    ).map((r) => [`P-${r.p}`, r.n]),
  );

async function react(user: string, channel: string, reaction: string, added = true) {
  const ts = pollIn(channel).ts;
  if (added) await h.emulator.react(user, channel, ts, reaction);
  else await h.emulator.unreact(user, channel, ts, reaction);
}

describe('logging pain points', () => {
  beforeEach(() => start());

  it('/cx pain answers with the new P-n and records who, which department and when', async () => {
    expect(await pain('UALICE', 'Invoices are hard to read')).toMatch(
      /Logged \*P-1\*: Invoices are hard to read/,
    );
    expect(await pain('UBOB', 'Password reset takes days', CHANNELS.it)).toContain('P-2');
    expect(await pain('UBOB', 'Slow replies on chat', 'CGENERAL')).toContain('P-3');
    expect(
      all('select id, text, raised_by, dept, channel_id, source, status, created_at from pain_points'),
    ).toEqual([
      {
        id: 1,
        text: 'Invoices are hard to read',
        raised_by: 'UALICE',
        dept: 'sales',
        channel_id: CHANNELS.sales,
        source: 'command',
        status: 'open',
        created_at: MONDAY.getTime(),
      },
      expect.objectContaining({ id: 2, dept: 'it', raised_by: 'UBOB' }),
      expect.objectContaining({ id: 3, dept: null, channel_id: 'CGENERAL' }),
    ]);
  });

  it('names a similar open pain point, but still logs the new one', async () => {
    await pain('UALICE', 'Invoices are hard to read');
    await pain('UALICE', 'Delivery tracking link is broken');
    const reply = await pain('UBOB', 'The invoice is really hard to read!', CHANNELS.it);
    expect(reply).toContain('P-3');
    expect(reply).toMatch(/similar.*P-1.*Invoices are hard to read/s);
    expect(await pain('UBOB', 'Onboarding emails arrive twice')).not.toMatch(/similar/);
    expect(count('select count(*) as n from pain_points')).toBe(4);
  });

  it('without text it shows the usage and changes nothing', async () => {
    const before = h.snapshot();
    expect(h.replyText(await h.cx('UALICE', 'pain'))).toMatch(/missing[\s\S]*\/cx pain &lt;text&gt;/i);
    expect(h.snapshot()).toEqual(before);
  });

  it('the message shortcut opens a prefilled modal and logs the message with its permalink', async () => {
    const said = await h.emulator.userMessage({
      userId: 'UBOB',
      channelId: CHANNELS.service,
      text: 'Customers say the returns form loses their address & phone',
    });
    await h.emulator.shortcut({
      userId: 'UALICE',
      callbackId: 'log_pain_point',
      channelId: CHANNELS.service,
      messageTs: said.ts,
    });
    const viewId = await openedView(h.emulator, 'UALICE');
    const view = h.emulator.view(viewId);
    expect(JSON.stringify(view?.blocks)).toContain(
      'Customers say the returns form loses their address & phone',
    );
    const permalink = String(h.emulator.callsTo('chat.getPermalink')[0]?.response.permalink);
    expect(permalink).toMatch(/^https?:\/\//);
    const res = await h.emulator.viewSubmission({ userId: 'UALICE', viewId });
    expect(res.problems).toEqual([]);
    expect(one('select text, raised_by, dept, permalink, source from pain_points')).toEqual({
      text: 'Customers say the returns form loses their address & phone',
      raised_by: 'UALICE',
      dept: 'service',
      permalink,
      source: 'shortcut',
    });
    const note = await eventually(() => h.emulator.ephemerals.find((e) => e.user === 'UALICE'));
    expect(note.channel).toBe(CHANNELS.service);
    expect(note.text).toContain('P-1');
    expect(h.replyText(await h.cx('UBOB', 'show p-1'))).toContain('returns form');
    // Its history says how it came in, in words (it showed the code: "created: shortcut").
    const history = JSON.stringify((await h.cx('UBOB', 'show p-1')).body);
    expect(history).toContain('<@UALICE> · logged from a message');
    expect(history).not.toContain('created: shortcut');
  });

  it('the modal refuses an emptied text inline and logs nothing', async () => {
    const said = await h.emulator.userMessage({ userId: 'UBOB', channelId: CHANNELS.it, text: 'VPN drops' });
    await h.emulator.shortcut({
      userId: 'UBOB',
      callbackId: 'log_pain_point',
      channelId: CHANNELS.it,
      messageTs: said.ts,
    });
    const viewId = await openedView(h.emulator, 'UBOB');
    const res = await h.emulator.viewSubmission({ userId: 'UBOB', viewId, values: { pain_text: '   ' } });
    expect(res.body).toMatchObject({ response_action: 'errors', errors: { pain_text: expect.any(String) } });
    expect(count('select count(*) as n from pain_points')).toBe(0);
  });
});

describe('opening the round', () => {
  beforeEach(() => start());

  it('posts one poll per bound department channel, numbered, with how to vote and the closing time', async () => {
    await pain('UALICE', 'Invoices are hard to read');
    await pain('UBOB', 'Password reset takes days', CHANNELS.it);
    const reply = await openAsAdmin();
    expect(reply).toMatch(
      /Opened the March 2026 vote with 2 pain points in Marketing, Sales, Service and IT/,
    );
    for (const channel of DEPTS) {
      const poll = pollIn(channel);
      const text = shown(poll);
      expect(text).toContain('March 2026');
      expect(text).toMatch(/React with the number\* of up to 3 pain points/);
      // The closing time in each reader's zone (Slack's date formatting), with a fallback in CX_TIMEZONE.
      expect(text).toContain(
        'Voting closes *<!date^1772877600^{date_short_pretty} {time}|Sat, 7 Mar 2026, 10:00 (UTC)>*',
      );
      expect(text).toContain(':one: *P-1* Invoices are hard to read · _Sales_');
      expect(text).toContain(':two: *P-2* Password reset takes days · _IT_');
      // The bot adds the number reactions itself, once.
      expect(poll.reactions.map((r) => [r.name, r.users])).toEqual([
        ['one', [h.emulator.botUserId]],
        ['two', [h.emulator.botUserId]],
      ]);
    }
    expect(posted(CHANNELS.hub, 'poll:')).toEqual([]);
    // The bot's own reactions came back as events and counted for nothing.
    expect(count('select count(*) as n from votes')).toBe(0);
  });

  it('is for admins only: anyone else is refused and nothing changes', async () => {
    await pain('UALICE', 'Invoices are hard to read');
    const before = h.snapshot();
    expect(h.replyText(await h.cx('UBOB', 'round open'))).toMatch(/Only CX Bridge admins/);
    expect(h.replyText(await h.cx('UBOB', 'round close'))).toMatch(/Only CX Bridge admins/);
    expect(h.snapshot()).toEqual(before);
  });

  it('opens at most one round a month: the job twice, the job and the command, two at once', async () => {
    await pain('UALICE', 'Invoices are hard to read');
    expect((await h.bot.scheduler.runNow('round-open', MONDAY)).status).toBe('done');
    expect((await h.bot.scheduler.runNow('round-open', new Date('2026-03-20T12:00:00Z'))).status).toBe(
      'already_done',
    );
    expect(h.replyText(await h.cx('UADMIN', 'round open'))).toMatch(/March 2026 vote is already open/);
    // Without the scheduler's ledger, the month's unique key alone keeps it to one.
    const both = await Promise.all([openRound(h.bot.ctx, MONDAY), openRound(h.bot.ctx, MONDAY)]);
    expect(both.map((r) => r.ok && r.value.status)).toEqual(['exists', 'exists']);
    await settle();
    expect(count('select count(*) as n from rounds')).toBe(1);
    for (const channel of DEPTS) expect(posted(channel, 'poll:')).toHaveLength(1);
  });

  it('the command first, then the job: still one round', async () => {
    await pain('UALICE', 'Invoices are hard to read');
    await openAsAdmin();
    const outcome = await h.bot.scheduler.runNow('round-open', MONDAY);
    expect(outcome.summary).toMatch(/already exists/);
    await settle();
    expect(count('select count(*) as n from rounds')).toBe(1);
    expect(posted(CHANNELS.sales, 'poll:')).toHaveLength(1);
  });

  it('the scheduler opens it on the first Monday at 10:00, not before, and not on a fresh install', async () => {
    await pain('UALICE', 'Invoices are hard to read');
    // Started on 2 March at 10:00: this month's moment is not after the first start, so no backlog.
    const opens = async (at: string) =>
      (await h.bot.scheduler.tick(new Date(at))).filter((o) => o.job === 'round-open');
    expect(await opens('2026-03-09T10:00:00Z')).toEqual([]);
    expect(count('select count(*) as n from rounds')).toBe(0);
    expect(await opens('2026-04-06T09:59:00Z')).toEqual([]);
    expect(await opens('2026-04-06T10:00:00Z')).toEqual([
      expect.objectContaining({ job: 'round-open', period: '2026-04', status: 'done' }),
    ]);
    expect(one('select month from rounds')).toEqual({ month: '2026-04' });
  });

  it('with no open pain point it invites people to log some instead, and records no round', async () => {
    const reply = await openAsAdmin();
    expect(reply).toMatch(/No pain points are open/);
    for (const channel of DEPTS) expect(shown(posted(channel, 'round-invite:')[0])).toContain('/cx pain');
    expect(count('select count(*) as n from rounds')).toBe(0);
    // Once there is one, the month's vote can still open.
    await pain('UALICE', 'Invoices are hard to read');
    expect(await openAsAdmin()).toMatch(/Opened the March 2026 vote/);
  });

  it('takes ten at most: new ones first, then carried-over ones by last round’s votes', async () => {
    for (let i = 1; i <= 4; i++) await pain('UALICE', `March problem number ${i} with thing${i}`);
    await openAsAdmin();
    await react('UALICE', CHANNELS.sales, 'three');
    await react('UBOB', CHANNELS.it, 'three');
    await react('UBOB', CHANNELS.it, 'two');
    await h.cx('UADMIN', 'round close');
    await settle();
    // April: nine new pain points join the four carried over (P-3: 2 votes, P-2: 1, P-1 and P-4: none).
    h.clock.set(new Date('2026-04-06T10:00:00Z'));
    for (let i = 5; i <= 13; i++) await pain('UBOB', `April problem number ${i} with widget${i}`);
    await h.bot.scheduler.runNow('round-open', h.clock.now());
    await settle();
    const options = all<{ position: number; pain_point_id: number }>(
      `select position, pain_point_id from round_options join rounds on rounds.id = round_id
        where month = '2026-04' order by position`,
    );
    expect(options.map((o) => o.pain_point_id)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 3]);
    const april = posted(CHANNELS.sales, 'poll:2026-04')[0];
    expect(april?.reactions.map((r) => r.name)).toHaveLength(10);
    expect(shown(posted(CHANNELS.sales, 'poll:2026-04')[0])).toContain(':keycap_ten: *P-3*');
  });
});

/** A round open with four pain points on its poll (P-1 … P-4), raised by UALICE. */
async function startWithOpenRound(options: HarnessOptions = {}) {
  await start(options);
  for (const text of [
    'Invoices are hard to read',
    'Password reset takes days',
    'Chat is slow',
    'No dark mode',
  ]) {
    await pain('UALICE', text);
  }
  await openAsAdmin();
}

describe('votes', () => {
  beforeEach(() => startWithOpenRound());

  it('the same vote in the Sales and the IT channel counts once; removing one reaction leaves the other', async () => {
    await react('UALICE', CHANNELS.sales, 'one');
    await react('UALICE', CHANNELS.it, 'one');
    expect(tally()).toEqual({ 'P-1': 1 });
    await react('UALICE', CHANNELS.sales, 'one', false);
    expect(tally()).toEqual({ 'P-1': 1 });
    await react('UALICE', CHANNELS.it, 'one', false);
    expect(tally()).toEqual({});
  });

  it('a fourth pain point is not counted, the voter is told how to change it, and can', async () => {
    await react('UBOB', CHANNELS.sales, 'one');
    await react('UBOB', CHANNELS.sales, 'two');
    await react('UBOB', CHANNELS.it, 'three');
    await react('UBOB', CHANNELS.it, 'four');
    expect(tally()).toEqual({ 'P-1': 1, 'P-2': 1, 'P-3': 1 });
    const note = await eventually(() => h.emulator.ephemerals.find((e) => e.user === 'UBOB'));
    expect(note.channel).toBe(CHANNELS.it);
    expect(note.text).toMatch(/P-4\* was not counted.*at most 3.*P-1, P-2 and P-3.*remove/s);
    // A vote the same person already has, from another channel, is not a fourth.
    await react('UBOB', CHANNELS.marketing, 'one');
    expect(h.emulator.ephemerals.filter((e) => e.user === 'UBOB')).toHaveLength(1);
    // As the note says: take one back, then remove and add the fourth again.
    await react('UBOB', CHANNELS.sales, 'two', false);
    await react('UBOB', CHANNELS.it, 'four', false);
    await react('UBOB', CHANNELS.it, 'four');
    expect(tally()).toEqual({ 'P-1': 1, 'P-3': 1, 'P-4': 1 });
  });

  it('redeliveries count once, and other emoji, other messages and the bot itself count for nothing', async () => {
    const poll = pollIn(CHANNELS.sales);
    const reaction = (user: string, name: string, ts = poll.ts) => ({
      type: 'reaction_added',
      user,
      reaction: name,
      item_user: h.emulator.botUserId,
      item: { type: 'message', channel: CHANNELS.sales, ts },
    });
    await Promise.all([
      h.emulator.event(reaction('UALICE', 'two'), { eventId: 'EvSAME1' }),
      h.emulator.event(reaction('UALICE', 'two'), { eventId: 'EvSAME1', retryNum: 1 }),
      h.emulator.event(reaction('UALICE', 'two'), { eventId: 'EvOTHERID' }),
    ]);
    await h.emulator.event(reaction('UALICE', 'two'), { eventId: 'EvSAME1', retryNum: 2 });
    await h.emulator.event(reaction(h.emulator.botUserId, 'three'));
    await h.emulator.event(reaction('UBOB', 'thumbsup'));
    await h.emulator.event(reaction('UBOB', 'one::skin-tone-2'));
    await h.emulator.event(reaction('UBOB', 'nine'));
    const other = await h.emulator.userMessage({ userId: 'UBOB', channelId: CHANNELS.sales, text: 'hi' });
    await h.emulator.react('UBOB', CHANNELS.sales, other.ts, 'one');
    expect(tally()).toEqual({ 'P-2': 1 });
    expect(count('select count(*) as n from votes')).toBe(1);
  });

  it('events delivered out of order: the newest event of each reaction wins (by event_ts)', async () => {
    const poll = pollIn(CHANNELS.sales);
    // Event times a minute apart, after the poll was posted (Slack's `seconds.micros`).
    const at = (minutes: number) => `${Number(poll.ts.split('.')[0]) + minutes * 60}.000000`;
    const reaction = (
      type: string,
      user: string,
      name: string,
      eventTs: string,
      channel: string = CHANNELS.sales,
    ) => ({
      type,
      user,
      reaction: name,
      item_user: h.emulator.botUserId,
      item: { type: 'message', channel, ts: channel === CHANNELS.sales ? poll.ts : pollIn(channel).ts },
      event_ts: eventTs,
    });
    // Alice adds :three: at minute 1 and removes it at minute 2; the removal arrives first, the add after
    // it as a retry of its own.
    await h.emulator.event(reaction('reaction_removed', 'UALICE', 'three', at(2)), { eventId: 'EvRM' });
    await h.emulator.event(reaction('reaction_added', 'UALICE', 'three', at(1)), { eventId: 'EvADD' });
    expect(tally()).toEqual({});
    // Redeliveries of either, with their own event ids, change nothing.
    await h.emulator.event(reaction('reaction_removed', 'UALICE', 'three', at(2)), {
      eventId: 'EvRM',
      retryNum: 1,
    });
    await h.emulator.event(reaction('reaction_added', 'UALICE', 'three', at(1)), {
      eventId: 'EvADD',
      retryNum: 1,
    });
    expect(tally()).toEqual({});
    // A genuine re-add, newer than the removal, counts.
    await h.emulator.event(reaction('reaction_added', 'UALICE', 'three', at(3)), { eventId: 'EvREADD' });
    expect(tally()).toEqual({ 'P-3': 1 });
    // …and a late removal older than that re-add does not take it away.
    await h.emulator.event(reaction('reaction_removed', 'UALICE', 'three', at(2.5)), { eventId: 'EvOLDRM' });
    expect(tally()).toEqual({ 'P-3': 1 });
    // A removal on one poll says nothing about the same reaction on another: Bob's older :one: in IT stands.
    await h.emulator.event(reaction('reaction_removed', 'UBOB', 'one', at(5)), { eventId: 'EvBOBRM' });
    await h.emulator.event(reaction('reaction_added', 'UBOB', 'one', at(4), CHANNELS.it), {
      eventId: 'EvBOBIT',
    });
    expect(tally()).toEqual({ 'P-1': 1, 'P-3': 1 });
    // The newest removal wins in the end.
    await h.emulator.event(reaction('reaction_removed', 'UALICE', 'three', at(6)), { eventId: 'EvRM2' });
    expect(tally()).toEqual({ 'P-1': 1 });
  });

  it('a vote on a closed round’s poll counts for nothing', async () => {
    await h.cx('UADMIN', 'round close');
    await react('UALICE', CHANNELS.sales, 'one');
    expect(count('select count(*) as n from votes')).toBe(0);
  });
});

/**
 * The crowd is sent from this process to a bot in this process, up to 128 deliveries in flight. The bot acks
 * each within milliseconds of its arrival (its ack histogram), but a delivery's wall time from the sender
 * also counts its wait for this one shared thread and, in the first burst, for new connections: up to about
 * 1.3 s on a quiet machine, and past the emulator's default 10 s when the machine is loaded (a full suite and
 * the browser test beside it). The emulator's timeout is only a guard against a hung delivery here, so it
 * gets room for that queue; the test's own 120 s still bounds the whole.
 */
describe('a crowd of voters', () => {
  beforeEach(() => startWithOpenRound({ deliveryTimeoutMs: 60_000 }));

  it('2,000 voters × 10 options, delivered concurrently with every kind of noise: the exact intended ranking', async () => {
    for (let i = 5; i <= 10; i++) await pain('UBOB', `Problem ${i}`);
    await h.cx('UADMIN', 'round close');
    // A fresh month with all ten on the poll.
    h.clock.set(new Date('2026-04-06T10:00:00Z'));
    await openAsAdmin();
    const polls = DEPTS.map((channel) => ({ channel, ts: posted(channel, 'poll:2026-04')[0]?.ts ?? '' }));
    const stray = await h.emulator.userMessage({ userId: 'UALICE', channelId: CHANNELS.it, text: 'lunch?' });
    const plan = planVotes({
      voters: 2000,
      options: 10,
      polls,
      stray: { channel: stray.channel, ts: stray.ts },
      botUserId: h.emulator.botUserId,
      seed: 7,
    });
    for (const user of plan.voters) {
      h.emulator.addUser({ id: user, name: user.toLowerCase() });
      for (const channel of DEPTS) h.emulator.joinChannel(channel, user);
    }
    expect(plan.deliveries).toBeGreaterThan(7000);
    expect(await deliverPlan(h.emulator, plan, 64)).toBe(0);
    const voteEvents = `select count(*) as n from processed_events where key like 'event:%'`;
    await eventually(() => count(voteEvents) >= plan.voteEventIds, 20_000);
    await eventually(
      () => h.emulator.ephemerals.filter((e) => e.text.includes('was not counted')).length >= plan.overLimit,
      20_000,
    );
    expect(h.emulator.ephemerals.filter((e) => e.text.includes('was not counted'))).toHaveLength(
      plan.overLimit,
    );

    // Every voter votes for exactly what they meant to.
    const options = all<{ position: number; pain_point_id: number }>(
      `select position, pain_point_id from round_options join rounds on rounds.id = round_id where month = '2026-04'`,
    );
    const positionOf = new Map(options.map((o) => [o.pain_point_id, o.position]));
    const painPointAt = (position: number) =>
      options.find((o) => o.position === position)?.pain_point_id ?? -1;
    const counted = new Map<string, number[]>();
    for (const r of all<{ voter_id: string; pain_point_id: number }>(
      `select distinct voter_id, pain_point_id from votes join rounds on rounds.id = round_id where month = '2026-04'`,
    )) {
      counted.set(r.voter_id, [...(counted.get(r.voter_id) ?? []), positionOf.get(r.pain_point_id) ?? -1]);
    }
    plan.voters.forEach((voter, i) => {
      expect([voter, (counted.get(voter) ?? []).sort((a, b) => a - b)]).toEqual([voter, plan.choices[i]]);
    });

    // Closed: the posted ranking is the one the intended votes give.
    await h.cx('UADMIN', 'round close');
    await settle();
    const expected = intendedRanking(plan, painPointAt);
    const results = posted(CHANNELS.hub, 'results:2026-04')[0];
    expect(expected).toHaveLength(10);
    const payload = h.bot.ctx.handle.sqlite
      .prepare(`select payload from outbox where idempotency_key = 'results:2026-04:hub'`)
      .pluck()
      .get() as string;
    const lines = (JSON.parse(payload) as { lines: { painPointId: number; votes: number }[] }).lines;
    expect(lines.map((l) => ({ painPointId: l.painPointId, votes: l.votes }))).toEqual(expected);
    for (const line of expected) expect(shown(results)).toContain(`P-${line.painPointId} (${line.votes})`);
  }, 120_000);
});

describe('closing the round', () => {
  beforeEach(async () => {
    await start();
    for (const [text, channel] of [
      ['Invoices are hard to read', CHANNELS.sales],
      ['Password reset takes days', CHANNELS.it],
      ['Chat is slow', CHANNELS.service],
      ['No dark mode', CHANNELS.marketing],
    ] as const) {
      await pain('UALICE', text, channel);
    }
    await openAsAdmin();
    // P-2: 2 votes, P-3: 1, P-4: 1 (a tie: P-3 was raised first, so it ranks 2nd and P-4 3rd), P-1: none.
    await react('UALICE', CHANNELS.sales, 'two');
    await react('UBOB', CHANNELS.it, 'two');
    await react('UBOB', CHANNELS.it, 'four');
    await react('UADMIN', CHANNELS.marketing, 'three');
  });

  it('posts the ranked results to every bound channel once, with the breakdown in the thread', async () => {
    const reply = h.replyText(await h.cx('UADMIN', 'round close'));
    expect(reply).toMatch(/Closed the March 2026 vote \(3 voters\)/);
    expect(h.replyText(await h.cx('UADMIN', 'round close'))).toMatch(/No vote is open/);
    await settle();
    for (const channel of [...DEPTS, CHANNELS.hub]) {
      const results = posted(channel, 'results:');
      expect(results).toHaveLength(1);
      const text = shown(results[0]);
      const order = ['P-2', 'P-3', 'P-4', 'P-1'].map((ref) => text.indexOf(`*${ref}*`));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(text).toContain('*1.* *P-2* Password reset takes days · *2 votes* · _IT_');
      expect(text).toContain('*2.* *P-3* Chat is slow · *1 vote* · _Service_');
      expect(text).toContain('*3.* *P-4* No dark mode · *1 vote* · _Marketing_');
      expect(text).toContain('*4.* *P-1* Invoices are hard to read · *0 votes*');
      const replies = posted(channel, 'results-detail:');
      expect(replies).toHaveLength(1);
      expect(replies[0]?.thread_ts).toBe(results[0]?.ts);
      expect(shown(replies[0])).toMatch(/P-2\* Password reset takes days: 2 votes \(IT 1 · Sales 1\)/);
    }
    // Adopt buttons on the top three with votes.
    const buttons = JSON.stringify(posted(CHANNELS.sales, 'results:')[0]?.blocks).match(
      /cx_adopt_pain_point/g,
    );
    expect(buttons).toHaveLength(3);
    // The job finds nothing left to close.
    h.clock.set(new Date('2026-03-07T10:05:00Z'));
    await h.bot.scheduler.tick(h.clock.now());
    await settle();
    expect(posted(CHANNELS.hub, 'results:')).toHaveLength(1);
  });

  it('the hourly job closes the round once its five days are over', async () => {
    await h.bot.scheduler.tick(new Date('2026-03-07T09:05:00Z'));
    expect(one('select status from rounds')).toEqual({ status: 'open' });
    const [outcome] = await h.bot.scheduler.tick(new Date('2026-03-07T10:05:00Z'));
    expect(outcome).toMatchObject({ job: 'round-close', status: 'done' });
    expect(outcome?.summary).toMatch(/round 2026-03 closed \(3 voter/);
    await h.bot.scheduler.tick(new Date('2026-03-07T11:05:00Z'));
    await settle();
    expect(one('select status from rounds')).toEqual({ status: 'closed' });
    expect(posted(CHANNELS.sales, 'results:')).toHaveLength(1);
  });

  it('/cx round status: live standings while open, the last results after', async () => {
    const live = h.replyText(await h.cx('UBOB', 'round status'));
    expect(live).toMatch(
      /Live standings of the March 2026 vote\* \(3 voters so far, closes <!date\^1772877600\^\{date_short_pretty\} \{time\}\|Sat, 7 Mar 2026, 10:00 \(UTC\)>\)/,
    );
    expect(live).toContain('1. P-2 (2), 2. P-3 (1), 3. P-4 (1), 4. P-1 (0)');
    // In German the verb comes second: "3 Personen haben bisher abgestimmt" (it said "bisher 3 Personen haben…").
    await h.cx('UBOB', 'lang de');
    expect(h.replyText(await h.cx('UBOB', 'round status'))).toContain(
      '(3 Personen haben bisher abgestimmt, endet',
    );
    await h.cx('UBOB', 'lang en');
    await h.cx('UADMIN', 'round close');
    const last = h.replyText(await h.cx('UBOB', 'round'));
    expect(last).toMatch(/Results of the March 2026 vote\* \(3 voters\)/);
    expect(last).toContain('1. P-2 (2)');
  });

  it('Adopt as initiative opens the New initiative modal pre-filled; the initiative keeps its pain point', async () => {
    await h.cx('UADMIN', 'round close');
    await settle();
    const results = posted(CHANNELS.sales, 'results:')[0];
    await h.emulator.blockAction({
      userId: 'UBOB',
      actionId: ACTION.adoptPainPoint,
      value: 'P-2',
      channelId: CHANNELS.sales,
      messageTs: results?.ts,
    });
    const viewId = await openedView(h.emulator, 'UBOB');
    const view = h.emulator.view(viewId);
    expect(JSON.stringify(view?.blocks)).toContain('Password reset takes days');
    expect(JSON.parse(view?.private_metadata ?? '{}')).toMatchObject({ painPointId: 2 });
    const res = await h.emulator.viewSubmission({ userId: 'UBOB', viewId });
    expect(res.problems).toEqual([]);
    expect(one('select id, title, lead_dept, pain_point_id from initiatives')).toEqual({
      id: 1,
      title: 'Password reset takes days',
      lead_dept: 'it',
      pain_point_id: 2,
    });
    expect(one('select status, adopted_initiative_id from pain_points where id = 2')).toEqual({
      status: 'adopted',
      adopted_initiative_id: 1,
    });
    const note = await eventually(() => h.emulator.ephemerals.find((e) => e.user === 'UBOB'));
    expect(note.text).toMatch(/I-1.*adopted from \*P-2\*/);
    expect(JSON.stringify((await h.cx('UALICE', 'show P-2')).body)).toMatch(/adopted as \*I-1\*/);
    // A second click says so instead of opening another modal.
    const opened = h.emulator.callsTo('views.open').length;
    await h.emulator.blockAction({
      userId: 'UALICE',
      actionId: ACTION.adoptPainPoint,
      value: 'P-2',
      channelId: CHANNELS.sales,
      messageTs: results?.ts,
    });
    await eventually(() =>
      h.emulator.ephemerals.find((e) => e.user === 'UALICE' && /already adopted/.test(e.text)),
    );
    expect(h.emulator.callsTo('views.open')).toHaveLength(opened);
    // Next month: the adopted one leaves the vote, the others carry over.
    h.clock.set(new Date('2026-04-06T10:00:00Z'));
    await openAsAdmin();
    expect(
      all<{ p: number }>(
        `select pain_point_id as p from round_options join rounds on rounds.id = round_id where month = '2026-04' order by position`,
      ).map((r) => r.p),
    ).toEqual([3, 4, 1]);
  });

  it('two people adopting the same pain point at once: one initiative, the other is told by whom and as what', async () => {
    await h.cx('UADMIN', 'round close');
    await settle();
    const results = posted(CHANNELS.sales, 'results:')[0];
    // Both press Adopt before either submits: both get the modal.
    const views: string[] = [];
    for (const userId of ['UADMIN', 'UBOB']) {
      const opened = h.emulator.callsTo('views.open').length;
      await h.emulator.blockAction({
        userId,
        actionId: ACTION.adoptPainPoint,
        value: 'P-2',
        channelId: CHANNELS.sales,
        messageTs: results?.ts,
      });
      views.push(await openedView(h.emulator, userId, opened));
    }
    const [a, b] = await Promise.all([
      h.emulator.viewSubmission({ userId: 'UADMIN', viewId: views[0] ?? '' }),
      h.emulator.viewSubmission({ userId: 'UBOB', viewId: views[1] ?? '' }),
    ]);
    expect(count('select count(*) as n from initiatives')).toBe(1);
    const winner = one<{ id: number; created_by: string; pain_point_id: number }>(
      'select id, created_by, pain_point_id from initiatives',
    );
    expect(winner).toMatchObject({ id: 1, pain_point_id: 2 });
    expect(one('select status, adopted_initiative_id from pain_points where id = 2')).toEqual({
      status: 'adopted',
      adopted_initiative_id: 1,
    });
    const [won, lost] = winner.created_by === 'UADMIN' ? [a, b] : [b, a];
    expect(won.body).toBeFalsy();
    expect(won.viewClosed).toBe(true);
    const refusal = JSON.stringify(lost.body);
    expect(lost.viewClosed).toBe(false);
    expect(refusal).toContain('"response_action":"errors"');
    expect(refusal).toMatch(new RegExp(`P-2.*already adopted.*I-1.*<@${winner.created_by}>`));
    // One history entry for the adoption, by the winner.
    expect(
      all(`select actor_id, note from history where entity = 'P' and entity_id = 2 and kind = 'adopted'`),
    ).toEqual([{ actor_id: winner.created_by, note: 'I-1' }]);
  });

  it('/cx show P-n shows the pain point with its votes', async () => {
    await h.cx('UADMIN', 'round close');
    const text = h.replyText(await h.cx('UBOB', 'show p-2'));
    expect(text).toContain('P-2 Password reset takes days');
    const reply = (await h.cx('UBOB', 'show p-2')).body as { blocks: unknown[] };
    expect(JSON.stringify(reply.blocks)).toMatch(/March 2026: 2 votes/);
    expect(JSON.stringify(reply.blocks)).toContain('logged with `/cx pain`');
    expect(h.replyText(await h.cx('UBOB', 'show P-99'))).toMatch(/There is no `P-99`/);
  });
});

describe('text safety', () => {
  beforeEach(() => start());

  it('markup in pain points pings nobody, and 3,000 characters are clipped where Block Kit requires', async () => {
    const markup = '<!channel> <@UBOB> *bold* :tada: 🎉 & <https://evil.example|click>';
    await pain('UALICE', markup);
    const long = `${markup} ${'x'.repeat(3000 - markup.length - 1)}`;
    expect(long).toHaveLength(3000);
    const said = await h.emulator.userMessage({ userId: 'UBOB', channelId: CHANNELS.it, text: long });
    await h.emulator.shortcut({
      userId: 'UALICE',
      callbackId: 'log_pain_point',
      channelId: CHANNELS.it,
      messageTs: said.ts,
    });
    const viewId = await openedView(h.emulator, 'UALICE');
    expect((await h.emulator.viewSubmission({ userId: 'UALICE', viewId })).problems).toEqual([]);
    // Stored as typed (Slack adds the name to a mention it resolved: `<@UBOB|bob>`).
    const stored = all<{ text: string }>('select text from pain_points order by id').map((r) => r.text);
    const asSlackWroteIt = markup.replace('<@UBOB>', '<@UBOB|bob>');
    expect(stored[0]).toBe(asSlackWroteIt);
    expect(stored[1]?.startsWith(asSlackWroteIt)).toBe(true);
    expect(stored[1]?.length).toBeGreaterThanOrEqual(3000);

    await openAsAdmin();
    await react('UBOB', CHANNELS.it, 'two');
    h.replyText(await h.cx('UADMIN', 'round close'));
    await settle();
    const said2 = [
      pollIn(CHANNELS.it),
      posted(CHANNELS.it, 'results:')[0],
      posted(CHANNELS.it, 'results-detail:')[0],
    ];
    for (const m of said2) {
      const text = shown(m);
      // The typed mention of Bob stays a mention (the contract: text from people stays text); the rest is inert.
      expect(text).not.toMatch(/<!channel>|<@UBOB\||<https:/);
      expect(text).toContain('&lt;!channel&gt; <@UBOB> *bold* :tada: 🎉 &amp;');
    }
    expect(shown(pollIn(CHANNELS.it))).toContain('…');
    // Slack (the emulator) accepted every post: nothing is dead or held.
    expect(count(`select count(*) as n from outbox where status != 'sent'`)).toBe(0);
    for (const ref of ['P-1', 'P-2']) {
      // Header blocks are plain_text, which Slack never parses for mentions; everything else is mrkdwn.
      const reply = (await h.cx('UALICE', `show ${ref}`)).body as {
        text: string;
        blocks: { type: string }[];
      };
      const mrkdwn = reply.blocks.filter((b) => b.type !== 'header');
      expect(`${reply.text}${JSON.stringify(mrkdwn)}`).not.toMatch(/<!channel>|<@UBOB\|/);
    }
    const confirmation = await pain('UALICE', long.slice(0, 1999));
    expect(confirmation).not.toMatch(/<!channel>/);
  });
});
