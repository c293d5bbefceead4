import { and, eq, inArray, sql } from 'drizzle-orm';
import { STALE_AFTER_DAYS } from '../../domain/actions.js';
import { mayRemindOwner, needsEscalation, type ReminderCandidate } from '../../domain/reminder-plan.js';
import { MAX_UNANSWERED_REMINDERS, REMIND_ACTION_EVERY_DAYS } from '../../domain/reminders.js';
import type { Department, LocalDate, Tier, UserId } from '../../domain/types.js';
import type { Executor } from '../client.js';
import { prepared, preparedRaw } from '../prepared.js';
import { awayPeriods, meta, remindersSent } from '../schema.js';

const DAY_MS = 86_400_000;
const REMIND_EVERY_MS = REMIND_ACTION_EVERY_DAYS * DAY_MS;

/** One row of the stalled-action query, as an array (no per-row object: this is the hot path). */
type CandidateRow = [
  id: number,
  title: string,
  ownerId: string,
  dept: string,
  dueDate: string | null,
  status: 'open' | 'blocked',
  blockedReason: string | null,
  lastActivityAt: number,
  snoozedUntil: number | null,
  initiativeId: number,
  lastOwnerReminder: number | null,
  unanswered: number,
  escalated: number | null,
];

type StalledInitiative = ReminderCandidate['initiative'];

export interface StalledQuery {
  /**
   * Only actions someone may be reminded of now: its owner (not in the last 7 days, fewer than three
   * unanswered reminders) or the initiative's owner (the one escalation) — the domain's rules, applied to
   * the rows read. What the reminders job runs every 30 minutes.
   */
  remindableOnly?: boolean;
}

/**
 * The stalled actions with what the reminder rules need; prepared once (it runs every 30 minutes, on 100,000
 * actions). Exported for the query-plan test.
 */
export const STALLED_SQL = `
    select id, title, owner_id, dept, due_date, status, blocked_reason, last_activity_at, snoozed_until,
      initiative_id, last_owner_reminder, unanswered,
      case when unanswered >= ${MAX_UNANSWERED_REMINDERS} then
        exists (select 1 from reminders_sent r where r.action_id = c.id and r.role = 'escalation'
          and r.sent_at > c.last_activity_at)
      end as escalated
    from (
      select a.id, a.title, a.owner_id, a.dept, a.due_date, a.status, a.blocked_reason, a.last_activity_at,
        a.snoozed_until, a.initiative_id, i.owner_id as initiative_owner,
        (select max(r.sent_at) from reminders_sent r where r.action_id = a.id and r.recipient_id = a.owner_id)
          as last_owner_reminder,
        (select count(*) from reminders_sent r where r.action_id = a.id and r.recipient_id = a.owner_id
          and r.sent_at > a.last_activity_at) as unanswered
      from actions a indexed by actions_active
      join initiatives i on i.id = a.initiative_id
      where a.status in ('open', 'blocked')
        and (a.last_activity_at <= @staleBefore or (a.due_date is not null and a.due_date < @today))
        and (a.snoozed_until is null or a.snoozed_until <= @nowMs)
        and i.status = 'active'
      limit -1 offset 0
    ) c`;

/**
 * Only the rows someone may be reminded of now (`remindableOnly`): the comparisons of mayRemindOwner and
 * needsEscalation on the raw numbers — a week since the last reminder to the owner, and fewer than three
 * unanswered or an escalation not yet sent to an initiative owner who is someone else. Made in SQL, the rows
 * nobody hears about now are never copied into JavaScript: their strings were a fifth of the query's time
 * (about 4,980 stalled rows, 2,930 remindable, in the stalled bench). The domain's rules re-check what is left.
 */
export const REMINDABLE_SQL = `${STALLED_SQL}
    where (last_owner_reminder is null or last_owner_reminder <= @remindAfter)
      and (unanswered < ${MAX_UNANSWERED_REMINDERS} or (initiative_owner <> owner_id and not escalated))`;

/**
 * The active initiatives, read once per run: the candidates of one initiative share one object, instead of a
 * copy of its title per row (the stalled bench: p50 18–19 → 16.5–17 ms, fewer collections in its p95).
 */
const ACTIVE_INITIATIVES_SQL = `select id, title, owner_id, tier from initiatives where status = 'active'`;

/**
 * Open or blocked actions of active initiatives that are stalled at `now` — no activity for 7 days or due
 * before `today` (CX_TIMEZONE) — and not snoozed, with their initiative, the last reminder to their owner,
 * how many reminders went to the owner since the last activity, and whether it was escalated since. Hand-
 * written SQL because it is the hot path of a job that runs every half hour: it reads the covering partial
 * index `actions_active` (open and blocked actions only, every column needed) instead of the table, counts
 * reminders from the index `reminders_sent_recent`, and looks escalations up only after three reminders.
 * `offset 0` keeps SQLite from flattening `c` into the outer query, which copied the `unanswered` count into
 * both places that read it: two counts per row instead of one (about 8 % of the query).
 */
