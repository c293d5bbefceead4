import { DELIVERY_KEY_RETENTION_DAYS, pruneDeliveryKeys } from '../app/delivery-keys.js';
import { runMetricChecks } from '../app/metric-checks.js';
import { OUTBOX_PAYLOAD_RETENTION_DAYS, pruneOutboxPayloads } from '../app/outbox-retention.js';
import { localDate } from '../domain/dates.js';
import { type Job, plural, report } from './job.js';

/**
 * Daily 09:00: the 6–12-month test. Each check is asked once (on the first run on or after its date, so a
 * missed day is caught up by the next run), and unanswered checks get their verdict after 14 days. The
 * metric_checks table makes it idempotent on its own; the period (a local day) only feeds the ledger.
 *
 * It is also the bot's one daily run, so afterwards it removes delivery keys older than their retention
 * (app/delivery-keys.ts): without that, processed_events would keep every delivery the bot ever handled. And
 * it drops the payloads of posts delivered more than a month ago (app/outbox-retention.ts), the largest part
 * of a year-old database.
 */
export const metricChecksJob: Job = {
  name: 'metric-checks',
  schedule: '0 9 * * *',
  when: 'daily 09:00',
  periodOf: (at, zone) => localDate(at, zone),
  async run(ctx, now, info) {
    // Before the checks: the payload retention counts back from the newest post, which the run's own asks
    // would be (a run by hand a year ahead would drop what the last month's posts said).
    const payloads = await pruneOutboxPayloads(ctx, now, () => info.signal.aborted);
    const s = runMetricChecks(ctx, now, () => info.signal.aborted);
    const pruned = await pruneDeliveryKeys(ctx, now, () => info.signal.aborted);
    const checks = `${plural(s.asked, 'check')} asked, ${s.skipped} skipped, ${plural(s.judged, 'verdict')} posted`;
    const keys =
      pruned.removed === 0
        ? ''
        : `; ${plural(pruned.removed, 'delivery key')} older than ${DELIVERY_KEY_RETENTION_DAYS} days removed`;
    const posts =
      payloads.dropped === 0
        ? ''
        : `; the content of ${plural(payloads.dropped, 'post')} delivered over ${OUTBOX_PAYLOAD_RETENTION_DAYS} days ago dropped`;
    return report(
      {
        asked: s.asked,
        skipped: s.skipped,
        judged: s.judged,
        keysRemoved: pruned.removed,
        pruneBatches: pruned.batches,
        payloadsDropped: payloads.dropped,
      },
      checks + keys + posts,
    );
  },
};
