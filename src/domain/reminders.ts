/**
 * When a stalled action's owner may be reminded: inside their own working hours (09:30–17:30, Monday to
 * Friday, in their zone), at most one DM per owner per local day, one reminder per action per 7 days,
 * never while away, and no more than three reminders about an action nobody has touched since.
 */
import { addDays, DAY_MS, localDate, weekdayOf, zonedInstant, zonedTime } from './dates.js';
import type { LocalDate } from './types.js';

export const REMINDER_START_MINUTES = 9 * 60 + 30;
export const REMINDER_END_MINUTES = 17 * 60 + 30;
export const REMIND_ACTION_EVERY_DAYS = 7;
/**
 * Reminders about one action with no activity since the first of them: after this many the owner hears no
 * more about it, and the initiative's owner is told once instead.
 */
export const MAX_UNANSWERED_REMINDERS = 3;

/**
 * Working hours: Mon–Fri, 09:30 to 17:30 local time, both ends included (the 09:30 and the 17:30 runs of a
 * half-hourly job count; 17:31 does not). Whatever the run — on schedule, caught up at start-up, or by hand
 * with `--at` — outside them nothing is sent to that person; the next run inside them does it.
 */
export function isReminderTime(now: Date, ownerZone: string): boolean {
  const t = zonedTime(now, ownerZone);
  const minutes = t.hour * 60 + t.minute;
  return t.weekday <= 5 && minutes >= REMINDER_START_MINUTES && minutes <= REMINDER_END_MINUTES;
}

/**
 * The end of the working-hours window a reminder DM queued at `now` belongs to: 17:31 of that local day in the
 * owner's zone, the first minute `isReminderTime` refuses. A DM still undelivered then (the bot was down,
 * Slack failed) is dropped, never delivered at night; the next working day's run reminds again.
 */
export function reminderWindowEnd(now: Date, ownerZone: string): Date {
  const end = REMINDER_END_MINUTES + 1;
  return zonedInstant(localDate(now, ownerZone), Math.floor(end / 60), end % 60, ownerZone);
}

/** The next start of working hours (09:30 on a working day in `zone`) after `now`. */
export function nextWorkingStart(now: Date, zone: string): Date {
  const today = localDate(now, zone);
  const start = REMINDER_START_MINUTES;
  for (let i = 0; ; i++) {
    const day = addDays(today, i);
    if (weekdayOf(day) > 5) continue;
    const at = zonedInstant(day, Math.floor(start / 60), start % 60, zone);
    if (at.getTime() > now.getTime()) return at;
  }
}

/**
 * The greeting fits the recipient's hour: "Good morning" before 12:00, "Good afternoon" from 12:00. Reminders
 * only go out 09:30–17:30, so these two cover every DM; "evening" is never needed.
 */
export type PartOfDay = 'morning' | 'afternoon';
export function partOfDay(now: Date, zone: string): PartOfDay {
  return zonedTime(now, zone).hour < 12 ? 'morning' : 'afternoon';
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
