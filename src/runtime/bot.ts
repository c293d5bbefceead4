import { ConsoleLogger, type Logger, type LogLevel } from '@slack/logger';
import type { WebClient } from '@slack/web-api';
import type { AppContext, UserDirectory } from '../app/context.js';
import type { DeliveryProblemPayload, Notification } from '../app/notifications.js';
import { createOutboxPort, enqueue, type OutboxEntry } from '../app/outbox.js';
import { applyConfiguredBindings } from '../app/setup.js';
import { type Clock, systemClock } from '../clock.js';
import type { Config } from '../config.js';
import { type DatabaseHandle, openDatabase } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { setMetaIfAbsent } from '../db/repositories/settings-repo.js';
import { createScheduler, JOBS, type Job, type Scheduler } from '../jobs/index.js';
import { createSlackApp } from '../slack/app.js';
import { createNotifier, type Notifier } from '../slack/notifier.js';
import { createUserDirectory } from '../slack/user-directory.js';
import { reactionsOfEntry } from '../slack/views/poll.js';
import { renderEntry } from '../slack/views/render.js';
import { createWebClient } from '../slack/web-client.js';

export interface BotOptions {
  clock?: Clock;
  logger?: Logger;
  /** Scheduled jobs to run (default: all of them); `[]` runs none. */
  jobs?: readonly Job[];
}

export interface RunningBot {
  /** The HTTP port (HTTP mode), null in Socket Mode. */
  port: number | null;
  handle: DatabaseHandle;
  ctx: AppContext;
  notifier: Notifier;
  client: WebClient;
  /** Runs the scheduled jobs; `tick(now)` runs whatever is due at that instant. */
  scheduler: Scheduler;
  stop(): Promise<void>;
}

export function createLogger(level: Config['logLevel']): Logger {
  const logger = new ConsoleLogger();
  logger.setLevel(level as LogLevel);
  logger.setName('cx-bridge');
  return logger;
}

/** Composition root shared by `npm start` and the tests: database → app context → notifier → Slack app. */
export async function startBot(config: Config, options: BotOptions = {}): Promise<RunningBot> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.logLevel);
  const handle = openDatabase(config.databasePath);
  runMigrations(handle);
  // Catch-up of scheduled jobs only covers periods after this moment (a fresh install posts no backlog).
  setMetaIfAbsent(handle.db, 'first_started_at', clock.now().toISOString());

  const client = createWebClient(config.slackApiUrl, config.botToken, { logger });
  const outbox = createOutboxPort(handle);
  let notifier: Notifier | null = null;
  const directory: UserDirectory = createUserDirectory(client);
  const ctx: AppContext = {
    handle,
    clock,
    timeZone: config.timeZone,
    admins: new Set(config.admins),
    directory,
    afterCommit: () => notifier?.kick(),
  };

  /** A post that cannot reach its channel is kept; admins hear about it once, by DM. */
  const reportHeld = (entry: OutboxEntry, error: string) => {
    if (entry.kind === 'delivery_problem') return;
    const target = entry.recipient.type === 'binding' ? `the ${entry.recipient.key} channel` : 'a channel';
    const payload: DeliveryProblemPayload = { kind: entry.kind, target, error };
    const messages: Notification[] = [...ctx.admins].map((adminId) => ({
      kind: 'delivery_problem',
      key: `problem:${entry.key}:${adminId}`,
      recipient: { type: 'user', id: adminId },
      payload,
    }));
    enqueue(handle.db, messages, clock.now());
    notifier?.kick();
  };

  notifier = createNotifier({
    client,
    outbox,
    render: renderEntry,
    clock,
    logger,
    onHeld: reportHeld,
    reactionsOf: reactionsOfEntry,
  });
  applyConfiguredBindings(ctx, config.channels);

  const slack = createSlackApp(config, {
    ctx,
    logger,
    healthy: () => handle.healthy(),
  });
  const scheduler = createScheduler({ ctx, jobs: options.jobs ?? JOBS, logger });
  let started: { port: number | null };
  try {
    started = await slack.start();
    await notifier.recover();
    notifier.start();
    notifier.kick();
    // Catch-up of a period missed while the bot was down, then node-cron; not awaited: the bot is up already.
    scheduler.start().catch((error) => logger.error(`scheduler: ${(error as Error).message}`));
  } catch (error) {
    await notifier.stop().catch(() => undefined);
    handle.close();
    throw error;
  }

  return {
    port: started.port,
    handle,
    ctx,
    notifier,
    client,
    scheduler,
    async stop() {
      await scheduler.stop();
      await slack.stop().catch(() => undefined);
      await notifier?.stop();
      handle.close();
    },
  };
}
