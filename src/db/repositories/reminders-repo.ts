import { eq, sql } from 'drizzle-orm';
import { STALE_AFTER_DAYS } from '../../domain/actions.js';
import { ESCALATE_AFTER_DAYS, needsEscalation, type ReminderCandidate } from '../../domain/reminder-plan.js';
import { mayRemindAction, REMIND_ACTION_EVERY_DAYS } from '../../domain/reminders.js';
import type { Department, LocalDate, Tier, UserId } from '../../domain/types.js';
import type { Executor } from '../client.js';
import { awayPeriods, remindersSent } from '../schema.js';

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
  initiativeTitle: string,
  initiativeOwner: string,
  tier: Tier,
  lastOwnerReminder: number | null,
  lastEscalation: number | null,
];

export interface StalledQuery {
  /**
   * Only actions someone may be reminded of now: not brought up to their owner in the last 7 days, or idle
   * for 21 days and not escalated to the initiative's owner in the last 7 days (the domain's rules,
   * applied to the rows read). What the reminders job runs every 30 minutes.
   */
  remindableOnly?: boolean;
}

/**
 * Open or blocked actions of active initiatives that are stalled at `now` — no activity for 7 days or due
 * before `today` (CX_TIMEZONE) — and not snoozed, with their initiative and when each person concerned
 * was last reminded of them. Hand-written SQL because it is the hot path of a job that runs every half
 * hour: it reads the covering partial index `actions_active` (open and blocked actions only, every column
 * needed) instead of the table, and looks the escalation history up only for actions idle 21 days.
 */
export function stalledCandidates(
  db: Executor,
  now: Date,
  today: LocalDate,
  query: StalledQuery = {},
): ReminderCandidate[] {
  const nowMs = now.getTime();
  const staleBefore = nowMs - STALE_AFTER_DAYS * DAY_MS;
  const escalateBefore = nowMs - ESCALATE_AFTER_DAYS * DAY_MS;
  const rows = db.values<CandidateRow>(sql`
    select a.id, a.title, a.owner_id, a.dept, a.due_date, a.status, a.blocked_reason, a.last_activity_at,
      a.snoozed_until, i.id as initiative_id, i.title as initiative_title, i.owner_id as initiative_owner, i.tier,
      (select max(r.sent_at) from reminders_sent r where r.action_id = a.id and r.recipient_id = a.owner_id)
        as last_owner_reminder,
      case when a.last_activity_at <= ${escalateBefore} and i.owner_id <> a.owner_id then
        (select max(r.sent_at) from reminders_sent r where r.action_id = a.id and r.recipient_id = i.owner_id)
      end as last_escalation
    from actions a indexed by actions_active
    join initiatives i on i.id = a.initiative_id
    where a.status in ('open', 'blocked')
      and (a.last_activity_at <= ${staleBefore} or (a.due_date is not null and a.due_date < ${today}))
      and (a.snoozed_until is null or a.snoozed_until <= ${nowMs})
      and i.status = 'active'`);
  // The remindable cut is made on the raw numbers first (the same comparisons as mayRemindAction, on the
  // escalation history the query only fetched for actions idle 21 days), so rows nobody will hear about
  // today are never turned into objects; the domain's rules then re-check what is left.
  const remindAfter = nowMs - REMIND_EVERY_MS;
  const wanted = query.remindableOnly
    ? rows.filter(
        (r) =>
          r[13] === null ||
          r[13] <= remindAfter ||
          (r[7] <= escalateBefore && r[11] !== r[2] && (r[14] === null || r[14] <= remindAfter)),
      )
    : rows;
  const candidates = wanted.map(
    ([
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
      ititle,
      iowner,
      tier,
      lo,
      le,
    ]) => ({
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
      initiative: { id: iid, title: ititle, ownerId: iowner, tier },
      lastOwnerReminder: lo === null ? null : new Date(lo),
      lastEscalation: le === null ? null : new Date(le),
    }),
  );
  if (!query.remindableOnly) return candidates;
  return candidates.filter(
    (c) =>
      mayRemindAction(c.lastOwnerReminder, now) ||
      (needsEscalation(c, now) && mayRemindAction(c.lastEscalation, now)),
  );
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
