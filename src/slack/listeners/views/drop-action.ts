import { dropAction } from '../../../app/action-lifecycle.js';
import type { AppContext } from '../../../app/context.js';
import { FIELD, VIEW } from '../../ids.js';
import { menu } from '../../messages/index.js';
import { parseDrop, parseMenuMetadata } from '../../parse/action-menu.js';
import { viewListener } from '../../respond/guard.js';
import { menuCaller, menuWords, showChange } from './action-menu-shared.js';

/** The Drop modal: a reason is required; dropping is final and posts no win. */
export const dropSubmit = (ctx: AppContext) =>
  viewListener(VIEW.drop, FIELD.reason, async ({ ack, body, view, client, logger }) => {
    const meta = parseMenuMetadata(view.private_metadata);
    if (!meta)
      return ack({
        response_action: 'errors',
        errors: { [FIELD.reason]: menuWords.error({ code: 'unknown_ref', ref: 'A-?' }) },
      });
    const parsed = parseDrop(view.state.values, menuWords);
    if (!parsed.ok) return ack({ response_action: 'errors', errors: parsed.errors });
    const result = await dropAction(ctx, menuCaller(body, view, parsed.value), {
      actionId: meta.actionId,
      ...parsed.value,
    });
    if (!result.ok)
      return ack({ response_action: 'errors', errors: { [FIELD.reason]: menuWords.error(result.error) } });
    await ack();
    await showChange(ctx, client, logger, meta, body.user.id, {
      outcome: menu.outcome.dropped(body.user.id),
      notice: menu.notice.dropped(meta.actionId),
    });
  });
