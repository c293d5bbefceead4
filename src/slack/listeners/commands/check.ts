import type { AppContext, Caller } from '../../../app/context.js';
import { type CheckinOutcome, checkForm, recordCheckin } from '../../../app/metric-checks.js';
import { en } from '../../messages/en.js';
import { join, type Mrkdwn } from '../../messages/mrkdwn.js';
import type { CommandOf } from '../../parse/command/index.js';
import type { BuiltMessage } from '../../views/blocks.js';
import { checkModal } from '../../views/check.js';
import { errorReply, textReply } from '../../views/replies.js';
import type { CommandIO } from './handlers.js';

/** What the person who recorded values is told: the values, and the verdict they completed (if any). */
export function checkinText(o: CheckinOutcome): Mrkdwn {
  const w = en.metrics;
  const lines = [
    w.checkRecorded(
      o.initiative.id,
      o.recorded.map((r) => w.recordedValue(r.metric, r.value)),
    ),
  ];
  if (o.verdict) lines.push(w.verdictDecided(o.verdict.kind, o.verdict.verdict, o.verdict.postedTo));
  else if (o.waitingFor) lines.push(w.waitingForOther(o.waitingFor));
  return join(lines, '\n');
}

/** `/cx check I-n` opens the check modal (pre-filled with the last values); with values it records them. */
export async function handleCheck(
  ctx: AppContext,
  cmd: CommandOf<'check'>,
  caller: Caller,
  io: CommandIO,
): Promise<BuiltMessage | null> {
  if (cmd.modal) {
    const form = await checkForm(ctx, caller.userId, cmd.initiativeId);
    if (!form.ok) return errorReply(form.error, 'check');
    await io.ackEmpty();
    await io.client.views.open({
      trigger_id: io.triggerId,
      view: checkModal({ ...form.value, channelId: caller.channelId ?? null }),
    });
    return null;
  }
  const result = await recordCheckin(ctx, caller, cmd.initiativeId, {
    customer: cmd.customer,
    business: cmd.business,
  });
  return result.ok ? textReply(checkinText(result.value)) : errorReply(result.error, 'check');
}
