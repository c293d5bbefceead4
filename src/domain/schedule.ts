/**
 * Periods of the scheduled jobs in an IANA zone: ISO weeks (the digest), months (the pain-point round)
 * and the moments each period's run is due. Pure: "now" is always an argument.
 */
import { addDays, daysBetween, weekdayOf, zonedInstant } from './dates.js';
import type { LocalDate } from './types.js';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Monday of the ISO week `day` belongs to. */
export function startOfIsoWeek(day: LocalDate): LocalDate {
  return addDays(day, 1 - weekdayOf(day));
}

/** ISO 8601 week key, `2026-W11`: weeks start on Monday and belong to the year of their Thursday. */
export function isoWeekKey(day: LocalDate): string {
  const thursday = addDays(day, 4 - weekdayOf(day));
  const year = thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${pad2(week)}`;
}

/** The Monday an ISO week key (`2026-W11`) begins on; null when the key is malformed or out of range. */
export function isoWeekStart(key: string): LocalDate | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!m) return null;
  const monday = addDays(startOfIsoWeek(`${m[1]}-01-04`), (Number(m[2]) - 1) * 7);
  return isoWeekKey(monday) === key ? monday : null;
}

/** `2026-03`. */
export function monthKey(day: LocalDate): string {
  return day.slice(0, 7);
}

/** The first Monday of the month `day` is in. */
export function firstMondayOfMonth(day: LocalDate): LocalDate {
  const first = `${day.slice(0, 7)}-01`;
  return addDays(first, (8 - weekdayOf(first)) % 7);
}

/** The weekly digest of the ISO week containing `day` is due on its Friday at 14:00 in `zone`. */
export function digestMoment(day: LocalDate, zone: string): Date {
  return zonedInstant(addDays(startOfIsoWeek(day), 4), 14, 0, zone);
}

/** The pain-point round of the month containing `day` opens on its first Monday at 10:00 in `zone`. */
export function roundOpenMoment(day: LocalDate, zone: string): Date {
  return zonedInstant(firstMondayOfMonth(day), 10, 0, zone);
}

/**
 * A period whose run came due at `due` was missed and is caught up at start-up when that moment has
 * passed and lies after the bot first started on this database: a fresh install posts no backlog.
 */
export function isMissedPeriod(due: Date, now: Date, firstStartedAt: Date): boolean {
  return due.getTime() <= now.getTime() && due.getTime() > firstStartedAt.getTime();
}
