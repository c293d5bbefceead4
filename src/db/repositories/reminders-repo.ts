import { and, eq, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { ReminderCandidate } from '../../domain/reminder-plan.js';
import type { Department, LocalDate, Tier, UserId } from '../../domain/types.js';
import type { Executor } from '../client.js';
import { actions, awayPeriods, initiatives, remindersSent } from '../schema.js';

const DAY_MS = 86_400_000;
/** Matches STALE_AFTER_DAYS of the domain; the pure rules re-check every row this query returns. */
const STALE_DAYS = 7;

const lastReminder = (recipient: typeof actions.ownerId | typeof initiatives.ownerId) =>
  sql<number | null>`(select max(${remindersSent.sentAt}) from ${remindersSent}
    where ${remindersSent.actionId} = ${actions.id} and ${remindersSent.recipientId} = ${recipient})`;

/**
 * Open or blocked actions of active initiatives that are stalled at `now` — no activity for 7 days or due
 * before `today` (CX_TIMEZONE) — and not snoozed, with their initiative and when each person concerned
 * was last reminded of them. Served by the partial indexes on active actions (see the migrations).
 */
export function stalledCandidates(
  db: Executor,
  now: Date,
  today: LocalDate,
  filter: { dept?: Department } = {},
): ReminderCandidate[] {
  const staleBefore = new Date(now.getTime() - STALE_DAYS * DAY_MS);
  const rows = db
    .select({
      id: actions.id,
      title: actions.title,
      ownerId: actions.ownerId,
      dept: actions.dept,
      dueDate: actions.dueDate,
      status: actions.status,
      blockedReason: actions.blockedReason,
      lastActivityAt: actions.lastActivityAt,
      snoozedUntil: actions.snoozedUntil,
      initiativeId: initiatives.id,
      initiativeTitle: initiatives.title,
      initiativeOwner: initiatives.ownerId,
      tier: initiatives.tier,
      lastOwnerReminder: lastReminder(actions.ownerId),
      lastEscalation: lastReminder(initiatives.ownerId),
    })
    .from(actions)
    .innerJoin(initiatives, eq(initiatives.id, actions.initiativeId))
    .where(
      and(
        inArray(actions.status, ['open', 'blocked']),
        or(
          lte(actions.lastActivityAt, staleBefore),
          and(isNotNull(actions.dueDate), lt(actions.dueDate, today)),
        ),
        or(isNull(actions.snoozedUntil), lte(actions.snoozedUntil, now)),
        eq(initiatives.status, 'active'),
        filter.dept ? eq(actions.dept, filter.dept) : undefined,
      ),
    )
    .orderBy(actions.id)
    .all();
  return rows.map((r) => ({
    action: {
      id: r.id,
      title: r.title,
      ownerId: r.ownerId,
      dept: r.dept as Department,
      dueDate: r.dueDate,
      status: r.status,
      blockedReason: r.blockedReason,
      lastActivityAt: r.lastActivityAt,
      snoozedUntil: r.snoozedUntil,
    },
    initiative: {
      id: r.initiativeId,
      title: r.initiativeTitle,
      ownerId: r.initiativeOwner,
      tier: r.tier as Tier,
    },
    lastOwnerReminder: r.lastOwnerReminder === null ? null : new Date(Number(r.lastOwnerReminder)),
    lastEscalation: r.lastEscalation === null ? null : new Date(Number(r.lastEscalation)),
  }));
}

export interface ReminderRecord {
  actionId: number;
  recipientId: UserId;
  role: 'owner' | 'escalation';
  localDay: LocalDate;
  sentAt: Date;
}

/** Records reminders (in the transaction that queues the DM); a repeat for the same day is ignored. */
export function recordReminders(db: Executor, records: readonly ReminderRecord[]): void {
  for (const r of records) db.insert(remindersSent).values(r).onConflictDoNothing().run();
}

export function remindersOf(db: Executor, actionId: number): ReminderRecord[] {
  return db.select().from(remindersSent).where(eq(remindersSent.actionId, actionId)).all();
}

/** Every `/cx away` in force or planned, by user (a small table). */
export function awayUntilByUser(db: Executor): Map<UserId, LocalDate> {
  return new Map(
    db
      .select({ userId: awayPeriods.userId, until: awayPeriods.until })
      .from(awayPeriods)
      .all()
      .map((r) => [r.userId, r.until]),
  );
}
