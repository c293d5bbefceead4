import { recordUpdate } from '../../../app/actions.js';
import type { AppContext } from '../../../app/context.js';
import { FIELD, VIEW } from '../../ids.js';
import { lifecycle, msg } from '../../messages/index.js';
import { parseMenuMetadata } from '../../parse/action-menu.js';
import { parseMetadata, parseNote } from '../../parse/view-state.js';
import { viewCaller } from '../../respond/callers.js';
import { viewListener } from '../../respond/guard.js';
import { showOutcomeInPlace } from '../../respond/in-place.js';
import { confirm } from '../../respond/say.js';
import type { MenuMetadata } from '../../views/action-menu.js';
import { reminderButtonsBlockId } from '../../views/reminder.js';
import { showChange } from './action-menu-shared.js';

/**
 * Where the modal was opened. A modal opened before the bot was updated (it stays open while someone types)
 * carries the older metadata: the reminder's message, or the App Home.
 */
function originIn(raw: string | undefined): MenuMetadata | null {
  const meta = parseMenuMetadata(raw);
  if (meta) return meta;
  const old = parseMetadata(raw);
  if (!old.actionId) return null;
  const surface = old.home ? 'home' : 'message';
  return {
    actionId: old.actionId,
    surface,
    channelId: old.channelId ?? null,
    messageTs: old.messageTs ?? null,
    responseUrl: null,
  };
}

/**
 * The Add update modal: the note is recorded, and shown where the button was pressed — a reminder's row of
 * buttons gives way to "Updated by …" (and a note says it is recorded), the `/cx mine` or `/cx show` list is
 * redrawn with the note on top, the App Home republished.
 */
export const addUpdateSubmit = (ctx: AppContext) =>
  viewListener(VIEW.addUpdate, FIELD.note, async ({ ack, body, view, client, logger }) => {
    const parsed = parseNote(view.state.values, msg.modal);
    if (!parsed.ok) return ack({ response_action: 'errors', errors: parsed.errors });
    const meta = originIn(view.private_metadata);
    if (!meta) return ack({ response_action: 'errors', errors: { [FIELD.note]: msg.genericFailure } });
    const { actionId } = meta;
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
    const outcome = msg.nudges.outcome.updated(body.user.id);
    if (meta.surface !== 'message') {
      await showChange(ctx, client, logger, meta, body.user.id, { outcome, notice: text });
      return;
    }
    await confirm(client, meta.channelId, body.user.id, text);
    await showOutcomeInPlace(client, meta, reminderButtonsBlockId(actionId), outcome, logger);
  });
