/**
 * The words of the verdict charts: the text drawn into each PNG, its alt text, and the line that stands in
 * for a chart whose upload failed. Chart text is plain (it is drawn, not parsed): people's text in it goes
 * through `chartText()`; in Slack blocks through `line()`.
 */
import type { CheckKind, Verdict } from '../../domain/metrics.js';
import type { LocalDate, Metric, MetricKind } from '../../domain/types.js';
import { line, type Mrkdwn, md } from './mrkdwn.js';

const CHECK: Record<CheckKind, string> = {
  '6m': '6-month check',
  '12m': '12-month check',
  recommit: 'follow-up check',
};
const VERDICT: Record<Verdict, string> = {
  pass: 'pass',
  partial: 'partial',
  fail: 'fail',
  no_data: 'no data',
};
const fmt = (n: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(n);

export const charts = {
  /** Drawn under the metric's name. */
  subtitle: (id: number, kind: CheckKind, due: LocalDate, v: Verdict) =>
    `I-${id} · ${CHECK[kind]} ${due} · ${VERDICT[v]}`,
  baseline: (value: number, unit: string | null) => `baseline ${fmt(value)}${unit ?? ''}`,
  target: (value: number, unit: string | null) => `target ${fmt(value)}${unit ?? ''}`,
  mark: (months: 6 | 12) => `${months} months`,
  /** The image's alt text (plain text; the caller shortens it to Slack's limit). */
  altText: (kind: MetricKind, m: Metric, points: number) =>
    `${kind === 'customer' ? 'Customer' : 'Business'} metric ${m.name}: ${points} value${points === 1 ? '' : 's'} over time, baseline ${fmt(m.baseline)}, target ${fmt(m.target)}`,
  /** The image block's title. */
  title: (m: Metric) => `${m.name}${m.unit ? ` (${m.unit})` : ''}`,
  /** Instead of a chart whose upload failed: the values as a sparkline. */
  fallback: (m: Metric, spark: string, first: string | null, last: string | null): Mrkdwn =>
    md`:chart_with_upwards_trend: ${line(m.name)} \`${line(spark)}\`${
      first && last ? md` ${line(first)} → ${line(last)}` : md``
    }`,
  showHeading: (kind: CheckKind, due: LocalDate) => md`Charts of the ${line(CHECK[kind])} ${line(due)}`,
};

export type ChartWords = typeof charts;
