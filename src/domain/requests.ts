/**
 * Requests across departments (`/cx ask`, `R-n`): their references, the default due date of the taker's
 * action, and the clock of an unanswered request — bumped once after 2 working days, escalated once after
 * 5, in working hours only. Working days are Monday to Friday in CX_TIMEZONE. Pure: "now" is an argument.
 */
import { addDays, daysBetween, localDate, weekdayOf, zonedInstant, zonedTime } from './dates.js';
import { err, ok, type Result } from './errors.js';
import { isReminderTime } from './reminders.js';
import type { Department, LocalDate, UserId } from './types.js';

export const BUMP_AFTER_WORKING_DAYS = 2;
export const ESCALATE_AFTER_WORKING_DAYS = 5;
/** The taker's action is due this many days after it was taken when the request gave no `by:` date. */
export const DEFAULT_REQUEST_DAYS = 7;

export type RequestStatus = 'open' | 'taken' | 'declined';

export interface Request {
  id: number;
  initiativeId: number;
  askingDept: Department;
  askedDept: Department;
  what: string;
  byDate: LocalDate | null;
  askerId: UserId;
  status: RequestStatus;
  answeredBy: UserId | null;
  answeredAt: Date | null;
  actionId: number | null;
  declineReason: string | null;
  bumpedAt: Date | null;
  escalatedAt: Date | null;
  createdAt: Date;
}

// At most 15 digits keeps n a safe integer, as for the other references.
const REQUEST_REF = /^r-([1-9]\d{0,14})$/i;

/** `R-7` or `r-7` → 7. */
export function parseRequestRef(text: string): Result<number> {
  const match = REQUEST_REF.exec(text.trim());
  if (!match) return err({ code: 'bad_ref', text: text.trim(), expected: null });
  return ok(Number(match[1]));
}

export const isRequestRef = (text: string) => /^r-/i.test(text.trim());

export const formatRequestRef = (id: number) => `R-${id}`;

/** The due date of the taker's action: the request's `by:` date, else 7 days from the day it is taken. */
export function takenDueDate(byDate: LocalDate | null, now: Date, zone: string): LocalDate {
  return byDate ?? addDays(localDate(now, zone), DEFAULT_REQUEST_DAYS);
}

const isWeekend = (day: LocalDate) => weekdayOf(day) >= 6;

/**
 * The moment `n` working days after `from`, in `zone`: the same wall-clock time `n` weekdays later (so a
 * DST change between them moves nothing), a weekend skipped. Asked on a weekend, the clock starts on
 * Monday at 00:00.
 */
export function afterWorkingDays(from: Date, n: number, zone: string): Date {
  let day = localDate(from, zone);
  let { hour, minute } = zonedTime(from, zone);
  if (isWeekend(day)) {
    while (isWeekend(day)) day = addDays(day, 1);
    hour = 0;
    minute = 0;
  }
  for (let left = n; left > 0; ) {
    day = addDays(day, 1);
    if (!isWeekend(day)) left--;
  }
  return zonedInstant(day, hour, minute, zone);
}

/** Weekdays in (`from`, `to`]: whole weeks count 5, the rest one by one. */
function weekdaysAfter(from: LocalDate, to: LocalDate): number {
  const days = daysBetween(from, to);
  if (days <= 0) return 0;
  let n = Math.floor(days / 7) * 5;
  for (let i = days - (days % 7) + 1; i <= days; i++) if (!isWeekend(addDays(from, i))) n++;
  return n;
}

/**
 * Whole working days an open request has waited at `now` (0 on its first day): the largest n whose
 * `afterWorkingDays` has come. Estimated from the weekdays between, then settled exactly (a step or two),
 * so a request a year old costs no more than a new one.
 */
export function workingDaysWaited(createdAt: Date, now: Date, zone: string): number {
  const passed = (n: number) => afterWorkingDays(createdAt, n, zone).getTime() <= now.getTime();
  let n = weekdaysAfter(localDate(createdAt, zone), localDate(now, zone));
  while (n > 0 && !passed(n)) n--;
  while (passed(n + 1)) n++;
  return n;
}

/** Working hours for the clock's posts: 09:30–17:30, Monday to Friday, in CX_TIMEZONE. */
export const isAsksTime = (now: Date, zone: string) => isReminderTime(now, zone);

export interface ClockSteps {
  bump: boolean;
  escalate: boolean;
}

/**
 * What the `asks` job does about a request at `now`: nothing outside working hours or once it is answered;
 * otherwise the bump once 2 working days have passed, the escalation once 5 have — each only if not done
 * yet. A run after downtime may do both at once: each happens exactly once, late rather than never.
 */
export function clockSteps(
  r: Pick<Request, 'status' | 'createdAt' | 'bumpedAt' | 'escalatedAt'>,
  now: Date,
  zone: string,
): ClockSteps {
  if (r.status !== 'open' || !isAsksTime(now, zone)) return { bump: false, escalate: false };
  const passed = (days: number) => afterWorkingDays(r.createdAt, days, zone).getTime() <= now.getTime();
  return {
    bump: r.bumpedAt === null && passed(BUMP_AFTER_WORKING_DAYS),
    escalate: r.escalatedAt === null && passed(ESCALATE_AFTER_WORKING_DAYS),
  };
}

/**
 * The 6–12-month verdict's evidence about an initiative's requests: how many were declined, and how many
 * waited more than 5 working days for an answer (still open, or answered that late).
 */
export function requestEvidence(
  requests: readonly Pick<Request, 'status' | 'createdAt' | 'answeredAt'>[],
  now: Date,
  zone: string,
): { declined: number; waitedLong: number } {
  const waitedLong = requests.filter(
    (r) =>
      r.status !== 'declined' &&
      workingDaysWaited(r.createdAt, r.answeredAt ?? now, zone) > ESCALATE_AFTER_WORKING_DAYS,
  ).length;
  return { declined: requests.filter((r) => r.status === 'declined').length, waitedLong };
}

/** One cell of the digest's "who waits on whom": requests `asking` is waiting for from `asked`. */
export interface WaitCell {
  asking: Department;
  asked: Department;
  count: number;
  /** Working days the oldest of them has waited. */
  oldestDays: number;
}

/** Open requests grouped by asking × asked department, the longest wait first. */
export function whoWaitsOnWhom(
  open: readonly Pick<Request, 'askingDept' | 'askedDept' | 'createdAt'>[],
  now: Date,
  zone: string,
): WaitCell[] {
  const cells = new Map<string, WaitCell>();
  for (const r of open) {
    const key = `${r.askingDept}>${r.askedDept}`;
    const days = workingDaysWaited(r.createdAt, now, zone);
    const cell = cells.get(key);
    if (cell) {
      cell.count++;
      cell.oldestDays = Math.max(cell.oldestDays, days);
    } else cells.set(key, { asking: r.askingDept, asked: r.askedDept, count: 1, oldestDays: days });
  }
  return [...cells.values()].sort(
    (a, b) =>
      b.oldestDays - a.oldestDays || a.asking.localeCompare(b.asking) || a.asked.localeCompare(b.asked),
  );
}
