import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { AppContext, Caller } from '../../../app/context.js';
import { DuplicateDelivery } from '../../../app/context.js';
import { checkForm, decideAfterCheck } from '../../../app/metric-checks.js';
import { parseLocalDate } from '../../../domain/dates.js';
import { parseRefOfKind } from '../../../domain/refs.js';
import { ACTION } from '../../ids.js';
import { en } from '../../messages/en.js';
import type { BuiltMessage } from '../../views/blocks.js';
import { checkModal } from '../../views/check.js';
import { errorReply, textReply } from '../../views/replies.js';

const buttonValue = (body: BlockAction) => (body.actions[0] as ButtonAction | undefined)?.value ?? '';

/** `I-n` → n; anything else is answered, never trusted. */
function initiativeOf(value: string): number | null {
  const ref = parseRefOfKind(value, 'I');
  return ref.ok ? ref.value.n : null;
}

/** `I-n:YYYY-MM-DD` (the check a decision is about). */
function checkOf(value: string): { initiativeId: number; dueDate: string } | null {
  const [refText = '', day = ''] = value.split(':');
  const initiativeId = initiativeOf(refText);
  const dueDate = parseLocalDate(day);
  return initiativeId !== null && dueDate ? { initiativeId, dueDate } : null;
}

async function say(respond: RespondFn | undefined, message: BuiltMessage): Promise<void> {
  await respond?.({ response_type: 'ephemeral', replace_original: false, ...message });
}

function callerOf(body: BlockAction): Caller {
  const action = body.actions[0];
  return {
    userId: body.user.id,
    channelId: body.channel?.id,
    dedupeKey: `act:${body.user.id}:${action?.action_id}:${action?.action_ts}`,
  };
}

/** The 6–12-month test's buttons: "Enter current values" (opens the check modal), Recommit, Close. */
export function registerMetricActions(app: App, ctx: AppContext): void {
  app.action<BlockAction>(ACTION.metricCheckOpen, async ({ ack, body, client, respond }) => {
    await ack();
    const id = initiativeOf(buttonValue(body));
    if (id === null) return say(respond, textReply(en.genericFailure));
    const form = await checkForm(ctx, body.user.id, id);
    if (!form.ok) return say(respond, errorReply(form.error, 'check'));
    await client.views.open({
      trigger_id: body.trigger_id,
      view: checkModal({ ...form.value, channelId: body.channel?.id ?? null }),
    });
  });

  for (const decision of ['recommit', 'close'] as const) {
    const actionId = decision === 'recommit' ? ACTION.metricRecommit : ACTION.metricClose;
    app.action<BlockAction>(actionId, async ({ ack, body, respond, logger }) => {
      await ack();
      const check = checkOf(buttonValue(body));
      if (!check) return say(respond, textReply(en.genericFailure));
      try {
        const result = await decideAfterCheck(
          ctx,
          callerOf(body),
          check.initiativeId,
          check.dueDate,
          decision,
        );
        if (!result.ok) return say(respond, errorReply(result.error));
        const w = en.metrics;
        const o = result.value;
        if (o === 'not_decidable') return say(respond, textReply(w.notDecidable));
        if (!o.changed)
          return say(respond, textReply(w.alreadyDecided(o.initiativeId, o.decision, o.decidedAt)));
        return say(
          respond,
          textReply(
            o.decision === 'recommit'
              ? w.recommitted(o.initiativeId, o.nextDue ?? '')
              : w.closed(o.initiativeId, o.openActions),
          ),
        );
      } catch (error) {
        if (error instanceof DuplicateDelivery) return;
        logger.error(`${actionId} failed: ${(error as Error).message}`);
        await say(respond, textReply(en.genericFailure));
      }
    });
  }
}
