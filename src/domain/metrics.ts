/**
 * The 6–12-month test: an initiative names one customer and one business metric (baseline → target);
 * at 6 and 12 months after its start the owner reports current values and a verdict follows.
 */
import { isActive, isOverdue, isStale } from './actions.js';
import { addDays, addMonthsClamped, DAY_MS, localDate } from './dates.js';
import { err, ok, type Result } from './errors.js';
import { MAX_UNIT_LENGTH } from './limits.js';
import { unescapeSlack } from './text.js';
import type { Action, Department, Initiative, LocalDate, Metric, MetricKind } from './types.js';

// A number with an optional glued unit: `72`, `-3.5`, `.5`, `72%`, `4.2pts`. `1,5` is refused, not guessed…
const NUMBER = /^([+\-\u2212]?(?:\d+(?:\.\d+)?|\.\d+))([^\d.,].*)?$/;
// …unless the reader writes German (issue 14): then `41,5` is 41.5 (a dot still works, as people type both).
const NUMBER_DECIMAL_COMMA = /^([+\-\u2212]?(?:\d+(?:[.,]\d+)?|[.,]\d+))([^\d.,].*)?$/;

export interface Measured {
  value: number;
  unit: string | null;
}

/**
 * Parses `72`, `-3.5`, `72%` (Slack-escaped or not); the check modal accepts the same values. With
 * `decimalComma` (a German speaker) `41,5` is accepted too.
 */
export function parseMeasurement(text: string, options: { decimalComma?: boolean } = {}): Result<Measured> {
  const input = unescapeSlack(text.trim());
  const match = (options.decimalComma ? NUMBER_DECIMAL_COMMA : NUMBER).exec(input);
  const value = Number((match?.[1] ?? '').replace('\u2212', '-').replace(',', '.'));
  if (!match || !Number.isFinite(value)) return err({ code: 'bad_number', text: input, reason: 'format' });
  const unit = match[2]?.trim() || null;
  return ok({ value, unit });
}

// Letters and digits of any script, currency signs, and the marks units use (`%`, `°`, `/`, `²`, `·`, …),
// single spaces inside. Not allowed: `<`, `>`, `@`, `|`, `:` (so no Slack markup, mention or emoji code),
// control and format characters (bidi overrides, zero-width), line breaks.
const UNIT =
  /^[\p{L}\p{M}\p{N}\p{Sc}%‰‱°º/.,'’·+\-−*×()_&]+(?: [\p{L}\p{M}\p{N}\p{Sc}%‰‱°º/.,'’·+\-−*×()_&]+)*$/u;

/**
 * A unit may be printed after every number in a DM or a public post, so it must be a short plain label:
 * nothing in it may mention, link, or start a new line (issue 9: `70 -> 80 @channel` pinged a channel).
 */
export function isValidUnit(unit: string): boolean {
  return unit.length <= MAX_UNIT_LENGTH && UNIT.test(unit);
}

/** The direction follows from baseline vs target (equal values are refused when the metric is set). */
export function metricDirection(metric: Pick<Metric, 'baseline' | 'target'>): 'increase' | 'decrease' {
  return metric.target >= metric.baseline ? 'increase' : 'decrease';
}

/** How one metric did: reached its target, moved toward it, didn't move (or got worse), or unknown. */
export type MetricOutcome = 'met' | 'improved' | 'not_improved' | 'no_data';

export function metricOutcome(metric: Metric | null, value: number | null): MetricOutcome {
  if (!metric || value === null) return 'no_data';
  const up = metricDirection(metric) === 'increase';
  if (up ? value >= metric.target : value <= metric.target) return 'met';
  if (up ? value > metric.baseline : value < metric.baseline) return 'improved';
  return 'not_improved';
}

export type Verdict = 'pass' | 'partial' | 'fail' | 'no_data';

const movedTowardTarget = (o: MetricOutcome) => o === 'met' || o === 'improved';

