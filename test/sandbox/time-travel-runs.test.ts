/**
 * "+6 months" runs what `scheduler.tick` would run at every moment on the way, without asking the zone for
 * every hour of every day: the fire times computed from each day's UTC offset are the ones the zone gives
 * (across DST changes, half-hour zones and a 30-minute DST), and a jump driven by `passTime` leaves the
 * same job ledger and the same posts, at the same timestamps, as ticking the scheduler at each moment.
 */

import { afterEach, describe, expect, it } from 'vitest';
import { cronMatches, instantsAt, parseCron } from '../../src/domain/cron.js';
import { addDays, localDate } from '../../src/domain/dates.js';
import { JOBS } from '../../src/jobs/index.js';
import type { Job } from '../../src/jobs/job.js';
import { fireTimes, scheduledMoments } from '../../src/runtime/time-travel.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

/** The fire times as the zone gives them, hour by hour (what the sandbox did before). */
function slowFireTimes(job: Job, from: Date, to: Date, zone: string): number[] {
  const cron = parseCron(job.schedule);
  const out: number[] = [];
  const last = localDate(to, zone);
  for (let day = localDate(from, zone); day <= last; day = addDays(day, 1)) {
    for (const hour of cron.hours) {
      for (const minute of cron.minutes) {
        for (const at of instantsAt(day, hour, minute, zone)) {
          const ms = at.getTime();
          if (ms > from.getTime() && ms <= to.getTime() && cronMatches(cron, at, zone)) out.push(ms);
        }
      }
    }
  }
  return out.sort((a, b) => a - b);
}

const job = (name: string, schedule: string): Job => ({
  name,
  schedule,
  periodOf: (d) => d.toISOString(),
  run: async () => '',
});

describe('fireTimes', () => {
  const zones = [
    'UTC',
    'Europe/Berlin',
    'America/New_York',
    'America/Santiago',
    'Australia/Lord_Howe',
    'Asia/Kolkata',
    'Pacific/Chatham',
  ];
  const jobs = [...JOBS, job('repeated hour', '30 1,2,3 * * *'), job('weekdays', '15 0 * * 1-5')];
  // Both windows hold each of these zones' DST changes (north and south).
  const windows = [
    ['2026-03-01T00:07:00Z', '2026-04-12T00:00:00Z'],
    ['2026-09-01T00:00:00Z', '2026-11-05T12:00:00Z'],
  ] as const;
  it.each(zones)('are the zone’s own across its DST changes in %s', (zone) => {
    for (const [a, b] of windows) {
      const from = new Date(a);
      const to = new Date(b);
      for (const j of jobs) {
        expect(fireTimes(j, from, to, zone), `${j.name} ${a}`).toEqual(slowFireTimes(j, from, to, zone));
      }
    }
  });
});

describe('passTime over a long jump', () => {
  let a: TestSandbox | undefined;
  let b: TestSandbox | undefined;
  afterEach(async () => {
    await a?.stop();
    await b?.stop();
  });

  const ledger = (t: TestSandbox) =>
    t.bot.handle.sqlite
      .prepare('select job, period, status, attempts from job_runs order by job, period')
      .all();
  // To the second: the demo's concurrent steps may take the microseconds of one instant in either order.
  const posts = (t: TestSandbox) =>
    [...t.sandbox.emulator.state.messageLog.entries()]
      .flatMap(([channel, list]) => list.map((m) => `${channel} ${m.ts.split('.')[0]} ${m.user} ${m.text}`))
      .sort();

  it('leaves the ledger and the posts that ticking at every moment leaves', async () => {
    const now = new Date('2026-03-02T10:00:00Z');
    a = await startTestSandbox({ now, timeZone: 'Europe/Berlin' });
    b = await startTestSandbox({ now, timeZone: 'Europe/Berlin' });
    expect((await a.sandbox.seedDemo()).ok).toBe(true);
    expect((await b.sandbox.seedDemo()).ok).toBe(true);
    const from = a.clock.now();
    expect(b.clock.now()).toEqual(from);
    const to = new Date(from.getTime() + 24 * 86_400_000);

    await a.sandbox.travel(to);

    // The reference: the scheduler's own tick at each moment, as time-travel did it before.
    for (const at of scheduledMoments(b.bot.scheduler.jobs, from, to, 'Europe/Berlin')) {
      b.clock.set(at);
      if ((await b.bot.scheduler.tick(at)).length > 0) await b.bot.notifier.drain();
    }
    b.clock.set(to);
    await b.bot.scheduler.tick(to);
    await b.bot.notifier.drain();

    expect(ledger(a).length).toBeGreaterThan(100);
    expect(ledger(a)).toEqual(ledger(b));
    expect(posts(a).length).toBeGreaterThan(posts(b).length - 1);
    expect(posts(a)).toEqual(posts(b));
  }, 60_000);
});
