import type { EmuMessage, SlackEmulator } from '../../src/sandbox/emulator/index.js';

/** The outbox key a bot post was sent with (the notifier puts it in the message's metadata). */
export const keyOf = (m: EmuMessage) => String(m.metadata?.event_payload?.key ?? '');

/**
 * The bot's posts in `channel` whose outbox key starts with `prefix` (`win:`, `announce:`, `closed:`…): a
 * channel also gets other posts (a new initiative is announced there), so a test picks the kind it means.
 */
export const postsOf = (emulator: SlackEmulator, channel: string, prefix: string) =>
  emulator.messages(channel).filter((m) => keyOf(m).startsWith(prefix));
