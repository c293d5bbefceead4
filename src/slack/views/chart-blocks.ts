/**
 * Charts in Slack blocks: an image block per uploaded chart (`slack_file`), or — where the upload failed —
 * the metric's values as a text sparkline. Used by the verdict posts and `/cx show`.
 */
import type { KnownBlock } from '@slack/types';
import type { MetricsPicture } from '../../domain/metric-checks.js';
import type { MetricVerdictPayload } from '../../domain/payloads/metrics.js';
import type { Metric, MetricKind } from '../../domain/types.js';
import { chartWords } from '../messages/charts.js';
import { context, plain, section } from './blocks.js';
import { sparkline } from './check.js';

function imageBlock(fileId: string, kind: MetricKind, metric: Metric, points: number): KnownBlock {
  const words = chartWords();
  return {
    type: 'image',
    slack_file: { id: fileId },
    // Plain text, as every plain_text field: a typed `<!channel>` in a name or unit reads `@channel`.
    alt_text: plain(words.altText(kind, metric, points), 2000).text,
    title: plain(words.title(metric), 2000),
  } as KnownBlock;
}

/** The verdict's charts (filled in at delivery); nothing when it has none. */
export function verdictChartBlocks(p: MetricVerdictPayload): KnownBlock[] {
  const words = chartWords();
  return (p.charts ?? []).flatMap((c) => {
    const metric = c.kind === 'customer' ? p.customer.metric : p.business.metric;
    if (!metric) return [];
    if (c.fileId) return [imageBlock(c.fileId, c.kind, metric, c.points.length)];
    const spark = sparkline([metric.baseline, ...c.points.map((x) => x.value)]);
    return [context(words.fallback(metric, spark, c.points[0]?.day ?? null, c.points.at(-1)?.day ?? null))];
  });
}

/** `/cx show`: the charts of the newest verdict that has any. */
export function pictureChartBlocks(picture: MetricsPicture): KnownBlock[] {
  const words = chartWords();
  const shown = picture.charts;
  if (!shown) return [];
  const blocks: KnownBlock[] = [section(words.showHeading(shown.kind, shown.dueDate))];
  for (const f of shown.files) {
    const series = picture.series.find((s) => s.kind === f.kind);
    if (series) blocks.push(imageBlock(f.fileId, f.kind, series.metric, series.points.length));
  }
  return blocks.length > 1 ? blocks : [];
}
