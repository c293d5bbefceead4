import { logAction } from '../../../app/actions.js';
import type { AppContext } from '../../../app/context.js';
import { FIELD, VIEW } from '../../ids.js';
import { msg } from '../../messages/index.js';
import { parseLogAction, parseMetadata } from '../../parse/view-state.js';
import { viewCaller } from '../../respond/callers.js';
import { viewListener } from '../../respond/guard.js';
import { confirm } from '../../respond/say.js';
import { fieldOf } from './field-of.js';

/** The Log action modal. */
export const logActionSubmit = (ctx: AppContext) =>
  viewListener(VIEW.logAction, FIELD.title, async ({ ack, body, view, client }) => {
    const parsed = parseLogAction(view.state.values, ctx.clock.now(), ctx.timeZone, msg.modal);
    if (!parsed.ok) return ack({ response_action: 'errors', errors: parsed.errors });
    const meta = parseMetadata(view.private_metadata);
    const input = { ...parsed.value, dept: parsed.value.dept ?? undefined };
    const result = await logAction(ctx, viewCaller(body, view), input);
    if (!result.ok) {
      const field = fieldOf(result.error, FIELD.title);
      return ack({ response_action: 'errors', errors: { [field]: msg.error(result.error) } });
    }
    await ack();
    const a = result.value.action;
    const text = msg.actionLogged(a.id, a.title, a.ownerId, a.initiativeId, a.dueDate);
    await confirm(client, meta.channelId, body.user.id, text);
  });
