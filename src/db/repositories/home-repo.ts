import { and, desc, eq, gte, sql } from 'drizzle-orm';
import type { Action } from '../../domain/types.js';
import type { Executor } from '../client.js';
import { prepared } from '../prepared.js';
import { actions } from '../schema.js';
import { toAction } from './actions-repo.js';

/** Actions completed since `since`, newest first (the App Home's recent wins). */
export function recentlyDone(db: Executor, since: Date, limit: number): Action[] {
  // Prepared once (every App Home opening); a moment in a prepared condition goes in as stored milliseconds.
  const select = prepared(db, 'home.recentlyDone', (d) =>
    d
      .select()
      .from(actions)
      .where(and(eq(actions.status, 'done'), gte(actions.completedAt, sql.placeholder('since'))))
      .orderBy(desc(actions.completedAt), desc(actions.id))
      .limit(sql.placeholder('limit'))
      .prepare(),
  );
  return select.all({ since: since.getTime(), limit }).map(toAction);
}
