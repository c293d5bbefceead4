import { actionDetail, myOpenActions } from '../../app/actions.js';
import type { AppContext } from '../../app/context.js';
import { dateContext } from '../../app/read.js';
import type { Mrkdwn } from '../messages/mrkdwn.js';
import type { BuiltMessage } from '../views/blocks.js';
import { actionReply, mineReply } from '../views/replies.js';
import { mayChangeAction } from './may-change.js';

/** The ephemeral replies that carry an action's buttons: `/cx mine` and `/cx show A-n`. */
export type EphemeralList = 'mine' | 'show';

/** Which of them a row of buttons belongs to, from the row's block_id; null for any other message. */
export function ephemeralListOf(blockId: string | undefined): EphemeralList | null {
  // Rows are `show_act_<n>` (see showButtonsBlockId) and `act_<n>` (mineButtonsBlockId).
  if (/^show_act_\d+$/.test(blockId ?? '')) return 'show';
  if (/^act_\d+$/.test(blockId ?? '')) return 'mine';
  return null;
}

/**
 * The reply drawn afresh for `userId` after they changed action `actionId` from it, the change on top:
 * an ephemeral message can only be updated by replacing it whole through its response_url.
 */
export async function redrawnReply(
  ctx: AppContext,
  list: EphemeralList,
  actionId: number,
  userId: string,
  notice: Mrkdwn,
): Promise<BuiltMessage | null> {
  if (list === 'mine') return mineReply(myOpenActions(ctx, userId), dateContext(ctx), notice);
  const found = actionDetail(ctx, actionId);
  if (!found.ok) return null;
  return actionReply(found.value, dateContext(ctx), {
    buttons: await mayChangeAction(ctx, userId, found.value),
    notice,
  });
}
