import type { AppContext } from '../../../app/context.js';
import { decideAfterCheck } from '../../../app/metric-checks.js';
import { ACTION } from '../../ids.js';
import { msg } from '../../messages/index.js';
import { actionCaller } from '../../respond/callers.js';
import { actionListener } from '../../respond/guard.js';
import { publishHome } from '../../respond/home.js';
import { say } from '../../respond/say.js';
import { showDecisionInVerdictDm } from '../../respond/verdict-dm.js';
import { decisionText } from '../../views/answers.js';
import type { BuiltMessage } from '../../views/blocks.js';
import { closeReply } from '../../views/initiative-lifecycle.js';
import { errorReply, textReply } from '../../views/replies.js';
import { checkOf } from './values.js';

/**
 * Recommit or Close after a 12-month (or follow-up) verdict; the owner or an admin decides, once. Pressed in
 * the App Home (no response_url there), the Home is republished with the answer at its top. Wherever it was
 * pressed, the verdict's DM shows what was decided in place of its buttons (verdict-dm.ts).
 */
export const metricDecideButton = (ctx: AppContext, decision: 'recommit' | 'close') =>
  actionListener(
    decision === 'recommit' ? ACTION.metricRecommit : ACTION.metricClose,
    async ({ body, respond, client, logger }) => {
      const home = body.view?.type === 'home';
      const answer = (reply: BuiltMessage) =>
        home ? publishHome(client, ctx, body.user.id, reply.text) : say(respond, reply);
      const check = checkOf(body);
      if (!check) return answer(textReply(msg.genericFailure));
      const { initiativeId, dueDate } = check;
      const result = await decideAfterCheck(ctx, actionCaller(body), initiativeId, dueDate, decision);
      if (!result.ok) return answer(errorReply(result.error));
      const v = result.value;
      if (typeof v === 'object' && 'status' in v) {
        // Close with open actions: the `/cx close` confirmation, with its "Close and drop" button. A Home has
        // nowhere to show it (its buttons have no response_url): it says where to close, and closes nothing.
        return home
          ? answer(textReply(msg.metrics.home.closeFirst(initiativeId, v.open.length)))
          : answer(closeReply(v));
      }
      await answer(textReply(decisionText(v)));
      if (v !== 'not_decidable') {
        await showDecisionInVerdictDm(ctx, client, logger, { initiativeId, dueDate }, body.message);
      }
    },
  );
