import { snooze } from '../../../app/actions.js';
import type { AppContext } from '../../../app/context.js';
import { DEFAULT_SNOOZE_DAYS } from '../../../domain/actions.js';
import { ACTION } from '../../ids.js';
import { msg } from '../../messages/index.js';
import { errorReply, textReply } from '../../views/replies.js';
import { actionButton } from './action-button.js';

/** "Snooze" on a reminder or in the App Home: the default number of days. */
export const snoozeButton = (ctx: AppContext) =>
  actionButton(ctx, ACTION.snooze, async (caller, id) => {
    const result = await snooze(ctx, caller, id, DEFAULT_SNOOZE_DAYS);
    return result.ok
      ? {
          reply: textReply(msg.actionSnoozed(id, DEFAULT_SNOOZE_DAYS)),
          outcome: msg.nudges.outcome.snoozed(caller.userId, DEFAULT_SNOOZE_DAYS),
        }
      : errorReply(result.error, 'snooze');
  });