/**
 * Issue 5: **pass** when both the customer and the business metric moved toward their targets (reaching
 * one counts as moving), **partial** when one did, **fail** when neither did, **no data** when nothing was
 * reported. A metric without a value counts as not moved — unless both lack one.
 */
export function verdict(customer: MetricOutcome, business: MetricOutcome): Verdict {
  const outcomes = [customer, business];
  if (outcomes.every((o) => o === 'no_data')) return 'no_data';
  const moved = outcomes.filter(movedTowardTarget).length;
  return moved === 2 ? 'pass' : moved === 1 ? 'partial' : 'fail';
}

export const METRIC_CHECK_MONTHS = [6, 12] as const;
export type MetricCheck = (typeof METRIC_CHECK_MONTHS)[number];

export function metricCheckDate(startDate: LocalDate, months: MetricCheck): LocalDate {
  return addMonthsClamped(startDate, months);
}

/**
 * Checks to ask about today: their date has come and they were not asked yet. An initiative entered
 * with an old start may owe both at once.
 */
export function dueMetricChecks(
  startDate: LocalDate,
  today: LocalDate,
  alreadyAsked: readonly MetricCheck[],
): MetricCheck[] {
  return METRIC_CHECK_MONTHS.filter(
    (m) => !alreadyAsked.includes(m) && metricCheckDate(startDate, m) <= today,
  );
}

// ---- Metrics on initiatives: "how will we know?" ---------------------------------------------------

/** The metrics an initiative still lacks; empty when both are set. The digest and `/cx show` flag these. */
export function missingMetrics(
  initiative: Pick<Initiative, 'customerMetric' | 'businessMetric'>,
): MetricKind[] {
  const missing: MetricKind[] = [];
  if (!initiative.customerMetric) missing.push('customer');
  if (!initiative.businessMetric) missing.push('business');
  return missing;
}

/** True when the initiative names both a customer and a business metric. */
export function hasBothMetrics(initiative: Pick<Initiative, 'customerMetric' | 'businessMetric'>): boolean {
  return missingMetrics(initiative).length === 0;
}

// ---- Checks after the 6- and 12-month ones ------------------------------------------------------------

/** Days the owner has to answer a check before the verdict goes out as what is known (or "no data"). */
export const CHECK_ANSWER_DAYS = 14;
/** A recommit schedules the next check this many months after the decision. */
export const RECOMMIT_MONTHS = 6;

export type CheckKind = '6m' | '12m' | 'recommit';

export const checkKindOf = (months: MetricCheck): CheckKind => (months === 6 ? '6m' : '12m');

/** After which checks the owner decides: recommit (a new check in 6 months) or close. */
export const offersDecision = (kind: CheckKind) => kind !== '6m';

/**
 * The scheduled checks to write today. The latest one owed is asked; an older one owed at the same time
 * (an initiative entered with an old `start:`) is skipped — one question about "now", not two about the
 * same values. Each is written once, so it is asked exactly once.
 */
export function planScheduledChecks(
  startDate: LocalDate,
  today: LocalDate,
  existing: readonly CheckKind[],
): { ask: MetricCheck | null; skip: MetricCheck[] } {
  const asked = METRIC_CHECK_MONTHS.filter((m) => existing.includes(checkKindOf(m)));
  const due = dueMetricChecks(startDate, today, asked);
  const ask = due.at(-1) ?? null;
  return { ask, skip: due.filter((m) => m !== ask) };
}

/** The verdict of an unanswered check goes out on the first run on or after this date. */
export function answerDeadline(askedDay: LocalDate): LocalDate {
  return addDays(askedDay, CHECK_ANSWER_DAYS);
}

// ---- Judging a check --------------------------------------------------------------------------------

/** One check-in: values recorded with the name of the metric each was measured against. */
export interface Reading {
  customer: number | null;
  customerMetric: string | null;
  business: number | null;
  businessMetric: string | null;
}

const sameMetric = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The newest value recorded for `metric` as it is defined now. A value measured against a metric that
 * has since been renamed or replaced is not evidence about the new one; a changed baseline or target
 * under the same name keeps the value (it is judged against the current baseline and target).
 */
