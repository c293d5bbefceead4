import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import { completeAction, snooze } from '../../../app/actions.js';
import { type AppContext, type Caller, DuplicateDelivery } from '../../../app/context.js';
import { DEFAULT_SNOOZE_DAYS } from '../../../domain/actions.js';
import { parseRefOfKind } from '../../../domain/refs.js';
import { ACTION } from '../../ids.js';
import { en } from '../../messages/en.js';
import type { Mrkdwn } from '../../messages/mrkdwn.js';
import type { BuiltMessage } from '../../views/blocks.js';
import { addUpdateModal } from '../../views/modals.js';
import { errorReply, textReply } from '../../views/replies.js';
import { publishHome } from '../events/app-home.js';
import { showOutcomeInPlace } from './in-place.js';
import { registerMetricActions } from './metrics.js';

/** Buttons carry the action ref (`A-12`) as their value; anything else is answered, never trusted. */
function actionIdOf(body: BlockAction): number | null {
  const value = (body.actions[0] as ButtonAction | undefined)?.value ?? '';
  const ref = parseRefOfKind(value, 'A');
  return ref.ok ? ref.value.n : null;
}

function callerOf(body: BlockAction): Caller {
  const action = body.actions[0];
  return {
    userId: body.user.id,
    channelId: body.channel?.id,
    dedupeKey: `act:${body.user.id}:${action?.action_id}:${action?.action_ts}`,
  };
}

async function say(respond: RespondFn, message: BuiltMessage | string): Promise<void> {
  const body = typeof message === 'string' ? { text: message } : message;
  await respond({ response_type: 'ephemeral', replace_original: false, ...body });
}

/** A reply to the presser, and (when it worked) what a reminder message should now show for the action. */
type ButtonResult = BuiltMessage | { reply: BuiltMessage; outcome: Mrkdwn };

/**
 * The shared shape of an action button: ack at once, run the use case, answer the presser only; on a
 * reminder, the action's buttons are then replaced in place by what was done. Pressed in the App Home
 * (no response_url there), the home is republished with the answer at its top.
 */
function button(
  app: App,
  ctx: AppContext,
  actionId: string,
  run: (caller: Caller, id: number) => Promise<ButtonResult>,
): void {
  app.action<BlockAction>(actionId, async ({ ack, body, respond, logger, client }) => {
    await ack();
    const id = actionIdOf(body);
    if (id === null) {
      await say(respond, en.genericFailure);
      return;
    }
    try {
      const result = await run(callerOf(body), id);
      const reply = 'reply' in result ? result.reply : result;
      if (body.view?.type === 'home') return await publishHome(client, ctx, body.user.id, reply.text);
      await say(respond, reply);
      if ('outcome' in result) {
        const where = { channelId: body.channel?.id, messageTs: body.message?.ts };
        await showOutcomeInPlace(client, where, id, result.outcome, logger, body.message);
      }
    } catch (error) {
      if (error instanceof DuplicateDelivery) return;
      logger.error(`${actionId} failed: ${(error as Error).message}`);
      await say(respond, en.genericFailure);
    }
  });
}

export function registerActions(app: App, ctx: AppContext): void {
  registerMetricActions(app, ctx);
  button(app, ctx, ACTION.done, async (caller, id) => {
    const result = await completeAction(ctx, caller, id, null);
    if (!result.ok) return errorReply(result.error, 'done');
    const { action, progress, announcedIn } = result.value;
    return {
      reply: textReply(en.actionDone(id, action.title, progress.done, progress.total, announcedIn)),
      outcome: en.nudges.outcome.done(caller.userId),
    };
  });

  button(app, ctx, ACTION.snooze, async (caller, id) => {
    const result = await snooze(ctx, caller, id, DEFAULT_SNOOZE_DAYS);
    return result.ok
      ? {
          reply: textReply(en.actionSnoozed(id, DEFAULT_SNOOZE_DAYS)),
          outcome: en.nudges.outcome.snoozed(caller.userId, DEFAULT_SNOOZE_DAYS),
        }
      : errorReply(result.error, 'snooze');
  });

  app.action<BlockAction>(ACTION.update, async ({ ack, body, client }) => {
    await ack();
    const id = actionIdOf(body);
    if (id === null) return;
    await client.views.open({
      trigger_id: body.trigger_id,
      // The message's ts lets the submission update a reminder in place.
      view: addUpdateModal(
        id,
        body.channel?.id ?? null,
        body.message?.ts ?? null,
        body.view?.type === 'home',
      ),
    });
  });
}
