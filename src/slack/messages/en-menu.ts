/**
 * The words of an action's menu (Reschedule / Reassign / Drop) and its three small modals: labels,
 * inline errors, what a message shows once the change is made. Self-contained like en-nudges.ts.
 */
import { nudges } from './en-nudges.js';
import { line, md, mention } from './mrkdwn.js';

const A = (id: number) => md`A-${id}`;

export const menu = {
  options: { reschedule: 'Reschedule', reassign: 'Reassign', drop: 'Drop' },
  submit: { reschedule: 'Reschedule', reassign: 'Reassign', drop: 'Drop it' },
  cancel: 'Cancel',
  /** Modal titles: at most 24 characters, so the ref is left to the first line of the modal. */
  title: { reschedule: 'Reschedule action', reassign: 'Reassign action', drop: 'Drop action' },
  /** The first line of each modal: which action it is about. */
  about: (id: number, title: string, dueDate: string | null, ownerId: string, daysLate: number) =>
    md`*${A(id)}* ${line(title)} · ${mention(ownerId)} · ${dueDate ? nudges.due(dueDate, daysLate) : md`no due date`}`,
  dueLabel: 'New due date',
  dueHint: 'Between today and 5 years ahead.',
  reasonLabel: 'Reason',
  rescheduleReasonHint: 'Kept in the history next to the old and the new date.',
  ownerLabel: 'New owner',
  ownerHint: 'They get a direct message with the action and its buttons.',
  dropReasonLabel: 'Why is it no longer needed?',
  dropHint: 'Dropping is final and posts no win; the reason stays in the history.',
  /** Inline errors. */
  required: 'Please fill this in.',
  tooLong: (max: number) => `At most ${max} characters, please.`,
  sameDate: 'That is already its due date: pick another one.',
  /** Inline errors are plain text: the date rule without the markup of the command's wording. */
  dateRange: (earliest: string, latest: string) => `Pick a date between ${earliest} and ${latest}.`,
  sameOwner: 'They already own it: pick someone else.',
  notAPerson: 'Pick a person, not an app or a bot.',
  /** A modal's inline error is plain text (no mentions), so a refusal there names roles, not people. */
  forbidden: 'Only its owner, the initiative’s owner or an admin can change this action.',
  /** What replaces the action's buttons in a message, and the notice on top of a list or the Home. */
  outcome: {
    rescheduled: (userId: string, dueDate: string) =>
      md`:calendar: Rescheduled to ${line(dueDate)} by ${mention(userId)}.`,
    reassigned: (userId: string, ownerId: string) =>
      md`:busts_in_silhouette: Handed to ${mention(ownerId)} by ${mention(userId)}.`,
    dropped: (userId: string) => md`:wastebasket: Dropped by ${mention(userId)}; no longer needed.`,
  },
  notice: {
    rescheduled: (id: number, dueDate: string) => md`*${A(id)}* is now due ${line(dueDate)}.`,
    reassigned: (id: number, ownerId: string) => md`*${A(id)}* now belongs to ${mention(ownerId)}.`,
    dropped: (id: number) => md`*${A(id)}* is dropped.`,
  },
  /** The action is done or dropped already: nothing to change, no modal. */
  finished: (id: number, status: string) =>
    md`*${A(id)}* is ${line(status)} already, so there is nothing left to change.`,
} satisfies Record<string, unknown>;

export type MenuChoice = keyof typeof menu.options;
export const MENU_CHOICES = Object.keys(menu.options) as MenuChoice[];
