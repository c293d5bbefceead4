/**
 * Issue 15, the clock of unanswered requests (the `asks` job): bumped once in the request's thread after 2
 * working days, escalated once to the hub and the initiative's owner after 5 — in CX_TIMEZONE, inside
 * working hours (09:30–17:30, Mon–Fri), across a weekend and a DST change, caught up after downtime.
 * Through the real bot, its scheduler and the Slack emulator; time only from the injected clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { zonedTime } from '../../src/domain/dates.js';
import { asksJob } from '../../src/jobs/asks.js';
import type { EmuMessage } from '../../src/sandbox/emulator/index.js';
import { ACTION } from '../../src/slack/ids.js';
import { CHANNELS, eventually, type Harness, type HarnessOptions, startHarness } from '../support/harness.js';

const HALF_HOUR = 30 * 60_000;

let h: Harness;
afterEach(async () => {
  await h.stop();
});

async function start(now: string, options: HarnessOptions = {}) {
  h = await startHarness({ now: new Date(now), jobs: [asksJob], ...options });
  await h.bot.scheduler.idle();
}

const keyOf = (m: EmuMessage) => String(m.metadata?.event_payload?.key ?? '');
const withKey = (messages: EmuMessage[], key: string) => messages.filter((m) => keyOf(m) === key);
const rows = (sql: string) => h.bot.handle.sqlite.prepare(sql).all() as Record<string, unknown>[];

/** UALICE owns I-1 (lead marketing); UBOB asks IT for something at `at`, from the sales channel. */
async function askAt(at: string) {
  h.clock.set(new Date(at));
  await h.cx('UALICE', 'new Faster refunds lead:marketing');
  await h.cx('UBOB', 'ask it I-1 Export of last year’s refund tickets', CHANNELS.sales);
  await h.drain();
}

async function tickAt(at: Date) {
  h.clock.set(at);
  await h.bot.scheduler.tick(at);
  await h.drain();
}

