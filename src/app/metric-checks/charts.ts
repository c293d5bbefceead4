/**
 * The charts of a verdict: one PNG per metric, drawn and uploaded once — when the first post of the
 * verdict (a channel, or the owner's copy) is delivered — and shown by every post of it and by `/cx show`.
 * The outcome is a row per metric (`metric_charts`): a file, or a failed upload. A failed upload is not
 * tried again: the posts show the values as a text sparkline instead.
 */
import { chartPng } from '../../charts/metric-chart.js';
import {
  chartsOf,
  checkinsOf,
  getCheck,
  latestJudgedCheck,
  recordChart,
} from '../../db/repositories/metrics-repo.js';
import { metricSeries, type ShownCharts } from '../../domain/metric-checks.js';
import { METRIC_CHECK_MONTHS, metricCheckDate } from '../../domain/metrics.js';
import type { OutboxEntry } from '../../domain/outbox.js';
import type { MetricVerdictPayload, VerdictChart } from '../../domain/payloads/metrics.js';
import type { MetricKind } from '../../domain/types.js';
import { sharedChartWords } from '../../slack/messages/charts.js';
import type { AppContext } from '../context.js';

/** Puts a PNG into Slack and answers its file id; throws when Slack refuses any step. */
export type UploadPng = (
  png: Buffer,
  file: { name: string; title: string; altText: string },
) => Promise<string>;

export interface ChartLog {
  warn(fields: Record<string, unknown>, message: string): void;
}

const VERDICT_KINDS = new Set(['metric_verdict', 'metric_verdict_owner']);

/**
 * The notifier's `prepare` step for verdict posts: the entry with its charts (drawn and uploaded the first
 * time). Concurrent posts of one verdict wait for the same upload; any other entry passes unchanged.
 */
export function verdictChartsStep(
  ctx: Pick<AppContext, 'handle' | 'timeZone' | 'clock'>,
  upload: UploadPng,
  log: ChartLog,
): (entry: OutboxEntry) => Promise<OutboxEntry> {
  const inFlight = new Map<string, Promise<VerdictChart[]>>();
  return async (entry) => {
    if (!VERDICT_KINDS.has(entry.kind)) return entry;
    const payload = entry.payload as unknown as MetricVerdictPayload;
    const key = `${payload.initiative.id}:${payload.dueDate}`;
    let job = inFlight.get(key);
    if (!job) {
      job = chartsFor(ctx, payload, upload, log).finally(() => inFlight.delete(key));
      inFlight.set(key, job);
    }
    const charts = await job;
    return { ...entry, payload: { ...payload, charts } } as unknown as OutboxEntry;
  };
}

async function chartsFor(
  ctx: Pick<AppContext, 'handle' | 'timeZone' | 'clock'>,
  p: MetricVerdictPayload,
  upload: UploadPng,
  log: ChartLog,
): Promise<VerdictChart[]> {
  const db = ctx.handle.db;
  const check = getCheck(db, p.initiative.id, p.dueDate);
  if (!check) return [];
  const i = p.initiative;
  const series = metricSeries(
    {
      startDate: i.startDate,
      status: 'active',
      customerMetric: i.customerMetric,
      businessMetric: i.businessMetric,
    },
    // The values up to the verdict: a value sent after it is not part of its picture.
    checkinsOf(db, i.id).filter((c) => !check.verdictPostedAt || c.recordedAt <= check.verdictPostedAt),
    ctx.timeZone,
  );
  const out: VerdictChart[] = [];
  for (const s of series) {
    const points = s.points;
    let record = chartsOf(db, check.id).find((c) => c.kind === s.kind);
    if (!record) {
      const outcome = await drawAndUpload(s.kind, p, points, upload).catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        log.warn(
          { initiative: i.id, dueDate: p.dueDate, metric: s.kind, error: reason },
          'chart upload failed',
        );
        return { error: reason.slice(0, 200) };
      });
      recordChart(db, check.id, s.kind, outcome, ctx.clock.now());
      // Another process may have recorded one first: its outcome is the one every post shows.
      record = chartsOf(db, check.id).find((c) => c.kind === s.kind);
    }
    out.push({ kind: s.kind, fileId: record?.fileId ?? null, points });
  }
  return out;
}

async function drawAndUpload(
  kind: MetricKind,
  p: MetricVerdictPayload,
  points: VerdictChart['points'],
  upload: UploadPng,
): Promise<{ fileId: string }> {
  const metric = (kind === 'customer' ? p.initiative.customerMetric : p.initiative.businessMetric)!;
  const words = sharedChartWords();
  const png = await chartPng({
    name: metric.name,
    unit: metric.unit,
    subtitle: words.subtitle(p.initiative.id, p.kind, p.dueDate, p.verdict),
    baseline: metric.baseline,
    target: metric.target,
    start: p.initiative.startDate,
    points,
    marks: METRIC_CHECK_MONTHS.map((m) => ({
      day: metricCheckDate(p.initiative.startDate, m),
      label: words.mark(m),
    })),
    baselineLabel: words.baseline(metric.baseline, metric.unit),
    targetLabel: words.target(metric.target, metric.unit),
  });
  const fileId = await upload(png, {
    name: `I-${p.initiative.id}-${p.dueDate}-${kind}.png`,
    title: words.title(metric),
    altText: words.altText(kind, metric, points.length),
  });
  return { fileId };
}

/** The uploaded charts of an initiative's newest verdict, for `/cx show`; null when it has none. */
export function shownCharts(ctx: Pick<AppContext, 'handle'>, initiativeId: number): ShownCharts | null {
  const db = ctx.handle.db;
  const check = latestJudgedCheck(db, initiativeId);
  if (!check) return null;
  const files = chartsOf(db, check.id)
    .flatMap((c) => (c.fileId ? [{ kind: c.kind, fileId: c.fileId }] : []))
    // Customer first, as everywhere else.
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'customer' ? -1 : 1));
  return files.length > 0 ? { kind: check.kind, dueDate: check.dueDate, files } : null;
}
