import type { OverflowAction } from '@slack/bolt';
import { actionDetail } from '../../../app/actions.js';
import type { AppContext } from '../../../app/context.js';
import { dateContext } from '../../../app/read.js';
import { isAdmin } from '../../../app/users.js';
import { canChangeAction } from '../../../domain/permissions.js';
import { ACTION } from '../../ids.js';
import { menu, msg } from '../../messages/index.js';
import type { Mrkdwn } from '../../messages/mrkdwn.js';
import { type ActionArgs, actionListener } from '../../respond/guard.js';
import { publishHome } from '../../respond/home.js';
import { originOf } from '../../respond/origin.js';
import { say } from '../../respond/say.js';
import { parseMenuValue } from '../../views/action-buttons.js';
import { actionMenuModal } from '../../views/action-menu.js';
import type { BuiltMessage } from '../../views/blocks.js';
import { errorReply, textReply } from '../../views/replies.js';

/** A refusal goes where the person is: ephemerally, or (App Home, no response_url) on top of their Home. */
async function refuse(args: ActionArgs, ctx: AppContext, reply: BuiltMessage): Promise<void> {
  if (args.body.view?.type === 'home') return publishHome(args.client, ctx, args.body.user.id, reply.text);
  await say(args.respond, reply);
}

/**
 * The "⋯" menu next to Done / Add update / Snooze: Reschedule, Reassign or Drop opens its small modal.
 * Who may change the action is checked here too (a forged or stale click gets the command's refusal and
 * no modal), and again when the modal is submitted.
 */
export const actionMenu = (ctx: AppContext) =>
  actionListener(ACTION.actionMenu, async (args) => {
    const { body, client } = args;
    const picked = parseMenuValue(
      (body.actions[0] as OverflowAction | undefined)?.selected_option?.value ?? '',
    );
    if (!picked) return refuse(args, ctx, textReply(msg.genericFailure));
    const found = actionDetail(ctx, picked.actionId);
    if (!found.ok) return refuse(args, ctx, errorReply(found.error));
    const { action, initiative } = found.value;
    const allowed = canChangeAction(body.user.id, await isAdmin(ctx, body.user.id), action, initiative);
    if (!allowed.ok) return refuse(args, ctx, errorReply(allowed.error));
    if (action.status === 'done' || action.status === 'dropped') {
      const text: Mrkdwn = menu.finished(action.id, action.status);
      return refuse(args, ctx, textReply(text));
    }
    await client.views.open({
      trigger_id: body.trigger_id,
      view: actionMenuModal(picked.choice, action, originOf(body), dateContext(ctx).today),
    });
  });
