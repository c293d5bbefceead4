/**
 * The 6–12-month test: an initiative names one customer and one business metric (baseline → target);
 * at 6 and 12 months after its start the owner reports current values and a verdict follows.
 */
import { addMonthsClamped } from './dates.js';
import { err, ok, type Result } from './errors.js';
import { unescapeSlack } from './text.js';
import type { LocalDate, Metric } from './types.js';

// A number with an optional glued unit: `72`, `-3.5`, `.5`, `72%`, `4.2pts`. `1,5` is refused, not guessed.
const NUMBER = /^([+\-\u2212]?(?:\d+(?:\.\d+)?|\.\d+))([^\d.,].*)?$/;

export interface Measured {
  value: number;
  unit: string | null;
}

/** Parses `72`, `-3.5`, `72%` (Slack-escaped or not); the check modal accepts the same values. */
export function parseMeasurement(text: string): Result<Measured> {
  const input = unescapeSlack(text.trim());
  const match = NUMBER.exec(input);
  const value = Number((match?.[1] ?? '').replace('\u2212', '-'));
  if (!match || !Number.isFinite(value)) return err({ code: 'bad_number', text: input, reason: 'format' });
  const unit = match[2]?.trim() || null;
  return ok({ value, unit });
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

/**
 * Pass only when both customer and business metric reached their targets — the test asks whether
 * customers *and* the business are better off. Fail when nothing reported moved the right way.
 * Anything in between is partial; nothing reported at all is no data.
 */
export function verdict(customer: MetricOutcome, business: MetricOutcome): Verdict {
  const outcomes = [customer, business];
  if (outcomes.every((o) => o === 'no_data')) return 'no_data';
  if (outcomes.every((o) => o === 'met')) return 'pass';
  if (outcomes.some((o) => o === 'met' || o === 'improved')) return 'partial';
  return 'fail';
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