export function stalledCandidates(
  db: Executor,
  now: Date,
  today: LocalDate,
  query: StalledQuery = {},
): ReminderCandidate[] {
  const nowMs = now.getTime();
  const staleBefore = nowMs - STALE_AFTER_DAYS * DAY_MS;
  const rows = (
    query.remindableOnly
      ? preparedRaw(db, 'reminders.remindable', REMINDABLE_SQL).all({
          staleBefore,
          today,
          nowMs,
          remindAfter: nowMs - REMIND_EVERY_MS,
        })
      : preparedRaw(db, 'reminders.stalled', STALLED_SQL).all({ staleBefore, today, nowMs })
  ) as CandidateRow[];
  const initiatives = new Map<number, StalledInitiative>();
  for (const [id, title, ownerId, tier] of preparedRaw(
    db,
    'reminders.activeInitiatives',
    ACTIVE_INITIATIVES_SQL,
  ).all() as [number, string, string, Tier][])
    initiatives.set(id, { id, title, ownerId, tier });
  const candidates: ReminderCandidate[] = [];
  for (const [
    id,
    title,
    ownerId,
    dept,
    dueDate,
    status,
    blockedReason,
    last,
    snoozed,
    iid,
    lo,
    unanswered,
    escalated,
  ] of rows) {
    // An initiative closed between the two reads (by another process) takes its rows with it.
    const initiative = initiatives.get(iid);
    if (!initiative) continue;
    candidates.push({
      action: {
        id,
        title,
        ownerId,
        dept: dept as Department,
        dueDate,
        status,
        blockedReason,
        lastActivityAt: new Date(last),
        snoozedUntil: snoozed === null ? null : new Date(snoozed),
      },
      initiative,
      lastOwnerReminder: lo === null ? null : new Date(lo),
      unansweredReminders: unanswered,
      escalated: escalated === 1,
    });
  }
  if (!query.remindableOnly) return candidates;
  return candidates.filter((c) => mayRemindOwner(c, now) || needsEscalation(c, now));
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

/**
 * Unrecords one day's reminder to a person about these actions: the DM never reached them (it expired), so
 * neither the 7-day rule nor the count of unanswered reminders may count it.
 */
export function forgetReminders(
  db: Executor,
  recipientId: UserId,
  localDay: LocalDate,
  actionIds: readonly number[],
): number {
  if (actionIds.length === 0) return 0;
  return db
    .delete(remindersSent)
    .where(
      and(
        eq(remindersSent.recipientId, recipientId),
        eq(remindersSent.localDay, localDay),
        inArray(remindersSent.actionId, [...actionIds]),
      ),
    )
    .run().changes;
}

export function remindersOf(db: Executor, actionId: number): ReminderRecord[] {
  return db.select().from(remindersSent).where(eq(remindersSent.actionId, actionId)).all();
}

/** Every `/cx away` in force or planned, by user (a small table). */
export function awayUntilByUser(db: Executor): Map<UserId, LocalDate> {
  const select = prepared(db, 'reminders.awayUntil', (d) =>
    d.select({ userId: awayPeriods.userId, until: awayPeriods.until }).from(awayPeriods).prepare(),
  );
  return new Map(select.all().map((r) => [r.userId, r.until]));
}

/** The last Monday list a department's channel was decided on: its day and what it listed. */
export interface DepartmentListRecord {
  day: LocalDate;
  signature: string;
}

const listMetaKey = (dept: Department) => `stalled_list:${dept}`;

export function lastDepartmentList(db: Executor, dept: Department): DepartmentListRecord | null {
  const value = prepared(db, 'reminders.lastDepartmentList', (d) =>
    d
      .select()
      .from(meta)
      .where(eq(meta.key, sql.placeholder('key')))
      .prepare(),
  ).get({ key: listMetaKey(dept) })?.value;
  if (!value) return null;
  try {
    const parsed = JSON.parse(value) as Partial<DepartmentListRecord>;
    return typeof parsed.day === 'string' && typeof parsed.signature === 'string'
      ? { day: parsed.day, signature: parsed.signature }
      : null;
  } catch {
    return null;
  }
}

/** Remembers this Monday's list (posted, skipped as unchanged, or empty) for next Monday's comparison. */
export function recordDepartmentList(db: Executor, dept: Department, record: DepartmentListRecord): void {
  const value = JSON.stringify(record);
  db.insert(meta)
    .values({ key: listMetaKey(dept), value })
    .onConflictDoUpdate({ target: meta.key, set: { value } })
    .run();
}
