import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConsoleLogger, LogLevel } from '@slack/logger';
import { ManualClock } from '../../src/clock.js';
import type { Config } from '../../src/config.js';
import type { Job } from '../../src/jobs/index.js';
import { type BotOptions, type RunningBot, startBot } from '../../src/runtime/bot.js';
import { type SlackEmulator, startEmulator } from '../../src/sandbox/emulator/index.js';

export const SIGNING_SECRET = 'testsigningsecret0123456789';
export const BOT_TOKEN = 'xoxb-test-token';

/** Department channels every harness workspace has; `bound` ones are bound through CX_CHANNELS. */
export const CHANNELS = {
  marketing: 'CMARKETING',
  sales: 'CSALES',
  service: 'CSERVICE',
  it: 'CIT',
  hub: 'CHUB',
} as const;

export interface HarnessOptions {
  /** The instant the bot believes it is (a ManualClock; move it with `h.clock`). */
  now?: Date;
  timeZone?: string;
  admins?: string[];
  /** Which departments are bound at start (default: all four and the hub). */
  bind?: (keyof typeof CHANNELS)[];
  /** Reuse a database file (restart tests). */
  databasePath?: string;
  rateLimits?: boolean;
  rateLimitScale?: number;
  /** Per-method or per-channel limits other than Slack's published ones (see the emulator's RateLimiter). */
  rateLimitOptions?: Parameters<typeof startEmulator>[0]['rateLimitOptions'];
  /** How long the emulator waits for one delivery's answer (its default: 10 s). */
  deliveryTimeoutMs?: number;
  /** Scheduled jobs the bot runs (default: all); tests of one job pass just that one. */
  jobs?: readonly Job[];
  /** Further configuration (e.g. `apiToken` for POST /api/metrics). */
  config?: Partial<Config>;
}

export interface Harness {
  emulator: SlackEmulator;
  bot: RunningBot;
  clock: ManualClock;
  config: Config;
  dir: string;
  /** Types `/cx <text>` as `userId` in `channelId` (default: the marketing channel). */
  cx(userId: string, text: string, channelId?: string): ReturnType<SlackEmulator['command']>;
  /** The text of the ephemeral ack a command got (what the user sees). */
  replyText(result: Awaited<ReturnType<SlackEmulator['command']>>): string;
  /** Waits until the outbox has delivered everything due. */
  drain(): Promise<void>;
  /** Every row of every table except bookkeeping ones: "the database is unchanged" compares these. */
  snapshot(): Record<string, unknown[]>;
  stop(): Promise<void>;
}

export function quietLogger(): ConsoleLogger {
  const logger = new ConsoleLogger();
  logger.setLevel(process.env.TEST_LOG_LEVEL === 'debug' ? LogLevel.DEBUG : LogLevel.ERROR);
  return logger;
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cx-bridge-test-'));
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = tempDir();
  const emulator = await startEmulator({
    port: 0,
    signingSecret: SIGNING_SECRET,
    botToken: BOT_TOKEN,
    rateLimits: options.rateLimits ?? false,
    rateLimitScale: options.rateLimitScale,
    rateLimitOptions: options.rateLimitOptions,
    deliveryTimeoutMs: options.deliveryTimeoutMs,
  });
  for (const [key, id] of Object.entries(CHANNELS)) {
    emulator.addChannel({ id, name: `cx-${key}`, botIsMember: true });
  }
  const bind = options.bind ?? (Object.keys(CHANNELS) as (keyof typeof CHANNELS)[]);
  const config: Config = {
    mode: 'http',
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    appToken: null,
    slackApiUrl: emulator.apiUrl,
    port: 0,
    databasePath: options.databasePath ?? path.join(dir, 'cx.sqlite'),
    timeZone: options.timeZone ?? 'UTC',
    admins: options.admins ?? [],
    channels: Object.fromEntries(bind.map((k) => [k, CHANNELS[k]])),
    logLevel: 'error',
    ...options.config,
  };
  const clock = new ManualClock(options.now ?? new Date('2026-03-02T10:00:00Z'));
  const bot = await startBot(config, { clock, logger: quietLogger(), jobs: options.jobs });
  emulator.setAppUrl(`http://127.0.0.1:${bot.port}/slack/events`);

  const bookkeeping = new Set([
    '__drizzle_migrations',
    'sqlite_sequence',
    'processed_events',
    'slack_users',
    'meta',
  ]);
  const harness: Harness = {
    emulator,
    bot,
    clock,
    config,
    dir,
    cx: (userId, text, channelId = CHANNELS.marketing) => emulator.command({ userId, channelId, text }),
    replyText: (result) => {
      const body = result.body as { text?: string } | string;
      return typeof body === 'string' ? body : (body?.text ?? '');
    },
    drain: () => harness.bot.notifier.drain(),
    snapshot: () => {
      const sqlite = harness.bot.handle.sqlite;
      const tables = sqlite
        .prepare(`select name from sqlite_master where type = 'table' order by name`)
        .all() as { name: string }[];
      const out: Record<string, unknown[]> = {};
      for (const { name } of tables) {
        if (bookkeeping.has(name)) continue;
        // Outbox rows as a use case wrote them: their delivery (status, attempts, where and when sent) goes
        // on in the background after a command and is no change the next command made.
        const columns = name === 'outbox' ? 'id, idempotency_key, kind, recipient, payload, thread_of' : '*';
        out[name] = sqlite.prepare(`select ${columns} from "${name}" order by rowid`).all();
      }
      return out;
    },
    stop: async () => {
      await harness.bot.stop();
      await emulator.stop();
    },
  };
  return harness;
}

