import type { ButtonAction } from '@slack/bolt';
import { closeAndDrop } from '../../../app/close-initiative.js';
import type { AppContext } from '../../../app/context.js';
import { ACTION } from '../../ids.js';
import { initiativesText } from '../../messages/index.js';
import { actionCaller } from '../../respond/callers.js';
import { actionListener } from '../../respond/guard.js';
import { replace, say } from '../../respond/say.js';
import { showDecisionInVerdictDm } from '../../respond/verdict-dm.js';
import { closeReply, parseCloseButtonValue } from '../../views/initiative-lifecycle.js';
import { errorReply, textReply } from '../../views/replies.js';

/**
 * "Close and drop N open actions" under a `/cx close` answer: closes the initiative and drops the listed
 * actions in one transaction; the answer replaces the message with the button. Pressed again (or retried), it finds the initiative closed and says so; if
 * the open actions changed since, it closes nothing and shows the current list with a fresh button.
 */
export const closeInitiativeButton = (ctx: AppContext) =>
  actionListener(ACTION.closeInitiativeDrop, async ({ body, respond, client, logger }) => {
    const value = (body.actions[0] as ButtonAction | undefined)?.value ?? '';
    const parsed = parseCloseButtonValue(value);
    if (!parsed) return say(respond, textReply(initiativesText.badButton));
    const { initiativeId, fingerprint, outcome } = parsed;
    const result = await closeAndDrop(ctx, actionCaller(body), initiativeId, outcome, fingerprint);
    // The answer takes the place of the list with the button: closed, or the current list with a fresh button.
    await replace(respond, result.ok ? closeReply(result.value, true) : errorReply(result.error, 'close'));
    const decided = result.ok && result.value.status === 'closed' ? result.value.decidedCheck : undefined;
    if (decided) await showDecisionInVerdictDm(ctx, client, logger, { initiativeId, dueDate: decided });
  });
