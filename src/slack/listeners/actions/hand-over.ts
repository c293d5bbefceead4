import type { AppContext } from '../../../app/context.js';
import { initiativesByIds } from '../../../app/initiatives.js';
import { ACTION } from '../../ids.js';
import { actionListener } from '../../respond/guard.js';
import { handOverModal } from '../../views/hand-over-modal.js';
import { initiativeIdOf } from './values.js';

/** "Hand over" under an initiative: the modal to pick its new owner (who may is checked on submit). */
export const handOverButton = (ctx: AppContext) =>
  actionListener(ACTION.handOver, async ({ body, client }) => {
    const id = initiativeIdOf(body);
    const initiative = id === null ? undefined : initiativesByIds(ctx, [id]).get(id);
    if (!initiative) return;
    await client.views.open({
      trigger_id: body.trigger_id,
      view: handOverModal(initiative, body.channel?.id ?? null),
    });
  });
