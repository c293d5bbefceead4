import { eq, sql } from 'drizzle-orm';
import type { BindingKey } from '../../domain/types.js';
import type { Executor } from '../client.js';
import { prepared } from '../prepared.js';
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

export interface CachedUser {
  userId: string;
  tz: string | null;
  /** Absent when the look-up did not ask for it: a stored name is then kept. */
  name?: string | null;
  isAdmin: boolean;
  isBot: boolean;
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
