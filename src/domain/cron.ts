/**
 * Cron expressions evaluated in an IANA zone, the way node-cron fires them, so the scheduler can ask
 * "when did this job last come due?" for catch-up and for runs driven by an injected clock. Pure.
 */
import { addDays, DAY_MS, localDate, weekdayOf, zonedTime } from './dates.js';
import type { LocalDate } from './types.js';

/** The half-hour slot (UTC, so a repeated local hour at a DST change still gets two keys): `2026-03-02T09:30Z`. */
export function halfHourKey(now: Date): string {
  const slot = Math.floor(now.getTime() / 1_800_000) * 1_800_000;
  return `${new Date(slot).toISOString().slice(0, 16)}Z`;
}

/**
 * A five-field cron expression (minute hour day-of-month month day-of-week) with the syntax node-cron
 * accepts for them: `*`, numbers, ranges `a-b`, steps `*\/n` and `a-b/n`, lists, English day and month
 * names, Sunday as 0 or 7, and `d#n` for the n-th weekday of the month. Like node-cron, every field
 * must match (day-of-month and day-of-week are AND-ed, not OR-ed as in Vixie cron).
 */
export interface Cron {
  minutes: number[];
  hours: number[];
  days: Set<number>;
  months: Set<number>;
  /** Weekdays 0 (Sunday) … 6. */
  weekdays: Set<number>;
  /** `weekday#n`: [weekday 0–6, n 1–5]. */
  nthWeekdays: Array<[number, number]>;
}

const NAMES: Record<string, number> = {
  sun: 0,
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

function parseValue(text: string, min: number, max: number): number {
  const named = NAMES[text.toLowerCase().slice(0, 3)];
  const n = /^\d+$/.test(text) ? Number(text) : text.length >= 3 && named !== undefined ? named : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new SyntaxError(`'${text}' is outside ${min}-${max}`);
  return n;
}

function parseField(field: string, min: number, max: number): number[] {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new SyntaxError(`bad step in '${part}'`);
    let lo: number;
    let hi: number;
    if (range === '*') {
      lo = min;
      hi = max;
    } else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-');
      lo = parseValue(a, min, max);
      hi = parseValue(b, min, max);
    } else {
      lo = parseValue(range, min, max);
      hi = stepText === undefined ? lo : max;
    }
    if (lo > hi) throw new SyntaxError(`empty range '${part}'`);
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return [...out].sort((a, b) => a - b);
}

/** Parses a cron expression; throws SyntaxError naming the problem. Seconds (a sixth field) are not supported. */
export function parseCron(expression: string): Cron {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) throw new SyntaxError(`'${expression}' must have 5 fields`);
  const [minute = '', hour = '', dom = '', month = '', dow = ''] = fields;
  const nthWeekdays: Array<[number, number]> = [];
  const plainDow = dow
    .split(',')
    .filter((part) => {
      const nth = /^([0-7]|[a-z]{3})#([1-5])$/i.exec(part);
      if (nth) nthWeekdays.push([parseValue(nth[1] ?? '', 0, 7) % 7, Number(nth[2])]);
      return !nth;
    })
    .join(',');
  const weekdays = plainDow === '' ? [] : parseField(plainDow, 0, 7).map((d) => d % 7);
  return {
    minutes: parseField(minute, 0, 59),
    hours: parseField(hour, 0, 23),
    days: new Set(parseField(dom, 1, 31)),
    months: new Set(parseField(month, 1, 12)),
    weekdays: new Set(weekdays),
    nthWeekdays,
  };
}

function dayMatches(cron: Cron, day: LocalDate): boolean {
  const month = Number(day.slice(5, 7));
  const date = Number(day.slice(8, 10));
  if (!cron.months.has(month) || !cron.days.has(date)) return false;
  const weekday = weekdayOf(day) % 7;
  if (cron.weekdays.has(weekday)) return true;
  return cron.nthWeekdays.some(([wd, n]) => wd === weekday && Math.floor((date - 1) / 7) + 1 === n);
}

const MINUTE_MS = 60_000;

/** The wall-clock time of `t` in `zone`, as if it were UTC, to the minute. */
function wallMs(t: number, zone: string): number {
  const z = zonedTime(new Date(t), zone);
  return Date.UTC(z.year, z.month - 1, z.day, z.hour, z.minute);
}

/**
 * The instants at which the wall clock in `zone` reads `day hour:minute`: none in a DST gap, two in a
 * repeated hour, otherwise one. Latest first.
 */
export function instantsAt(day: LocalDate, hour: number, minute: number, zone: string): Date[] {
  const wall = Date.UTC(
    Number(day.slice(0, 4)),
    Number(day.slice(5, 7)) - 1,
    Number(day.slice(8, 10)),
    hour,
    minute,
  );
  const offsets = new Set<number>();
  for (const probe of [wall - DAY_MS, wall, wall + DAY_MS]) offsets.add(wallMs(probe, zone) - probe);
  const found = new Set<number>();
  for (const offset of offsets) {
    const t = wall - offset;
    if (wallMs(t, zone) === wall) found.add(t);
  }
  return [...found].sort((a, b) => b - a).map((t) => new Date(t));
}

/** Far enough back for any yearly schedule (and a leap day). */
const MAX_LOOKBACK_DAYS = 4 * 366 + 1;

/**
 * The latest instant at or before `now` at which `cron` fires in `zone`, or null if none within four
 * years. Local times skipped by a DST change never fire; a repeated local time fires at both instants.
 */
export function previousFire(cron: Cron, now: Date, zone: string): Date | null {
  const nowMs = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  const today = localDate(now, zone);
  const local = zonedTime(now, zone);
  for (let back = 0; back <= MAX_LOOKBACK_DAYS; back++) {
    const day = addDays(today, -back);
    if (!dayMatches(cron, day)) continue;
    // Wall-clock order is not instant order inside a repeated hour, so take the latest of the whole day.
    let latest: number | null = null;
    for (const hour of cron.hours) {
      // Today, hours after the local hour cannot have passed yet (plus one for a repeated hour).
      if (back === 0 && hour > local.hour + 1) continue;
      for (const minute of cron.minutes) {
        for (const t of instantsAt(day, hour, minute, zone)) {
          const ms = t.getTime();
          if (ms <= nowMs && (latest === null || ms > latest)) latest = ms;
        }
      }
    }
    if (latest !== null) return new Date(latest);
  }
  return null;
}

/** Whether `cron` fires at the minute of `at` in `zone`. */
export function cronMatches(cron: Cron, at: Date, zone: string): boolean {
  const day = localDate(at, zone);
  const t = zonedTime(at, zone);
  return dayMatches(cron, day) && cron.hours.includes(t.hour) && cron.minutes.includes(t.minute);
}
