import { and, desc, eq, sql } from 'drizzle-orm';
import type { Department, Initiative, Metric, MetricKind, Tier, UserId } from '../../domain/types.js';
import type { Executor } from '../client.js';
import { inIdList, prepared } from '../prepared.js';
import { initiatives } from '../schema.js';

// The reads of the commands' hot paths are built and prepared once per connection (prepared.ts).

type Row = typeof initiatives.$inferSelect;

function metricOf(name: string | null, baseline: number | null, target: number | null, unit: string | null) {
  if (name === null || baseline === null || target === null) return null;
  return { name, baseline, target, unit } satisfies Metric;
}

export function toInitiative(row: Row): Initiative {
  return {
    id: row.id,
    title: row.title,
    tier: row.tier,
    status: row.status,
    leadDept: row.leadDept as Department,
    depts: row.depts as Department[],
    ownerId: row.ownerId,
    startDate: row.startDate,
    customerMetric: metricOf(
      row.customerMetricName,
      row.customerBaseline,
      row.customerTarget,
      row.customerUnit,
    ),
    businessMetric: metricOf(
      row.businessMetricName,
      row.businessBaseline,
      row.businessTarget,
      row.businessUnit,
    ),
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

export interface NewInitiative {
  title: string;
  tier: Tier;
  leadDept: Department;
  depts: Department[];
  ownerId: string;
  startDate: string;
  createdBy: string;
}

export function insertInitiative(db: Executor, input: NewInitiative, now: Date): Initiative {
  const row = db
    .insert(initiatives)
    .values({ ...input, status: 'active', createdAt: now, updatedAt: now })
    .returning()
    .get();
  return toInitiative(row);
}

export function getInitiative(db: Executor, id: number): Initiative | null {
  const select = prepared(db, 'initiatives.get', (d) =>
    d
      .select()
      .from(initiatives)
      .where(eq(initiatives.id, sql.placeholder('id')))
      .prepare(),
  );
  const row = select.get({ id });
  return row ? toInitiative(row) : null;
}

/** The initiatives of those ids that exist, by id; the ids go in as one JSON array. */
export function getInitiatives(db: Executor, ids: number[]): Initiative[] {
  if (ids.length === 0) return [];
  const select = prepared(db, 'initiatives.getMany', (d) =>
    d.select().from(initiatives).where(inIdList(initiatives.id)).orderBy(initiatives.id).prepare(),
  );
  return select.all({ ids: JSON.stringify(ids) }).map(toInitiative);
}

/** Active initiatives, optionally only those involving a department (lead or with). */
export function listActiveInitiatives(db: Executor, dept?: Department): Initiative[] {
  const rows = dept
    ? prepared(db, 'initiatives.activeOfDept', (d) =>
        d
          .select()
          .from(initiatives)
          .where(
            and(
              eq(initiatives.status, 'active'),
              sql`exists (select 1 from json_each(${initiatives.depts}) where value = ${sql.placeholder('dept')})`,
            ),
          )
          .orderBy(initiatives.id)
          .prepare(),
      ).all({ dept })
    : prepared(db, 'initiatives.active', (d) =>
        d
          .select()
          .from(initiatives)
          .where(eq(initiatives.status, 'active'))
          .orderBy(initiatives.id)
          .prepare(),
      ).all();
  return rows.map(toInitiative);
}

export function activeEssentialIds(db: Executor): number[] {
  const select = prepared(db, 'initiatives.activeEssentialIds', (d) =>
    d
      .select({ id: initiatives.id })
      .from(initiatives)
      .where(and(eq(initiatives.status, 'active'), eq(initiatives.tier, 'essential')))
      .orderBy(initiatives.id)
      .prepare(),
  );
  return select.all().map((r) => r.id);
}

export function setTier(db: Executor, id: number, tier: Tier, now: Date): void {
  db.update(initiatives).set({ tier, updatedAt: now }).where(eq(initiatives.id, id)).run();
}

/** A new owner (the history entry keeps the previous one). */
export function setInitiativeOwner(db: Executor, id: number, ownerId: UserId, now: Date): void {
  db.update(initiatives).set({ ownerId, updatedAt: now }).where(eq(initiatives.id, id)).run();
}

export function setMetric(db: Executor, id: number, kind: MetricKind, metric: Metric, now: Date): void {
  const values =
    kind === 'customer'
      ? {
          customerMetricName: metric.name,
          customerBaseline: metric.baseline,
          customerTarget: metric.target,
          customerUnit: metric.unit,
        }
      : {
          businessMetricName: metric.name,
          businessBaseline: metric.baseline,
          businessTarget: metric.target,
          businessUnit: metric.unit,
        };
  db.update(initiatives)
    .set({ ...values, updatedAt: now })
    .where(eq(initiatives.id, id))
    .run();
}

export function recentActiveInitiatives(db: Executor, limit: number): Initiative[] {
  return db
    .select()
    .from(initiatives)
    .where(eq(initiatives.status, 'active'))
    .orderBy(desc(initiatives.tier), desc(initiatives.id))
    .limit(limit)
    .all()
    .map(toInitiative);
}

/**
 * Closes an active initiative. The condition decides who closes: false when it was not active any more
 * (closed by an earlier press, a retry or someone else), so the caller changes nothing else.
 */
export function markClosed(db: Executor, id: number, now: Date): boolean {
  const result = db
    .update(initiatives)
    .set({ status: 'closed', updatedAt: now })
    .where(and(eq(initiatives.id, id), eq(initiatives.status, 'active')))
    .run();
  return result.changes > 0;
}
