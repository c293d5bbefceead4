import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { ManualClock } from '../../src/clock.js';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.js';
import { getRun } from '../../src/db/repositories/job-runs-repo.js';
import { getMeta, setMetaIfAbsent } from '../../src/db/repositories/settings-repo.js';
import type { Job } from '../../src/jobs/job.js';
import { createScheduler } from '../../src/jobs/scheduler.js';
import { type TempDb, tempDb } from '../support/temp-db.js';

/**
 * The job ledger's claim and finish go through the bot's group commit (db/group-commit.ts): a run's claim,
 * its own writes and its finish share one commit instead of two or three (the sandbox's "+6 months" makes
 * about 5,000 runs; issue 13), and a run counts as done once that commit is made. Commits are counted in
 * the WAL: each ends with a frame that records the database's size, every other frame records 0.
 */
let db: TempDb | undefined;
let grouped: DatabaseHandle | undefined;
afterEach(() => {
  grouped?.close();
  grouped = undefined;
  db?.remove();
  db = undefined;
});

function commitsInWal(file: string): number {
  const wal = fs.readFileSync(`${file}-wal`);
  const pageSize = wal.readUInt32BE(8);
  let commits = 0;
  for (let at = 32; at + 24 <= wal.length; at += 24 + pageSize) if (wal.readUInt32BE(at + 4) !== 0) commits++;
  return commits;
}

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

describe('the job ledger under group commit', () => {
  it('a run’s claim, its writes and its finish share one commit, made before the run counts as done', async () => {
    db = tempDb('cx-scheduler-commits');
    grouped = openDatabase(db.file, { groupCommit: true });
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
    grouped.sqlite.pragma('wal_checkpoint(TRUNCATE)');

    const outcomes = await scheduler.tick(new Date('2026-03-02T08:00:00Z'));

    expect(outcomes.map((o) => o.status)).toEqual(['done', 'done', 'done', 'done']);
    // Saved when the tick says so: another connection sees every run done and its row, with no commit pending.
    const other = db.open();
    for (const job of jobs) {
      expect(getRun(other.db, job.name, '2026-03-02T08:00')?.status).toBe('done');
      expect(getMeta(other.db, `ran_${job.name}`)).toBe('yes');
    }
    expect(grouped.pendingCommit()).toBeNull();
    // One commit a run; a claim and a finish committed on their own made 8 (the claim alone, then the
    // run's row with the finish), and the tick ended with the last one still pending.
    expect(commitsInWal(db.file)).toBe(4);
  });
});
