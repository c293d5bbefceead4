import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import {
  canonicalRecipient,
  laneOf,
  OUTBOX_STATUSES,
  type OutboxEntry,
  type OutboxMessage,
  type OutboxPort,
  type OutboxStatus,
  type Recipient,
} from '../../domain/outbox.js';
import type { DatabaseHandle, Executor } from '../client.js';
import { prepared } from '../prepared.js';
import { outbox } from '../schema.js';
import { createGroupMethods } from './outbox-groups.js';
import {
  hasUnfinished,
  headsStatement,
  IN_LANES,
  newestId,
  queuedAfter,
  UNFINISHED,
} from './outbox-lanes.js';
import { listBindings } from './settings-repo.js';

/** The storage half of the outbox port: everything but the binding look-up. */
export type OutboxRepo = Omit<OutboxPort, 'resolveBinding'>;

/** `nextAttemptAt` of a held row that waits for `releaseHeld` only. */
const HELD_UNTIL_RELEASED = new Date('9999-12-31T00:00:00.000Z');

/** Parents before their replies within one batch, so a reply never queues ahead of its own parent. */
function parentsFirst(messages: readonly OutboxMessage[]): OutboxMessage[] {
  const byKey = new Map(messages.map((m) => [m.key, m]));
  const out: OutboxMessage[] = [];
  const placed = new Set<string>();
  const visit = (m: OutboxMessage, depth: number): void => {
    if (placed.has(m.key)) return;
    const parent = m.threadOf === undefined ? undefined : byKey.get(m.threadOf);
    if (parent && parent !== m && depth < messages.length) visit(parent, depth + 1);
    if (placed.has(m.key)) return;
    placed.add(m.key);
    out.push(m);
  };
  for (const m of messages) visit(m, 0);
  return out;
}

/**
 * Writes messages to the outbox inside the caller's transaction (or on the plain db). A message whose key is
 * already there is ignored, so repeating a use case never says the same thing twice. Returns how many rows
 * were new.
 */
export function enqueue(tx: Executor, messages: readonly OutboxMessage[], now: Date): number {
  const insert = prepared(tx, 'outbox.enqueue', (db) =>
    db
      .insert(outbox)
      .values({
        idempotencyKey: sql.placeholder('key'),
        kind: sql.placeholder('kind'),
        recipient: sql.placeholder('recipient'),
        payload: sql.placeholder('payload'),
        threadOf: sql.placeholder('threadOf'),
        status: 'pending',
        attempts: 0,
        nextAttemptAt: sql.placeholder('now'),
        createdAt: sql.placeholder('now'),
        // Raw ms or null: drizzle maps a placeholder through the column's encoder, which cannot take null.
        deliverBy: sql`${sql.placeholder('deliverBy')}`,
        hoursZone: sql.placeholder('hoursZone'),
      })
      .onConflictDoNothing({ target: outbox.idempotencyKey })
      .prepare(),
  );
  let inserted = 0;
  for (const m of parentsFirst(messages)) {
    const result = insert.run({
      key: m.key,
      kind: m.kind,
      recipient: canonicalRecipient(m.recipient),
      payload: m.payload ?? null,
      threadOf: m.threadOf ?? null,
      now,
      deliverBy: m.deliverBy?.getTime() ?? null,
      hoursZone: m.hoursZone ?? null,
    });
    inserted += result.changes;
  }
  return inserted;
}

type Row = typeof outbox.$inferSelect;

function toEntry(r: Row): OutboxEntry {
  const entry: OutboxEntry = {
    id: r.id,
    kind: r.kind,
    key: r.idempotencyKey,
    recipient: r.recipient as unknown as Recipient,
    payload: r.payload,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt,
    createdAt: r.createdAt,
    sentChannel: r.sentChannel,
    sentTs: r.sentTs,
    lastError: r.lastError,
    claim:
      r.status === 'sending' && r.claimedBy !== null && r.leaseUntil !== null
        ? { by: r.claimedBy, leaseUntil: r.leaseUntil }
        : null,
  };
  if (r.threadOf !== null) entry.threadOf = r.threadOf;
  if (r.deliverBy !== null) entry.deliverBy = r.deliverBy;
  if (r.hoursZone !== null) entry.hoursZone = r.hoursZone;
  return entry;
}

/**
 * Ownership: a `sending` row is changed only by the deliverer that claimed it (`by`, matched against its
 * claim; a row claimed without one matches an omitted `by`). Rows in any other state may be changed by
 * anyone. So a process that lost its claim (lease ran out, someone settled the row) cannot undo that.
 */
