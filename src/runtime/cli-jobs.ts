/**
 * `npm run cx -- job <name> [--at ISO]`: the composition the CLI needs to run one scheduled job by hand —
 * the app context over the CLI's database, the outbox notifier over the Slack Web API, and the scheduler's
 * ledger (a period already done is not done again). The job's posts are delivered before the command ends,
 * after first settling posts a killed earlier run may have left in doubt.
 */
import type { AppContext } from '../app/context.js';
import { createOutboxPort, type OutboxEntry } from '../app/outbox.js';
import { ManualClock } from '../clock.js';
import { loadConfig } from '../config.js';
import type { DatabaseHandle } from '../db/client.js';
import { listBindings, setBinding } from '../db/repositories/settings-repo.js';
import type { BindingKey } from '../domain/types.js';
import { createScheduler, type Job, type Scheduler } from '../jobs/index.js';
import type { Notifier } from '../slack/notifier.js';

export interface CliJobDeps {
  ctx: AppContext;
  clock: ManualClock;
  notifier: Notifier;
  scheduler: Scheduler;
  /** Posts of this run that Slack refused for good (kept in the outbox as held), with the reason. */
  held: { entry: OutboxEntry; error: string }[];
}

/** "poll in the sales channel (invalid_auth)": which post, where, and why it is kept. */
function describeHeld({ entry, error }: { entry: OutboxEntry; error: string }): string {
  const r = entry.recipient;
  const where =
    r.type === 'binding' ? `in the ${r.key} channel` : r.type === 'user' ? `to ${r.id}` : `in ${r.id}`;
  return `${entry.kind} ${where} (${error})`;
}

/**
 * Builds the deps from the environment (the bot's own variables: Slack token, API URL, CX_TIMEZONE…).
 * CX_CHANNELS fills only bindings that are missing: a channel bound with `/cx setup` is never overridden.
 */
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
    const [
      { ConsoleLogger, LogLevel },
      { createNotifier },
      { createUserDirectory },
      { renderEntry },
      { createWebClient },
    ] = await Promise.all([
      import('@slack/logger'),
      import('../slack/notifier.js'),
      import('../slack/user-directory.js'),
      import('../slack/views/render.js'),
      import('../slack/web-client.js'),
    ]);
    const logger = new ConsoleLogger();
    logger.setLevel(config.logLevel === 'debug' ? LogLevel.DEBUG : LogLevel.WARN);
    logger.setName('cx-job');
    const clock = new ManualClock(new Date());
    const client = createWebClient(config.slackApiUrl, config.botToken, { logger });
    let notifier: Notifier | null = null;
    const ctx: AppContext = {
      handle,
      clock,
      timeZone: config.timeZone,
      admins: new Set(config.admins),
      directory: createUserDirectory(client),
      afterCommit: () => notifier?.kick(),
    };
    const held: CliJobDeps['held'] = [];
    notifier = createNotifier({
      client,
      outbox: createOutboxPort(handle),
      render: renderEntry,
      clock,
      logger,
      onHeld: (entry, error) => held.push({ entry, error }),
    });
    const bound = new Set(listBindings(handle.db).map((b) => b.key));
    for (const [key, channelId] of Object.entries(config.channels)) {
      if (channelId && !bound.has(key as BindingKey)) {
        setBinding(handle.db, key as BindingKey, channelId, 'CX_CHANNELS', clock.now());
      }
    }
    const scheduler = createScheduler({ ctx, jobs, logger, cron: false });
    return { ctx, clock, notifier, scheduler, held };
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
          if (deps.held.length > 0) {
            throw new Error(
              `${job.name} ${outcome.period}: ${deps.held.length} post(s) could not be delivered and are kept ` +
                `in the outbox until the cause is fixed: ${deps.held.map(describeHeld).join('; ')}`,
            );
          }
          out(
            outcome.status === 'already_done'
              ? `${job.name} ${outcome.period}: already done, nothing new to post`
              : `${job.name} ${outcome.period}: ${outcome.summary ?? outcome.status}`,
          );
        } finally {
          await deps.notifier.stop();
        }
      },
    ]),
  );
}
