/**
 * The outbox's lanes (one per recipient, delivered in id order) as queries on the partial index
 * `outbox_lanes`: the lane heads, whether anything is left to deliver, what waits for working hours.
 */
import { and, asc, gt, sql } from 'drizzle-orm';
import type { OutboxStatus, Recipient } from '../../domain/outbox.js';
import type { Executor } from '../client.js';
import { prepared, preparedRaw } from '../prepared.js';
import { outbox } from '../schema.js';

/** Rows that still hold their recipient's queue: a later row to the same recipient waits behind them. */
export const UNFINISHED: OutboxStatus[] = ['pending', 'sending', 'held'];

/**
 * Unfinished rows as SQL text, spelled exactly as `outbox_lanes`' condition (migration 0013) so SQLite may use
 * that partial index.
 */
export const IN_LANES = `status in (${UNFINISHED.map((status) => `'${status}'`).join(', ')})`;

/**
 * The lowest unfinished id of each lane (recipient), from the partial index `outbox_lanes` (recipient and id
 * of unfinished rows only) by a skip scan: the first recipient, then the next one after it, and so on, each a
 * seek, and each lane's lowest id another. It costs a few seeks per lane, not a read of the backlog: on every
 * notifier pass, a burst of wins (thousands queued for five channels) used to cost a grouped scan of all of
 * them per post (issue 13's profile). The index is named because SQLite without statistics would prefer
 * `outbox_due` and then read and sort every unfinished row.
 */
const LANE_HEAD_IDS = sql.raw(`with recursive lane(r) as (
    select min(recipient) from outbox indexed by outbox_lanes where ${IN_LANES}
    union all
    select (select min(recipient) from outbox indexed by outbox_lanes where ${IN_LANES} and recipient > lane.r)
      from lane where lane.r is not null
  )
  select (select min(id) from outbox indexed by outbox_lanes where ${IN_LANES} and recipient = lane.r)
    from lane where lane.r is not null`);

/**
 * The lane heads waiting to go (or, `due`, whose time has come), in id order. `+status` keeps the outer query
 * on the few head ids (rowid look-ups). Exported for the query-plan test.
 */
export function headsQuery(d: Executor, due: boolean) {
  return d
    .select()
    .from(outbox)
    .where(
      and(
        sql`+${outbox.status} in ('pending', 'held')`,
        gt(outbox.id, sql.placeholder('afterId')),
        due ? sql`${outbox.nextAttemptAt} <= ${sql.placeholder('now')}` : undefined,
        sql`${outbox.id} in (${LANE_HEAD_IDS})`,
      ),
    )
    .orderBy(asc(outbox.id))
    .limit(sql.placeholder('limit'));
}

/**
 * The notifier's per-delivery statements (the next heads, claim, sent), built and prepared once per
 * connection (../prepared.ts): each win of the write path runs all three (issue 13's profile).
 */
export function headsStatement(db: Executor, due: boolean) {
  return prepared(db, due ? 'outbox.dueHeads' : 'outbox.heads', (d) => headsQuery(d, due).prepare());
}

/**
 * Whether any row is still to be delivered (one seek in `outbox_lanes`): a notifier pass and time travel's
 * drain go on only then.
 */
export function hasUnfinished(db: Executor): boolean {
  const any = preparedRaw(
    db,
    'outbox.anyUnfinished',
    `select 1 from outbox indexed by outbox_lanes where ${IN_LANES} limit 1`,
  );
  return any.get() !== undefined;
}

/** The highest outbox id so far, 0 for none (the rowid b-tree's last entry: one seek). */
export function newestId(db: Executor): number {
  const row = preparedRaw(db, 'outbox.newestId', 'select max(id) from outbox').get() as [number | null];
  return row[0] ?? 0;
}

/**
 * The rows queued after `afterId`, in id order, at most `limit`, with their recipients (a range of the rowid
 * b-tree: a notifier kick asks whether they joined lanes already waiting for their channel's pace).
 */
export function queuedAfter(
  db: Executor,
  afterId: number,
  limit: number,
): Array<{ id: number; recipient: Recipient }> {
  const rows = preparedRaw(
    db,
    'outbox.queuedAfter',
    'select id, recipient from outbox where id > @afterId order by id limit @limit',
  ).all({ afterId, limit }) as [number, string][];
  return rows.map(([id, recipient]) => ({ id, recipient: JSON.parse(recipient) as Recipient }));
}

/**
 * Unfinished rows kept to working hours (`hours_zone`): after a `cx job` delivered what it could, what still
 * waits for 09:30 (the running bot sends it then).
 */
export function waitingForHours(db: Executor): number {
  const count = preparedRaw(
    db,
    'outbox.waitingForHours',
    `select count(*) from outbox indexed by outbox_lanes where ${IN_LANES} and hours_zone is not null`,
  );
  return Number((count.get() as [number] | undefined)?.[0] ?? 0);
}
