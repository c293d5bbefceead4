import type { KnownBlock } from '@slack/types';
import type { ReminderPayload, StalledListPayload } from '../../domain/payloads/nudges.js';
import { nudges } from '../messages/index.js';
import type { Mrkdwn } from '../messages/mrkdwn.js';
import { actionButtons } from './action-buttons.js';
import { type BuiltMessage, context, LIMITS, linesToSections, message, section } from './blocks.js';

/**
 * block_id of the row of buttons under one action of a DM (a reminder, an assignment); a change made
 * through them replaces the row in place.
 */
export const reminderButtonsBlockId = (actionId: number) => `cx_rem_${actionId}`;

/**
 * The daily reminder DM: a greeting that fits the reader's hour, each of the person's stalled actions with
 * Done / Add update / Snooze, then the work of others in initiatives they own whose reminders went
 * unanswered (each told once). At most 47 blocks whatever the payload holds.
 */
export function reminderMessage(p: ReminderPayload): BuiltMessage {
  const w = nudges.reminder;
  // Escalations only: their heading is the greeting's sentence, and the footer speaks of them.
  const onlyEscalations = p.ownTotal === 0;
  const blocks: KnownBlock[] = [
    section(
      onlyEscalations
        ? w.introEscalationsOnly(p.escalationTotal, p.partOfDay)
        : w.intro(p.ownTotal, p.partOfDay),
    ),
  ];
  // Two blocks per action; keep room for the more-line, the escalations (up to 4) and the footer.
  const room = Math.floor((LIMITS.messageBlocks - 1 - 1 - 4 - 1) / 2);
  const own = p.own.slice(0, room);
  for (const a of own) blocks.push(section(w.item(a)), actionButtons(a.id, reminderButtonsBlockId(a.id)));
  if (p.ownTotal > own.length) blocks.push(context(w.more(p.ownTotal - own.length)));
  if (p.escalations.length > 0) {
    const lines = [
      ...(onlyEscalations ? [] : [w.escalationHeading(p.escalationTotal)]),
      ...p.escalations.map(w.escalationLine),
    ];
    const packed = linesToSections(lines, 3);
    blocks.push(...packed.blocks);
    const left = p.escalationTotal - (p.escalations.length - packed.omitted);
    if (left > 0) blocks.push(context(w.escalationMore(left)));
  }
  blocks.push(context(onlyEscalations ? w.escalationsFooter : w.footer));
  return message(w.fallback(p.own, p.ownTotal, p.escalationTotal), blocks);
}

/** Monday, in a department channel: its stalled actions with owners mentioned. */
export function stalledListMessage(p: StalledListPayload): BuiltMessage {
  const w = nudges.stalledList;
  const packed = linesToSections(p.items.map(w.line), LIMITS.messageBlocks - 3);
  const blocks: KnownBlock[] = [section(w.heading(p.dept, p.total)), ...packed.blocks];
  const left = p.total - (p.items.length - packed.omitted);
  if (left > 0) blocks.push(context(w.more(left, p.dept)));
  return message(w.fallback(p.dept, p.total), blocks);
}

/**
 * A message after someone pressed one of its buttons (an action's in a reminder, a verdict's Recommit / Close):
 * the buttons of block `id` give way to a line saying what was done; everything else stays. Null when the
 * message has no such block.
 */
export function withOutcome(blocks: readonly KnownBlock[], id: string, outcome: Mrkdwn): KnownBlock[] | null {
  const index = blocks.findIndex((b) => b.block_id === id);
  if (index < 0) return null;
  const next = [...blocks];
  next[index] = { ...context(outcome), block_id: id };
  return next;
}
