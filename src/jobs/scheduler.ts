import { performance } from 'node:perf_hooks';
import cron, { type ScheduledTask } from 'node-cron';
import type { AppContext } from '../app/context.js';
import { claimRun, finishRun } from '../db/repositories/job-runs-repo.js';
import { getMeta, setMetaIfAbsent } from '../db/repositories/settings-repo.js';
import { type Cron, parseCron, previousFire } from '../domain/cron.js';
import { isMissedPeriod } from '../domain/schedule.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Job, JobLogger } from './job.js';

export type RunStatus = 'done' | 'already_done' | 'failed' | 'interrupted' | 'stopped';

export interface RunOutcome {
  job: string;
  period: string;
  status: RunStatus;
  summary?: string;
  error?: string;
}

export interface Scheduler {
  /** Catches up a period missed while the bot was down, then lets node-cron call `tick` on schedule. */
  start(): Promise<void>;
  /**
   * Runs every job whose latest scheduled moment at or before `now` has come since the bot first started
   * on this database and whose period is not done yet (at most one period per job: a bot down for three
   * weeks posts one digest, not three). Cron calls it with `clock.now()`; tests call it with any instant.
   */
  tick(now?: Date): Promise<RunOutcome[]>;
  /** A run by hand (`npm run cx -- job <name> --at`): the period containing `at`, unless it is done. */
  runNow(name: string, at: Date): Promise<RunOutcome>;
  /** Resolves when no run is in progress or queued. */
  idle(): Promise<void>;
  /** No new runs; asks the running one to stop early and waits for it. */
  stop(): Promise<void>;
  readonly jobs: readonly Job[];
}

export interface SchedulerOptions {
  ctx: AppContext;
  jobs: readonly Job[];
  logger: JobLogger;
  /** Counts runs by job and outcome; absent in tests that need no metrics. */
  metrics?: Pick<Metrics, 'jobRuns'>;
  /** Arm node-cron on `start()` (default true). The CLI and tests that drive `tick` themselves may turn it off. */
  cron?: boolean;
}

const FIRST_STARTED = 'first_started_at';

/**
 * Runs scheduled jobs once per period. Every run goes through one queue (no two runs at once, in-process),
 * claims its period in the `job_runs` ledger first (a done period is never run again, here or by another
 * process) and records how it ended. Time only ever comes from `ctx.clock`, so an injected clock drives it.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { ctx, logger } = options;
  const zone = ctx.timeZone;
  const parsed = new Map<string, Cron>();
  for (const job of options.jobs) {
    try {
      parsed.set(job.name, parseCron(job.schedule));
    } catch (error) {
      throw new Error(`job ${job.name}: bad schedule '${job.schedule}': ${(error as Error).message}`);
    }
  }

  const abort = new AbortController();
  const tasks: ScheduledTask[] = [];
  let stopping = false;
  let chain: Promise<unknown> = Promise.resolve();

  function serial<T>(work: () => Promise<T>): Promise<T> {
    const run = chain.then(work);
    chain = run.catch(() => undefined);
    return run;
  }

  function firstStartedAt(): Date {
    setMetaIfAbsent(ctx.handle.db, FIRST_STARTED, ctx.clock.now().toISOString());
    return new Date(getMeta(ctx.handle.db, FIRST_STARTED) ?? 0);
  }

  async function runPeriod(job: Job, period: string, now: Date): Promise<RunOutcome> {
    if (stopping) return { job: job.name, period, status: 'stopped' };
    if (!claimRun(ctx.handle.db, job.name, period, now))
      return { job: job.name, period, status: 'already_done' };
    const fields = { job: job.name, period };
    logger.info({ ...fields, asOf: now.toISOString() }, `job ${job.name} started`);
    // Real elapsed time, not the injected clock: how long the run took, for people and alerts.
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    const counted = (outcome: 'done' | 'failed' | 'interrupted') =>
      options.metrics?.jobRuns.inc({ job: job.name, outcome });
    try {
      const result = await job.run(ctx, now, { period, signal: abort.signal, logger });
      const { counts, summary } = typeof result === 'string' ? { counts: {}, summary: result } : result;
      if (abort.signal.aborted) {
        finishRun(ctx.handle.db, job.name, period, 'interrupted', ctx.clock.now());
        counted('interrupted');
        logger.warn(
          { ...fields, outcome: 'interrupted', ...counts, summary, ms: ms() },
          `job ${job.name} interrupted by shutdown; the next run completes it`,
        );
        return { job: job.name, period, status: 'interrupted', summary };
      }
      finishRun(ctx.handle.db, job.name, period, 'done', ctx.clock.now());
      // A run that wrote opened the bot's group commit, and the finish joined it: done once that is saved.
      await ctx.handle.pendingCommit();
      counted('done');
      logger.info({ ...fields, outcome: 'done', ...counts, summary, ms: ms() }, `job ${job.name} done`);
      return { job: job.name, period, status: 'done', summary };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      try {
        finishRun(ctx.handle.db, job.name, period, 'failed', ctx.clock.now(), message);
      } catch {
        // The database itself failed; the row stays `running` and the next run takes it over.
      }
      counted('failed');
      logger.error({ ...fields, outcome: 'failed', error: message, ms: ms() }, `job ${job.name} failed`);
      return { job: job.name, period, status: 'failed', error: message };
    }
  }

  function tick(now: Date = ctx.clock.now()): Promise<RunOutcome[]> {
    if (stopping) return Promise.resolve([]);
    return serial(async () => {
      const first = firstStartedAt();
      const outcomes: RunOutcome[] = [];
      for (const job of options.jobs) {
        const schedule = parsed.get(job.name);
        const due = schedule ? previousFire(schedule, now, zone) : null;
        if (!due || !isMissedPeriod(due, now, first)) continue;
        const outcome = await runPeriod(job, job.periodOf(due, zone), now);
        if (outcome.status !== 'already_done') outcomes.push(outcome);
      }
      return outcomes;
    });
  }

  return {
    jobs: options.jobs,
    async start() {
      if (stopping) return;
      await tick();
      if (options.cron === false || stopping) return;
      for (const job of options.jobs) {
        const task = cron.schedule(job.schedule, () => tick(ctx.clock.now()), {
          timezone: zone,
          name: `cx-${job.name}`,
          noOverlap: true,
        });
        tasks.push(task);
      }
    },
    tick,
    runNow(name, at) {
      const job = options.jobs.find((j) => j.name === name);
      if (!job) return Promise.reject(new Error(`unknown job '${name}'`));
      return serial(() => runPeriod(job, job.periodOf(at, zone), at));
    },
    idle: async () => {
      for (let seen: Promise<unknown> | null = null; seen !== chain; ) {
        seen = chain;
        await chain;
      }
    },
    async stop() {
      stopping = true;
      for (const task of tasks.splice(0)) await task.destroy();
      abort.abort();
      await chain;
    },
  };
}
