import type { AppContext } from '../../../app/context.js';
import { openRequest } from '../../../app/requests.js';
import { ACTION } from '../../ids.js';
import { asks } from '../../messages/index.js';
import { actionListener } from '../../respond/guard.js';
import { say } from '../../respond/say.js';
import { errorReply } from '../../views/replies.js';
import { declineModal } from '../../views/requests.js';
import { requestIdOf } from './request-take.js';

/** **Can't do it**: the modal asking why, unless the request was answered meanwhile (then: by whom). */
export const requestDeclineButton = (ctx: AppContext) =>
  actionListener(ACTION.requestDecline, async ({ body, client, respond }) => {
    const id = requestIdOf(body);
    if (id === null) return say(respond, asks.notARequest);
    const open = openRequest(ctx, id);
    if (!open.ok) return say(respond, errorReply(open.error));
    await client.views.open({ trigger_id: body.trigger_id, view: declineModal(id) });
  });
