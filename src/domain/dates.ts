/**
 * Calendar dates and wall-clock time in an IANA zone. "Now" is always an argument; zone math uses
 * Intl.DateTimeFormat only. A LocalDate (`YYYY-MM-DD`) is plain calendar arithmetic done in UTC,
 * where no day is ever 23 or 25 hours long.
 */
import { type DateField, type DateProblem, err, ok, type Result } from './errors.js';
import type { LocalDate } from './types.js';

export const DAY_MS = 86_400_000;

/** Weekday 1 = Monday … 7 = Sunday (ISO 8601). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface ZonedTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: Weekday;
}

const WEEKDAYS: Record<string, Weekday> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

// Building a DateTimeFormat is slow (~50 µs); jobs call these in loops.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

interface Fields extends ZonedTime {
  second: number;
}

/** What Intl says of `date` in `zone`: the slow part (formatToParts), used only where a cache cannot answer. */
function intlFields(date: Date, zone: string): Fields {
  const out: Record<string, string> = {};
  for (const part of formatterFor(zone).formatToParts(date)) out[part.type] = part.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour),
    minute: Number(out.minute),
    second: Number(out.second),
    weekday: WEEKDAYS[out.weekday ?? ''] ?? 1,
  };
}

const offsetOf = (f: Fields, ms: number) =>
  Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - Math.floor(ms / 1000) * 1000;

/** From 1972 on every zone's offset is whole minutes; older ones (local mean time) can carry seconds. */
const SINCE_1972_MS = 63_072_000_000;
/** Per zone, per UTC day: the zone's offset when it is the same all day, or null on a day it changes. */
const dayOffsets = new Map<string, Map<number, number | null>>();
const MAX_DAYS_PER_ZONE = 4_000;

/**
 * The zone's offset for the whole UTC day, if it does not change that day. Offsets change at most twice a year,
 * so the same offset at the day's start and at its end means the same offset all day: two Intl calls answer
 * every other question about that day with arithmetic (a job asks hundreds; the sandbox's "+6 months" asks
 * tens of thousands — issue 13's profile).
 */
function stableOffset(zone: string, utcDay: number): number | null {
  let days = dayOffsets.get(zone);
  if (!days) {
    days = new Map();
    dayOffsets.set(zone, days);
  }
  const known = days.get(utcDay);
  if (known !== undefined) return known;
  const startMs = utcDay * DAY_MS;
  const endMs = startMs + DAY_MS;
  const atStart = offsetOf(intlFields(new Date(startMs), zone), startMs);
  const atEnd = offsetOf(intlFields(new Date(endMs), zone), endMs);
  const offset = atStart === atEnd ? atStart : null;
  if (days.size >= MAX_DAYS_PER_ZONE) days.clear();
  days.set(utcDay, offset);
  return offset;
}

function fields(date: Date, zone: string): Fields {
  const ms = date.getTime();
  if (ms < SINCE_1972_MS || !Number.isFinite(ms)) return intlFields(date, zone);
  const offset = stableOffset(zone, Math.floor(ms / DAY_MS));
  if (offset === null) return intlFields(date, zone);
  const local = new Date(ms + offset);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    weekday: (((local.getUTCDay() + 6) % 7) + 1) as Weekday,
  };
}

export function isValidTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock time of `date` in `zone`. */
export function zonedTime(date: Date, zone: string): ZonedTime {
  const { year, month, day, hour, minute, weekday } = fields(date, zone);
  return { year, month, day, hour, minute, weekday };
}

/** The calendar date of `now` in `zone`. */
export function localDate(now: Date, zone: string): LocalDate {
  const f = fields(now, zone);
  return formatYmd(f.year, f.month, f.day);
}

/** Local wall-clock minus UTC at `date`, in ms (e.g. +3_600_000 for Berlin in winter). */
export function offsetMs(date: Date, zone: string): number {
  const f = fields(date, zone);
  const wall = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return wall - Math.floor(date.getTime() / 1000) * 1000;
}

/**
 * The instant local `day` begins in `zone`. Usually local midnight; where a DST jump skips midnight
 * (e.g. America/Santiago) it is the first instant that falls on `day`.
 */
export function startOfLocalDay(day: LocalDate, zone: string): Date {
  const { y, m, d } = splitYmd(day);
  const wallMidnight = utcMs(y, m - 1, d);
  // Two passes: the offset at the guess may differ from the offset at the answer across a transition.
  let t = wallMidnight - offsetMs(new Date(wallMidnight), zone);
  t = wallMidnight - offsetMs(new Date(t), zone);
  const at = fields(new Date(t), zone);
  if (formatYmd(at.year, at.month, at.day) === day && at.hour === 0 && at.minute === 0 && at.second === 0) {
    return new Date(t);
  }
  // Midnight does not exist that day: binary-search the first instant whose local date is `day`.
  let lo = wallMidnight - 2 * DAY_MS;
  let hi = wallMidnight + 2 * DAY_MS;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (localDate(new Date(mid), zone) < day) lo = mid;
    else hi = mid;
  }
  return new Date(hi);
}

/**
 * The instant local `day` `hour:minute` happens in `zone`. A time skipped by a DST jump moves forward
 * by the jump (02:30 on a spring-forward night → 03:30); a time that happens twice gives the first.
 */
