/**
 * When a stalled action's owner may be reminded: after 09:30 on a working day in the owner's own zone,
 * at most one DM per owner per local day, one reminder per action per 7 days, never while away.
 */
import { DAY_MS, zonedTime } from './dates.js';
import type { LocalDate } from './types.js';

export const REMINDER_START_MINUTES = 9 * 60 + 30;
export const REMIND_ACTION_EVERY_DAYS = 7;

/** Mon–Fri, from 09:30 local time on (the 09:30 run itself counts). */
export function isReminderTime(now: Date, ownerZone: string): boolean {
  const t = zonedTime(now, ownerZone);
  return t.weekday <= 5 && t.hour * 60 + t.minute >= REMINDER_START_MINUTES;
}

/** `away until D` pauses reminders through the end of D (inclusive) in the owner's zone. */
export function isAway(awayUntil: LocalDate | null, ownerToday: LocalDate): boolean {
  return awayUntil !== null && ownerToday <= awayUntil;
}

/** An action is reminded about again only 7 × 24 hours after its last reminder. */
export function mayRemindAction(lastRemindedAt: Date | null, now: Date): boolean {
  return (
    lastRemindedAt === null || now.getTime() - lastRemindedAt.getTime() >= REMIND_ACTION_EVERY_DAYS * DAY_MS
  );
}

export interface OwnerReminderState {
  ownerZone: string;
  ownerToday: LocalDate;
  awayUntil: LocalDate | null;
  /** The owner-local date of the last reminder DM, if any. */
  lastDmDay: LocalDate | null;
}

/** May the owner get their (single) reminder DM now? */
export function mayDmOwner(state: OwnerReminderState, now: Date): boolean {
  return (
    isReminderTime(now, state.ownerZone) &&
    !isAway(state.awayUntil, state.ownerToday) &&
    state.lastDmDay !== state.ownerToday
  );
}
