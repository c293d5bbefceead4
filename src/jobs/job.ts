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
  /** Does the job as of `now`; returns a one-line summary for logs and the CLI. */
  run(ctx: AppContext, now: Date, info: RunInfo): Promise<string>;
}
