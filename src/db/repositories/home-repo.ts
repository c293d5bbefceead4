import { and, desc, eq, gte } from 'drizzle-orm';
import type { Action } from '../../domain/types.js';
import type { Executor } from '../client.js';
import { actions } from '../schema.js';
import { toAction } from './actions-repo.js';

/** Actions completed since `since`, newest first (the App Home's recent wins). */
export function recentlyDone(db: Executor, since: Date, limit: number): Action[] {
  return db
    .select()
    .from(actions)
    .where(and(eq(actions.status, 'done'), gte(actions.completedAt, since)))
    .orderBy(desc(actions.completedAt), desc(actions.id))
    .limit(limit)
    .all()
    .map(toAction);
}
