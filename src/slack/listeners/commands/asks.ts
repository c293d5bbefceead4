import { initiativesForPicker } from '../../../app/initiatives.js';
import { askDepartment } from '../../../app/requests.js';
import { listOpenRequests, requestDetail } from '../../../app/requests-read.js';
import { asks as words } from '../../messages/index.js';
import { askModal } from '../../views/ask-modal.js';
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

/** `/cx show R-n`: the request with its history. */
export const showRequest = (id: number, { ctx }: CommandRequest) =>
  answer(requestDetail(ctx, id), 'show', (d) => requestReply(d, ctx.timeZone));
