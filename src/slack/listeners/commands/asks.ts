import type { AppContext } from '../../../app/context.js';
import { initiativesForPicker } from '../../../app/initiatives.js';
import { askDepartment } from '../../../app/requests.js';
import { isActiveInitiative, listOpenRequests, requestDetail } from '../../../app/requests-read.js';
import { asks as words } from '../../messages/index.js';
import type { CommandOf } from '../../parse/command/index.js';
import { askButtonBlock, askModal } from '../../views/ask-modal.js';
import { type BuiltMessage, LIMITS } from '../../views/blocks.js';
import { textReply } from '../../views/replies.js';
import { asksReply, requestReply } from '../../views/requests.js';
import { answer, type CommandHandler, type CommandRequest } from './handler.js';

/** `/cx ask <dept> <I-n> <what> [by:…]`: R-n, posted in the asked department's channel. */
export const ask: CommandHandler<'ask'> = async (cmd, { ctx, caller, client, triggerId, ackEmpty }) => {
  if (cmd.modal) {
    await ackEmpty();
    const view = askModal({ initiatives: initiativesForPicker(ctx), channelId: caller.channelId ?? null });
    await client.views.open({ trigger_id: triggerId, view });
    return null;
  }
  return answer(
    askDepartment(ctx, caller, {
      askedDept: cmd.askedDept,
      initiativeId: cmd.initiativeId,
      what: cmd.what,
      byDate: cmd.byDate,
    }),
    'ask',
    ({ request }) => textReply(words.asked(request.id, request.askedDept, request.what)),
  );
};

/** `/cx asks [dept]`: open requests, asked of and by each department, oldest first. */
export const asksList: CommandHandler<'asks'> = (cmd, { ctx }) =>
  asksReply(listOpenRequests(ctx, cmd.dept), cmd.dept);

/**
 * `/cx show I-n` of an active initiative gets an "Ask another department" button under its facts. A copy:
 * the reply itself may be a cached one.
 */
export async function withAskButton(cmd: CommandOf<'show'>, reply: BuiltMessage | null, ctx: AppContext) {
  if (!reply || cmd.ref.kind !== 'I') return reply;
  // The same cached reply gets the same copy (a cached reply is rebuilt after any write, so whether the
  // initiative is active cannot have changed): its serialized ack is reused too (issue 13).
  const known = withButton.get(reply);
  if (known) return known;
  let out = reply;
  if (isActiveInitiative(ctx, cmd.ref.n)) {
    const blocks = [...reply.blocks];
    blocks.splice(1, 0, askButtonBlock(cmd.ref.n));
    out = { ...reply, blocks: blocks.slice(0, LIMITS.messageBlocks) };
  }
  withButton.set(reply, out);
  return out;
}
const withButton = new WeakMap<BuiltMessage, BuiltMessage>();

/** `/cx show R-n`: the request with its history. */
export const showRequest = (id: number, { ctx }: CommandRequest) =>
  answer(requestDetail(ctx, id), 'show', (d) => requestReply(d, ctx.timeZone));
