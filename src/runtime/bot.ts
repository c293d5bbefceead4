import type { Logger as SlackLogger } from '@slack/logger';
import type { WebClient } from '@slack/web-api';
import type { AppContext } from '../app/context.js';
import { type Clock, systemClock } from '../clock.js';
import type { Config } from '../config.js';
import { type DatabaseHandle, openDatabase } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { setMetaIfAbsent } from '../db/repositories/settings-repo.js';
import { JOBS, type Job, type Scheduler } from '../jobs/index.js';
import { createLog, type Log, type LogLevelName } from '../log/logger.js';
import { scopeEveryRequest } from '../log/request.js';
import { createMetrics, type Metrics } from '../metrics/metrics.js';
import { createSlackApp } from '../slack/app.js';
import type { Notifier, PostPace } from '../slack/notifier/index.js';
import { createRuntime } from './runtime.js';

export interface BotOptions {
  clock?: Clock;
  /** Where the bot logs (default: LOG_LEVEL and LOG_FORMAT of `config`, on stdout). */
  log?: Log;
  /**
   * Older callers' quiet logger: only its level is used, for a log on stdout. Prefer `log`.
   * @deprecated
   */
  logger?: SlackLogger;
  /** Scheduled jobs to run (default: all of them); `[]` runs none. */
  jobs?: readonly Job[];
  /** Posts per channel kept to ahead of Slack's limits (default Slack's pace); null: none (the sandbox). */
  postPace?: PostPace | null;
}

export interface RunningBot {
  /** The HTTP port: events, /healthz, /metrics (HTTP mode); /healthz and /metrics only (Socket Mode). */
  port: number | null;
  handle: DatabaseHandle;
  ctx: AppContext;
  notifier: Notifier;
  client: WebClient;
  /** Runs the scheduled jobs; `tick(now)` runs whatever is due at that instant. */
  scheduler: Scheduler;
  /** This bot's own metrics registry (GET /metrics serves it). */
  metrics: Metrics;
  log: Log;
  stop(): Promise<void>;
}

const SLACK_LEVELS: Record<string, LogLevelName> = {
  debug: 'debug',
  info: 'info',
  warn: 'warn',
  error: 'error',
};

function logOf(config: Config, options: BotOptions): Log {
  if (options.log) return options.log;
  const level = options.logger ? (SLACK_LEVELS[options.logger.getLevel()] ?? 'error') : config.logLevel;
  return createLog({ level, format: config.logFormat ?? 'json', destination: 1 });
}

/** The bot, for `npm start`, the sandbox, the benches and the tests: the runtime, then the Slack app on top. */
export async function startBot(config: Config, options: BotOptions = {}): Promise<RunningBot> {
  const clock = options.clock ?? systemClock;
  const log = logOf(config, options);
  // Debug logging traces every line of a delivery by its reqId, at a cost on every promise (log/request.ts).
  scopeEveryRequest(log.isLevelEnabled('debug'));
  // Process metrics only when someone may scrape them: tests start many bots in one process.
  const metrics = createMetrics({ processMetrics: Boolean(config.metricsToken) });
  const handle = openDatabase(config.databasePath, {
    backgroundCheckpoints: true,
    groupCommit: true,
    watchCommits: true,
  });
  let runtime: ReturnType<typeof createRuntime>;
  try {
    runMigrations(handle);
    // Catch-up of scheduled jobs only covers periods after this moment (a fresh install posts no backlog).
    setMetaIfAbsent(handle.db, 'first_started_at', clock.now().toISOString());
    runtime = createRuntime(config, handle, {
      clock,
      log,
      metrics,
      jobs: options.jobs ?? JOBS,
      cron: true,
      postPace: options.postPace,
    });
  } catch (error) {
    handle.close();
    throw error;
  }
  const { ctx, notifier, scheduler, client, clientOptions } = runtime;

  const slack = createSlackApp(config, {
    ctx,
    log,
    metrics,
    clientOptions,
    healthy: () => handle.healthy(),
  });
  let started: { port: number | null };
  try {
    started = await slack.start();
    await notifier.recover();
    notifier.start();
    notifier.kick();
    // Catch-up of a period missed while the bot was down, then node-cron; not awaited: the bot is up already.
    scheduler.start().catch((error) => log.error({ err: error }, 'scheduler failed to start'));
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
    metrics,
    log,
    async stop() {
      await scheduler.stop();
      await slack.stop().catch(() => undefined);
      await notifier.stop();
      handle.close();
    },
  };
}