/** `2026-03-09 Mon 10:00` in `zone`. */
function localStamp(at: Date, zone: string): string {
  const z = zonedTime(at, zone);
  const day = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][z.weekday];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${z.year}-${pad(z.month)}-${pad(z.day)} ${day} ${pad(z.hour)}:${pad(z.minute)}`;
}

/**
 * R-1 asked on Monday 2 March and bumped on Wednesday; the next Monday at 17:30 its escalation is queued and the
 * process dies before its posts go out. The bot is back at 20:00 (`h`), the escalation still queued.
 */
async function escalationHeldUntilEvening() {
  await start('2026-03-02T10:00:00Z');
  await askAt('2026-03-02T10:00:00Z');
  await tickAt(new Date('2026-03-04T10:00:00Z'));
  await h.bot.notifier.stop();
  h.clock.set(new Date('2026-03-09T17:30:00Z'));
  await h.bot.scheduler.tick(h.clock.now());
  await h.bot.scheduler.idle();
  const databasePath = h.config.databasePath;
  await h.stop();
  await start('2026-03-09T20:00:00Z', { databasePath });
}

/** Runs the schedule every 30 minutes from `from` to `to`; when each of the clock's posts arrived. */
async function arrivals(zone: string, from: string, to: string) {
  const seen = { bump: [] as string[], hub: [] as string[], owner: [] as string[] };
  const count = () => ({
    bump: withKey(h.emulator.messages(CHANNELS.it), 'request-bump:R-1').length,
    hub: withKey(h.emulator.messages(CHANNELS.hub), 'request-escalation:R-1:hub').length,
    owner: withKey(h.emulator.dms('UALICE'), 'request-escalation:R-1:owner').length,
  });
  for (let t = new Date(from).getTime(); t <= new Date(to).getTime(); t += HALF_HOUR) {
    const before = count();
    await tickAt(new Date(t));
    const after = count();
    for (const k of ['bump', 'hub', 'owner'] as const) {
      for (let i = before[k]; i < after[k]; i++) seen[k].push(localStamp(new Date(t), zone));
    }
  }
  return seen;
}

describe('the asks job', () => {
  it('across a weekend: asked Thursday 10:00, bumped Monday 10:00 in the thread, escalated the next Thursday 10:00', async () => {
    await start('2026-03-05T10:00:00Z');
    await askAt('2026-03-05T10:00:00Z');
    const seen = await arrivals('UTC', '2026-03-05T10:00:00Z', '2026-03-13T12:00:00Z');
    expect(seen).toEqual({
      bump: ['2026-03-09 Mon 10:00'],
      hub: ['2026-03-12 Thu 10:00'],
      owner: ['2026-03-12 Thu 10:00'],
    });
    // The bump is a reply in the request's own thread.
    const post = withKey(h.emulator.messages(CHANNELS.it), 'request:R-1')[0];
    const bump = withKey(h.emulator.messages(CHANNELS.it), 'request-bump:R-1')[0];
    expect(bump?.thread_ts).toBe(post?.ts);
    expect(bump?.text).toContain('This request has waited 2 working days for an answer');
    expect(bump?.text).toContain('Can someone in IT take it, or say why not? <@UBOB> is waiting.');
    const hub = withKey(h.emulator.messages(CHANNELS.hub), 'request-escalation:R-1:hub')[0];
    expect(JSON.stringify(hub?.blocks)).toContain('Sales has waited 5 working days for IT');
    const owner = withKey(h.emulator.dms('UALICE'), 'request-escalation:R-1:owner')[0];
    expect(JSON.stringify(owner?.blocks)).toContain('Your initiative *I-1* Faster refunds is waiting');
    const history = JSON.stringify((await h.cx('UBOB', 'show R-1')).body);
    expect(history).toContain('bumped in the thread');
    expect(history).toContain('escalated to the hub and the initiative’s owner');
  });

  it('across a DST change (Europe/Berlin): asked Friday 10:00, bumped Tuesday 10:00 local time', async () => {
    const zone = 'Europe/Berlin';
    await start('2026-03-27T09:00:00Z', { timeZone: zone });
    await askAt('2026-03-27T09:00:00Z');
    const seen = await arrivals(zone, '2026-03-27T09:00:00Z', '2026-03-31T12:00:00Z');
    // 10:00 CEST is 08:00Z; counting 24-hour days from 09:00Z would have said 11:00.
    expect(seen.bump).toEqual(['2026-03-31 Tue 10:00']);
  });

  it('waits for working hours: asked Monday 17:45, bumped Thursday 09:30, escalated Tuesday 09:30', async () => {
    await start('2026-03-02T17:45:00Z');
    await askAt('2026-03-02T17:45:00Z');
    const seen = await arrivals('UTC', '2026-03-02T18:00:00Z', '2026-03-10T12:00:00Z');
    expect(seen).toEqual({
      bump: ['2026-03-05 Thu 09:30'],
      hub: ['2026-03-10 Tue 09:30'],
      owner: ['2026-03-10 Tue 09:30'],
    });
  });

  it('an escalation queued at 17:30 but not delivered (the bot went down) goes out at 09:30, not at night', async () => {
    await escalationHeldUntilEvening();
    // Back at 20:00: the escalation waits for working hours, then goes out once.
    await h.drain();
    const escalations = () => ({
      hub: withKey(h.emulator.messages(CHANNELS.hub), 'request-escalation:R-1:hub').length,
      owner: withKey(h.emulator.dms('UALICE'), 'request-escalation:R-1:owner').length,
    });
    expect(escalations()).toEqual({ hub: 0, owner: 0 });
    expect(rows(`select status from outbox where kind = 'request_escalation'`)).toEqual([
      { status: 'pending' },
      { status: 'pending' },
    ]);
    await tickAt(new Date('2026-03-10T09:00:00Z'));
    expect(escalations()).toEqual({ hub: 0, owner: 0 });
    await tickAt(new Date('2026-03-10T09:30:00Z'));
    expect(escalations()).toEqual({ hub: 1, owner: 1 });
  });

  it('a post waiting for working hours keeps its place, not its lane: what comes after it goes at once', async () => {
    await escalationHeldUntilEvening();
    // Back at 20:00 the escalation to UALICE waits for 09:30. Work given to her now is told now: the DM
    // behind the escalation in her lane does not wait for it.
    await h.cx('UBOB', 'log I-1 Send the refund export to finance <@UALICE> due:+3d', CHANNELS.sales);
    await h.drain();
    const dms = () => h.emulator.dms('UALICE').map(keyOf);
    expect(dms().filter((k) => k.startsWith('assigned:'))).toHaveLength(1);
    expect(dms()).not.toContain('request-escalation:R-1:owner');
    // The escalation still goes first thing in the morning, once.
    await tickAt(new Date('2026-03-10T09:30:00Z'));
    expect(dms().filter((k) => k === 'request-escalation:R-1:owner')).toHaveLength(1);
  });

  it('catches up after downtime once: a run after a week does the bump and the escalation, each exactly once', async () => {
    await start('2026-03-02T10:00:00Z');
    await askAt('2026-03-02T10:00:00Z');
    // Down for eight days: the next run (a catch-up tick) is the Tuesday after next, 11:00.
    await tickAt(new Date('2026-03-10T11:00:00Z'));
    await tickAt(new Date('2026-03-10T11:00:00Z'));
    await tickAt(new Date('2026-03-10T11:30:00Z'));
    expect(await h.bot.scheduler.runNow('asks', new Date('2026-03-10T12:10:00Z'))).toMatchObject({
      status: 'done',
    });
    await h.drain();
    expect(withKey(h.emulator.messages(CHANNELS.it), 'request-bump:R-1')).toHaveLength(1);
    expect(withKey(h.emulator.messages(CHANNELS.hub), 'request-escalation:R-1:hub')).toHaveLength(1);
    expect(withKey(h.emulator.dms('UALICE'), 'request-escalation:R-1:owner')).toHaveLength(1);
  });

  it('a run by hand outside working hours (`--at` a Saturday) posts nothing', async () => {
    await start('2026-03-02T10:00:00Z');
    await askAt('2026-03-02T10:00:00Z');
    const { job_runs: _, ...before } = h.snapshot();
    expect(await h.bot.scheduler.runNow('asks', new Date('2026-03-14T10:00:00Z'))).toMatchObject({
      status: 'done',
      summary: '0 requests bumped, 0 requests escalated',
    });
    await h.drain();
    const { job_runs: __, ...after } = h.snapshot();
    expect(after).toEqual(before);
  });

  it('with no hub bound, the escalation is the owner’s DM alone (nothing held for an unbound hub)', async () => {
    await start('2026-03-02T10:00:00Z', { bind: ['marketing', 'sales', 'service', 'it'] });
    await askAt('2026-03-02T10:00:00Z');
    await tickAt(new Date('2026-03-10T11:00:00Z'));
    expect(rows(`select idempotency_key, status from outbox where kind = 'request_escalation'`)).toEqual([
      { idempotency_key: 'request-escalation:R-1:owner', status: 'sent' },
    ]);
  });

  it('a request of a closed initiative is neither bumped nor escalated', async () => {
    await start('2026-03-02T10:00:00Z');
    await askAt('2026-03-02T10:00:00Z');
    await h.cx('UALICE', 'close I-1 Solved another way');
    await tickAt(new Date('2026-03-10T11:00:00Z'));
    expect(rows(`select kind from outbox where kind in ('request_bump', 'request_escalation')`)).toEqual([]);
  });

  it('an answered request is neither bumped nor escalated', async () => {
    await start('2026-03-02T10:00:00Z');
    await askAt('2026-03-02T10:00:00Z');
    const post = withKey(h.emulator.messages(CHANNELS.it), 'request:R-1')[0] as EmuMessage;
    await h.emulator.blockAction({
      userId: 'UADMIN',
      actionId: ACTION.requestTake,
      value: 'R-1',
      channelId: CHANNELS.it,
      messageTs: post.ts,
    });
    await eventually(() => rows(`select status from requests where status = 'taken'`).length === 1);
    await tickAt(new Date('2026-03-10T11:00:00Z'));
    expect(rows(`select kind from outbox where kind in ('request_bump', 'request_escalation')`)).toEqual([]);
  });
});
