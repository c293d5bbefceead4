import type { AppContext } from '../../../app/context.js';
import { initiativesForPicker } from '../../../app/initiatives.js';
import { ACTION } from '../../ids.js';
import { actionListener } from '../../respond/guard.js';
import { askModal } from '../../views/ask-modal.js';
import { initiativeIdOf } from './values.js';

/** "Ask another department" on an initiative: the /cx ask modal with that initiative selected. */
export const askDepartmentButton = (ctx: AppContext) =>
  actionListener(ACTION.askDepartment, async ({ body, client }) => {
    const initiativeId = initiativeIdOf(body) ?? undefined;
    const view = askModal({
      initiatives: initiativesForPicker(ctx),
      ...(initiativeId ? { initiativeId } : {}),
      channelId: body.channel?.id ?? null,
    });
    await client.views.open({ trigger_id: body.trigger_id, view });
  });
