/**
 * Block Kit for an initiative's life: the `/cx close` confirmation with its "Close and drop N open
 * actions" button, the answers to close and verdict, and the posts and DMs the outbox delivers. Pure.
 */
import type { KnownBlock } from '@slack/types';
import type { CloseOutcome } from '../../app/close-initiative.js';
import type { OverrideOutcome } from '../../app/verdict-override.js';
import { daysLate } from '../../domain/actions.js';
import type {
  InitiativeAnnouncedPayload,
  InitiativeClosedPayload,
  PainPointNewsPayload,
  VerdictCorrectionPayload,
} from '../../domain/payloads/initiatives.js';
import { ACTION } from '../ids.js';
import { progress } from '../messages/en.js';
import { initiativesText as t } from '../messages/index.js';
import { join, lines, type Mrkdwn, md } from '../messages/mrkdwn.js';
import { type BuiltMessage, context, LIMITS, linesToSections, message, plain, section } from './blocks.js';
import { textReply } from './replies.js';

/** Open actions listed in a confirmation; the rest are counted. */
const LISTED = 20;

/**
 * The button's value: `I-n|<fingerprint>|<outcome note>`. The note is last, so a `|` in it is harmless;
 * `/cx close` keeps it short enough (MAX_OUTCOME_LENGTH) for Slack's 2,000 characters.
 */
export const closeButtonValue = (initiativeId: number, fingerprint: string, outcome: string) =>
  `I-${initiativeId}|${fingerprint}|${outcome}`;

export function parseCloseButtonValue(
  value: string,
): { initiativeId: number; fingerprint: string; outcome: string } | null {
  const match = /^I-(\d{1,9})\|([0-9]+\.[0-9a-z]+)\|([\s\S]+)$/.exec(value);
  if (!match) return null;
  return { initiativeId: Number(match[1]), fingerprint: match[2] ?? '', outcome: match[3] ?? '' };
}

function confirmMessage(o: Extract<CloseOutcome, { status: 'confirm' }>, changed: boolean): BuiltMessage {
  const i = o.initiative;
  const heading = t.confirmHeading(i.id, i.title, o.open.length);
  const listed = o.open
    .slice(0, LISTED)
    .map((a) => t.openActionLine(a.id, a.title, a.ownerId, a.status, a.dueDate, daysLate(a, o.today)));
  // Long titles fill a section's 3,000 characters before 20 lines: packed into a few, and whatever does not
  // fit is counted in "…and N more" rather than cut off mid-line.
  const packed = linesToSections(listed, 3);
  const more = o.open.length - listed.length + packed.omitted;
  const blocks: KnownBlock[] = [];
  if (changed) blocks.push(section(t.changedMeanwhile));
  blocks.push(section(heading), ...packed.blocks);
  if (more > 0) blocks.push(section(t.moreOpen(more)));
  blocks.push({
    type: 'actions',
    block_id: `close_I-${i.id}`,
    elements: [
      {
        type: 'button',
        action_id: ACTION.closeInitiativeDrop,
        text: plain(t.closeAndDrop(o.open.length), LIMITS.buttonText),
        value: closeButtonValue(i.id, o.fingerprint, o.outcome),
        style: 'danger',
      },
    ],
  });
  return message(heading, blocks);
}

/** The answer to `/cx close` (or to its button; `pressed`: the list changed since the confirmation). */
export function closeReply(o: CloseOutcome, pressed = false): BuiltMessage {
  switch (o.status) {
    case 'confirm':
      return confirmMessage(o, pressed);
    case 'closed':
      return textReply(t.closed(o.initiative.id, o.tally.done, o.tally.dropped, o.postedTo));
    case 'already_closed':
      return textReply(t.alreadyClosed(o.initiative.id, o.initiative.status));
  }
}

export function verdictReply(o: OverrideOutcome): BuiltMessage {
  switch (o.status) {
    case 'overridden':
      return textReply(t.overridden(o.initiativeId, o.kind, o.previous, o.verdict, o.postedTo));
    case 'unchanged':
      return textReply(t.unchanged(o.initiativeId, o.kind, o.verdict));
    case 'no_verdict':
      return textReply(t.noVerdict(o.initiativeId));
  }
}

/** A note on lines of its own, quoted; nothing when it has nothing visible. */
const note = (text: string): KnownBlock[] => {
  const quoted = lines(text);
  return quoted === '' ? [] : [section(quoted)];
};

/** The actions that ended with the initiative, each with its owner (who sees it leave their list). */
function droppedWithIt(p: InitiativeClosedPayload): KnownBlock[] {
  const dropped = p.droppedActions ?? [];
  if (dropped.length === 0) return [];
  const items = dropped.map((a) => md`• ${t.droppedLine(a.id, a.title, a.ownerId)}`);
  // Ten long titles full of escaped characters can outgrow one section: as many as Slack allows.
  const fit = linesToSections([t.droppedWithIt, ...items], 3);
  const more = (p.droppedMore ?? 0) + fit.omitted;
  return more > 0 ? [...fit.blocks, context(t.droppedMore(more))] : fit.blocks;
}

export function closedMessage(p: InitiativeClosedPayload): BuiltMessage {
  const i = p.initiative;
  return message(t.closedFallback(i.id, i.title, p.outcome), [
    section(md`${t.closedPostTitle(i.id, i.title)}\n${t.closedBy(p.closedBy)}`),
    ...note(p.outcome),
    context(md`${progress(p.progress)} · ${t.finalCounts(p.done, p.dropped)}`),
    ...droppedWithIt(p),
  ]);
}

export function announcedMessage(p: InitiativeAnnouncedPayload): BuiltMessage {
  const i = p.initiative;
  const facts: Mrkdwn[] = [t.announcedFacts(i.leadDept, i.depts, i.ownerId, i.tier)];
  if (p.painPoint) facts.push(t.adoptedFrom(p.painPoint.id, p.painPoint.text));
  return message(t.announcedFallback(i.id, i.title), [
    section(md`${t.announcedTitle(i.id, i.title)}\n${join(facts, '\n')}`),
    context(t.announcedHint(i.id)),
  ]);
}

export function correctionMessage(p: VerdictCorrectionPayload): BuiltMessage {
  const i = p.initiative;
  return message(t.correctionFallback(i.id, p.verdict), [
    section(
      md`${t.correctionTitle(i.id, i.title, p.kind)}\n${t.correctionLine(p.previous, p.verdict, p.by)}`,
    ),
    ...note(p.reason),
  ]);
}

export function painPointNewsMessage(p: PainPointNewsPayload): BuiltMessage {
  const why = t.newsWhy(p.role, p.painPoint.id, p.painPoint.text);
  const i = p.initiative;
  if (p.event === 'closed') {
    return message(t.newsClosedFallback(i.id, i.title, p.outcome), [
      section(md`${why}\n${t.newsClosed(i.id, i.title, p.by)}`),
      ...note(p.outcome),
    ]);
  }
  return message(t.newsVerdictFallback(i.id, i.title, p.kind, p.verdict), [
    section(md`${why}\n${t.newsVerdict(i.id, i.title, p.kind, p.verdict, p.overriddenBy)}`),
  ]);
}
