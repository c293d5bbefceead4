import { checkForm, recordCheckin } from '../../../app/metric-checks.js';
import { checkinText } from '../../views/answers.js';
import { checkModal } from '../../views/check.js';
import { errorReply, textReply } from '../../views/replies.js';
import { answer, type CommandHandler } from './handler.js';

/** `/cx check I-n` opens the check modal (pre-filled with the last values); with values it records them. */
export const check: CommandHandler<'check'> = async (cmd, { ctx, caller, client, triggerId, ackEmpty }) => {
  if (cmd.modal) {
    const form = await checkForm(ctx, caller.userId, cmd.initiativeId);
    if (!form.ok) return errorReply(form.error, 'check');
    await ackEmpty();
    await client.views.open({
      trigger_id: triggerId,
      view: checkModal({ ...form.value, channelId: caller.channelId ?? null }),
    });
    return null;
  }
  const values = { customer: cmd.customer, business: cmd.business };
  const result = await recordCheckin(ctx, caller, cmd.initiativeId, values);
  return answer(result, 'check', (o) => textReply(checkinText(o)));
};
