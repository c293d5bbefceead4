import type { KnownBlock } from '@slack/types';
import type { RoundStatus } from '../../app/rounds.js';
import type { OutboxEntry } from '../../domain/outbox.js';
import type {
  ResultLine,
  RoundBreakdownPayload,
  RoundNoVotesPayload,
  RoundResultsPayload,
} from '../../domain/payloads/rounds.js';
import { ACTION } from '../ids.js';

import { closingMoment, pref } from '../messages/en-rounds.js';
import { msg } from '../messages/index.js';
import { md } from '../messages/mrkdwn.js';
import {
  type BuiltMessage,
  context,
  header,
  LIMITS,
  linesToSections,
  message,
  plain,
  section,
} from './blocks.js';

const lineText = (l: ResultLine) =>
  msg.rounds.resultLine(l.rank, l.painPointId, l.text, l.votes, l.dept, l.adoptedAs ?? null);

/**
 * One section per pain point; the top 3 with votes carry an "Adopt as initiative" button (value `P-n`)
 * until adopted, when the line names the initiative instead.
 */
function resultBlocks(lines: ResultLine[], withButtons: boolean): KnownBlock[] {
  return lines.map((l) => {
    const block = section(lineText(l));
    if (!withButtons || !l.adoptable || l.adoptedAs != null) return block;
    return {
      ...block,
      block_id: `adopt_${l.painPointId}`,
      accessory: {
        type: 'button',
        action_id: ACTION.adoptPainPoint,
        text: plain(msg.rounds.adoptButton),
        value: pref(l.painPointId),
        style: 'primary',
      },
    } as KnownBlock;
  });
}

const fallback = (month: string, lines: ResultLine[]) =>
  msg.rounds.resultsFallback(
    month,
    lines.map((l) => ({ rank: l.rank, id: l.painPointId, votes: l.votes })),
  );

/** The ranked results, posted in every bound channel when a round closes. */
export function resultsMessage(p: RoundResultsPayload): BuiltMessage {
  const w = msg.rounds;
  const blocks: KnownBlock[] = [
    header(w.resultsTitle(p.month)),
    section(w.resultsIntro(p.voters)),
    ...resultBlocks(p.lines, true),
    context(w.resultsFooter),
  ];
  return message(fallback(p.month, p.lines), blocks);
}

/** A round nobody voted in: one line, no ranking, no thread. */
export function noVotesMessage(p: RoundNoVotesPayload): BuiltMessage {
  const text = msg.rounds.noVotes(p.month, p.carried);
  return message(text, [section(text)]);
}

/**
 * For the notifier: a `round_results_update` is not a post but its thread parent (the results message)
 * rewritten in place with chat.update, once one of its pain points was adopted.
 */
export function updatesParentOf(entry: OutboxEntry): boolean {
  return entry.kind === 'round_results_update';
}

/** The thread reply under the results: each pain point's votes by department. */
export function breakdownMessage(p: RoundBreakdownPayload): BuiltMessage {
  const w = msg.rounds;
  const lines = p.lines.map((l) => w.breakdownLine(l.painPointId, l.text, l.votes, l.byDept));
  const title = w.breakdownTitle(p.month);
  const { blocks } = linesToSections(lines, LIMITS.messageBlocks - 1);
  return message(title, [section(md`*${title}*`), ...blocks]);
}

/** `/cx round status`: the open round's live standings, or the last results (with their adopt buttons). */
export function roundStatusReply(s: RoundStatus, timeZone: string): BuiltMessage {
  const w = msg.rounds;
  if (s.kind === 'none') return message(w.statusNone, [section(w.statusNone)]);
  const heading =
    s.kind === 'open'
      ? w.statusOpen(s.round.month, s.voters, closingMoment(s.round.closesAt, timeZone))
      : w.statusClosed(s.round.month, s.voters);
  if (s.kind === 'closed' && s.voters === 0) {
    const none = w.noVotes(s.round.month, s.lines.length);
    return message(none, [section(none)]);
  }
  return message(md`${heading}\n${fallback(s.round.month, s.lines)}`, [
    section(heading),
    ...resultBlocks(s.lines, s.kind === 'closed'),
  ]);
}