export function zonedInstant(day: LocalDate, hour: number, minute: number, zone: string): Date {
  const { y, m, d } = splitYmd(day);
  const wall = utcMs(y, m - 1, d) + (hour * 60 + minute) * 60_000;
  // The offsets a day either side cover any single transition near the wanted time.
  const before = wall - offsetMs(new Date(wall - DAY_MS), zone);
  const after = wall - offsetMs(new Date(wall + DAY_MS), zone);
  for (const t of before <= after ? [before, after] : [after, before]) {
    if (t + offsetMs(new Date(t), zone) === wall) return new Date(t);
  }
  return new Date(before);
}

// ---- LocalDate arithmetic ------------------------------------------------------------------------

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

function formatYmd(y: number, m: number, d: number): LocalDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function splitYmd(day: LocalDate): { y: number; m: number; d: number } {
  const match = YMD.exec(day);
  if (!match) throw new TypeError(`not a LocalDate: ${day}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

// Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
function utcMs(y: number, monthIndex: number, d: number): number {
  const t = new Date(0);
  t.setUTCFullYear(y, monthIndex, d);
  return t.getTime();
}

function toUtcMs(day: LocalDate): number {
  const { y, m, d } = splitYmd(day);
  return utcMs(y, m - 1, d);
}

function fromUtcMs(ms: number): LocalDate {
  const date = new Date(ms);
  return formatYmd(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

function daysInMonth(y: number, m: number): number {
  return new Date(utcMs(y, m, 0)).getUTCDate();
}

/** `text` if it is a real calendar date written `YYYY-MM-DD`, else null. */
export function parseLocalDate(text: string): LocalDate | null {
  const match = YMD.exec(text);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return text;
}

export function isValidLocalDate(text: string): boolean {
  return parseLocalDate(text) !== null;
}

export function addDays(day: LocalDate, n: number): LocalDate {
  return fromUtcMs(toUtcMs(day) + n * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/** Adds calendar months, clamping to the month's last day: 2026-08-31 + 6 → 2027-02-28. */
export function addMonthsClamped(day: LocalDate, n: number): LocalDate {
  const { y, m, d } = splitYmd(day);
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return formatYmd(year, month, Math.min(d, daysInMonth(year, month)));
}

/** ISO weekday of a calendar date. */
export function weekdayOf(day: LocalDate): Weekday {
  const js = new Date(toUtcMs(day)).getUTCDay();
  return (js === 0 ? 7 : js) as Weekday;
}

// ---- Parsing user-entered dates -------------------------------------------------------------------

const RELATIVE = /^\+(\d+)d$/i;
const MAX_DIGITS = 7;

function badDate(
  text: string,
  field: DateField,
  reason: DateProblem,
  earliest: LocalDate,
  latest: LocalDate | null,
): Result<LocalDate> {
  return err({ code: 'bad_date', text, field, reason, earliest, latest });
}

/** Due date: `YYYY-MM-DD` or `+Nd` (N ≥ 1, counted from today in `zone`), between today and 5 years ahead. */
export function parseDue(text: string, now: Date, zone: string): Result<LocalDate> {
  const input = text.trim();
  const today = localDate(now, zone);
  const latest = addMonthsClamped(today, 60);
  const relative = RELATIVE.exec(input);
  let day: LocalDate | null;
  if (relative) {
    const digits = relative[1] ?? '';
    const n = Number(digits);
    if (n < 1) return badDate(input, 'due', 'format', today, latest);
    if (digits.length > MAX_DIGITS) return badDate(input, 'due', 'too_far', today, latest);
    day = addDays(today, n);
  } else {
    if (!YMD.test(input)) return badDate(input, 'due', 'format', today, latest);
    day = parseLocalDate(input);
    if (!day) return badDate(input, 'due', 'not_a_date', today, latest);
  }
  if (day < today) return badDate(input, 'due', 'past', today, latest);
  if (day > latest) return badDate(input, 'due', 'too_far', today, latest);
  return ok(day);
}

/** Start date: `YYYY-MM-DD`, within 5 years before and 1 year after today. */
export function parseStart(text: string, now: Date, zone: string): Result<LocalDate> {
  const input = text.trim();
  const today = localDate(now, zone);
  const earliest = addMonthsClamped(today, -60);
  const latest = addMonthsClamped(today, 12);
  if (!YMD.test(input)) return badDate(input, 'start', 'format', earliest, latest);
  const day = parseLocalDate(input);
  if (!day) return badDate(input, 'start', 'not_a_date', earliest, latest);
  if (day < earliest) return badDate(input, 'start', 'too_early', earliest, latest);
  if (day > latest) return badDate(input, 'start', 'too_far', earliest, latest);
  return ok(day);
}

/** A strictly future `YYYY-MM-DD` (for `away until`): tomorrow at the earliest, no upper bound. */
export function parseFutureDate(text: string, now: Date, zone: string): Result<LocalDate> {
  const input = text.trim();
  const earliest = addDays(localDate(now, zone), 1);
  if (!YMD.test(input)) return badDate(input, 'until', 'format', earliest, null);
  const day = parseLocalDate(input);
  if (!day) return badDate(input, 'until', 'not_a_date', earliest, null);
  if (day < earliest) return badDate(input, 'until', 'not_future', earliest, null);
  return ok(day);
}
