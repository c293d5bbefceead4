import type { AppContext } from '../../../app/context.js';
import { askDepartment } from '../../../app/requests.js';
import { FIELD, VIEW } from '../../ids.js';
import { asks, msg } from '../../messages/index.js';
import { parseAskForm } from '../../parse/ask-form.js';
import { parseMetadata } from '../../parse/view-state.js';
import { viewCaller } from '../../respond/callers.js';
import { viewListener } from '../../respond/guard.js';
import { confirm } from '../../respond/say.js';

/** The /cx ask modal: creates R-n like the command; the asking department is the channel it came from. */
export const askDepartmentSubmit = (ctx: AppContext) =>
  viewListener(VIEW.askDepartment, FIELD.title, async ({ ack, body, view, client }) => {
    const parsed = parseAskForm(view.state.values, ctx.clock.now(), ctx.timeZone, msg.modal);
    if (!parsed.ok) return ack({ response_action: 'errors', errors: parsed.errors });
    const meta = parseMetadata(view.private_metadata);
    const caller = { ...viewCaller(body, view), ...(meta.channelId ? { channelId: meta.channelId } : {}) };
    const result = askDepartment(ctx, caller, parsed.value);
    if (!result.ok) {
      const e = result.error;
      const field =
        e.code === 'ask_refused'
          ? FIELD.dept
          : e.code === 'inactive_initiative' || e.code === 'unknown_ref'
            ? FIELD.initiative
            : FIELD.title;
      return ack({ response_action: 'errors', errors: { [field]: msg.error(e) } });
    }
    await ack();
    const r = result.value.request;
    await confirm(client, meta.channelId, body.user.id, asks.asked(r.id, r.askedDept, r.what));
  });
