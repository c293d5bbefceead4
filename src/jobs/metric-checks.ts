import { DELIVERY_KEY_RETENTION_DAYS, pruneDeliveryKeys } from '../app/delivery-keys.js';
import { runMetricChecks } from '../app/metric-checks.js';
import { localDate } from '../domain/dates.js';
import { type Job, plural, report } from './job.js';

/**
 * Daily 09:00: the 6–12-month test. Each check is asked once (on the first run on or after its date, so a
 * missed day is caught up by the next run), and unanswered checks get their verdict after 14 days. The
 * metric_checks table makes it idempotent on its own; the period (a local day) only feeds the ledger.
 *
 * It is also the bot's one daily run, so afterwards it removes delivery keys older than their retention
 * (app/delivery-keys.ts): without that, processed_events would keep every delivery the bot ever handled.
 */
export const metricChecksJob: Job = {
  name: 'metric-checks',
  schedule: '0 9 * * *',
  periodOf: (at, zone) => localDate(at, zone),
  async run(ctx, now, info) {
    const s = runMetricChecks(ctx, now, () => info.signal.aborted);
    const pruned = await pruneDeliveryKeys(ctx, now, () => info.signal.aborted);
    const checks = `${plural(s.asked, 'check')} asked, ${s.skipped} skipped, ${plural(s.judged, 'verdict')} posted`;
    const keys =
      pruned.removed === 0
        ? ''
        : `; ${plural(pruned.removed, 'delivery key')} older than ${DELIVERY_KEY_RETENTION_DAYS} days removed`;
    return report(
      {
        asked: s.asked,
        skipped: s.skipped,
        judged: s.judged,
        keysRemoved: pruned.removed,
        pruneBatches: pruned.batches,
      },
      checks + keys,
    );
  },
};
