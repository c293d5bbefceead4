import type { AppContext } from '../../../app/context.js';
import { createInitiative } from '../../../app/initiatives.js';
import { FIELD, VIEW } from '../../ids.js';
import { msg } from '../../messages/index.js';
import { parseMetadata, parseNewInitiative } from '../../parse/view-state.js';
import { viewCaller } from '../../respond/callers.js';
import { viewListener } from '../../respond/guard.js';
import { confirm } from '../../respond/say.js';
import { fieldOf } from './field-of.js';

/** The New initiative modal (also opened by "Adopt as initiative", which links the pain point). */
export const newInitiativeSubmit = (ctx: AppContext) =>
  viewListener(VIEW.newInitiative, FIELD.title, async ({ ack, body, view, client }) => {
    const parsed = parseNewInitiative(
      view.state.values,
      ctx.clock.now(),
      ctx.timeZone,
      // The form's one date is the start date: its inline error gives the start date's range.
      { ...msg.modal, badDate: msg.modal.badStart },
      msg.metrics.newModal,
    );
    if (!parsed.ok) return ack({ response_action: 'errors', errors: parsed.errors });
    const meta = parseMetadata(view.private_metadata);
    const { painPointId } = meta;
    const input = { ...parsed.value, ...(painPointId ? { painPointId } : {}) };
    const result = await createInitiative(ctx, viewCaller(body, view), input);
    if (!result.ok) {
      const field = fieldOf(result.error, FIELD.title);
      return ack({ response_action: 'errors', errors: { [field]: msg.error(result.error) } });
    }
    await ack();
    const i = result.value;
    const adopted = painPointId ? ` ${msg.rounds.adopted(i.id, painPointId)}` : '';
    await confirm(
      client,
      meta.channelId,
      body.user.id,
      msg.initiativeCreated(i.id, i.title, i.tier) + adopted,
    );
  });
