import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Action, ActionStatus, Department, Progress } from '../../domain/types.js';
import type { Executor } from '../client.js';
import { actions } from '../schema.js';

type Row = typeof actions.$inferSelect;

export function toAction(row: Row): Action {
  return { ...row, dept: row.dept as Department };
}

export interface NewAction {
  initiativeId: number;
  title: string;
  ownerId: string;
  dept: Department;
  dueDate: string | null;
  createdBy: string;
}

export function insertAction(db: Executor, input: NewAction, now: Date): Action {
  const row = db
    .insert(actions)
    .values({ ...input, status: 'open', lastActivityAt: now, createdAt: now })
    .returning()
    .get();
  return toAction(row);
}

export function getAction(db: Executor, id: number): Action | null {
  const row = db.select().from(actions).where(eq(actions.id, id)).get();
  return row ? toAction(row) : null;
}

export interface ActionChange {
  status?: ActionStatus;
  blockedReason?: string | null;
  snoozedUntil?: Date | null;
  lastActivityAt?: Date;
  completedAt?: Date | null;
  dueDate?: string | null;
  ownerId?: string;
  title?: string;
}

export function updateAction(db: Executor, id: number, change: ActionChange): void {
  db.update(actions).set(change).where(eq(actions.id, id)).run();
}

export function actionsOfInitiative(db: Executor, initiativeId: number): Action[] {
  return db
    .select()
    .from(actions)
    .where(eq(actions.initiativeId, initiativeId))
    .orderBy(asc(actions.id))
    .all()
    .map(toAction);
}

/** Open and blocked actions of one owner, soonest due first (undated last), then oldest first. */
export function openActionsOfOwner(db: Executor, ownerId: string): Action[] {
  return db
    .select()
    .from(actions)
    .where(and(eq(actions.ownerId, ownerId), inArray(actions.status, ['open', 'blocked'])))
    .orderBy(sql`${actions.dueDate} is null`, asc(actions.dueDate), asc(actions.id))
    .all()
    .map(toAction);
}

/** Done / counted actions per initiative in one query (dropped actions do not count). */
export function progressByInitiative(db: Executor, initiativeIds: number[]): Map<number, Progress> {
  const result = new Map<number, Progress>();
  for (const id of initiativeIds) result.set(id, { done: 0, total: 0 });
  if (initiativeIds.length === 0) return result;
  const rows = db
    .select({
      initiativeId: actions.initiativeId,
      done: sql<number>`sum(case when ${actions.status} = 'done' then 1 else 0 end)`,
      total: sql<number>`count(*)`,
    })
    .from(actions)
    .where(and(inArray(actions.initiativeId, initiativeIds), ne(actions.status, 'dropped')))
    .groupBy(actions.initiativeId)
    .all();
  for (const r of rows) result.set(r.initiativeId, { done: Number(r.done), total: Number(r.total) });
  return result;
}

/** Initiatives (of those given) that have an open action with an owner and a due date: a concrete next step. */
export function initiativesWithNextStep(db: Executor, initiativeIds: number[]): Set<number> {
  if (initiativeIds.length === 0) return new Set();
  const rows = db
    .selectDistinct({ id: actions.initiativeId })
    .from(actions)
    .where(
      and(
        inArray(actions.initiativeId, initiativeIds),
        eq(actions.status, 'open'),
        sql`${actions.dueDate} is not null`,
      ),
    )
    .all();
  return new Set(rows.map((r) => r.id));
}