function ownedBy(by: string | undefined) {
  return sql`(${outbox.status} <> 'sending' or ${outbox.claimedBy} is ${by ?? null})`;
}

/** Leaving `sending` ends the claim. */
const UNCLAIMED = { claimedBy: null, leaseUntil: null } as const;

export interface OutboxRepoOptions {
  /**
   * Undoes what an expired message stood for (a reminder's records), in the transaction that marks it
   * expired, so a crash leaves both or neither. `wasHeld`: it expired while held for its recipient (a person
   * Slack will not let us DM), not merely late.
   */
  onExpired?: (tx: Executor, entry: OutboxEntry, wasHeld: boolean) => void;
}

/**
 * DMs to `userId` of `kinds` about initiative `initiativeId` that are still to deliver (pending or held, not
 * being sent): expired, because they are no longer theirs to answer (the initiative changed hands). Returns
 * how many.
 */
export function expireDmsAbout(
  db: Executor,
  userId: string,
  kinds: readonly string[],
  initiativeId: number,
  error: string,
): number {
  return db
    .update(outbox)
    .set({ status: 'expired', lastError: error, ...UNCLAIMED })
    .where(
      and(
        inArray(outbox.status, ['pending', 'held']),
        inArray(outbox.kind, [...kinds]),
        sql`${outbox.recipient} = ${laneOf({ type: 'user', id: userId })}`,
        sql`json_extract(${outbox.payload}, '$.initiative.id') = ${initiativeId}`,
      ),
    )
    .run().changes;
}

/** A held row that will never be delivered (its person left): expired, with why. False when no longer held. */
export function expireHeld(db: Executor, id: number, error: string): boolean {
  return (
    db
      .update(outbox)
      .set({ status: 'expired', lastError: error, ...UNCLAIMED })
      .where(and(eq(outbox.id, id), eq(outbox.status, 'held')))
      .run().changes > 0
  );
}

