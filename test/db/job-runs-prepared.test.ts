import { afterEach, describe, expect, it } from 'vitest';
import { claimRun, finishRun, getRun } from '../../src/db/repositories/job-runs-repo.js';
import { type TempDb, tempDb } from '../support/temp-db.js';

let db: TempDb | null = null;
afterEach(() => db?.remove());

describe('job ledger, prepared once (issue 13)', () => {
  it('claims, finishes, takes a failed period over and never reopens a done one, with exact times', () => {
    db = tempDb('cx-job-runs');
    const d = db.handle.db;
    const t1 = new Date('2026-12-02T09:00:00.123Z');
    const t2 = new Date('2026-12-02T09:05:00.456Z');
    const t3 = new Date('2026-12-02T10:00:00.789Z');
    expect(claimRun(d, 'digest', '2026-W49', t1)).toBe(true);
    expect(getRun(d, 'digest', '2026-W49')).toMatchObject({ status: 'running', startedAt: t1, attempts: 1 });
    finishRun(d, 'digest', '2026-W49', 'failed', t2, 'boom');
    expect(getRun(d, 'digest', '2026-W49')).toMatchObject({
      status: 'failed',
      finishedAt: t2,
      lastError: 'boom',
    });
    expect(claimRun(d, 'digest', '2026-W49', t3)).toBe(true);
    expect(getRun(d, 'digest', '2026-W49')).toMatchObject({
      status: 'running',
      startedAt: t3,
      finishedAt: null,
      attempts: 2,
    });
    finishRun(d, 'digest', '2026-W49', 'done', t3);
    expect(claimRun(d, 'digest', '2026-W49', t3)).toBe(false);
    expect(getRun(d, 'digest', '2026-W49')).toMatchObject({
      status: 'done',
      finishedAt: t3,
      lastError: null,
    });
    // Another job's period is its own.
    expect(claimRun(d, 'reminders', '2026-W49', t3)).toBe(true);
    const raw = db.handle.sqlite
      .prepare('select started_at, finished_at from job_runs where job = ?')
      .get('digest');
    expect(raw).toEqual({ started_at: t3.getTime(), finished_at: t3.getTime() });
  });
});
