import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Mrkdwn } from '../messages/mrkdwn.js';
import { withOutcome } from '../views/reminder.js';

interface Logger {
  warn(...msg: unknown[]): void;
}

/**
 * Shows in a message what was done with its buttons (`chat.update`): the buttons of block `blockId` (an
 * action's in a reminder, a verdict's Recommit / Close) give way to a line such as "Done, marked by @ann".
 * `blocks` are the message's blocks when the caller has them (a button press); otherwise (a modal submitted
 * later) the message is read back first. Messages without that block (other messages, ephemeral replies) are
 * left alone. Never throws: the change itself has succeeded, and the person already got a reply.
 */
export async function showOutcomeInPlace(
  client: WebClient,
  where: { channelId: string | null | undefined; messageTs: string | null | undefined },
  blockId: string,
  outcome: Mrkdwn,
  logger: Logger,
  known?: { blocks?: unknown; text?: string },
): Promise<boolean> {
  const { channelId, messageTs } = where;
  if (!channelId || !messageTs) return false;
  try {
    let blocks = known?.blocks;
    let text = known?.text;
    if (!Array.isArray(blocks)) {
      const res = await client.conversations.history({
        channel: channelId,
        latest: messageTs,
        inclusive: true,
        limit: 1,
      });
      const message = res.messages?.find((m) => m.ts === messageTs);
      blocks = message?.blocks;
      text = message?.text;
    }
    if (!Array.isArray(blocks)) return false;
    const next = withOutcome(blocks as KnownBlock[], blockId, outcome);
    if (!next) return false;
    await client.chat.update({ channel: channelId, ts: messageTs, text: text ?? '', blocks: next });
    return true;
  } catch (error) {
    logger.warn(
      `could not update the message ${channelId}/${messageTs} in place: ${(error as Error).message}`,
    );
    return false;
  }
}
