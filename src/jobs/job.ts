import type { AppContext } from '../app/context.js';

export interface JobLogger {
  info(...msg: unknown[]): void;
  warn(...msg: unknown[]): void;
  error(...msg: unknown[]): void;
}

/** What a run knows besides "now": the period it does, and a signal that asks it to stop early. */
export interface RunInfo {
  /** The period key the ledger records this run under, e.g. `2026-W10`. */
  period: string;
  /**
   * Aborted on graceful shutdown. A job checks it between recipients and returns; whatever it already
   * queued stays queued, and the next run of the (not done) period completes the rest.
   */
  signal: AbortSignal;
  logger: JobLogger;
}

/**
 * What a run did: counts as numbers (logged as fields, so a log platform can sum and alert on them) and
 * the same in one line of words for the CLI and people reading logs.
 */
export interface JobReport {
  counts: Record<string, number>;
  summary: string;
}

/** `1 reminder DM` / `3 reminder DMs`: operator text (English, like the log). */
export const plural = (n: number, one: string, other = `${one}s`) => `${n} ${n === 1 ? one : other}`;

/** A run's counts, and the same in words. */
export function report(counts: Record<string, number>, summary: string): JobReport {
  return { counts, summary };
}

/**
 * A scheduled job. `run` must be idempotent per period and recipient (outbox keys, ledgers), because a
 * period that failed or was interrupted is run again.
 */
export interface Job {
  name: string;
  /** node-cron expression (five fields), evaluated in CX_TIMEZONE. */
  schedule: string;
  /** The schedule in words for `/cx setup show`, e.g. `Fridays 14:00`; the expression is shown without it. */
  when?: string;
  /** The key of the period `at` falls in, in `zone`. A run by hand does the period containing `--at`. */
  periodOf(at: Date, zone: string): string;
  /** Does the job as of `now`; returns its counts and a one-line summary (a bare summary: no counts). */
  run(ctx: AppContext, now: Date, info: RunInfo): Promise<JobReport | string>;
}
