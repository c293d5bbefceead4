import type { AppContext, Caller } from '../../../app/context.js';
import { logPainPoint, painPointDetail } from '../../../app/pain-points.js';
import { closeRound, openRound, roundStatus } from '../../../app/rounds.js';
import { en } from '../../messages/en.js';
import { closingLabel } from '../../messages/en-rounds.js';
import { join } from '../../messages/mrkdwn.js';
import type { CommandOf } from '../../parse/command/index.js';
import type { BuiltMessage } from '../../views/blocks.js';
import { painLoggedReply, painPointReply } from '../../views/pain-points.js';
import { errorReply, textReply } from '../../views/replies.js';
import { roundStatusReply } from '../../views/results.js';

/** `/cx pain <text>`: the new P-n, ephemerally, naming a similar open pain point if there is one. */
export function handlePain(ctx: AppContext, cmd: CommandOf<'pain'>, caller: Caller): BuiltMessage {
  const result = logPainPoint(ctx, caller, { text: cmd.text, source: 'command' });
  return result.ok ? painLoggedReply(result.value) : errorReply(result.error, 'pain');
}

/** `/cx show P-n`. */
export function showPainPoint(ctx: AppContext, id: number): BuiltMessage {
  const result = painPointDetail(ctx, id);
  return result.ok ? painPointReply(result.value) : errorReply(result.error, 'show');
}

/** `/cx round [status|open|close]`: status for everyone; open and close for admins. */
export async function handleRound(
  ctx: AppContext,
  cmd: CommandOf<'round'>,
  caller: Caller,
): Promise<BuiltMessage> {
  const w = en.rounds;
  const now = ctx.clock.now();
  const options = { byAdmin: caller.userId, ...(caller.dedupeKey ? { dedupeKey: caller.dedupeKey } : {}) };
  switch (cmd.op) {
    case 'status':
      return roundStatusReply(roundStatus(ctx), ctx.timeZone);
    case 'open': {
      const result = await openRound(ctx, now, options);
      if (!result.ok) return errorReply(result.error, 'round');
      const r = result.value;
      switch (r.status) {
        case 'opened': {
          const closes = closingLabel(r.round.closesAt.toISOString(), ctx.timeZone);
          const first = r.closedFirst.map((c) => w.closedFirst(c.round.month));
          return textReply(
            join([...first, w.opened(r.round.month, r.options.length, r.channels, closes)], '\n'),
          );
        }
        case 'exists':
          return textReply(w.exists(r.round.month, r.round.status));
        case 'empty':
          return textReply(w.empty(r.month, r.channels));
        case 'no_channels':
          return textReply(w.noChannels);
      }
      break;
    }
    case 'close': {
      const result = await closeRound(ctx, now, options);
      if (!result.ok) return errorReply(result.error, 'round');
      const r = result.value;
      if (r.status === 'none_open') return textReply(w.noneOpen(r.last?.month ?? null));
      return textReply(
        join(
          r.closed.map((c) => w.closed(c.round.month, c.voters, c.channels)),
          '\n',
        ),
      );
    }
  }
}
