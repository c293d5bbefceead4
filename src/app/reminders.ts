import type { Executor } from '../db/client.js';
import { createOutboxRepo, enqueue } from '../db/repositories/outbox-repo.js';
import {
  awayUntilByUser,
  forgetReminders,
  lastDepartmentList,
  type ReminderRecord,
  recordDepartmentList,
  recordReminders,
  stalledCandidates,
} from '../db/repositories/reminders-repo.js';
import { departedUsers, listBindings } from '../db/repositories/settings-repo.js';
import { localDate } from '../domain/dates.js';
import type { OutboxEntry } from '../domain/outbox.js';
import type { Notification } from '../domain/payloads/notification.js';
import type { NudgeAction, ReminderPayload } from '../domain/payloads/nudges.js';
import {
  departmentList,
  departmentListSignature,
  isDepartmentListTime,
  type PlannedReminder,
  planReminders,
  type ReminderCandidate,
  remindable,
  stallReason,
} from '../domain/reminder-plan.js';
import { partOfDay, reminderWindowEnd } from '../domain/reminders.js';
import { DEPARTMENTS, type LocalDate, type UserId } from '../domain/types.js';
import type { AppContext } from './context.js';
import { fillFromList, zonesOf } from './user-zones.js';

/** What fits one DM with a row of buttons per action (2 blocks each, 50 per message). */
export const REMINDER_MAX_OWN = 20;
export const REMINDER_MAX_ESCALATIONS = 15;
/** People whose zones are looked up before their DMs are queued (the notifier posts meanwhile). */
const ZONE_BATCH = 20;
/** Lines of a Monday department list. */
export const STALLED_LIST_MAX = 40;

export const reminderKey = (recipientId: UserId, localDay: LocalDate) =>
  `reminder:${recipientId}:${localDay}`;
export const stalledListKey = (dept: string, day: LocalDate) => `stalled:${dept}:${day}`;

export interface ReminderRunResult {
  /** Reminder DMs queued by this run. */
  dms: number;
  /** Monday department lists queued by this run. */
  lists: number;
  /** True when the run stopped early (graceful shutdown); the next run finishes the rest. */
  interrupted: boolean;
}

function nudgeAction(
  c: ReminderCandidate,
  now: Date,
  today: LocalDate,
  departed: ReadonlySet<UserId>,
): NudgeAction {
  return {
    id: c.action.id,
    title: c.action.title,
    ownerId: c.action.ownerId,
    dueDate: c.action.dueDate,
    initiative: { id: c.initiative.id, title: c.initiative.title, tier: c.initiative.tier },
    reason: stallReason(c.action, now, today),
    ...(departed.has(c.action.ownerId) ? { ownerLeft: true as const } : {}),
  };
}

/** Reminders are compared 7 × 24 h apart; the minute a run began keeps next week's same run eligible. */
const floorToMinute = (d: Date) => new Date(Math.floor(d.getTime() / 60_000) * 60_000);

/**
 * Queues one DM and records what it lists, in one transaction: a crash leaves either both or neither, and
 * a second run for the same person and day finds the DM's key and writes nothing.
 */
function queueReminder(
  ctx: AppContext,
  p: PlannedReminder,
  zone: string,
  now: Date,
  today: LocalDate,
  departed: ReadonlySet<UserId>,
): boolean {
  const own = p.own.slice(0, REMINDER_MAX_OWN);
  const escalations = p.escalations.slice(0, REMINDER_MAX_ESCALATIONS);
  const payload: ReminderPayload = {
    recipientId: p.recipientId,
    localDay: p.localDay,
    partOfDay: partOfDay(now, zone),
    own: own.map((c) => nudgeAction(c, now, today, departed)),
    ownTotal: p.own.length,
    // Escalated to the initiative's owner, who can hand on the work of someone who left.
    escalations: escalations.map((c) => nudgeAction(c, now, today, departed)),
    escalationTotal: p.escalations.length,
  };
  const message: Notification = {
    kind: 'reminder',
    key: reminderKey(p.recipientId, p.localDay),
    recipient: { type: 'user', id: p.recipientId },
    payload,
    // Said inside the owner's working hours or not at all (the outbox drops it after; see onReminderExpired).
    deliverBy: reminderWindowEnd(now, zone),
  };
  const sentAt = floorToMinute(now);
  const records: ReminderRecord[] = [
    ...own.map((c) => ({ actionId: c.action.id, recipientId: p.recipientId, role: 'owner' as const })),
    ...escalations.map((c) => ({
      actionId: c.action.id,
      recipientId: p.recipientId,
      role: 'escalation' as const,
    })),
  ].map((r) => ({ ...r, localDay: p.localDay, sentAt }));
  const queued = ctx.handle.db.transaction((tx) => {
    if (enqueue(tx, [message], now) === 0) return false;
    recordReminders(tx, records);
    return true;
  });
  if (queued) ctx.afterCommit();
  return queued;
}

/**
 * A reminder DM that expired undelivered (see `deliverBy` above) because it came too late reminded nobody:
 * its records go, in the transaction that marks it expired, so the next working day's run lists the same
 * actions again and the escalation after three unanswered reminders does not count it. One that expired
 * while held (Slack would not take a DM to that person: deactivated, DMs closed) keeps its records: trying
 * again every working day would only tell the admins every day; the usual 7 days apply.
 */
