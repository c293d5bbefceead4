import type { AppContext } from '../../../app/context.js';
import { handOverInitiative } from '../../../app/hand-over.js';
import { FIELD, VIEW } from '../../ids.js';
import { lifecycle, msg } from '../../messages/index.js';
import { parseReassign } from '../../parse/action-menu.js';
import { parseHandOverMetadata } from '../../parse/hand-over.js';
import { viewListener } from '../../respond/guard.js';
import { confirm } from '../../respond/say.js';
import { menuCaller, menuWords } from './action-menu-shared.js';

/** The Hand over modal: the initiative gets its new owner; who is told is said in the confirmation. */
export const handOverSubmit = (ctx: AppContext) =>
  viewListener(VIEW.handOver, FIELD.owner, async ({ ack, body, view, client }) => {
    const fail = (text: string) => ack({ response_action: 'errors', errors: { [FIELD.owner]: text } });
    const meta = parseHandOverMetadata(view.private_metadata);
    if (!meta) return fail(msg.error({ code: 'unknown_ref', ref: 'I-?' }));
    const parsed = parseReassign(view.state.values, menuWords);
    if (!parsed.ok) return ack({ response_action: 'errors', errors: parsed.errors });
    const { ownerId } = parsed.value;
    const result = await handOverInitiative(ctx, menuCaller(body, view, parsed.value), {
      initiativeId: meta.initiativeId,
      ownerId,
    });
    if (!result.ok) return fail(msg.error(result.error));
    const { initiative: i, previousOwnerId, changed, previousOwnerTold } = result.value;
    if (!changed) return fail(lifecycle.handOver.alreadyOwns(i.id, ownerId));
    await ack();
    const w = lifecycle.handOver;
    const text =
      ownerId === body.user.id
        ? w.doneSelf(i.id, i.title, previousOwnerId)
        : w.done(i.id, i.title, ownerId, previousOwnerTold ? previousOwnerId : null);
    await confirm(client, meta.channelId, body.user.id, text);
  });
