import { ACTION } from '../../ids.js';
import { actionListener } from '../../respond/guard.js';
import { addUpdateModal } from '../../views/modals.js';
import { actionIdOf } from './values.js';

/** "Add update" opens the update modal; the message's ts lets the submission update a reminder in place. */
export const updateButton = () =>
  actionListener(ACTION.update, async ({ body, client }) => {
    const id = actionIdOf(body);
    if (id === null) return;
    await client.views.open({
      trigger_id: body.trigger_id,
      view: addUpdateModal(
        id,
        body.channel?.id ?? null,
        body.message?.ts ?? null,
        body.view?.type === 'home',
      ),
    });
  });
