import { and, eq, ne, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { jobRuns } from '../schema.js';

export type JobRunStatus = (typeof jobRuns.$inferSelect)['status'];

export interface JobRun {
  job: string;
  period: string;
  status: JobRunStatus;
  startedAt: Date;
  finishedAt: Date | null;
  attempts: number;
  lastError: string | null;
}

/**
 * Claims a period for a run: inserts the row as `running`, or takes over a row that is not `done` (a run
 * that failed, was interrupted or died halfway). False when the period is already done. One statement, so
 * two claimers never both see "not done" and the ledger never goes back from `done`.
 */
export function claimRun(db: Executor, job: string, period: string, now: Date): boolean {
  const result = db
    .insert(jobRuns)
    .values({ job, period, status: 'running', startedAt: now, attempts: 1 })
    .onConflictDoUpdate({
      target: [jobRuns.job, jobRuns.period],
      set: {
        status: 'running',
        startedAt: now,
        finishedAt: null,
        attempts: sql`${jobRuns.attempts} + 1`,
      },
      setWhere: ne(jobRuns.status, 'done'),
    })
    .run();
  return result.changes > 0;
}

export function finishRun(
  db: Executor,
  job: string,
  period: string,
  status: Exclude<JobRunStatus, 'running'>,
  now: Date,
  error: string | null = null,
): void {
  db.update(jobRuns)
    .set({ status, finishedAt: now, lastError: error })
    .where(and(eq(jobRuns.job, job), eq(jobRuns.period, period)))
    .run();
}

export function getRun(db: Executor, job: string, period: string): JobRun | null {
  return (
    db
      .select()
      .from(jobRuns)
      .where(and(eq(jobRuns.job, job), eq(jobRuns.period, period)))
      .get() ?? null
  );
}

export function isDone(db: Executor, job: string, period: string): boolean {
  return getRun(db, job, period)?.status === 'done';
}

export function listRuns(db: Executor, job?: string): JobRun[] {
  return db
    .select()
    .from(jobRuns)
    .where(job ? eq(jobRuns.job, job) : undefined)
    .orderBy(jobRuns.job, jobRuns.period)
    .all();
}