export function createOutboxRepo(db: Executor, options: OutboxRepoOptions = {}): OutboxRepo {
  const heads = (limit: number, afterId = 0, now?: Date): OutboxEntry[] =>
    headsStatement(db, now !== undefined)
      .all({ afterId, limit, now: now?.getTime() ?? null })
      .map(toEntry);

  const repo: Omit<OutboxRepo, keyof ReturnType<typeof createGroupMethods>> = {
    heads: (limit, afterId = 0) => heads(limit, afterId),
    due: (now, limit, afterId = 0) => heads(limit, afterId, now),

    markSending(id, now, channel = null, claim) {
      const update = prepared(db, 'outbox.markSending', (d) =>
        d
          .update(outbox)
          .set({
            status: 'sending',
            attempts: sql`${outbox.attempts} + 1`,
            nextAttemptAt: sql`${sql.placeholder('now')}`,
            sentChannel: sql`${sql.placeholder('channel')}`,
            claimedBy: sql`${sql.placeholder('by')}`,
            leaseUntil: sql`${sql.placeholder('leaseUntil')}`,
          })
          .where(and(eq(outbox.id, sql.placeholder('id')), inArray(outbox.status, ['pending', 'held'])))
          .prepare(),
      );
      const result = update.run({
        id,
        now: now.getTime(),
        channel,
        by: claim?.by ?? null,
        leaseUntil: claim?.leaseUntil ?? null,
      });
      return result.changes > 0;
    },

    renewLease(by, ids, leaseUntil) {
      if (ids.length === 0) return 0;
      return db
        .update(outbox)
        .set({ leaseUntil })
        .where(and(inArray(outbox.id, [...ids]), eq(outbox.status, 'sending'), eq(outbox.claimedBy, by)))
        .run().changes;
    },

    takeOver(id, seen, claim) {
      return (
        db
          .update(outbox)
          .set({ claimedBy: claim.by, leaseUntil: claim.leaseUntil })
          .where(
            and(
              eq(outbox.id, id),
              eq(outbox.status, 'sending'),
              sql`${outbox.claimedBy} is ${seen?.by ?? null}`,
              sql`${outbox.leaseUntil} is ${seen?.leaseUntil ?? null}`,
            ),
          )
          .run().changes > 0
      );
    },

    markSent(id, sent, now, by) {
      const update = prepared(db, 'outbox.markSent', (d) =>
        d
          .update(outbox)
          .set({
            status: 'sent',
            sentChannel: sql`${sql.placeholder('channel')}`,
            sentTs: sql`${sql.placeholder('ts')}`,
            sentAt: sql`${sql.placeholder('sentAt')}`,
            lastError: null,
            ...UNCLAIMED,
          })
          // ownedBy, with the claim as a placeholder.
          .where(
            and(
              eq(outbox.id, sql.placeholder('id')),
              sql`(${outbox.status} <> 'sending' or ${outbox.claimedBy} is ${sql.placeholder('by')})`,
            ),
          )
          .prepare(),
      );
      update.run({ id, channel: sent.channel, ts: sent.ts, sentAt: now.getTime(), by: by ?? null });
    },

    markRetry(id, nextAttemptAt, error, options = {}) {
      db.update(outbox)
        .set({
          ...UNCLAIMED,
          status: 'pending',
          nextAttemptAt,
          lastError: error,
          ...(options.maybeSent ? {} : { sentChannel: null }),
          ...(options.refundAttempt ? { attempts: sql`max(0, ${outbox.attempts} - 1)` } : {}),
          ...(options.countAttempt ? { attempts: sql`${outbox.attempts} + 1` } : {}),
        })
        .where(and(eq(outbox.id, id), inArray(outbox.status, UNFINISHED), ownedBy(options.by)))
        .run();
    },

    markHeld(id, error, retryAt, options = {}) {
      db.update(outbox)
        .set({
          ...UNCLAIMED,
          status: 'held',
          attempts: 0,
          lastError: error,
          ...(options.maybeSent ? {} : { sentChannel: null }),
          nextAttemptAt: retryAt ?? HELD_UNTIL_RELEASED,
        })
        .where(and(eq(outbox.id, id), inArray(outbox.status, UNFINISHED), ownedBy(options.by)))
        .run();
    },

    markDead(id, error, by) {
      db.update(outbox)
        .set({ status: 'dead', lastError: error, ...UNCLAIMED })
        .where(and(eq(outbox.id, id), inArray(outbox.status, UNFINISHED), ownedBy(by)))
        .run();
    },

    markExpired(id) {
      return db.transaction((tx) => {
        const before = tx.select({ status: outbox.status }).from(outbox).where(eq(outbox.id, id)).get();
        const row = tx
          .update(outbox)
          .set({ status: 'expired', ...UNCLAIMED })
          .where(and(eq(outbox.id, id), inArray(outbox.status, ['pending', 'held'])))
          .returning()
          .get();
        if (!row) return false;
        options.onExpired?.(tx, toEntry(row), before?.status === 'held');
        return true;
      });
    },

    releaseHeld(filter, now = new Date(0)) {
      const conditions = [eq(outbox.status, 'held')];
      if (filter) {
        conditions.push(sql`${outbox.recipient} = ${laneOf(filter)}`);
      }
      return db
        .update(outbox)
        .set({ status: 'pending', nextAttemptAt: now })
        .where(and(...conditions))
        .run().changes;
    },

    // Every notifier pass asks: prepared once (built and prepared per call it cost 150 µs, issue 13).
    inDoubt: () =>
      prepared(db, 'outbox.inDoubt', (d) =>
        d.select().from(outbox).where(eq(outbox.status, 'sending')).orderBy(asc(outbox.id)).prepare(),
      )
        .all()
        .map(toEntry),
    anyUnfinished: () => hasUnfinished(db),
    newestId: () => newestId(db),
    queuedAfter: (afterId, limit) => queuedAfter(db, afterId, limit),

    // Prepared once: a thread reply's delivery asks for its parent, and jobs ask before queueing.
    findByKey(key) {
      const row = prepared(db, 'outbox.findByKey', (d) =>
        d
          .select()
          .from(outbox)
          .where(eq(outbox.idempotencyKey, sql.placeholder('key')))
          .prepare(),
      ).get({ key });
      return row ? toEntry(row) : null;
    },

    counts() {
      const out = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
      const rows = db
        .select({ status: outbox.status, n: sql<number>`count(*)` })
        .from(outbox)
        .groupBy(outbox.status)
        .all();
      for (const r of rows) out[r.status] = Number(r.n);
      return out;
    },
  };
  const groups = createGroupMethods(db, {
    toEntry,
    recipientText: (entry) => laneOf(entry.recipient),
    inLanes: IN_LANES,
    markSending: repo.markSending,
    markSent: repo.markSent,
  });
  return { ...repo, ...groups };
}

/** The outbox port the notifier is given: the repository plus where each binding points now. */
export function createOutboxPort(handle: DatabaseHandle, options: OutboxRepoOptions = {}): OutboxPort {
  const repo = createOutboxRepo(handle.db, options);
  return {
    ...repo,
    resolveBinding: (key) => listBindings(handle.db).find((b) => b.key === key)?.channelId ?? null,
  };
}
