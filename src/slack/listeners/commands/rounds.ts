import { logPainPoint } from '../../../app/pain-points.js';
import { closeRound, openRound, roundStatus } from '../../../app/rounds.js';
import { roundClosedText, roundOpenedText } from '../../views/answers.js';
import { painLoggedReply } from '../../views/pain-points.js';
import { errorReply, textReply } from '../../views/replies.js';
import { roundStatusReply } from '../../views/results.js';
import { answer, type CommandHandler } from './handler.js';

/** `/cx pain <text>`: the new P-n, ephemerally, naming a similar open pain point if there is one. */
export const pain: CommandHandler<'pain'> = (cmd, { ctx, caller }) =>
  answer(logPainPoint(ctx, caller, { text: cmd.text, source: 'command' }), 'pain', painLoggedReply);

/** `/cx round [status|open|close]`: status for everyone; open and close for admins (the use case checks). */
export const round: CommandHandler<'round'> = async (cmd, { ctx, caller }) => {
  if (cmd.op === 'status') return roundStatusReply(roundStatus(ctx), ctx.timeZone);
  const options = { byAdmin: caller.userId, ...(caller.dedupeKey ? { dedupeKey: caller.dedupeKey } : {}) };
  if (cmd.op === 'open') {
    const result = await openRound(ctx, ctx.clock.now(), options);
    return result.ok
      ? textReply(roundOpenedText(result.value, ctx.timeZone))
      : errorReply(result.error, 'round');
  }
  const result = await closeRound(ctx, ctx.clock.now(), options);
  return result.ok ? textReply(roundClosedText(result.value)) : errorReply(result.error, 'round');
};
