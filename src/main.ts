import fs from 'node:fs';
import { ManualClock } from './clock.js';
import { loadConfig, loadDotEnv } from './config.js';
import { createLog } from './log/logger.js';
import { startBot } from './runtime/bot.js';

/**
 * `npm start`: validate the environment, start the bot, stop gracefully on SIGTERM / SIGINT. Problems with
 * the configuration are plain lines on stderr (there is no log yet); from then on everything goes through
 * the structured log, on stdout.
 */
async function main(): Promise<number | null> {
  loadDotEnv();
  const result = loadConfig(process.env);
  // No Slack credentials at all (and nothing invalid): the offline sandbox instead of the real bot.
  if (!result.ok && result.problems.length === 0 && result.missingCredentials.length === 2) {
    return runSandbox(process.argv.slice(2));
  }
  if (!result.ok) {
    for (const problem of result.problems) console.error(`config: ${problem}`);
    if (result.missingCredentials.length > 0) {
      console.error(
        `Missing Slack credentials: ${result.missingCredentials.join(', ')}. ` +
          'Create the Slack app from manifest.yml and copy them from its settings pages ' +
          '(README, "Set up the Slack app"); put them in the environment or a .env file.',
      );
    }
    return 2;
  }
  const config = result.config;
  const log = createLog({ level: config.logLevel, format: config.logFormat ?? 'json' });
  let bot: Awaited<ReturnType<typeof startBot>>;
  try {
    bot = await startBot(config, { log });
  } catch (error) {
    log.error({ err: error }, `cx-bridge could not start: ${(error as Error).message}`);
    return 1;
  }
  // Start and stop are always announced, whatever LOG_LEVEL: supervisors and scripts wait for them.
  const lifecycle = log.child({}, { level: 'info' });
  if (config.mode === 'http') {
    lifecycle.info(
      { port: bot.port, metrics: Boolean(config.metricsToken) },
      `cx-bridge listening on port ${bot.port} (POST /slack/events, GET /healthz, GET /metrics)`,
    );
  } else {
    lifecycle.info(
      { mode: 'socket', port: bot.port, metrics: Boolean(config.metricsToken) },
      `cx-bridge connected in Socket Mode (GET /healthz, GET /metrics on port ${bot.port})`,
    );
  }
  const stop = async (signal: string) => {
    lifecycle.info({ signal }, 'finishing in-flight work and stopping');
    await bot.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  return null;
}

const SANDBOX_USAGE =
  'usage: npm start [-- --demo] [--reset]  (without Slack credentials: the offline sandbox)';

/**
 * The sandbox: the emulator and its page on PORT, the bot — the same `startBot` as production, in HTTP
 * mode with real signatures — on a free port, both reading one ManualClock that the page moves.
 * `--demo` seeds a demo through the emulator; `--reset` starts from an empty sandbox database.
 */
async function runSandbox(args: string[]): Promise<number | null> {
  const unknown = args.filter((a) => a !== '--demo' && a !== '--reset');
  if (unknown.length > 0) {
    console.error(`unknown option ${unknown.join(' ')}; ${SANDBOX_USAGE}`);
    return 2;
  }
  // Validated above; these placeholders only stand in for the credentials the sandbox makes up.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([, v]) => v !== undefined && v.trim() !== ''),
  );
  const loaded = loadConfig({
    DATABASE_PATH: './data/sandbox.sqlite',
    // The one line the sandbox prints is its URL; job logs only when LOG_LEVEL asks for them.
    LOG_LEVEL: 'warn',
    ...env,
    SLACK_BOT_TOKEN: 'xoxb-sandbox',
    SLACK_SIGNING_SECRET: 'sandboxsecret',
  });
  if (!loaded.ok) {
    for (const problem of loaded.problems) console.error(`config: ${problem}`);
    return 2;
  }
  const base = loaded.config;
  // The sandbox prints its URL on stdout and nothing else unless LOG_LEVEL asks for more.
  const log = createLog({ level: base.logLevel, format: base.logFormat ?? 'json' });
  // Loaded only here: the bot itself never carries the emulator, the page server or time travel.
  const [{ startSandbox }, { startLinkedBot }] = await Promise.all([
    import('./sandbox/start.js'),
    import('./runtime/sandbox-bot.js'),
  ]);
  const clockFile = `${base.databasePath}.clock.json`;
  if (args.includes('--reset')) {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${base.databasePath}${suffix}`, { force: true });
    fs.rmSync(clockFile, { force: true });
  }
  const now = new Date();
  now.setUTCSeconds(0, 0);
  const clock = new ManualClock(now);
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  try {
    sandbox = await startSandbox({
      port: base.port,
      clock,
      clockFile,
      timeZone: base.timeZone,
      startBot: (link) => startLinkedBot(link, base, { clock, log }),
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    log.error(
      { err: e },
      e.code === 'EADDRINUSE'
        ? `cx-bridge sandbox could not start: port ${base.port} is in use; set PORT to another port`
        : `cx-bridge sandbox could not start: ${e.message}`,
    );
    return 1;
  }
  // The URL is the sandbox's answer, not a log line.
  process.stdout.write(`${sandbox.url}\n`);
  if (args.includes('--demo')) {
    sandbox.seedDemo().then(
      (demo) => {
        if (!demo.ok) log.error({ summary: demo.summary }, 'demo did not complete');
      },
      (error) => log.error({ err: error }, 'demo failed'),
    );
  }
  const stop = async () => {
    await sandbox.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  return null;
}

main().then(
  (code) => {
    if (code !== null) process.exitCode = code;
  },
  (error) => {
    // Whatever escaped main: no log may exist yet, so one plain line on stderr.
    process.stderr.write(`cx-bridge failed: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
