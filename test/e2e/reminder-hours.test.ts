/**
 * Issue 12: reminder DMs only inside the recipient's own working hours (09:30–17:30, Monday to Friday, in
 * their `users.info` tz), whatever runs the job — the schedule, the catch-up at start-up, or a run by hand
 * with `--at` — and a greeting that fits their hour. Through the real bot, its scheduler and the emulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { zonedTime } from '../../src/domain/dates.js';
import { remindersJob } from '../../src/jobs/reminders.js';
import type { EmuMessage } from '../../src/sandbox/emulator/index.js';
import { eventually, type Harness, startHarness } from '../support/harness.js';
import { daysBefore, seedAction, seedInitiative } from '../support/seed.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const HALF_HOUR = 30 * 60_000;

async function start(now: string, options: { timeZone?: string; databasePath?: string } = {}) {
  h = await startHarness({ now: new Date(now), jobs: [remindersJob], ...options });
  // The run the bot starts with (catch-up) is over before the test seeds anything.
  await h.bot.scheduler.idle();
  h.emulator.addUser({ id: 'UNY', name: 'liam', tz: 'America/New_York' });
  h.emulator.addUser({ id: 'UBER', name: 'berta', tz: 'Europe/Berlin' });
  h.emulator.addUser({ id: 'ULEAD', name: 'lead', tz: 'UTC' });
  return h;
}

/** Moves the bot's clock to `at`, runs whatever the schedule has due then, and waits for the posts. */
async function runAt(harness: Harness, at: Date | string) {
  harness.clock.set(new Date(at));
  await harness.bot.scheduler.tick(harness.clock.now());
  await harness.drain();
}

/** Runs the schedule every 30 minutes from `from` to `to` (inclusive) and says when `userId` got a DM. */
async function arrivals(harness: Harness, userId: string, zone: string, from: string, to: string) {
  const seen: string[] = [];
  for (let t = new Date(from).getTime(); t <= new Date(to).getTime(); t += HALF_HOUR) {
    const before = harness.emulator.dms(userId).length;
    await runAt(harness, new Date(t));
    if (harness.emulator.dms(userId).length > before) seen.push(localStamp(new Date(t), zone));
  }
  return seen;
}