export function latestValue(
  metric: Metric | null,
  kind: MetricKind,
  readings: readonly Reading[],
): number | null {
  if (!metric) return null;
  for (let i = readings.length - 1; i >= 0; i--) {
    const r = readings[i];
    if (!r) continue;
    const value = kind === 'customer' ? r.customer : r.business;
    const name = kind === 'customer' ? r.customerMetric : r.businessMetric;
    if (value !== null && name !== null && sameMetric(name, metric.name)) return value;
  }
  return null;
}

export interface MetricResult {
  metric: Metric | null;
  value: number | null;
  outcome: MetricOutcome;
}

export interface Judgement {
  verdict: Verdict;
  customer: MetricResult;
  business: MetricResult;
  /** Every metric that is set has a value: the check is answered and need not wait for the deadline. */
  complete: boolean;
}

/** Judges a check from the readings recorded since it was asked (oldest first). */
export function judge(
  initiative: Pick<Initiative, 'customerMetric' | 'businessMetric'>,
  readings: readonly Reading[],
): Judgement {
  const result = (kind: MetricKind): MetricResult => {
    const metric = kind === 'customer' ? initiative.customerMetric : initiative.businessMetric;
    const value = latestValue(metric, kind, readings);
    return { metric, value, outcome: metricOutcome(metric, value) };
  };
  const customer = result('customer');
  const business = result('business');
  const set = [customer, business].filter((r) => r.metric !== null);
  return {
    verdict: verdict(customer.outcome, business.outcome),
    customer,
    business,
    complete: set.length > 0 && set.every((r) => r.value !== null),
  };
}

// ---- Execution evidence -------------------------------------------------------------------------------

export interface ExecutionEvidence {
  /** Open or blocked actions. */
  open: number;
  overdue: number;
  /** Open or blocked with no activity for 7 days or more. */
  stalled: number;
  /** Done actions that had a due date, and how many of those were done on or before it. */
  doneWithDue: number;
  doneOnTime: number;
  /** Whole days since the last activity on any action; null when no action was ever logged. */
  daysSinceProgress: number | null;
  /** Departments involved in the initiative that have no (non-dropped) action. */
  deptsWithoutAction: Department[];
  /**
   * Its requests to other departments that were declined, or waited more than 5 working days for an
   * answer (see domain/requests.ts); absent in verdicts judged before requests existed.
   */
  requests?: { declined: number; waitedLong: number };
}

/**
 * Why a metric may not have moved: the execution behind the initiative. "The problem is rarely the
 * strategy — almost always the missing execution."
 */
export function executionEvidence(
  initiative: Pick<Initiative, 'depts'>,
  actions: readonly Pick<Action, 'status' | 'dueDate' | 'lastActivityAt' | 'completedAt' | 'dept'>[],
  now: Date,
  zone: string,
): ExecutionEvidence {
  const today = localDate(now, zone);
  const counted = actions.filter((a) => a.status !== 'dropped');
  const done = counted.filter((a) => a.status === 'done' && a.dueDate !== null && a.completedAt !== null);
  const onTime = done.filter((a) => localDate(a.completedAt as Date, zone) <= (a.dueDate as string));
  const last = counted.reduce<number | null>(
    (max, a) => (max === null || a.lastActivityAt.getTime() > max ? a.lastActivityAt.getTime() : max),
    null,
  );
  const covered = new Set(counted.map((a) => a.dept));
  return {
    open: counted.filter(isActive).length,
    overdue: counted.filter((a) => isOverdue(a, today)).length,
    stalled: counted.filter((a) => isStale(a, now)).length,
    doneWithDue: done.length,
    doneOnTime: onTime.length,
    daysSinceProgress: last === null ? null : Math.floor((now.getTime() - last) / DAY_MS),
    deptsWithoutAction: initiative.depts.filter((d) => !covered.has(d)),
  };
}
