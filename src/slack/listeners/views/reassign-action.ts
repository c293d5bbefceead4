import { assignAction } from '../../../app/action-lifecycle.js';
import type { AppContext } from '../../../app/context.js';
import { userFacts } from '../../../app/users.js';
import { FIELD, VIEW } from '../../ids.js';
import { menu } from '../../messages/index.js';
import { parseMenuMetadata, parseReassign } from '../../parse/action-menu.js';
import { viewListener } from '../../respond/guard.js';
import { menuCaller, menuWords, showChange } from './action-menu-shared.js';

/** The Reassign modal: the new owner gets a DM with the action (and the previous owner is told). */
export const reassignSubmit = (ctx: AppContext) =>
  viewListener(VIEW.reassign, FIELD.owner, async ({ ack, body, view, client, logger }) => {
    const meta = parseMenuMetadata(view.private_metadata);
    if (!meta)
      return ack({
        response_action: 'errors',
        errors: { [FIELD.owner]: menuWords.error({ code: 'unknown_ref', ref: 'A-?' }) },
      });
    const parsed = parseReassign(view.state.values, menuWords);
    if (!parsed.ok) return ack({ response_action: 'errors', errors: parsed.errors });
    const { ownerId } = parsed.value;
    // Slack's user picker lists apps too; an action needs a person to do it.
    if ((await userFacts(ctx, ownerId))?.isBot)
      return ack({ response_action: 'errors', errors: { [FIELD.owner]: menu.notAPerson } });
    const result = await assignAction(ctx, menuCaller(body, view, parsed.value), {
      actionId: meta.actionId,
      ownerId,
    });
    if (!result.ok)
      return ack({ response_action: 'errors', errors: { [FIELD.owner]: menuWords.error(result.error) } });
    if (!result.value.changed)
      return ack({ response_action: 'errors', errors: { [FIELD.owner]: menu.sameOwner } });
    await ack();
    await showChange(ctx, client, logger, meta, body.user.id, {
      outcome: menu.outcome.reassigned(body.user.id, ownerId),
      notice: menu.notice.reassigned(meta.actionId, ownerId),
    });
  });
