import { ACTION } from '../../ids.js';
import { actionListener } from '../../respond/guard.js';
import { originOf } from '../../respond/origin.js';
import { addUpdateModal } from '../../views/modals.js';
import { actionIdOf } from './values.js';

/**
 * "Add update" opens the update modal, which remembers where it was pressed: a reminder is updated in place,
 * the `/cx mine` or `/cx show` list redrawn, the App Home republished.
 */
export const updateButton = () =>
  actionListener(ACTION.update, async ({ body, client }) => {
    const id = actionIdOf(body);
    if (id === null) return;
    await client.views.open({
      trigger_id: body.trigger_id,
      view: addUpdateModal(id, originOf(body)),
    });
  });
