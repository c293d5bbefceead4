import { and, asc, eq } from 'drizzle-orm';
import type { HistoryEntry, RefKind } from '../../domain/types.js';
import type { Executor } from '../client.js';
import { history } from '../schema.js';

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
  const row = db
    .insert(history)
    .values({
      ...entry,
      note: entry.note ?? null,
      oldValue: entry.oldValue ?? null,
      newValue: entry.newValue ?? null,
      at,
    })
    .returning({ id: history.id })
    .get();
  return row.id;
}

export function historyOf(db: Executor, entity: RefKind, entityId: number): HistoryEntry[] {
  return db
    .select()
    .from(history)
    .where(and(eq(history.entity, entity), eq(history.entityId, entityId)))
    .orderBy(asc(history.at), asc(history.id))
    .all();
}
