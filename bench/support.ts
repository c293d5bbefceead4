/** What every end-to-end bench starts: the emulator, the real bot over signed HTTP on a temp database. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConsoleLogger, LogLevel } from '@slack/logger';
import { ManualClock } from '../src/clock.js';
import type { BindingKey } from '../src/domain/types.js';
import type { Job } from '../src/jobs/index.js';
import { type RunningBot, startBot } from '../src/runtime/bot.js';
import { type SlackEmulator, startEmulator } from '../src/sandbox/emulator/index.js';

export const BENCH_SECRET = 'benchsigningsecret0123';

export interface BenchBot {
  emulator: SlackEmulator;
  bot: RunningBot;
  stop(): Promise<void>;
}

export async function startBenchBot(options: {
  channels: Partial<Record<BindingKey, string>>;
  now: Date;
  jobs?: readonly Job[];
}): Promise<BenchBot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-bench-'));
  const emulator = await startEmulator({ port: 0, signingSecret: BENCH_SECRET, botToken: 'xoxb-bench' });
  for (const [key, id] of Object.entries(options.channels)) {
    if (id) emulator.addChannel({ id, name: `cx-${key}`, botIsMember: true });
  }
  const logger = new ConsoleLogger();
  logger.setLevel(LogLevel.ERROR);
  const bot = await startBot(
    {
      mode: 'http',
      botToken: 'xoxb-bench',
      signingSecret: BENCH_SECRET,
      appToken: null,
      slackApiUrl: emulator.apiUrl,
      port: 0,
      databasePath: path.join(dir, 'cx.sqlite'),
      timeZone: 'Europe/Berlin',
      admins: [],
      channels: { ...options.channels },
      logLevel: 'error',
    },
    { clock: new ManualClock(options.now), logger, ...(options.jobs ? { jobs: options.jobs } : {}) },
  );
  emulator.setAppUrl(`http://127.0.0.1:${bot.port}/slack/events`);
  return {
    emulator,
    bot,
    stop: async () => {
      await bot.stop();
      await emulator.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
