import type { AppContext } from '../../../app/context.js';
import { declineRequest } from '../../../app/requests.js';
import { parseRequestRef } from '../../../domain/requests.js';
import { FIELD, VIEW } from '../../ids.js';
import { asks, msg } from '../../messages/index.js';
import { viewCaller } from '../../respond/callers.js';
import { viewListener } from '../../respond/guard.js';

/** The Can't-do-it modal: a reason is required; the post is rewritten and the asker told (outbox). */
export const requestDeclineSubmit = (ctx: AppContext) =>
  viewListener(VIEW.requestDecline, FIELD.reason, async ({ ack, body, view }) => {
    const id = parseRequestRef(view.private_metadata);
    if (!id.ok) return ack({ response_action: 'errors', errors: { [FIELD.reason]: asks.notARequest } });
    const reason = view.state.values[FIELD.reason]?.[FIELD.reason]?.value?.trim() ?? '';
    if (reason === '') {
      return ack({ response_action: 'errors', errors: { [FIELD.reason]: asks.declineNeedsReason } });
    }
    const result = declineRequest(ctx, viewCaller(body, view), id.value, reason);
    if (!result.ok)
      return ack({ response_action: 'errors', errors: { [FIELD.reason]: msg.error(result.error) } });
    await ack();
  });
