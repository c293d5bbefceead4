import { setImmediate as nextTurn } from 'node:timers/promises';
import { newestProcessedAt, processedCutoff, pruneProcessedBatch } from '../db/repositories/settings-repo.js';
import type { AppContext } from './context.js';

/**
 * How long a delivery key (processed_events) is kept. A key only has to outlive Slack's redeliveries of its
 * delivery: the Events API retries three times within minutes (an hour at most), Socket Mode re-sends an
 * unacknowledged envelope within minutes, and a command or click is never redelivered later than that. A
 * week is that many times over, with a clock set wrong by days included; older keys only grow the table.
 */
export const DELIVERY_KEY_RETENTION_DAYS = 7;
const DAY_MS = 86_400_000;

/** Keys deleted per statement: a few milliseconds each, so a first prune of a year's keys never holds up a command. */
export const PRUNE_BATCH_ROWS = 5_000;

export interface PruneSummary {
  removed: number;
  batches: number;
}

/**
 * Deletes the delivery keys older than the retention, oldest first, in batches of `batchRows`, each its own
 * statement and transaction, with a turn of the event loop between them so requests are answered meanwhile.
 * Stops early when `stopped()` says so (shutdown); the next run removes the rest.
 */
export async function pruneDeliveryKeys(
  ctx: AppContext,
  now: Date,
  stopped: () => boolean = () => false,
  batchRows = PRUNE_BATCH_ROWS,
): Promise<PruneSummary> {
  const db = ctx.handle.db;
  const newest = newestProcessedAt(db);
  if (newest === null) return { removed: 0, batches: 0 };
  // Counted back from the newest key when that came before `now`: a run by hand with a future `--at` (a
  // demo) must not drop the keys of the last minutes, whose retries may still come.
  const before = new Date(Math.min(now.getTime(), newest) - DELIVERY_KEY_RETENTION_DAYS * DAY_MS);
  const end = processedCutoff(db, before);
  let removed = 0;
  let batches = 0;
  while (end > 0 && !stopped()) {
    const deleted = pruneProcessedBatch(db, end, before, batchRows);
    removed += deleted;
    if (deleted > 0) batches++;
    if (deleted < batchRows) break;
    await nextTurn();
  }
  return { removed, batches };
}