export function onReminderExpired(tx: Executor, entry: OutboxEntry, wasHeld: boolean): void {
  if (entry.kind !== 'reminder' || wasHeld) return;
  const p = entry.payload as ReminderPayload;
  const ids = [...p.own, ...p.escalations].map((a) => a.id);
  forgetReminders(tx, p.recipientId, p.localDay, ids);
}

/**
 * Monday, in each bound department channel: that department's stalled actions, owners mentioned — unless
 * it is the same list as the previous Monday's (same actions in the same state), which would only repeat
 * itself. Each department is decided once per Monday; the list is remembered (posted, unchanged or empty)
 * in the transaction that queues the post.
 */
function queueDepartmentLists(ctx: AppContext, now: Date): number {
  if (!isDepartmentListTime(now, ctx.timeZone)) return 0;
  const db = ctx.handle.db;
  const today = localDate(now, ctx.timeZone);
  const outbox = createOutboxRepo(db);
  const due = new Set(listBindings(db).map((b) => b.key));
  const depts = DEPARTMENTS.filter(
    (d) =>
      due.has(d) &&
      outbox.findByKey(stalledListKey(d, today)) === null &&
      lastDepartmentList(db, d)?.day !== today,
  );
  if (depts.length === 0) return 0;
  const candidates = stalledCandidates(db, now, today);
  const away = awayUntilByUser(db);
  const departed = departedUsers(db);
  const messages: Notification[] = [];
  const decided: Array<{ dept: (typeof depts)[number]; signature: string }> = [];
  for (const dept of depts) {
    const list = departmentList(candidates, dept, now, ctx.timeZone, (u) => away.get(u) ?? null);
    const signature = departmentListSignature(list, now, today);
    const previous = lastDepartmentList(db, dept);
    decided.push({ dept, signature });
    if (list.length === 0 || previous?.signature === signature) continue;
    messages.push({
      kind: 'stalled_list',
      key: stalledListKey(dept, today),
      recipient: { type: 'binding', key: dept },
      // It mentions the owners: held up past 17:30, it waits for the next 09:30 rather than ping them at night.
      hoursZone: ctx.timeZone,
      payload: {
        dept,
        date: today,
        items: list.slice(0, STALLED_LIST_MAX).map((c) => nudgeAction(c, now, today, departed)),
        total: list.length,
      },
    });
  }
  const queued = ctx.handle.db.transaction((tx) => {
    for (const d of decided) recordDepartmentList(tx, d.dept, { day: today, signature: d.signature });
    return enqueue(tx, messages, now);
  });
  if (queued > 0) ctx.afterCommit();
  return queued;
}

/**
 * The `reminders` job: every person with stalled actions gets at most one DM per local day, inside their
 * own working hours (see planReminders); outside them a run — scheduled, caught up or by hand — leaves
 * them for the next run inside them. On Mondays each department channel gets its list.
 * Idempotent: running it again at the same instant, or after a crash, queues nothing twice.
 */
export async function sendReminders(
  ctx: AppContext,
  now: Date,
  options: { signal?: AbortSignal } = {},
): Promise<ReminderRunResult> {
  const db = ctx.handle.db;
  const today = localDate(now, ctx.timeZone);
  const lists = queueDepartmentLists(ctx, now);
  const candidates = stalledCandidates(db, now, today, { remindableOnly: true });

  const away = awayUntilByUser(db);
  const awayUntil = (u: UserId) => away.get(u) ?? null;
  const recipientIds = [...remindable(candidates, now, ctx.timeZone, awayUntil).keys()].sort();
  const outbox = createOutboxRepo(db);
  let dms = 0;
  await fillFromList(ctx, recipientIds, options.signal);
  const departed = departedUsers(db);
  // Zones come from users.info (rate-limited): each batch's DMs are queued as soon as its zones are known, so
  // the notifier posts them while the next batch is looked up, instead of all look-ups first, then all posts.
  for (let from = 0; from < recipientIds.length; from += ZONE_BATCH) {
    const batch = recipientIds.slice(from, from + ZONE_BATCH);
    const zones = await zonesOf(ctx, batch, options.signal);
    if (options.signal?.aborted) return { dms, lists, interrupted: true };
    const recipients = new Map(
      batch.map((id) => [id, { zone: zones.get(id) ?? ctx.timeZone, awayUntil: awayUntil(id) }]),
    );
    const planned = planReminders({
      now,
      zone: ctx.timeZone,
      candidates,
      recipients,
      dmSent: (recipientId, localDay) => outbox.findByKey(reminderKey(recipientId, localDay)) !== null,
      awayUntil,
      onlyListed: true,
    });
    for (const p of planned) {
      if (options.signal?.aborted) return { dms, lists, interrupted: true };
      const zone = recipients.get(p.recipientId)?.zone ?? ctx.timeZone;
      if (queueReminder(ctx, p, zone, now, today, departed)) dms++;
    }
  }
  return { dms, lists, interrupted: false };
}
