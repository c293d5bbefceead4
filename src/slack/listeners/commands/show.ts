import { actionDetail } from '../../../app/actions.js';
import { painPointDetail } from '../../../app/pain-points.js';
import { initiativePage } from '../../../app/read.js';
import { painPointReply } from '../../views/pain-points.js';
import { actionReply, initiativeReply } from '../../views/replies.js';
import { answer, type CommandHandler } from './handler.js';

/** `/cx show I-n | A-n | P-n`: the record, its history, and for an initiative its metrics picture. */
export const show: CommandHandler<'show'> = (cmd, { ctx }) => {
  const { kind, n } = cmd.ref;
  if (kind === 'I')
    return answer(initiativePage(ctx, n), 'show', (p) => initiativeReply(p.detail, p.metrics));
  if (kind === 'A') return answer(actionDetail(ctx, n), 'show', actionReply);
  return answer(painPointDetail(ctx, n), 'show', painPointReply);
};
