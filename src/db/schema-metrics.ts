import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { initiatives } from './schema.js';

/**
 * Metric check-ins: current values of an initiative's customer and business metric, by whom and when.
 * Append-only (history kept). Each value carries the name of the metric it was measured against, so a
 * value recorded before the metric was redefined is never judged against the new one.
 */
export const metricCheckins = sqliteTable(
  'metric_checkins',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    initiativeId: integer('initiative_id')
      .notNull()
      .references(() => initiatives.id),
    customerValue: real('customer_value'),
    customerMetric: text('customer_metric'),
    businessValue: real('business_value'),
    businessMetric: text('business_metric'),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: integer('recorded_at', { mode: 'timestamp_ms' }).notNull(),
    /** Where the value came from: typed in Slack, `POST /api/metrics`, or `cx metrics import`. */
    source: text('source', { enum: ['slack', 'api', 'import'] })
      .notNull()
      .default('slack'),
    /** The day a value from another system stands for (API, import); null for values typed in Slack. */
    valueDate: text('value_date'),
  },
  (t) => [
    index('metric_checkins_initiative').on(t.initiativeId, t.recordedAt),
    index('metric_checkins_value_date').on(t.initiativeId, t.valueDate),
  ],
);

/**
 * The 6–12-month test: one row per check of an initiative — the 6- and 12-month checks, and the checks a
 * recommit schedules. A row is written when a check is asked (or, for a recommit, when it is scheduled),
 * so "asked exactly once" holds across restarts; the verdict and the owner's decision land on the same row.
 */
export const metricChecks = sqliteTable(
  'metric_checks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    initiativeId: integer('initiative_id')
      .notNull()
      .references(() => initiatives.id),
    /** `6m`, `12m`, or `recommit` (a check scheduled 6 months after a recommit). */
    kind: text('kind', { enum: ['6m', '12m', 'recommit'] }).notNull(),
    dueDate: text('due_date').notNull(),
    /**
     * `scheduled` (a recommit check not yet due), `asked`, `judged` (verdict decided and queued), or
     * `skipped` (an older check overtaken by a newer one owed at the same time, e.g. an old `start:`).
     */
    status: text('status', { enum: ['scheduled', 'asked', 'judged', 'skipped'] }).notNull(),
    askedAt: integer('asked_at', { mode: 'timestamp_ms' }),
    verdict: text('verdict', { enum: ['pass', 'partial', 'fail', 'no_data'] }),
    customerValue: real('customer_value'),
    businessValue: real('business_value'),
    verdictPostedAt: integer('verdict_posted_at', { mode: 'timestamp_ms' }),
    /** After a 12-month (or recommit) check: the owner's answer. */
    decision: text('decision', { enum: ['recommit', 'close'] }),
    decidedBy: text('decided_by'),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('metric_checks_initiative_due').on(t.initiativeId, t.dueDate),
    index('metric_checks_status_due').on(t.status, t.dueDate),
  ],
);

/**
 * The chart of one metric in one verdict, uploaded to Slack once: every post of that verdict (channels,
 * the owner's copy, `/cx show`) shows the same file. `fileId` null: the upload failed, and the posts use
 * the text sparkline instead — it is not tried again for that verdict.
 */
export const metricCharts = sqliteTable(
  'metric_charts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    checkId: integer('check_id')
      .notNull()
      .references(() => metricChecks.id),
    kind: text('kind', { enum: ['customer', 'business'] }).notNull(),
    fileId: text('file_id'),
    error: text('error'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('metric_charts_check_kind').on(t.checkId, t.kind)],
);
