import type { BlockAction } from '@slack/bolt';
import type { AppContext, Caller } from '../../../app/context.js';
import { msg } from '../../messages/index.js';
import type { Mrkdwn } from '../../messages/mrkdwn.js';
import { actionCaller } from '../../respond/callers.js';
import { actionListener } from '../../respond/guard.js';
import { publishHome } from '../../respond/home.js';
import { showOutcomeInPlace } from '../../respond/in-place.js';
import { ephemeralListOf, redrawnReply } from '../../respond/redraw.js';
import { say } from '../../respond/say.js';
import type { BuiltMessage } from '../../views/blocks.js';
import { reminderButtonsBlockId } from '../../views/reminder.js';
import { actionIdOf } from './values.js';

const isEphemeral = (body: BlockAction) =>
  (body.container as { is_ephemeral?: boolean } | undefined)?.is_ephemeral === true;

/** A reply to the presser, and (when it worked) what a reminder message should now show for the action. */
export type ButtonResult = BuiltMessage | { reply: BuiltMessage; outcome: Mrkdwn };

/**
 * The shared shape of an action's button (Done, Snooze): run the use case, answer the presser only; on a
 * reminder, the action's buttons are then replaced in place by what was done. Pressed in the App Home
 * (no response_url there), the home is republished with the answer at its top; pressed in the ephemeral
 * `/cx mine` or `/cx show` reply, that reply is redrawn with the answer at its top.
 */
export function actionButton(
  ctx: AppContext,
  name: string,
  run: (caller: Caller, id: number) => Promise<ButtonResult>,
) {
  return actionListener(name, async ({ body, respond, logger, client }) => {
    const id = actionIdOf(body);
    if (id === null) return say(respond, msg.genericFailure);
    const result = await run(actionCaller(body), id);
    const reply = 'reply' in result ? result.reply : result;
    if (body.view?.type === 'home') return publishHome(client, ctx, body.user.id, reply.text);
    // Pressed in the ephemeral `/cx mine` or `/cx show` reply: it is redrawn with the answer on top.
    const list = 'outcome' in result && isEphemeral(body) ? ephemeralListOf(body.actions[0]?.block_id) : null;
    const redrawn = list ? await redrawnReply(ctx, list, id, body.user.id, reply.text) : null;
    if (redrawn) return respond({ response_type: 'ephemeral', replace_original: true, ...redrawn });
    await say(respond, reply);
    if ('outcome' in result) {
      const where = { channelId: body.channel?.id, messageTs: body.message?.ts };
      await showOutcomeInPlace(
        client,
        where,
        reminderButtonsBlockId(id),
        result.outcome,
        logger,
        body.message,
      );
    }
  });
}
