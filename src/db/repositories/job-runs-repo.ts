import { and, eq, ne, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { prepared } from '../prepared.js';
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
  // Prepared once per connection (../prepared.ts): every job run claims and finishes, and the sandbox's
  // "+6 months" makes thousands of runs (issue 13).
  const claim = prepared(db, 'jobRuns.claim', (d) =>
    d
      .insert(jobRuns)
      .values({
        job: sql.placeholder('job'),
        period: sql.placeholder('period'),
        status: 'running',
        startedAt: sql.placeholder('now'),
        attempts: 1,
      })
      .onConflictDoUpdate({
        target: [jobRuns.job, jobRuns.period],
        set: {
          status: 'running',
          startedAt: sql`${sql.placeholder('nowMs')}`,
          finishedAt: null,
          attempts: sql`${jobRuns.attempts} + 1`,
        },
        setWhere: ne(jobRuns.status, 'done'),
      })
      .prepare(),
  );
  // `now` goes through the column's mapping (values); `nowMs` is written as it is (the update's raw SQL).
  return claim.run({ job, period, now, nowMs: now.getTime() }).changes > 0;
}

export function finishRun(
  db: Executor,
  job: string,
  period: string,
  status: Exclude<JobRunStatus, 'running'>,
  now: Date,
  error: string | null = null,
): void {
  const finish = prepared(db, 'jobRuns.finish', (d) =>
    d
      .update(jobRuns)
      .set({
        status: sql`${sql.placeholder('status')}`,
        finishedAt: sql`${sql.placeholder('now')}`,
        lastError: sql`${sql.placeholder('error')}`,
      })
      .where(and(eq(jobRuns.job, sql.placeholder('job')), eq(jobRuns.period, sql.placeholder('period'))))
      .prepare(),
  );
  finish.run({ job, period, status, now: now.getTime(), error });
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
