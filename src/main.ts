import { startBot } from './bot.js';
import { loadConfig, loadDotEnv } from './config.js';

/** `npm start`: validate the environment, start the bot, stop gracefully on SIGTERM / SIGINT. */
async function main(): Promise<number | null> {
  loadDotEnv();
  const result = loadConfig(process.env);
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
  let bot: Awaited<ReturnType<typeof startBot>>;
  try {
    bot = await startBot(config);
  } catch (error) {
    console.error(`cx-bridge could not start: ${(error as Error).message}`);
    return 1;
  }
  console.log(
    config.mode === 'http'
      ? `cx-bridge listening on port ${bot.port} (POST /slack/events, GET /healthz)`
      : 'cx-bridge connected in Socket Mode',
  );
  const stop = async (signal: string) => {
    console.log(`${signal}: finishing in-flight work and stopping`);
    await bot.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  return null;
}

main().then(
  (code) => {
    if (code !== null) process.exitCode = code;
  },
  (error) => {
    console.error(`cx-bridge failed: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);
