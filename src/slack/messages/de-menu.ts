/** Das Menü einer Maßnahme (Verschieben / Neu zuweisen / Verwerfen) und seine drei Modals, auf Deutsch. */

import { day } from './de-common.js';
import { nudgesDe } from './de-nudges.js';
import type { menu as enMenu } from './en-menu.js';
import { line, md, mention } from './mrkdwn.js';

const A = (id: number) => md`A-${id}`;

export const menuDe: typeof enMenu = {
  options: { reschedule: 'Verschieben', reassign: 'Neu zuweisen', drop: 'Verwerfen' },
  submit: { reschedule: 'Verschieben', reassign: 'Zuweisen', drop: 'Verwerfen' },
  cancel: 'Abbrechen',
  /** Höchstens 24 Zeichen. */
  title: { reschedule: 'Maßnahme verschieben', reassign: 'Neu zuweisen', drop: 'Maßnahme verwerfen' },
  about: (id, title, dueDate, ownerId, daysLate) =>
    md`*${A(id)}* ${line(title)} · ${mention(ownerId)} · ${dueDate ? nudgesDe.due(dueDate, daysLate) : md`kein Fälligkeitsdatum`}`,
  dueLabel: 'Neues Fälligkeitsdatum',
  dueHint: 'Zwischen heute und 5 Jahren in der Zukunft.',
  reasonLabel: 'Grund',
  rescheduleReasonHint: 'Steht im Verlauf neben dem alten und dem neuen Datum.',
  ownerLabel: 'Neu zuständig',
  ownerHint: 'Die Person bekommt eine Direktnachricht mit der Maßnahme und ihren Buttons.',
  dropReasonLabel: 'Warum wird sie nicht mehr gebraucht?',
  dropHint: 'Verwerfen ist endgültig und postet keinen Fortschritt; der Grund bleibt im Verlauf.',
  required: 'Bitte ausfüllen.',
  tooLong: (max) => `Höchstens ${max} Zeichen, bitte.`,
  sameDate: 'Das ist schon ihr Fälligkeitsdatum: wähl ein anderes.',
  dateRange: (earliest, latest) => `Wähl ein Datum zwischen ${day(earliest)} und ${day(latest)}.`,
  sameOwner: 'Die Person ist schon zuständig: wähl jemand anderen.',
  notAPerson: 'Wähl eine Person, keine App und keinen Bot.',
  forbidden:
    'Nur die zuständige Person, die Zuständigen der Initiative oder ein Admin können diese Maßnahme ändern.',
  outcome: {
    rescheduled: (userId, dueDate) => md`:calendar: Von ${mention(userId)} verschoben auf ${day(dueDate)}.`,
    reassigned: (userId, ownerId) =>
      md`:busts_in_silhouette: Von ${mention(userId)} an ${mention(ownerId)} übergeben.`,
    dropped: (userId) => md`:wastebasket: Von ${mention(userId)} verworfen; wird nicht mehr gebraucht.`,
  },
  notice: {
    rescheduled: (id, dueDate) => md`*${A(id)}* ist jetzt fällig am ${day(dueDate)}.`,
    reassigned: (id, ownerId) => md`Für *${A(id)}* ist jetzt ${mention(ownerId)} zuständig.`,
    dropped: (id) => md`*${A(id)}* ist verworfen.`,
  },
  finished: (id, status) =>
    md`*${A(id)}* ist schon ${line(status === 'done' ? 'erledigt' : status === 'dropped' ? 'verworfen' : status)}, es gibt nichts mehr zu ändern.`,
};
