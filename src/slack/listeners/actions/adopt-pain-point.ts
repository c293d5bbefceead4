import type { AppContext } from '../../../app/context.js';
import { painPointDetail } from '../../../app/pain-points.js';
import { newInitiativeStart } from '../../../app/read.js';
import { MAX_TITLE_LENGTH } from '../../../domain/limits.js';
import { truncate } from '../../../domain/text.js';
import { ACTION } from '../../ids.js';
import { msg } from '../../messages/index.js';
import { actionListener } from '../../respond/guard.js';
import { say } from '../../respond/say.js';
import { newInitiativeModal } from '../../views/modals.js';
import { painPointIdOf } from './values.js';

/** "Adopt as initiative" on the round results: the New initiative modal, pre-filled from the pain point. */
export const adoptPainPointButton = (ctx: AppContext) =>
  actionListener(ACTION.adoptPainPoint, async ({ body, client, respond }) => {
    const id = painPointIdOf(body);
    const found = id === null ? null : painPointDetail(ctx, id);
    if (!found?.ok) return say(respond, msg.rounds.notAPainPoint);
    const p = found.value.painPoint;
    if (p.status === 'adopted') return say(respond, msg.rounds.alreadyAdopted(p.id, p.adoptedInitiativeId));
    const channelId = body.channel?.id;
    const start = newInitiativeStart(ctx, channelId);
    await client.views.open({
      trigger_id: body.trigger_id,
      view: newInitiativeModal({
        title: truncate(p.text.replace(/\s+/g, ' ').trim(), MAX_TITLE_LENGTH),
        lead: p.dept ?? start.lead,
        ownerId: body.user.id,
        today: start.today,
        painPointId: p.id,
        ...(channelId ? { channelId } : {}),
      }),
    });
  });
