import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { ManualClock } from '../../src/clock.js';
import { getRun } from '../../src/db/repositories/job-runs-repo.js';
import { getMeta, setMetaIfAbsent } from '../../src/db/repositories/settings-repo.js';
import type { Job } from '../../src/jobs/job.js';
import { createScheduler } from '../../src/jobs/scheduler.js';
import { type TempDb, tempDb } from '../support/temp-db.js';

/**
 * A job run counts as done once it is saved. Under the bot's group commit (db/group-commit.ts) a run that
 * writes opens the turn's transaction, and the ledger's finish, a plain statement, runs inside it: committed
 * only at the end of the turn. The scheduler waits for that commit before it says "done" (log, metrics,
 * `cx job`'s answer), so "done" is never said of a run a crash could still undo.
 */
let db: TempDb | undefined;
afterEach(() => {
  db?.remove();
  db = undefined;
});

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A job due every minute that writes one row of its own, as most runs do (a post queued, a step recorded). */
const writing = (name: string): Job => ({
  name,
  schedule: '* * * * *',
  periodOf: (at) => at.toISOString().slice(0, 16),
  run: async (ctx) => {
    ctx.handle.write((db) => setMetaIfAbsent(db, `ran_${name}`, 'yes'));
    return 'ok';
  },
});

describe('job runs under group commit', () => {
  it('when a tick says its runs are done, another connection sees them done, with what they wrote', async () => {
    db = tempDb('cx-scheduler-commits');
    const grouped = db.open({ groupCommit: true });
    const clock = new ManualClock(new Date('2026-03-02T08:00:00Z'));
    setMetaIfAbsent(grouped.db, 'first_started_at', '2026-03-01T00:00:00.000Z');
    const ctx = {
      handle: grouped,
      clock,
      timeZone: 'Europe/Berlin',
      admins: new Set(),
      directory: { fetch: async () => null },
      afterCommit: () => undefined,
      schedules: [],
    } as unknown as AppContext;
    const jobs = ['one', 'two', 'three', 'four'].map(writing);
    const scheduler = createScheduler({ ctx, jobs, logger: silent, cron: false });

    const outcomes = await scheduler.tick(new Date('2026-03-02T08:00:00Z'));

    expect(outcomes.map((o) => o.status)).toEqual(['done', 'done', 'done', 'done']);
    // Saved when the tick says so: another connection sees every run done and its row, no commit pending.
    // Before, the last run's finish was still uncommitted here: 'running' to everyone else.
    const other = db.open();
    for (const job of jobs) {
      expect(getRun(other.db, job.name, '2026-03-02T08:00')?.status).toBe('done');
      expect(getMeta(other.db, `ran_${job.name}`)).toBe('yes');
    }
    expect(grouped.pendingCommit()).toBeNull();
  });
});
