import { actionDetail } from '../../../app/actions.js';
import { painPointDetail } from '../../../app/pain-points.js';
import { dateContext, initiativePage } from '../../../app/read.js';
import { mayChangeAction } from '../../respond/may-change.js';
import { painPointReply } from '../../views/pain-points.js';
import { actionReply, initiativeReply } from '../../views/replies.js';
import { answer, type CommandHandler } from './handler.js';
import { cachedReply } from './reply-cache.js';

/** `/cx show I-n | A-n | P-n`: the record, its history, and for an initiative its metrics picture. */
export const show: CommandHandler<'show'> = async (cmd, { ctx, caller }) => {
  const { kind, n } = cmd.ref;
  if (kind === 'I')
    return cachedReply(ctx, `show:I-${n}`, () =>
      answer(initiativePage(ctx, n), 'show', (p) => initiativeReply(p.detail, p.dates, p.metrics)),
    );
  if (kind === 'A') {
    const found = actionDetail(ctx, n);
    // The buttons only for someone who may change the action, and only while it is open.
    const buttons = found.ok && (await mayChangeAction(ctx, caller.userId, found.value));
    return answer(found, 'show', (d) => actionReply(d, dateContext(ctx), { buttons }));
  }
  return answer(painPointDetail(ctx, n), 'show', painPointReply);
};
