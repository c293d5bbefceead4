import { completeAction } from '../../../app/actions.js';
import type { AppContext } from '../../../app/context.js';
import { ACTION } from '../../ids.js';
import { msg } from '../../messages/index.js';
import { errorReply, textReply } from '../../views/replies.js';
import { actionButton } from './action-button.js';

/** "Done" on a reminder or in the App Home. */
export const doneButton = (ctx: AppContext) =>
  actionButton(ctx, ACTION.done, async (caller, id) => {
    const result = await completeAction(ctx, caller, id, null);
    if (!result.ok) return errorReply(result.error, 'done');
    const { action, progress, announcedIn } = result.value;
    return {
      reply: textReply(msg.actionDone(id, action.title, progress.done, progress.total, announcedIn)),
      outcome: msg.nudges.outcome.done(caller.userId),
    };
  });
