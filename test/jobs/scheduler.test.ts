import cron from 'node-cron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { ManualClock } from '../../src/clock.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { claimRun, getRun, listRuns } from '../../src/db/repositories/job-runs-repo.js';
import { setMetaIfAbsent } from '../../src/db/repositories/settings-repo.js';
import { localDate, zonedTime } from '../../src/domain/dates.js';
import { isoWeekKey } from '../../src/domain/schedule.js';
import type { Job, RunInfo } from '../../src/jobs/job.js';
import { createScheduler } from '../../src/jobs/scheduler.js';
import { type TempDb, tempDb } from '../support/temp-db.js';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

let db: TempDb;
let handle: DatabaseHandle;
let clock: ManualClock;

function context(zone = 'Europe/Berlin'): AppContext {
  return {
    handle,
    clock,
    timeZone: zone,
    admins: new Set(),
    directory: { fetch: async () => null },
    afterCommit: () => undefined,
    schedules: [],
  };
}

/** A weekly job like the digest (Fridays 14:00) that records each run. */
function weekly(runs: Array<{ now: string; period: string }>, body?: (info: RunInfo) => Promise<void>): Job {
  return {
    name: 'weekly',
    schedule: '0 14 * * 5',
    periodOf: (at, zone) => isoWeekKey(localDate(at, zone)),
    async run(_ctx, now, info) {
      runs.push({ now: now.toISOString(), period: info.period });
      await body?.(info);
      return 'ok';
    },
  };
}

const at = (iso: string) => new Date(iso);

beforeEach(() => {
  db = tempDb('cx-scheduler');
  handle = db.handle;
  clock = new ManualClock(at('2026-03-02T08:00:00Z')); // Monday 09:00 in Berlin
  setMetaIfAbsent(handle.db, 'first_started_at', clock.now().toISOString());
});

afterEach(() => {
  db.remove();
});

