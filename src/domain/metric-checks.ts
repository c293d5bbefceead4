/**
 * What the 6–12-month test shows and to whom: the state of each check, the trend of each metric, and the
 * channels a verdict goes to. Pure: the app reads the rows and hands them in.
 */
import { localDate } from './dates.js';
import {
  type CheckKind,
  checkKindOf,
  judge,
  METRIC_CHECK_MONTHS,
  metricCheckDate,
  missingMetrics,
  offersDecision,
  type Reading,
  type Verdict,
} from './metrics.js';
import type { Department, Initiative, LocalDate, Metric, MetricKind } from './types.js';

export interface TrendPoint {
  day: LocalDate;
  value: number;
}

export interface MetricSeries {
  kind: MetricKind;
  metric: Metric;
  /** Values recorded against the metric as it is defined now, oldest first. */
  points: TrendPoint[];
}

export type CheckState = 'upcoming' | 'scheduled' | 'asked' | 'judged' | 'skipped' | 'not_asked';

export interface CheckStatus {
  kind: CheckKind;
  dueDate: LocalDate;
  state: CheckState;
  verdict: Verdict | null;
  decision: 'recommit' | 'close' | null;
  /** A 12-month or follow-up verdict of an active initiative that nobody has answered (recommit or close). */
  awaitingDecision?: true;
}

export interface MetricsPicture {
  /** "How will we know?": the metrics the initiative still lacks. */
  missing: MetricKind[];
  series: MetricSeries[];
  checks: CheckStatus[];
  /** The charts of the newest verdict that has any (uploaded files), shown in `/cx show`. */
  charts?: ShownCharts | null;
}

export interface ShownCharts {
  kind: CheckKind;
  dueDate: LocalDate;
  files: { kind: MetricKind; fileId: string }[];
}

/** A check as it is stored: what the status line needs of it. */
export interface CheckRecord {
  kind: CheckKind;
  dueDate: LocalDate;
  status: 'scheduled' | 'asked' | 'judged' | 'skipped';
  verdict: Verdict | null;
  decision: 'recommit' | 'close' | null;
}

/** A check-in with the moment it was recorded. */
export interface TimedReading extends Reading {
  recordedAt: Date;
}

type CheckedInitiative = Pick<Initiative, 'startDate' | 'status' | 'customerMetric' | 'businessMetric'>;

function sameName(a: string | null, b: string) {
  return a !== null && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * A 12-month or follow-up verdict of an active initiative that nobody has answered with recommit or close: its
 * owner (or an admin) still has to decide.
 */
export const awaitsDecision = (
  initiative: Pick<Initiative, 'status'>,
  check: Pick<CheckRecord, 'kind' | 'status' | 'decision'>,
): boolean =>
  initiative.status === 'active' &&
  check.status === 'judged' &&
  offersDecision(check.kind) &&
  !check.decision;

/** The 6- and 12-month checks (asked or not yet) and follow-ups, oldest due first. */
export function checkStatusesOf(
  initiative: CheckedInitiative,
  records: readonly CheckRecord[],
): CheckStatus[] {
  const out: CheckStatus[] = records.map((c) => ({
    kind: c.kind,
    dueDate: c.dueDate,
    state: c.status,
    verdict: c.verdict,
    decision: c.decision,
    ...(awaitsDecision(initiative, c) ? { awaitingDecision: true as const } : {}),
  }));
  for (const months of METRIC_CHECK_MONTHS) {
    const kind = checkKindOf(months);
    if (records.some((c) => c.kind === kind)) continue;
    out.push({
      kind,
      dueDate: metricCheckDate(initiative.startDate, months),
      state: initiative.status === 'active' ? 'upcoming' : 'not_asked',
      verdict: null,
      decision: null,
    });
  }
  return out.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
}

/** Each defined metric's values over time (days in `zone`), counting only values for its current name. */
export function metricSeries(
  initiative: CheckedInitiative,
  checkins: readonly TimedReading[],
  zone: string,
): MetricSeries[] {
  const series: MetricSeries[] = [];
  for (const kind of ['customer', 'business'] as const) {
    const metric = kind === 'customer' ? initiative.customerMetric : initiative.businessMetric;
    if (!metric) continue;
    const points = checkins.flatMap((c) => {
      const value = kind === 'customer' ? c.customer : c.business;
      const name = kind === 'customer' ? c.customerMetric : c.businessMetric;
      return value !== null && sameName(name, metric.name)
        ? [{ day: localDate(c.recordedAt, zone), value }]
        : [];
    });
    series.push({ kind, metric, points });
  }
  return series;
}

export function metricsPictureOf(
  initiative: CheckedInitiative,
  checkins: readonly TimedReading[],
  records: readonly CheckRecord[],
  zone: string,
): MetricsPicture {
  return {
    missing: missingMetrics(initiative),
    series: metricSeries(initiative, checkins, zone),
    checks: checkStatusesOf(initiative, records),
  };
}

/** Values from other systems received this many days before a check's date answer it: no DM is needed. */
export const FED_ANSWER_DAYS = 30;

/**
 * True when values fed by other systems (API, import) since `since` (the window's start) give every metric
 * the initiative has set a value: the check is answered without asking its owner.
 */
export function answeredByFeed(
  initiative: Pick<Initiative, 'customerMetric' | 'businessMetric'>,
  checkins: readonly (Reading & { source: 'slack' | 'api' | 'import' })[],
): boolean {
  return judge(
    initiative,
    checkins.filter((c) => c.source !== 'slack'),
  ).complete;
}

/**
 * The departments whose channel gets a verdict: each of the initiative's departments with a bound
 * channel, but a channel once — two departments sharing a channel get one post (the first names it).
 */
export function verdictDepartments(
  depts: readonly Department[],
  bindings: readonly { key: string; channelId: string }[],
): Department[] {
  const seen = new Set<string>();
  const out: Department[] = [];
  for (const dept of depts) {
    const binding = bindings.find((b) => b.key === dept);
    if (!binding || seen.has(binding.channelId)) continue;
    seen.add(binding.channelId);
    out.push(dept);
  }
  return out;
}
