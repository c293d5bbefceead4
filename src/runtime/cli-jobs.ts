/**
 * `npm run cx -- job <name> [--at ISO]`: the runtime (the same one the bot builds) over the CLI's database,
 * without node-cron, on a ManualClock set to the moment the job believes it is. The scheduler's ledger keeps
 * a period that is done from being done again. The job's posts are delivered before the command ends, after
 * first settling posts a killed earlier run may have left in doubt; posts Slack refuses are named.
 */
import { ManualClock } from '../clock.js';
import { loadConfig } from '../config.js';
import type { DatabaseHandle } from '../db/client.js';
import { waitingForHours } from '../db/repositories/outbox-lanes.js';
import { deferredUntil } from '../domain/outbox.js';
import type { Job } from '../jobs/index.js';
import type { Runtime } from './runtime.js';

export interface CliJobDeps extends Pick<Runtime, 'ctx' | 'notifier' | 'scheduler' | 'held'> {
  clock: ManualClock;
}

/** Builds the deps from the environment (the bot's own variables: Slack token, API URL, CX_TIMEZONE…). */
export function cliJobDeps(
  env: NodeJS.ProcessEnv,
  jobs: readonly Job[],
  /** The CLI's usage error (exit code 2), for a configuration that cannot run jobs. */
  configError: (message: string) => Error,
) {
  return async (handle: DatabaseHandle): Promise<CliJobDeps> => {
    const result = loadConfig(env);
    if (!result.ok) {
      const problems = [
        ...result.problems,
        ...(result.missingCredentials.length > 0
          ? [`jobs post to Slack and need ${result.missingCredentials.join(', ')} (the bot's own settings)`]
          : []),
      ];
      throw configError(`job needs the bot's configuration: ${problems.join('; ')}`);
    }
    const config = result.config;
    // The Slack side is loaded here, not at the top, so the CLI's other commands start quickly.
    const { createRuntime } = await import('./runtime.js');
    const { createLog } = await import('../log/logger.js');
    const { createMetrics } = await import('../metrics/metrics.js');
    // The CLI's stdout carries only its answer; the log goes to stderr and says only what went wrong unless
    // LOG_LEVEL=debug asks for more.
    const level = config.logLevel === 'debug' || config.logLevel === 'error' ? config.logLevel : 'warn';
    const log = createLog({ level, format: config.logFormat ?? 'json', destination: 2, name: 'cx-job' });
    const clock = new ManualClock(new Date());
    const metrics = createMetrics({ processMetrics: false });
    const runtime = createRuntime(config, handle, { clock, log, metrics, jobs, cron: false });
    return {
      ctx: runtime.ctx,
      notifier: runtime.notifier,
      scheduler: runtime.scheduler,
      held: runtime.held,
      clock,
    };
  };
}

/** The CLI's job registry: each job runs for the period containing `now`, then its posts are delivered. */
export function cliJobs(
  jobs: readonly Job[],
  out: (line: string) => void,
): Record<string, (deps: CliJobDeps, now: Date) => Promise<void>> {
  return Object.fromEntries(
    jobs.map((job) => [
      job.name,
      async (deps: CliJobDeps, now: Date) => {
        deps.clock.set(now);
        try {
          await deps.notifier.recover();
          const outcome = await deps.scheduler.runNow(job.name, now);
          await deps.notifier.drain();
          if (outcome.status === 'failed') throw new Error(outcome.error ?? 'failed');
          // Only this job's own posts count: a problem DM to the admins about them is not a second failure.
          const held = deps.held.filter((h) => h.entry.kind !== 'delivery_problem');
          if (held.length > 0) {
            const { describeHeld } = await import('./runtime.js');
            throw new Error(
              `${job.name} ${outcome.period}: ${held.length} post(s) could not be delivered and are kept ` +
                `in the outbox until the cause is fixed: ${held.map(describeHeld).join('; ')}`,
            );
          }
          out(
            outcome.status === 'already_done'
              ? `${job.name} ${outcome.period}: already done, nothing new to post`
              : `${job.name} ${outcome.period}: ${outcome.summary ?? outcome.status}`,
          );
          // Run outside working hours, its posts that mention people are kept for them (the outbox's hours_zone).
          const outside = deferredUntil({ hoursZone: deps.ctx.timeZone }, now) !== null;
          const waiting = outside ? waitingForHours(deps.ctx.handle.db) : 0;
          if (waiting > 0) {
            out(
              `${waiting} post(s) wait in the outbox for working hours (from 09:30, ${deps.ctx.timeZone}); ` +
                'the running bot sends them then',
            );
          }
        } finally {
          await deps.notifier.stop();
        }
      },
    ]),
  );
}
