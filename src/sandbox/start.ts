/**
 * The offline sandbox: the Slack emulator with its web page on one port, and the bot — started by the
 * caller, unchanged, in HTTP mode with real signatures — on another. The sandbox never imports the bot:
 * `main.ts` hands it a `startBot` that wires the real composition root to the link given here.
 */

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { seedDemo } from './demo.js';
import { type SlackEmulator, startEmulator } from './emulator/index.js';
import { registerSandboxRoutes, type SandboxControl } from './page-server.js';
import {
  SANDBOX_ADMIN,
  SANDBOX_CHANNEL_INPUTS,
  SANDBOX_CHANNELS,
  SANDBOX_USERS,
  type SandboxChannelKey,
} from './workspace.js';
import { type Travel, travelTarget } from './zone-time.js';

/** The clock the bot reads (a ManualClock): it stands still until the page moves it. */
export interface SandboxClock {
  now(): Date;
  set(at: Date): void;
}

/** How the bot reaches the emulator and what it should bind: what the real bot gets from its environment. */
export interface BotLink {
  apiUrl: string;
  botToken: string;
  signingSecret: string;
  channels: Record<SandboxChannelKey, string>;
  admins: string[];
}

export interface SandboxBot {
  /** The bot's HTTP port; the emulator delivers commands, interactions and events there. */
  port: number | null;
  /**
   * Moves the clock from `from` to `to` the way time passes for a running bot: the scheduled jobs due on
   * the way run at their moments, as in production. Without it the clock simply jumps.
   */
  passTime?(from: Date, to: Date): Promise<void>;
  stop(): Promise<void>;
}

export interface SandboxOptions {
  /** The page's port (the contract's PORT, default 3000); 0 picks a free one. */
  port: number;
  host?: string;
  clock: SandboxClock;
  /** CX_TIMEZONE: the time-travel buttons ("next Friday 14:00") count in it. */
  timeZone: string;
  startBot(link: BotLink): Promise<SandboxBot>;
  /** Where the clock is kept between runs, so a restarted sandbox never goes back in time. */
  clockFile?: string;
}

export interface Sandbox {
  /** The page, e.g. `http://127.0.0.1:3000/`. */
  url: string;
  emulator: SlackEmulator;
  clock: SandboxClock;
  bot: SandboxBot;
  /** Moves the clock forward and lets the bot's scheduler run what became due. */
  travel(to: Travel | Date): Promise<{ from: Date; to: Date }>;
  seedDemo(): Promise<{ ok: boolean; summary: string }>;
  stop(): Promise<void>;
}

function restoreClock(clock: SandboxClock, file: string | undefined): void {
  if (!file || !fs.existsSync(file)) return;
  try {
    const saved = new Date((JSON.parse(fs.readFileSync(file, 'utf8')) as { now?: string }).now ?? '');
    if (!Number.isNaN(saved.getTime()) && saved > clock.now()) clock.set(saved);
  } catch {
    // An unreadable clock file only costs the travelled time; the sandbox still starts.
  }
}

function saveClock(clock: SandboxClock, file: string | undefined): void {
  if (!file) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ now: clock.now().toISOString() })}\n`);
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const { clock } = options;
  restoreClock(clock, options.clockFile);
  const botToken = `xoxb-sandbox-${randomBytes(8).toString('hex')}`;
  const signingSecret = randomBytes(16).toString('hex');
  const emulator = await startEmulator({
    port: options.port,
    host: options.host ?? '127.0.0.1',
    signingSecret,
    botToken,
    botName: 'cx-bridge',
    seed: false,
    // Messages carry the sandbox time, so a travelled week shows on the posts it produced.
    now: () => clock.now().getTime(),
  });
  for (const u of SANDBOX_USERS) emulator.addUser(u);
  for (const c of SANDBOX_CHANNEL_INPUTS) emulator.addChannel(c);
  // Every person has their DM with the bot from the start, as the app's Messages tab in Slack.
  for (const u of SANDBOX_USERS) emulator.state.ensureDm(u.id);

  let bot: SandboxBot;
  try {
    bot = await options.startBot({
      apiUrl: emulator.apiUrl,
      botToken,
      signingSecret,
      channels: { ...SANDBOX_CHANNELS },
      admins: [SANDBOX_ADMIN],
    });
  } catch (error) {
    await emulator.stop();
    throw error;
  }
  if (bot.port === null) {
    await bot.stop();
    await emulator.stop();
    throw new Error('the sandbox needs the bot in HTTP mode');
  }
  emulator.setAppUrl(`http://127.0.0.1:${bot.port}/slack/events`);

  // One move at a time: a second click waits for the jobs of the first to finish.
  let moving: Promise<unknown> = Promise.resolve();
  const travel = (target: Travel | Date) => {
    const run = moving.then(async () => {
      const from = clock.now();
      const to = target instanceof Date ? target : travelTarget(target, from, options.timeZone);
      if (to.getTime() <= from.getTime()) throw new Error('the sandbox clock only moves forward');
      // Pages catch up less often while hundreds of posts stream in.
      emulator.state.emit({ kind: 'clock', moving: true });
      try {
        if (bot.passTime) await bot.passTime(from, to);
      } finally {
        clock.set(to);
        saveClock(clock, options.clockFile);
        emulator.state.emit({ kind: 'clock' });
      }
      return { from, to };
    });
    moving = run.catch(() => undefined);
    return run;
  };

  let seeding: Promise<{ ok: boolean; summary: string }> | undefined;
  const control: SandboxControl = {
    timeZone: options.timeZone,
    now: () => clock.now(),
    travel,
    seedDemo: () => {
      seeding ??= seedDemo(emulator, { now: () => clock.now(), timeZone: options.timeZone, travel }).finally(
        () => {
          seeding = undefined;
        },
      );
      return seeding;
    },
  };
  registerSandboxRoutes(emulator, control);

  return {
    url: `${emulator.url}/`,
    emulator,
    clock,
    bot,
    travel,
    seedDemo: control.seedDemo,
    async stop() {
      await bot.stop();
      await emulator.stop();
    },
  };
}
