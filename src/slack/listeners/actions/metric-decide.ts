import type { AppContext } from '../../../app/context.js';
import { decideAfterCheck } from '../../../app/metric-checks.js';
import { ACTION } from '../../ids.js';
import { msg } from '../../messages/index.js';
import { actionCaller } from '../../respond/callers.js';
import { actionListener } from '../../respond/guard.js';
import { say } from '../../respond/say.js';
import { decisionText } from '../../views/answers.js';
import { closeReply } from '../../views/initiative-lifecycle.js';
import { errorReply, textReply } from '../../views/replies.js';
import { checkOf } from './values.js';

/** Recommit or Close after a 12-month (or follow-up) verdict; the owner or an admin decides, once. */
export const metricDecideButton = (ctx: AppContext, decision: 'recommit' | 'close') =>
  actionListener(
    decision === 'recommit' ? ACTION.metricRecommit : ACTION.metricClose,
    async ({ body, respond }) => {
      const check = checkOf(body);
      if (!check) return say(respond, textReply(msg.genericFailure));
      const { initiativeId, dueDate } = check;
      const result = await decideAfterCheck(ctx, actionCaller(body), initiativeId, dueDate, decision);
      if (!result.ok) return say(respond, errorReply(result.error));
      const v = result.value;
      // Close with open actions: the `/cx close` confirmation, with its "Close and drop" button.
      await say(respond, typeof v === 'object' && 'status' in v ? closeReply(v) : textReply(decisionText(v)));
    },
  );
