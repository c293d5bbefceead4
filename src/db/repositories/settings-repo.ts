import { eq, sql } from 'drizzle-orm';
import type { BindingKey } from '../../domain/types.js';
import type { Executor } from '../client.js';
import { prepared, preparedRaw } from '../prepared.js';
import { awayPeriods, channelBindings, meta, processedEvents, slackUsers } from '../schema.js';

export interface Binding {
  key: BindingKey;
  channelId: string;
  boundBy: string;
  boundAt: Date;
}

export function listBindings(db: Executor): Binding[] {
  return prepared(db, 'settings.listBindings', (d) => d.select().from(channelBindings).prepare())
    .all()
    .map((r) => ({ ...r, key: r.key as BindingKey }));
}

export function setBinding(
  db: Executor,
  key: BindingKey,
  channelId: string,
  boundBy: string,
  now: Date,
): void {
  db.insert(channelBindings)
    .values({ key, channelId, boundBy, boundAt: now })
    .onConflictDoUpdate({ target: channelBindings.key, set: { channelId, boundBy, boundAt: now } })
    .run();
}

export function getAway(db: Executor, userId: string): string | null {
  const select = prepared(db, 'settings.getAway', (d) =>
    d
      .select({ until: awayPeriods.until })
      .from(awayPeriods)
      .where(eq(awayPeriods.userId, sql.placeholder('userId')))
      .prepare(),
  );
  return select.get({ userId })?.until ?? null;
}

export function setAway(db: Executor, userId: string, until: string | null, now: Date): void {
  if (until === null) {
    db.delete(awayPeriods).where(eq(awayPeriods.userId, userId)).run();
    return;
  }
  db.insert(awayPeriods)
    .values({ userId, until, setAt: now })
    .onConflictDoUpdate({ target: awayPeriods.userId, set: { until, setAt: now } })
    .run();
}

/** Records a delivery key; false when it was already there (a retry or duplicate). */
export function markProcessed(db: Executor, key: string, now: Date): boolean {
  const insert = prepared(db, 'settings.markProcessed', (d) =>
    d
      .insert(processedEvents)
      .values({ key: sql.placeholder('key'), receivedAt: sql.placeholder('at') })
      .onConflictDoNothing()
      .prepare(),
  );
  return insert.run({ key, at: now }).changes > 0;
}

/** When the newest delivery key arrived (the last in rowid order, see processedCutoff); null when there is none. */
export function newestProcessedAt(db: Executor): number | null {
  const newest = preparedRaw(
    db,
    'processed.newest',
    'select received_at from processed_events order by rowid desc limit 1',
  );
  return (newest.get() as [number] | undefined)?.[0] ?? null;
}

/**
 * Where the delivery keys received before `before` end: the first rowid not to prune (0 when none).
 * `processed_events` has no index on `received_at` (migration 0014 dropped it: every command paid for it),
 * but keys are only ever inserted, each at its arrival, and a rowid table gives a new row max(rowid) + 1, so
 * rowid order is arrival order: a binary search over rowid seeks a few dozen rows instead of scanning them.
 */
export function processedCutoff(db: Executor, before: Date): number {
  const last = preparedRaw(db, 'processed.last', 'select max(rowid) from processed_events');
  const seek = preparedRaw(
    db,
    'processed.seek',
    'select rowid, received_at from processed_events where rowid >= @from order by rowid limit 1',
  );
  const at = before.getTime();
  let lo = 0;
  let hi = Number((last.get() as [number | null])[0] ?? -1) + 1;
  while (lo < hi) {
    const mid = lo + Math.floor((hi - lo) / 2);
    const row = seek.get({ from: mid }) as [number, number] | undefined;
    if (row === undefined || row[1] >= at) hi = mid;
    else lo = row[0] + 1;
  }
  return lo;
}

/**
 * Deletes up to `limit` delivery keys received before `before` with a rowid below `end` (processedCutoff),
 * oldest first, in one statement (its own short transaction); answers how many went. The time check keeps a
 * key that arrived out of order (a newer one below `end`): it is never deleted early.
 */
export function pruneProcessedBatch(db: Executor, end: number, before: Date, limit: number): number {
  const prune = prepared(db, 'settings.pruneProcessed', (d) =>
    d
      .delete(processedEvents)
      .where(
        sql`rowid in (select rowid from ${processedEvents} where rowid < ${sql.placeholder('end')} and ${processedEvents.receivedAt} < ${sql.placeholder('before')} order by rowid limit ${sql.placeholder('limit')})`,
      )
      .prepare(),
  );
  return prune.run({ end, before: before.getTime(), limit }).changes;
}

export interface CachedUser {
  userId: string;
  tz: string | null;
  /** Absent when the look-up did not ask for it: a stored name is then kept. */
  name?: string | null;
  isAdmin: boolean;
  isBot: boolean;
  /** Absent when the source did not say: a stored flag is then kept. */
  deactivated?: boolean;
  /** Slack knows no such person (users.info `user_not_found`); absent: a stored flag is then kept. */
  unknown?: boolean;
  /** Slack's locale (`de-DE`); absent when the look-up did not ask for it: a stored locale is then kept. */
  locale?: string | null;
  fetchedAt: Date;
}

export function getCachedUser(db: Executor, userId: string): CachedUser | null {
  const select = prepared(db, 'settings.getCachedUser', (d) =>
    d
      .select()
      .from(slackUsers)
      .where(eq(slackUsers.userId, sql.placeholder('userId')))
      .prepare(),
  );
  return select.get({ userId }) ?? null;
}

/** Everyone the cache knows to have left: their Slack account is deactivated, or Slack knows them no more. */
export function departedUsers(db: Executor): Set<string> {
  const select = prepared(db, 'settings.departedUsers', (d) =>
    d
      .select({ userId: slackUsers.userId })
      .from(slackUsers)
      .where(eq(slackUsers.deactivated, true))
      .prepare(),
  );
  return new Set(select.all().map((r) => r.userId));
}

export function putCachedUser(db: Executor, user: CachedUser): void {
  db.insert(slackUsers)
    .values(user)
    .onConflictDoUpdate({
      target: slackUsers.userId,
      set: {
        tz: user.tz,
        isAdmin: user.isAdmin,
        isBot: user.isBot,
        fetchedAt: user.fetchedAt,
        ...(user.name !== undefined ? { name: user.name } : {}),
        ...(user.locale !== undefined ? { locale: user.locale } : {}),
        ...(user.deactivated !== undefined ? { deactivated: user.deactivated } : {}),
        ...(user.unknown !== undefined ? { unknown: user.unknown } : {}),
      },
    })
    .run();
}

export function getMeta(db: Executor, key: string): string | null {
  const select = prepared(db, 'settings.getMeta', (d) =>
    d
      .select({ value: meta.value })
      .from(meta)
      .where(eq(meta.key, sql.placeholder('key')))
      .prepare(),
  );
  return select.get({ key })?.value ?? null;
}

export function setMetaIfAbsent(db: Executor, key: string, value: string): void {
  db.insert(meta).values({ key, value }).onConflictDoNothing().run();
}
