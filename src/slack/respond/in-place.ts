import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Mrkdwn } from '../messages/mrkdwn.js';
import { withOutcome } from '../views/reminder.js';

interface Logger {
  warn(...msg: unknown[]): void;
}

/**
 * Shows in a reminder what was done with one of its actions (`chat.update`): that action's buttons give
 * way to a line such as "Done, marked by @ann". `blocks` are the message's blocks when the caller has them
 * (a button press); otherwise (a modal submitted later) the message is read back first. Messages without
 * buttons for that action (other messages, ephemeral replies) are left alone. Never throws: the action
 * itself has succeeded, and the person already got a reply.
 */
export async function showOutcomeInPlace(
  client: WebClient,
  where: { channelId: string | null | undefined; messageTs: string | null | undefined },
  actionId: number,
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
    const next = withOutcome(blocks as KnownBlock[], actionId, outcome);
    if (!next) return false;
    await client.chat.update({ channel: channelId, ts: messageTs, text: text ?? '', blocks: next });
    return true;
  } catch (error) {
    logger.warn(
      `could not update the reminder ${channelId}/${messageTs} in place: ${(error as Error).message}`,
    );
    return false;
  }
}
