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
}

/** History is append-only: there is no update or delete here on purpose. */
export function appendHistory(db: Executor, entry: NewHistory, at: Date): void {
  db.insert(history)
    .values({ ...entry, note: entry.note ?? null, at })
    .run();
}

export function historyOf(db: Executor, entity: RefKind, entityId: number): HistoryEntry[] {
  return db
    .select()
    .from(history)
    .where(and(eq(history.entity, entity), eq(history.entityId, entityId)))
    .orderBy(asc(history.at), asc(history.id))
    .all();
}
