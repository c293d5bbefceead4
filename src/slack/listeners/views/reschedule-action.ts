import { rescheduleAction } from '../../../app/action-lifecycle.js';
import type { AppContext } from '../../../app/context.js';
import { FIELD, VIEW } from '../../ids.js';
import { menu } from '../../messages/index.js';
import { parseMenuMetadata, parseReschedule } from '../../parse/action-menu.js';
import { viewListener } from '../../respond/guard.js';
import { menuCaller, menuWords, showChange } from './action-menu-shared.js';

/** The Reschedule modal: `/cx due`'s rule for the date, inline errors, then the change shown in place. */
export const rescheduleSubmit = (ctx: AppContext) =>
  viewListener(VIEW.reschedule, FIELD.due, async ({ ack, body, view, client, logger }) => {
    const meta = parseMenuMetadata(view.private_metadata);
    if (!meta)
      return ack({
        response_action: 'errors',
        errors: { [FIELD.due]: menuWords.error({ code: 'unknown_ref', ref: 'A-?' }) },
      });
    const parsed = parseReschedule(view.state.values, ctx.clock.now(), ctx.timeZone, menuWords);
    if (!parsed.ok) return ack({ response_action: 'errors', errors: parsed.errors });
    const result = await rescheduleAction(ctx, menuCaller(body, view, parsed.value), {
      actionId: meta.actionId,
      ...parsed.value,
    });
    if (!result.ok)
      return ack({ response_action: 'errors', errors: { [FIELD.due]: menuWords.error(result.error) } });
    if (!result.value.changed)
      return ack({ response_action: 'errors', errors: { [FIELD.due]: menu.sameDate } });
    await ack();
    const { dueDate } = parsed.value;
    await showChange(ctx, client, logger, meta, body.user.id, {
      outcome: menu.outcome.rescheduled(body.user.id, dueDate),
      notice: menu.notice.rescheduled(meta.actionId, dueDate),
    });
  });
