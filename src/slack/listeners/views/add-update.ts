import { recordUpdate } from '../../../app/actions.js';
import type { AppContext } from '../../../app/context.js';
import { FIELD, VIEW } from '../../ids.js';
import { lifecycle, msg } from '../../messages/index.js';
import { parseMetadata, parseNote } from '../../parse/view-state.js';
import { viewCaller } from '../../respond/callers.js';
import { viewListener } from '../../respond/guard.js';
import { publishHome } from '../../respond/home.js';
import { showOutcomeInPlace } from '../../respond/in-place.js';
import { confirm } from '../../respond/say.js';

/** The Add update modal: the note is recorded; the reminder (or App Home) it came from shows it. */
export const addUpdateSubmit = (ctx: AppContext) =>
  viewListener(VIEW.addUpdate, FIELD.note, async ({ ack, body, view, client, logger }) => {
    const parsed = parseNote(view.state.values, msg.modal);
    if (!parsed.ok) return ack({ response_action: 'errors', errors: parsed.errors });
    const meta = parseMetadata(view.private_metadata);
    const { actionId } = meta;
    if (!actionId) return ack({ response_action: 'errors', errors: { [FIELD.note]: msg.genericFailure } });
    const result = await recordUpdate(ctx, viewCaller(body, view), actionId, parsed.value);
    if (!result.ok)
      return ack({ response_action: 'errors', errors: { [FIELD.note]: msg.error(result.error) } });
    await ack();
    // Still blocked after an update (only unblock lifts a block): say so, and how.
    const { action } = result.value;
    const text =
      action.status === 'blocked'
        ? lifecycle.updatedStillBlocked(actionId, action.blockedReason)
        : msg.actionUpdated(actionId);
    await confirm(client, meta.channelId, body.user.id, text);
    const where = { channelId: meta.channelId, messageTs: meta.messageTs };
    await showOutcomeInPlace(client, where, actionId, msg.nudges.outcome.updated(body.user.id), logger);
    if (meta.home) await publishHome(client, ctx, body.user.id, text);
  });
