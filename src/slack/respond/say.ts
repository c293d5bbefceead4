import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Mrkdwn } from '../messages/mrkdwn.js';
import type { BuiltMessage } from '../views/blocks.js';

/**
 * Answers the person who pressed a button, ephemerally, leaving the message they pressed it on as it is.
 * A button in the App Home has no response_url (Bolt gives no `respond`): then there is nobody to answer.
 */
export async function say(respond: RespondFn | undefined, message: BuiltMessage | Mrkdwn): Promise<void> {
  const body = typeof message === 'string' ? { text: message } : message;
  await respond?.({ response_type: 'ephemeral', replace_original: false, ...body });
}

/**
 * Answers in place of the message the button was on (an ephemeral reply included), so a button that has
 * done its work does not stay to be pressed again.
 */
export async function replace(respond: RespondFn | undefined, message: BuiltMessage | Mrkdwn): Promise<void> {
  const body = typeof message === 'string' ? { text: message } : message;
  await respond?.({ response_type: 'ephemeral', replace_original: true, ...body });
}

/**
 * A modal has no channel: its confirmation goes, ephemerally, to where it was opened from (if known).
 * Best effort — the work is done and committed whether or not the note arrives.
 */
export async function confirm(
  client: WebClient,
  channelId: string | null | undefined,
  userId: string,
  text: string,
): Promise<void> {
  if (!channelId) return;
  await client.chat.postEphemeral({ channel: channelId, user: userId, text }).catch(() => undefined);
}
