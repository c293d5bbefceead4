/**
 * The bot the sandbox starts once its emulator is up (`npm start` without Slack credentials, the sandbox tests
 * and bench): the real `startBot` over HTTP on the emulator's link, with time passing as time travel makes it.
 * `base` is the rest of the configuration (database, zone, language, log level); the link's admins join its own.
 */
import type { ManualClock } from '../clock.js';
import type { Config } from '../config.js';
import type { BotLink, SandboxBot } from '../sandbox/start.js';
import { type BotOptions, type RunningBot, startBot } from './bot.js';
import { passTime } from './time-travel.js';

export type LinkedBotBase = Omit<
  Config,
  'mode' | 'botToken' | 'signingSecret' | 'appToken' | 'slackApiUrl' | 'port' | 'channels'
>;

export async function startLinkedBot(
  link: BotLink,
  base: LinkedBotBase,
  options: BotOptions & { clock: ManualClock },
): Promise<SandboxBot & { bot: RunningBot }> {
  const config: Config = {
    ...base,
    mode: 'http',
    botToken: link.botToken,
    signingSecret: link.signingSecret,
    appToken: null,
    slackApiUrl: link.apiUrl,
    port: 0,
    admins: [...new Set([...base.admins, ...link.admins])],
    channels: link.channels,
  };
  // The sandbox's Slack has no rate limits, and time travel posts months of work at once: keeping to
  // Slack's pace would only make it wait real seconds per channel.
  const bot = await startBot(config, { ...options, postPace: null });
  return {
    bot,
    port: bot.port,
    passTime: (from, to) => passTime(bot, options.clock, from, to),
    stop: () => bot.stop(),
  };
}
