import { and, asc, desc, eq, gte, ne, or, sql } from 'drizzle-orm';
import type { HistoryEntry, RefKind } from '../../domain/types.js';
import type { Executor } from '../client.js';
import { prepared } from '../prepared.js';
import { actions, history, initiatives } from '../schema.js';

export interface NewHistory {
  entity: RefKind;
  entityId: number;
  actorId: string;
  kind: string;
  note?: string | null;
  /** For a change of one value: what it was and what it became (dates, user ids, titles as stored). */
  oldValue?: string | null;
  newValue?: string | null;
}

/**
 * History is append-only: there is no update or delete here on purpose. Returns the new entry's id, which
 * names the occurrence in the idempotency keys of what it causes (a DM per reassignment, not per action).
 */
export function appendHistory(db: Executor, entry: NewHistory, at: Date): number {
  // Prepared once (every write appends); a placeholder in an insert is encoded by its column.
  const insert = prepared(db, 'history.append', (d) =>
    d
      .insert(history)
      .values({
        entity: sql.placeholder('entity'),
        entityId: sql.placeholder('entityId'),
        actorId: sql.placeholder('actorId'),
        kind: sql.placeholder('kind'),
        note: sql.placeholder('note'),
        oldValue: sql.placeholder('oldValue'),
        newValue: sql.placeholder('newValue'),
        at: sql.placeholder('at'),
      })
      .returning({ id: history.id })
      .prepare(),
  );
  const row = insert.get({
    entity: entry.entity,
    entityId: entry.entityId,
    actorId: entry.actorId,
    kind: entry.kind,
    note: entry.note ?? null,
    oldValue: entry.oldValue ?? null,
    newValue: entry.newValue ?? null,
    at,
  }) as { id: number };
  return row.id;
}

export function historyOf(db: Executor, entity: RefKind, entityId: number): HistoryEntry[] {
  const select = prepared(db, 'history.of', (d) =>
    d
      .select()
      .from(history)
      .where(
        and(eq(history.entity, sql.placeholder('entity')), eq(history.entityId, sql.placeholder('entityId'))),
      )
      .orderBy(asc(history.at), asc(history.id))
      .prepare(),
  );
  return select.all({ entity, entityId });
}

/**
 * The App Home's "changes to your work": the newest entries since `since` about the viewer's open actions
 * and active initiatives, made by someone else (what they did themselves they know), creation aside.
 */
export function recentChangesFor(db: Executor, userId: string, since: Date, limit: number): HistoryEntry[] {
  const ownActions = sql`${history.entityId} in (select ${actions.id} from ${actions} where ${actions.ownerId} = ${userId} and ${actions.status} in ('open', 'blocked'))`;
  const ownInitiatives = sql`${history.entityId} in (select ${initiatives.id} from ${initiatives} where ${initiatives.ownerId} = ${userId} and ${initiatives.status} = 'active')`;
  return db
    .select()
    .from(history)
    .where(
      and(
        gte(history.at, since),
        ne(history.actorId, userId),
        // Being given an action was a DM of its own.
        ne(history.kind, 'created'),
        or(and(eq(history.entity, 'A'), ownActions), and(eq(history.entity, 'I'), ownInitiatives)),
      ),
    )
    .orderBy(desc(history.at), desc(history.id))
    .limit(limit)
    .all();
}
