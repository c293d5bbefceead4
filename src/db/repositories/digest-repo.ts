import { and, asc, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import type { DigestActionRow, DigestData, DigestWindow } from '../../domain/digest.js';
import { awaitsDecision } from '../../domain/metric-checks.js';
import type { Department, Progress } from '../../domain/types.js';
import type { Executor } from '../client.js';
import { actions, history, initiatives, metricChecks } from '../schema.js';
import { toInitiative } from './initiatives-repo.js';
import { departedUsers } from './settings-repo.js';

const row = {
  id: actions.id,
  title: actions.title,
  ownerId: actions.ownerId,
  dept: actions.dept,
  initiativeId: actions.initiativeId,
  dueDate: actions.dueDate,
  status: actions.status,
  blockedReason: actions.blockedReason,
  lastActivityAt: actions.lastActivityAt,
  snoozedUntil: actions.snoozedUntil,
};

const activeInitiative = sql`${actions.initiativeId} in (select ${initiatives.id} from ${initiatives} where ${initiatives.status} = 'active')`;
const ACTIVE_STATUSES: Array<'open' | 'blocked'> = ['open', 'blocked'];

/**
 * Everything the weekly digests say, read once for all channels in a handful of indexed queries (call it
 * inside one transaction for a consistent snapshot).
 */
export function readDigestData(db: Executor, w: DigestWindow): DigestData {
  const active = db
    .select()
    .from(initiatives)
    .where(eq(initiatives.status, 'active'))
    .orderBy(asc(initiatives.id))
    .all()
    .map(toInitiative);

  const progress = new Map<number, Progress>();
  for (const i of active) progress.set(i.id, { done: 0, total: 0 });
  const counted = db
    .select({
      initiativeId: actions.initiativeId,
      done: sql<number>`sum(${actions.status} = 'done')`,
      total: sql<number>`count(*)`,
    })
    .from(actions)
    .where(and(inArray(actions.status, ['open', 'blocked', 'done']), activeInitiative))
    .groupBy(actions.initiativeId)
    .all();
  for (const c of counted) progress.set(c.initiativeId, { done: Number(c.done), total: Number(c.total) });

  const cast = (r: { dept: string }) => r as DigestActionRow;
  const wins = db
    .select(row)
    .from(actions)
    .where(
      and(
        eq(actions.status, 'done'),
        gte(actions.completedAt, w.from),
        lt(actions.completedAt, w.to),
        activeInitiative,
      ),
    )
    .orderBy(asc(actions.completedAt), asc(actions.id))
    .all()
    .map(cast);

  const createdByDept = new Map<Department, number>();
  for (const c of db
    .select({ dept: actions.dept, n: sql<number>`count(*)` })
    .from(actions)
    .where(and(gte(actions.createdAt, w.from), lt(actions.createdAt, w.to), activeInitiative))
    .groupBy(actions.dept)
    .all()) {
    createdByDept.set(c.dept as Department, Number(c.n));
  }

  // Dropped in the window: the history entry of the drop says when (an action keeps no "dropped at").
  const droppedByDept = new Map<Department, number>();
  for (const c of db
    .select({ dept: actions.dept, n: sql<number>`count(*)` })
    .from(history)
    .innerJoin(actions, eq(actions.id, history.entityId))
    .where(
      and(
        eq(history.entity, 'A'),
        eq(history.kind, 'dropped'),
        gte(history.at, w.from),
        lt(history.at, w.to),
        eq(actions.status, 'dropped'),
        activeInitiative,
      ),
    )
    .groupBy(actions.dept)
    .all()) {
    droppedByDept.set(c.dept as Department, Number(c.n));
  }

  const attention = db
    .select(row)
    .from(actions)
    .where(
      and(
        inArray(actions.status, ACTIVE_STATUSES),
        sql`(${actions.status} = 'blocked' or ${actions.lastActivityAt} <= ${w.staleBefore.getTime()} or (${actions.dueDate} is not null and ${actions.dueDate} < ${w.today}))`,
        activeInitiative,
      ),
    )
    .orderBy(asc(actions.lastActivityAt), asc(actions.id))
    .all()
    .map(cast);

  const dueNextWeek = db
    .select(row)
    .from(actions)
    .where(
      and(
        inArray(actions.status, ACTIVE_STATUSES),
        gte(actions.dueDate, w.nextWeekFrom),
        lte(actions.dueDate, w.nextWeekTo),
        activeInitiative,
      ),
    )
    .orderBy(asc(actions.dueDate), asc(actions.id))
    .all()
    .map(cast);

  const withNextStep = new Set(
    db
      .selectDistinct({ id: actions.initiativeId })
      .from(actions)
      .where(and(eq(actions.status, 'open'), sql`${actions.dueDate} is not null`, activeInitiative))
      .all()
      .map((r) => r.id),
  );

  // Judged and not yet answered, of an active initiative (awaitsDecision: which checks ask for a decision).
  const activeById = new Map(active.map((i) => [i.id, i]));
  const awaitingDecision = new Set(
    db
      .select({
        initiativeId: metricChecks.initiativeId,
        kind: metricChecks.kind,
        status: metricChecks.status,
        decision: metricChecks.decision,
      })
      .from(metricChecks)
      .where(and(eq(metricChecks.status, 'judged'), sql`${metricChecks.decision} is null`))
      .all()
      .filter((c) => {
        const initiative = activeById.get(c.initiativeId);
        return initiative !== undefined && awaitsDecision(initiative, c);
      })
      .map((c) => c.initiativeId),
  );

  return {
    initiatives: active,
    progress,
    wins,
    createdByDept,
    droppedByDept,
    attention,
    dueNextWeek,
    withNextStep,
    departed: departedUsers(db),
    awaitingDecision,
  };
}