/** `2026-03-03 Tue 09:30` in `zone`. */
function localStamp(at: Date, zone: string): string {
  const z = zonedTime(at, zone);
  const day = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][z.weekday];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${z.year}-${pad(z.month)}-${pad(z.day)} ${day} ${pad(z.hour)}:${pad(z.minute)}`;
}

const textOf = (m: EmuMessage | undefined) => JSON.stringify(m?.blocks ?? []);

/** One action of `ownerId`, stalled for 9 days at `at`. */
function stalledActionOf(harness: Harness, ownerId: string, at: string): number {
  const db = harness.bot.handle.sqlite;
  const i = seedInitiative(db, { ownerId: 'ULEAD' });
  return seedAction(db, { initiativeId: i, ownerId, lastActivityAt: daysBefore(new Date(at), 9) });
}

describe("reminders come only in the owner's own working hours", () => {
  it('New York: nothing at 21:00 their time (02:00 UTC); the DM at their 09:30 the next morning, once', async () => {
    // Monday 2 March, 20:00 in New York (01:00 UTC on Tuesday); CX_TIMEZONE is UTC.
    const harness = await start('2026-03-03T01:00:00Z');
    const a = stalledActionOf(harness, 'UNY', '2026-03-03T01:00:00Z');
    const seen = await arrivals(
      harness,
      'UNY',
      'America/New_York',
      '2026-03-03T02:00:00Z',
      '2026-03-03T22:00:00Z',
    );
    expect(seen).toEqual(['2026-03-03 Tue 09:30']);
    const dm = harness.emulator.dms('UNY')[0];
    expect(textOf(dm)).toContain(`A-${a}`);
    expect(textOf(dm)).toContain('Good morning');
  });

  it('nothing at 17:31 on Friday, nothing on Saturday or Sunday; Monday 09:30 (after the DST change)', async () => {
    // Friday 6 March, 17:00 in New York (EST). Summer time starts on Sunday 8 March.
    const harness = await start('2026-03-06T22:00:00Z');
    stalledActionOf(harness, 'UNY', '2026-03-06T22:00:00Z');
    // 17:31 EST: the half-hourly run of 17:30, started a minute late.
    const seen = await arrivals(
      harness,
      'UNY',
      'America/New_York',
      '2026-03-06T22:31:00Z',
      '2026-03-09T16:01:00Z',
    );
    expect(seen).toEqual(['2026-03-09 Mon 09:31']);
  });

  it('the 17:30 run still counts; a person already reminded that day gets nothing more', async () => {
    // Tuesday 3 March, 17:30 in Berlin (CET): 16:30 UTC.
    const harness = await start('2026-03-03T16:00:00Z');
    stalledActionOf(harness, 'UBER', '2026-03-03T16:00:00Z');
    const seen = await arrivals(
      harness,
      'UBER',
      'Europe/Berlin',
      '2026-03-03T16:30:00Z',
      '2026-03-04T08:00:00Z',
    );
    expect(seen).toEqual(['2026-03-03 Tue 17:30']);
  });

  it('the greeting fits the hour: 15:00 in Berlin is an afternoon', async () => {
    const harness = await start('2026-03-03T13:00:00Z');
    stalledActionOf(harness, 'UBER', '2026-03-03T13:00:00Z');
    await runAt(harness, '2026-03-03T14:00:00Z'); // 15:00 in Berlin
    const dm = harness.emulator.dms('UBER')[0];
    expect(textOf(dm)).toContain('Good afternoon');
    expect(textOf(dm)).not.toContain('morning');
  });

  it('catch-up at start-up outside their hours sends nothing; the next run inside them does', async () => {
    // The bot runs on Wednesday morning in New York, stops, and comes back at 21:10 that evening.
    let harness = await start('2026-03-04T15:00:00Z', { timeZone: 'America/New_York' });
    const a = stalledActionOf(harness, 'UNY', '2026-03-04T15:00:00Z');
    const databasePath = harness.config.databasePath;
    await harness.stop();
    h = undefined;

    harness = await start('2026-03-05T02:10:00Z', { timeZone: 'America/New_York', databasePath });
    await harness.drain();
    // The catch-up run the bot started with did run (for the 02:00 UTC slot, 21:00 in New York).
    const runs = harness.bot.handle.sqlite
      .prepare(`select period, status from job_runs where job = 'reminders' and period like '2026-03-05%'`)
      .all();
    expect(runs).toEqual([{ period: '2026-03-05T02:00Z', status: 'done' }]);
    expect(harness.emulator.dms('UNY')).toHaveLength(0);

    // Thursday 09:30 in New York.
    await runAt(harness, '2026-03-05T14:00:00Z');
    expect(harness.emulator.dms('UNY')).toHaveLength(0);
    await runAt(harness, '2026-03-05T14:30:00Z');
    expect(harness.emulator.dms('UNY')).toHaveLength(1);
    expect(textOf(harness.emulator.dms('UNY')[0])).toContain(`A-${a}`);
  });

  it('a run by hand (`job reminders --at`) outside their hours sends nothing and leaves it for the next run', async () => {
    const harness = await start('2026-03-03T12:00:00Z');
    stalledActionOf(harness, 'UNY', '2026-03-03T12:00:00Z');
    // Tuesday 21:00 in New York.
    harness.clock.set(new Date('2026-03-04T02:00:00Z'));
    const outcome = await harness.bot.scheduler.runNow('reminders', new Date('2026-03-04T02:00:00Z'));
    await harness.drain();
    expect(outcome).toMatchObject({ status: 'done' });
    expect(harness.emulator.dms('UNY')).toHaveLength(0);

    await runAt(harness, '2026-03-04T14:30:00Z'); // Wednesday 09:30 there
    expect(harness.emulator.dms('UNY')).toHaveLength(1);
  });
});

describe('a reminder that could not go out in working hours is dropped, not delivered late', () => {
  it('queued at 17:30, Slack says wait, the bot is back at 21:00: no DM that night; the action comes again at 09:30', async () => {
    // Tuesday 3 March, 17:00 in Berlin (CET): 16:00 UTC.
    let harness = await start('2026-03-03T16:00:00Z');
    const a = stalledActionOf(harness, 'UBER', '2026-03-03T16:00:00Z');
    const databasePath = harness.config.databasePath;
    // The 17:30 run queues the DM; Slack answers its post with a long rate limit, then the bot goes down.
    harness.emulator.failNext('chat.postMessage', { status: 429, retryAfter: 3600 });
    harness.clock.set(new Date('2026-03-03T16:30:00Z'));
    await harness.bot.scheduler.tick(harness.clock.now());
    await harness.bot.scheduler.idle();
    const emulator = harness.emulator;
    await eventually(() => emulator.callsTo('chat.postMessage').some((c) => c.status === 429));
    await harness.stop();
    h = undefined;

    // Back at 21:00 in Berlin: the queued DM is past its working day.
    harness = await start('2026-03-03T20:00:00Z', { databasePath });
    await harness.drain();
    expect(harness.emulator.dms('UBER')).toHaveLength(0);
    const sqlite = harness.bot.handle.sqlite;
    expect(sqlite.prepare(`select status from outbox where kind = 'reminder'`).all()).toEqual([
      { status: 'expired' },
    ]);
    // Nobody was reminded, so nothing counts as a reminder (the 7-day rule, the three unanswered).
    expect(sqlite.prepare('select * from reminders_sent').all()).toEqual([]);

    // Wednesday 09:30 in Berlin: the action is listed again.
    await runAt(harness, '2026-03-04T08:30:00Z');
    const dms = harness.emulator.dms('UBER');
    expect(dms).toHaveLength(1);
    expect(textOf(dms[0])).toContain(`A-${a}`);
  });

  it('one that Slack would not take (the person cannot be DMed) keeps its records: no new try every day', async () => {
    let harness = await start('2026-03-03T16:00:00Z');
    stalledActionOf(harness, 'UBER', '2026-03-03T16:00:00Z');
    const databasePath = harness.config.databasePath;
    harness.emulator.failNext('chat.postMessage', { error: 'user_disabled' });
    await runAt(harness, '2026-03-03T16:30:00Z');
    const sqlite = () => harness.bot.handle.sqlite;
    expect(sqlite().prepare(`select status from outbox where kind = 'reminder'`).all()).toEqual([
      { status: 'held' },
    ]);
    await harness.stop();
    h = undefined;

    harness = await start('2026-03-03T20:00:00Z', { databasePath });
    await harness.drain();
    expect(sqlite().prepare(`select status from outbox where kind = 'reminder'`).all()).toEqual([
      { status: 'expired' },
    ]);
    expect(sqlite().prepare('select count(*) as n from reminders_sent').get()).toEqual({ n: 1 });
    // The next working day: the 7-day rule holds, so nothing is queued for a person Slack refuses.
    await runAt(harness, '2026-03-04T08:30:00Z');
    expect(harness.emulator.dms('UBER')).toHaveLength(0);
    expect(sqlite().prepare(`select count(*) as n from outbox where kind = 'reminder'`).get()).toEqual({
      n: 1,
    });
  });
});
