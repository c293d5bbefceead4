import type { KnownBlock } from '@slack/types';
import type { DigestDetailPayload, DigestPayload } from '../../domain/payloads/nudges.js';
import type { Department } from '../../domain/types.js';
import { nudges } from '../messages/index.js';
import { join, type Mrkdwn } from '../messages/mrkdwn.js';
import { type BuiltMessage, context, header, LIMITS, linesToSections, message, section } from './blocks.js';

/** The week at a glance: counts for the channel's department and the company, essentials' progress. */
export function digestMessage(p: DigestPayload): BuiltMessage {
  const w = nudges.digest;
  const counts = [
    ...(p.own && p.scope !== 'hub' ? [w.counts(w.ownLabel(p.scope), p.own)] : []),
    w.counts(w.allLabel, p.all),
  ];
  const blocks: KnownBlock[] = [
    header(w.title(p.scope, p.week)),
    context(w.range(p.from, p.to)),
    section(join(counts, '\n')),
  ];
  if (p.essentials.length > 0) {
    const lines = [w.essentialsHeading, ...p.essentials.map((i) => w.essentialLine(i, i.progress))];
    blocks.push(...linesToSections(lines, 3).blocks);
  }
  // What the thread holds, with totals (digests queued before the parts were recorded: the general line).
  blocks.push(
    context(p.thread ? w.threadParts(p.thread.map((t) => w.threadPart[t.part](t.total))) : w.threadHint),
  );
  return message(w.fallback(p.scope, p.week, p.own ?? p.all), blocks);
}

interface Entry {
  text: Mrkdwn;
  /** How many of the section's `total` this line shows. */
  counts: number;
}

/** Entries with "In <dept>" / "Across the company" headings when a department digest has both kinds. */
function grouped<T extends { own: boolean }>(
  items: readonly T[],
  dept: Department | null,
  render: (item: T) => Entry[],
): Entry[] {
  const w = nudges.digest;
  const mixed = dept !== null && items.some((i) => i.own) && items.some((i) => !i.own);
  const out: Entry[] = [];
  let previous: boolean | null = null;
  for (const item of items) {
    if (mixed && dept !== null && item.own !== previous) {
      out.push({ text: item.own ? w.ownGroup(dept) : w.othersGroup, counts: 0 });
      previous = item.own;
    }
    out.push(...render(item));
  }
  return out;
}

function entriesOf(p: DigestDetailPayload): Entry[] {
  const w = nudges.digest;
  const dept = p.scope === 'hub' ? null : p.scope;
  switch (p.part) {
    case 'wins':
      return grouped(p.items, dept, (g) => [
        { text: w.winGroup(g.initiative, g.total), counts: 0 },
        ...g.actions.map((a) => ({ text: w.winLine(a), counts: 1 })),
        ...(g.total > g.actions.length
          ? [{ text: w.winsMore(g.total - g.actions.length), counts: g.total - g.actions.length }]
          : []),
      ]);
    case 'attention':
      return grouped(p.items, dept, (a) => [{ text: w.attentionLine(a), counts: 1 }]);
    case 'due':
      return grouped(p.items, dept, (a) => [{ text: w.dueLine(a), counts: 1 }]);
    case 'next_steps':
      return grouped(p.items, dept, (i) => [{ text: w.nextStepLine(i), counts: 1 }]);
    case 'decisions':
      return grouped(p.items, dept, (i) => [{ text: w.decisionLine(i), counts: 1 }]);
    case 'no_metrics':
      return grouped(p.items, dept, (i) => [{ text: w.noMetricsLine(i, i.missing), counts: 1 }]);
    case 'progress':
      return grouped(p.items, dept, (i) => [{ text: w.progressLine(i, i.progress), counts: 1 }]);
  }
}

/**
 * One reply in a digest's thread. However long the lists, it stays within Block Kit's limits (50 blocks,
 * 3,000 characters per section) and ends with "…and N more" naming `/cx list` when anything was left out.
 */
export function digestDetailMessage(p: DigestDetailPayload): BuiltMessage {
  const w = nudges.digest;
  const entries = entriesOf(p);
  const packed = linesToSections(
    entries.map((e) => e.text),
    LIMITS.messageBlocks - 2,
  );
  const used = entries.length - packed.omitted;
  const shown = entries.slice(0, used).reduce((n, e) => n + e.counts, 0);
  const blocks: KnownBlock[] = [section(w.heading[p.part]), ...packed.blocks];
  const left = p.total - shown;
  if (left > 0) blocks.push(context(w.more(left, p.scope)));
  const fallbackLines = [w.fallbackPart[p.part], ...entries.slice(0, used).map((e) => e.text)];
  if (left > 0) fallbackLines.push(w.more(left, p.scope));
  return message(join(fallbackLines, '\n'), blocks);
}
