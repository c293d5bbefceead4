import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Action, ActionStatus, Department, Progress } from '../../domain/types.js';
import type { Executor } from '../client.js';
import { inIdList, prepared } from '../prepared.js';
import { actions } from '../schema.js';

// Every query here runs on the commands' hot paths: each is built and prepared once per connection
// (prepared.ts), with placeholders for what changes. A list of ids goes in as one JSON array (json_each).

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
  const insert = prepared(db, 'actions.insert', (d) =>
    d
      .insert(actions)
      .values({
        initiativeId: sql.placeholder('initiativeId'),
        title: sql.placeholder('title'),
        ownerId: sql.placeholder('ownerId'),
        dept: sql.placeholder('dept'),
        dueDate: sql.placeholder('dueDate'),
        createdBy: sql.placeholder('createdBy'),
        status: 'open',
        lastActivityAt: sql.placeholder('now'),
        createdAt: sql.placeholder('now'),
      })
      .returning()
      .prepare(),
  );
  // A placeholder in an insert is encoded by its column: the Date becomes milliseconds.
  const row = insert.get({ ...input, now }) as Row;
  return toAction(row);
}

export function getAction(db: Executor, id: number): Action | null {
  const select = prepared(db, 'actions.get', (d) =>
    d
      .select()
      .from(actions)
      .where(eq(actions.id, sql.placeholder('id')))
      .prepare(),
  );
  const row = select.get({ id });
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

const CHANGE_KEYS = [
  'status',
  'blockedReason',
  'snoozedUntil',
  'lastActivityAt',
  'completedAt',
  'dueDate',
  'ownerId',
  'title',
] as const satisfies readonly (keyof ActionChange)[];

/**
 * One prepared statement per set of changed columns (a handful: the domain's changes are few shapes). The
 * values go in as stored — a moment as milliseconds — because a column's encoder cannot take a null date.
 */
export function updateAction(db: Executor, id: number, change: ActionChange): void {
  const keys = CHANGE_KEYS.filter((k) => change[k] !== undefined);
  if (keys.length === 0) return;
  const update = prepared(db, `actions.update:${keys.join(',')}`, (d) =>
    d
      .update(actions)
      .set(Object.fromEntries(keys.map((k) => [k, sql`${sql.placeholder(k)}`])))
      .where(eq(actions.id, sql.placeholder('id')))
      .prepare(),
  );
  const values: Record<string, unknown> = { id };
  for (const k of keys) {
    const value = change[k];
    values[k] = value instanceof Date ? value.getTime() : value;
  }
  update.run(values);
}

export function actionsOfInitiative(db: Executor, initiativeId: number): Action[] {
  const select = prepared(db, 'actions.ofInitiative', (d) =>
    d
      .select()
      .from(actions)
      .where(eq(actions.initiativeId, sql.placeholder('initiativeId')))
      .orderBy(asc(actions.id))
      .prepare(),
  );
  return select.all({ initiativeId }).map(toAction);
}

/** Open and blocked actions of one owner, soonest due first (undated last), then oldest first. */
export function openActionsOfOwner(db: Executor, ownerId: string): Action[] {
  const select = prepared(db, 'actions.openOfOwner', (d) =>
    d
      .select()
      .from(actions)
      .where(
        and(eq(actions.ownerId, sql.placeholder('ownerId')), sql`${actions.status} in ('open', 'blocked')`),
      )
      .orderBy(sql`${actions.dueDate} is null`, asc(actions.dueDate), asc(actions.id))
      .prepare(),
  );
  return select.all({ ownerId }).map(toAction);
}

/** The open and blocked action ids of each of `ownerIds` who has any, lowest first, in one query. */
export function openActionIdsByOwner(db: Executor, ownerIds: string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  if (ownerIds.length === 0) return out;
  const rows = db
    .select({ id: actions.id, ownerId: actions.ownerId })
    .from(actions)
    .where(
      and(
        sql`${actions.ownerId} in (select value from json_each(${JSON.stringify(ownerIds)}))`,
        sql`${actions.status} in ('open', 'blocked')`,
      ),
    )
    .orderBy(asc(actions.id))
    .all();
  for (const r of rows) out.set(r.ownerId, [...(out.get(r.ownerId) ?? []), r.id]);
  return out;
}

/** Done / counted actions per initiative in one query (dropped actions do not count). */
export function progressByInitiative(db: Executor, initiativeIds: number[]): Map<number, Progress> {
  const result = new Map<number, Progress>();
  for (const id of initiativeIds) result.set(id, { done: 0, total: 0 });
  if (initiativeIds.length === 0) return result;
  const rows =
    initiativeIds.length === 1
      ? prepared(db, 'actions.progressOfOne', (d) =>
          d
            .select({
              initiativeId: actions.initiativeId,
              done: sql<number>`sum(case when ${actions.status} = 'done' then 1 else 0 end)`,
              total: sql<number>`count(*)`,
            })
            .from(actions)
            .where(and(eq(actions.initiativeId, sql.placeholder('id')), ne(actions.status, 'dropped')))
            .groupBy(actions.initiativeId)
            .prepare(),
        ).all({ id: initiativeIds[0] })
      : prepared(db, 'actions.progress', (d) =>
          d
            .select({
              initiativeId: actions.initiativeId,
              done: sql<number>`sum(case when ${actions.status} = 'done' then 1 else 0 end)`,
              total: sql<number>`count(*)`,
            })
            .from(actions)
            .where(and(inIdList(actions.initiativeId), ne(actions.status, 'dropped')))
            .groupBy(actions.initiativeId)
            .prepare(),
        ).all({ ids: JSON.stringify(initiativeIds) });
  for (const r of rows) result.set(r.initiativeId, { done: Number(r.done), total: Number(r.total) });
  return result;
}

/** Initiatives (of those given) that have an open action with an owner and a due date: a concrete next step. */
export function initiativesWithNextStep(db: Executor, initiativeIds: number[]): Set<number> {
  if (initiativeIds.length === 0) return new Set();
  const select = prepared(db, 'actions.withNextStep', (d) =>
    d
      .selectDistinct({ id: actions.initiativeId })
      .from(actions)
      .where(
        and(inIdList(actions.initiativeId), eq(actions.status, 'open'), sql`${actions.dueDate} is not null`),
      )
      .prepare(),
  );
  return new Set(select.all({ ids: JSON.stringify(initiativeIds) }).map((r) => r.id));
}
