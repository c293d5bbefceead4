import type { AppContext } from '../../../app/context.js';
import { checkForm } from '../../../app/metric-checks.js';
import { ACTION } from '../../ids.js';
import { msg } from '../../messages/index.js';
import { actionListener } from '../../respond/guard.js';
import { say } from '../../respond/say.js';
import { checkModal } from '../../views/check.js';
import { errorReply, textReply } from '../../views/replies.js';
import { initiativeIdOf } from './values.js';

/** "Enter current values" on a 6–12-month check: opens the check modal, pre-filled with the last values. */
export const metricCheckOpenButton = (ctx: AppContext) =>
  actionListener(ACTION.metricCheckOpen, async ({ body, client, respond }) => {
    const id = initiativeIdOf(body);
    if (id === null) return say(respond, textReply(msg.genericFailure));
    const form = await checkForm(ctx, body.user.id, id);
    if (!form.ok) return say(respond, errorReply(form.error, 'check'));
    await client.views.open({
      trigger_id: body.trigger_id,
      view: checkModal({ ...form.value, channelId: body.channel?.id ?? null }),
    });
  });
