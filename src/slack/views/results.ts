import type { KnownBlock } from '@slack/types';
import type { RoundStatus } from '../../app/rounds.js';
import type { ResultLine, RoundBreakdownPayload, RoundResultsPayload } from '../../domain/payloads/rounds.js';
import { ACTION } from '../ids.js';
import { en } from '../messages/en.js';
import { closingLabel, pref } from '../messages/en-rounds.js';
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

const lineText = (l: ResultLine) => en.rounds.resultLine(l.rank, l.painPointId, l.text, l.votes, l.dept);

/** One section per pain point; the top 3 with votes carry an "Adopt as initiative" button (value `P-n`). */
function resultBlocks(lines: ResultLine[], withButtons: boolean): KnownBlock[] {
  return lines.map((l) => {
    const block = section(lineText(l));
    if (!withButtons || !l.adoptable) return block;
    return {
      ...block,
      block_id: `adopt_${l.painPointId}`,
      accessory: {
        type: 'button',
        action_id: ACTION.adoptPainPoint,
        text: plain(en.rounds.adoptButton),
        value: pref(l.painPointId),
        style: 'primary',
      },
    } as KnownBlock;
  });
}

const fallback = (month: string, lines: ResultLine[]) =>
  en.rounds.resultsFallback(
    month,
    lines.map((l) => ({ rank: l.rank, id: l.painPointId, votes: l.votes })),
  );

/** The ranked results, posted in every bound channel when a round closes. */
export function resultsMessage(p: RoundResultsPayload): BuiltMessage {
  const w = en.rounds;
  const blocks: KnownBlock[] = [
    header(w.resultsTitle(p.month)),
    section(w.resultsIntro(p.voters)),
    ...resultBlocks(p.lines, true),
    context(w.resultsFooter),
  ];
  return message(fallback(p.month, p.lines), blocks);
}

/** The thread reply under the results: each pain point's votes by department. */
export function breakdownMessage(p: RoundBreakdownPayload): BuiltMessage {
  const w = en.rounds;
  const lines = p.lines.map((l) => w.breakdownLine(l.painPointId, l.text, l.votes, l.byDept));
  const title = w.breakdownTitle(p.month);
  const { blocks } = linesToSections(lines, LIMITS.messageBlocks - 1);
  return message(title, [section(md`*${title}*`), ...blocks]);
}

/** `/cx round status`: the open round's live standings, or the last results (with their adopt buttons). */
export function roundStatusReply(s: RoundStatus, timeZone: string): BuiltMessage {
  const w = en.rounds;
  if (s.kind === 'none') return message(w.statusNone, [section(w.statusNone)]);
  const heading =
    s.kind === 'open'
      ? w.statusOpen(s.round.month, s.voters, closingLabel(s.round.closesAt.toISOString(), timeZone))
      : w.statusClosed(s.round.month, s.voters);
  return message(md`${heading}\n${fallback(s.round.month, s.lines)}`, [
    section(heading),
    ...resultBlocks(s.lines, s.kind === 'closed'),
  ]);
}
