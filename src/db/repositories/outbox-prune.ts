/**
 * Dropping the payloads of long-delivered outbox rows (app/outbox-retention.ts decides which). The row stays —
 * its key keeps a late duplicate from posting twice, and its channel and ts still anchor thread replies — but
 * the snapshot of what was said, kilobytes each (a digest's details most), is gone: Slack has the message.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { prepared } from '../prepared.js';
import { outbox } from '../schema.js';

/** What a dropped payload reads as (JSON `null`: the column is NOT NULL text). */
const DROPPED_PAYLOAD = 'null';

/**
 * The lowest and highest row id, and when the newest row was written; null for an empty outbox. The ids are
 * the range the pruning walks in windows; all three come from the primary key, without a scan.
 */
export function outboxIdRange(db: Executor): { low: number; high: number; newestAt: Date } | null {
  const row = prepared(db, 'outboxPrune.range', (d) =>
    d
      .select({ low: sql<number>`(select min(id) from outbox)`, high: outbox.id, newestAt: outbox.createdAt })
      .from(outbox)
      .where(sql`${outbox.id} = (select max(id) from outbox)`)
      .prepare(),
  ).get();
  return row ? { low: row.low, high: row.high, newestAt: row.newestAt } : null;
}

/**
 * Drops the payloads of rows with ids in [`from`, `to`) that were delivered (or expired) before `before` and are
 * of one of `kinds`; a window of ids is a range of the primary key, so a pass over the table reads each row once.
 * The kind is tested before the payload, so the rows kept (other kinds) are never read beyond their kind.
 */
export function dropPayloads(
  db: Executor,
  window: { from: number; to: number },
  before: Date,
  kinds: readonly string[],
): number {
  const update = prepared(db, 'outboxPrune.drop', (d) =>
    d
      .update(outbox)
      .set({ payload: sql`${DROPPED_PAYLOAD}` })
      .where(
        sql`${outbox.id} >= ${sql.placeholder('from')} and ${outbox.id} < ${sql.placeholder('to')}
          and ${outbox.kind} in (select value from json_each(${sql.placeholder('kinds')}))
          and ${outbox.status} in ('sent', 'expired')
          and coalesce(${outbox.sentAt}, ${outbox.createdAt}) < ${sql.placeholder('before')}
          and ${outbox.payload} <> ${DROPPED_PAYLOAD}`,
      )
      .prepare(),
  );
  return update.run({ ...window, before: before.getTime(), kinds: JSON.stringify(kinds) }).changes;
}