/** Polls until `check` returns a value (not undefined/false) — for effects that follow an ack, like views.open. */
export async function eventually<T>(check: () => T | undefined | false, timeoutMs = 3000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The id of the newest open view of a user, once the bot has opened it. */
export function openedView(emulator: SlackEmulator, userId: string, after = 0): Promise<string> {
  return eventually(() => {
    const opened = emulator
      .callsTo('views.open')
      .slice(after)
      .filter((c) => c.ok);
    if (opened.length === 0) return undefined;
    const views = [...emulator.state.views.entries()].filter(([, v]) => v.open && v.userId === userId);
    return views.at(-1)?.[0];
  });
}

/**
 * Presses `actionId` on a message or an ephemeral (`at`: its channel and ts) as `userId`, as Slack delivers the
 * click, and waits for the next ephemeral answer to them.
 */
export async function pressAndAnswer(
  emulator: SlackEmulator,
  userId: string,
  actionId: string,
  at: { channel: string; ts: string } | undefined,
) {
  if (!at) throw new Error(`no message to press ${actionId} on`);
  const seen = emulator.ephemerals.length;
  await emulator.blockAction({ userId, actionId, channelId: at.channel, messageTs: at.ts });
  return eventually(() => emulator.ephemerals.slice(seen).find((e) => e.user === userId));
}

/**
 * Presses the button `actionId` (with `value`) on the newest ephemeral `userId` saw in `channelId` that carries
 * it, as Slack delivers the click.
 */
export async function pressEphemeralButton(
  emulator: SlackEmulator,
  userId: string,
  channelId: string,
  actionId: string,
  value: string,
): Promise<void> {
  const ephemeral = await eventually(() =>
    emulator.ephemerals.findLast(
      (e) =>
        e.user === userId && e.channel === channelId && JSON.stringify(e.blocks ?? []).includes(actionId),
    ),
  );
  await emulator.blockAction({ userId, actionId, value, channelId, messageTs: ephemeral.ts });
}

/** Presses a button on an ephemeral (see pressEphemeralButton) and waits for the modal it opens: its view id. */
export async function pressOnEphemeral(
  emulator: SlackEmulator,
  userId: string,
  channelId: string,
  actionId: string,
  value: string,
): Promise<string> {
  const opened = emulator.callsTo('views.open').length;
  await pressEphemeralButton(emulator, userId, channelId, actionId, value);
  return openedView(emulator, userId, opened);
}

/** Opens the Home tab as `userId` (as Slack delivers app_home_opened) and waits for the view the bot publishes. */
export async function openHomeTab(emulator: SlackEmulator, userId: string) {
  const before = emulator.homeViews(userId).length;
  const result = await emulator.openHome(userId);
  if (result.status !== 200) throw new Error(`app_home_opened answered ${result.status}`);
  return eventually(() => emulator.homeViews(userId).length > before && emulator.homeView(userId));
}

/** Types `/cx log` as `userId`, waits for the Log action modal and submits `values`: the submission's result. */
export async function submitLogModal(h: Harness, userId: string, values: Record<string, string>) {
  const before = h.emulator.callsTo('views.open').length;
  await h.cx(userId, 'log');
  const viewId = await openedView(h.emulator, userId, before);
  return h.emulator.viewSubmission({ userId, viewId, values });
}

export const APP_TOKEN = 'xapp-1-A0TEST-1-abcdef';

/**
 * The bot in Socket Mode against a fresh emulator (#cx-it bound as CIT), connected before it returns.
 * `config` and `options` override the defaults; the caller stops both.
 */
export async function startSocketBot(
  config: Partial<Config> = {},
  options: BotOptions = {},
): Promise<{ emulator: SlackEmulator; bot: RunningBot }> {
  const emulator = await startEmulator({
    port: 0,
    signingSecret: SIGNING_SECRET,
    botToken: BOT_TOKEN,
    appToken: APP_TOKEN,
  });
  emulator.addChannel({ id: 'CIT', name: 'cx-it', botIsMember: true });
  const bot = await startBot(
    {
      mode: 'socket',
      botToken: BOT_TOKEN,
      signingSecret: null,
      appToken: APP_TOKEN,
      slackApiUrl: emulator.apiUrl,
      port: 0,
      databasePath: path.join(tempDir(), 'cx.sqlite'),
      timeZone: 'UTC',
      admins: [],
      channels: { it: 'CIT' },
      logLevel: 'error',
      ...config,
    },
    { clock: new ManualClock(new Date('2026-03-02T10:00:00Z')), logger: quietLogger(), ...options },
  );
  await eventually(() => emulator.socketMode.connected);
  return { emulator, bot };
}
