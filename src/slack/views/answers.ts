import type { CheckinOutcome, DecisionOutcome } from '../../app/metric-checks.js';
import type { CloseResult, OpenOutcome } from '../../app/rounds.js';
import type { BindingKey } from '../../domain/types.js';

import { closingMoment } from '../messages/en-rounds.js';
import { msg } from '../messages/index.js';
import { join, type Mrkdwn, md } from '../messages/mrkdwn.js';

/**
 * What a person is told after a command, button or modal of theirs changed something, when the answer
 * is put together from several lines of the catalogue. Pure; listeners only pick which one to send.
 */

/** After recorded values (command or modal): the values, and the verdict they completed (if any). */
export function checkinText(o: CheckinOutcome): Mrkdwn {
  const w = msg.metrics;
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

/** After Recommit or Close on a verdict: what was decided, or that it had been already. */
export function decisionText(o: DecisionOutcome | 'not_decidable'): Mrkdwn {
  const w = msg.metrics;
  if (o === 'not_decidable') return w.notDecidable;
  if (!o.changed) return w.alreadyDecided(o.initiativeId, o.decision, o.decidedAt);
  return o.decision === 'recommit'
    ? w.recommitted(o.initiativeId, o.nextDue ?? '')
    : w.closed(o.initiativeId, o.openActions);
}

/** `/cx round open`: what happened, with the closing time in the reader's zone. */
export function roundOpenedText(r: OpenOutcome, timeZone: string): Mrkdwn {
  const w = msg.rounds;
  switch (r.status) {
    case 'opened': {
      const closes = closingMoment(r.round.closesAt, timeZone);
      const first = r.closedFirst.map((c) => w.closedFirst(c.round.month));
      return join([...first, w.opened(r.round.month, r.options.length, r.channels, closes)], '\n');
    }
    case 'exists':
      return w.exists(r.round.month, r.round.status);
    case 'empty':
      return w.empty(r.month, r.channels);
    case 'no_channels':
      return w.noChannels;
  }
}

/** `/cx round close`: each round closed, or that none was open. */
export function roundClosedText(r: CloseResult): Mrkdwn {
  const w = msg.rounds;
  if (r.status === 'none_open') return w.noneOpen(r.last?.month ?? null);
  return join(
    r.closed.map((c) =>
      c.voters === 0
        ? w.closedNoVotes(c.round.month, c.lines.length, c.channels)
        : w.closed(c.round.month, c.voters, c.channels),
    ),
    '\n',
  );
}

/** `/cx setup channel`: bound, and for a private channel how to let the bot in. */
export function boundText(key: BindingKey, channelId: string, privateNeedsInvite: boolean): Mrkdwn {
  const bound = msg.setupBound(key, channelId);
  return privateNeedsInvite ? md`${bound} ${msg.setupPrivate}` : bound;
}