describe('tick', () => {
  it('runs a job once its moment has come, once per period', async () => {
    const runs: Array<{ now: string; period: string }> = [];
    const s = createScheduler({ ctx: context(), jobs: [weekly(runs)], logger: silent, cron: false });
    // Friday 13:59 in Berlin (CET): not yet.
    expect(await s.tick(at('2026-03-06T12:59:00Z'))).toEqual([]);
    const outcomes = await s.tick(at('2026-03-06T13:00:00Z'));
    expect(outcomes).toEqual([{ job: 'weekly', period: '2026-W10', status: 'done', summary: 'ok' }]);
    // Any later tick in the same week, or the same instant again, does nothing.
    expect(await s.tick(at('2026-03-06T13:00:00Z'))).toEqual([]);
    expect(await s.tick(at('2026-03-08T10:00:00Z'))).toEqual([]);
    expect(runs).toEqual([{ now: '2026-03-06T13:00:00.000Z', period: '2026-W10' }]);
    expect(getRun(handle.db, 'weekly', '2026-W10')).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('follows the zone across DST: 14:00 Berlin is 12:00 UTC in summer', async () => {
    const runs: Array<{ now: string; period: string }> = [];
    const s = createScheduler({ ctx: context(), jobs: [weekly(runs)], logger: silent, cron: false });
    await s.tick(at('2026-03-06T13:00:00Z'));
    expect(await s.tick(at('2026-04-03T11:59:00Z'))).toHaveLength(1); // catches up 2026-W13 (Mar 27)
    expect(await s.tick(at('2026-04-03T12:00:00Z'))).toMatchObject([{ period: '2026-W14', status: 'done' }]);
    expect(runs.map((r) => r.period)).toEqual(['2026-W10', '2026-W13', '2026-W14']);
  });

  it('a fresh install does not run a period that came due before it first started', async () => {
    clock.set(at('2026-03-07T09:00:00Z')); // Saturday, the day after a digest moment
    handle.sqlite
      .prepare(`update meta set value = ? where key = 'first_started_at'`)
      .run(clock.now().toISOString());
    const runs: Array<{ now: string; period: string }> = [];
    const s = createScheduler({ ctx: context(), jobs: [weekly(runs)], logger: silent, cron: false });
    expect(await s.tick(clock.now())).toEqual([]);
    expect(await s.tick(at('2026-03-13T13:00:00Z'))).toHaveLength(1);
    expect(runs.map((r) => r.period)).toEqual(['2026-W11']);
  });

  it('catches up only the latest missed period, once, however long the bot was down', async () => {
    const runs: Array<{ now: string; period: string }> = [];
    const s = createScheduler({ ctx: context(), jobs: [weekly(runs)], logger: silent, cron: false });
    // Down from Monday 2 March until Wednesday 25 March: three Fridays missed.
    expect(await s.tick(at('2026-03-25T09:00:00Z'))).toMatchObject([{ period: '2026-W12', status: 'done' }]);
    expect(await s.tick(at('2026-03-25T09:30:00Z'))).toEqual([]);
    expect(runs).toEqual([{ now: '2026-03-25T09:00:00.000Z', period: '2026-W12' }]);
  });

  it('runs a failed period again at the next tick, and records the error meanwhile', async () => {
    let fail = true;
    const runs: Array<{ now: string; period: string }> = [];
    const job = weekly(runs, async () => {
      if (fail) throw new Error('Slack is down');
    });
    const s = createScheduler({ ctx: context(), jobs: [job], logger: silent, cron: false });
    expect(await s.tick(at('2026-03-06T13:00:00Z'))).toMatchObject([
      { status: 'failed', error: 'Slack is down' },
    ]);
    expect(getRun(handle.db, 'weekly', '2026-W10')).toMatchObject({
      status: 'failed',
      lastError: 'Slack is down',
    });
    fail = false;
    expect(await s.tick(at('2026-03-06T13:30:00Z'))).toMatchObject([{ status: 'done' }]);
    expect(getRun(handle.db, 'weekly', '2026-W10')).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('never runs two jobs at once, even when ticks overlap', async () => {
    let running = 0;
    let most = 0;
    const slow = (name: string, schedule: string): Job => ({
      name,
      schedule,
      periodOf: (a) => a.toISOString().slice(0, 16),
      async run() {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 20));
        running--;
        return 'ok';
      },
    });
    const s = createScheduler({
      ctx: context('UTC'),
      jobs: [slow('a', '*/30 * * * *'), slow('b', '*/30 * * * *')],
      logger: silent,
      cron: false,
    });
    const results = await Promise.all([
      s.tick(at('2026-03-02T08:30:00Z')),
      s.tick(at('2026-03-02T08:30:00Z')),
      s.tick(at('2026-03-02T09:00:00Z')),
    ]);
    expect(most).toBe(1);
    expect(results.map((r) => r.length)).toEqual([2, 0, 2]);
  });
});

describe('runNow (a run by hand)', () => {
  it('does the period containing --at, even before its moment, and only once', async () => {
    const runs: Array<{ now: string; period: string }> = [];
    const s = createScheduler({ ctx: context(), jobs: [weekly(runs)], logger: silent, cron: false });
    expect(await s.runNow('weekly', at('2026-03-04T10:00:00Z'))).toMatchObject({
      period: '2026-W10',
      status: 'done',
    });
    expect(await s.runNow('weekly', at('2026-03-05T10:00:00Z'))).toMatchObject({ status: 'already_done' });
    // Friday's scheduled moment finds the week done.
    expect(await s.tick(at('2026-03-06T13:00:00Z'))).toEqual([]);
    expect(runs).toHaveLength(1);
  });

  it('takes over a period another run left unfinished (killed halfway)', async () => {
    claimRun(handle.db, 'weekly', '2026-W10', at('2026-03-06T13:00:00Z'));
    const runs: Array<{ now: string; period: string }> = [];
    const s = createScheduler({ ctx: context(), jobs: [weekly(runs)], logger: silent, cron: false });
    expect(await s.runNow('weekly', at('2026-03-06T13:05:00Z'))).toMatchObject({ status: 'done' });
    expect(getRun(handle.db, 'weekly', '2026-W10')).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('rejects an unknown job', async () => {
    const s = createScheduler({ ctx: context(), jobs: [], logger: silent, cron: false });
    await expect(s.runNow('nope', clock.now())).rejects.toThrow("unknown job 'nope'");
  });
});

describe('graceful stop', () => {
  it('waits for the running job, which stops early, and runs nothing new; a restart completes the period', async () => {
    const runs: Array<{ now: string; period: string }> = [];
    let release: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      release = resolve;
    });
    const job = weekly(runs, async (info) => {
      release();
      await new Promise<void>((resolve) =>
        info.signal.addEventListener('abort', () => resolve(), { once: true }),
      );
    });
    const s = createScheduler({ ctx: context(), jobs: [job], logger: silent, cron: false });
    const running = s.tick(at('2026-03-06T13:00:00Z'));
    await started;
    await s.stop();
    expect(await running).toMatchObject([{ status: 'interrupted' }]);
    expect(await s.tick(at('2026-03-13T13:00:00Z'))).toEqual([]);
    expect(getRun(handle.db, 'weekly', '2026-W10')?.status).toBe('interrupted');

    // The next process (same database) catches the interrupted week up at start.
    const again: Array<{ now: string; period: string }> = [];
    const next = createScheduler({ ctx: context(), jobs: [weekly(again)], logger: silent, cron: false });
    clock.set(at('2026-03-06T13:10:00Z'));
    await next.start();
    expect(again).toEqual([{ now: '2026-03-06T13:10:00.000Z', period: '2026-W10' }]);
    expect(listRuns(handle.db).map((r) => r.status)).toEqual(['done']);
  });
});

describe('start', () => {
  it('arms one node-cron task per job in CX_TIMEZONE, and stop removes them', async () => {
    const s = createScheduler({ ctx: context(), jobs: [weekly([])], logger: silent });
    await s.start();
    const task = [...cron.getTasks().values()].find((t) => t.name === 'cx-weekly');
    expect(task?.getPattern()).toBe('0 14 * * 5');
    // node-cron reads the expression in the zone: its next run is a Friday at 14:00 in Berlin.
    const next = task?.getNextRun();
    expect(next && zonedTime(next, 'Europe/Berlin')).toMatchObject({ weekday: 5, hour: 14, minute: 0 });
    await s.stop();
    expect([...cron.getTasks().values()].some((t) => t.name === 'cx-weekly')).toBe(false);
  });

  it('rejects a bad schedule at creation', () => {
    const bad = { ...weekly([]), schedule: '0 25 * * *' };
    expect(() => createScheduler({ ctx: context(), jobs: [bad], logger: silent })).toThrow(/bad schedule/);
  });
});
