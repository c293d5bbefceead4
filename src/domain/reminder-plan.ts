/**
 * Who is reminded of what, now: the daily reminder DMs (one per person and local day, listing all their
 * stalled actions), the one escalation of an action whose reminders went unanswered to the initiative's
 * owner, and the Monday list of a department's stalled actions. Pure: every fact arrives as an argument.
 */
import { isOverdue, isStalled, sortByDue } from './actions.js';
import { DAY_MS, daysBetween, localDate, zonedTime } from './dates.js';
import { isAway, isReminderTime, MAX_UNANSWERED_REMINDERS, mayRemindAction } from './reminders.js';
import type { Action, Department, Initiative, LocalDate, UserId } from './types.js';

export type StalledActionFacts = Pick<
  Action,
  | 'id'
  | 'title'
  | 'ownerId'
  | 'dept'
  | 'dueDate'
  | 'status'
  | 'blockedReason'
  | 'lastActivityAt'
  | 'snoozedUntil'
>;

/** A possibly stalled action, its initiative, and what was said about it since anyone last touched it. */
export interface ReminderCandidate {
  action: StalledActionFacts;
  initiative: Pick<Initiative, 'id' | 'title' | 'ownerId' | 'tier'>;
  /** The last reminder about it to its owner. */
  lastOwnerReminder: Date | null;
  /** Reminders to its owner since its last activity (an update, done, a new due date… starts again at 0). */
  unansweredReminders: number;
  /** Whether it was escalated to the initiative's owner since its last activity. */
  escalated: boolean;
}

/** What is known about a person who might get a reminder. */
export interface RecipientFacts {
  /** Their own zone (`users.info` tz), else CX_TIMEZONE. */
  zone: string;
  awayUntil: LocalDate | null;
}

/** Whole days since the last activity. */
export function idleDays(action: Pick<Action, 'lastActivityAt'>, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - action.lastActivityAt.getTime()) / DAY_MS));
}

/** Why an action counts as stalled: blocked (with the reason), overdue (since when) or simply idle. */
export type StallReason =
  | {
      kind: 'blocked';
      reason: string | null;
      idleDays: number;
      /** Also past its due date (shown the way an overdue action is). */
      overdue?: { dueDate: LocalDate; daysLate: number };
    }
  | { kind: 'overdue'; dueDate: LocalDate; daysLate: number; idleDays: number }
  | { kind: 'idle'; idleDays: number };

export function stallReason(action: StalledActionFacts, now: Date, today: LocalDate): StallReason {
  const idle = idleDays(action, now);
  const late =
    action.dueDate !== null && isOverdue(action, today)
      ? { dueDate: action.dueDate, daysLate: daysBetween(action.dueDate, today) }
      : null;
  if (action.status === 'blocked') {
    return {
      kind: 'blocked',
      reason: action.blockedReason,
      idleDays: idle,
      ...(late ? { overdue: late } : {}),
    };
  }
  if (late) {
    return { kind: 'overdue', dueDate: late.dueDate, daysLate: late.daysLate, idleDays: idle };
  }
  return { kind: 'idle', idleDays: idle };
}

/**
 * Its owner may be reminded of it now: not in the last 7 days, and fewer than three reminders went
 * unanswered (no activity since). After the third the owner hears no more about it until someone acts;
 * it stays in the digests and the Monday lists.
 */
export function mayRemindOwner(candidate: ReminderCandidate, now: Date): boolean {
  return (
    candidate.unansweredReminders < MAX_UNANSWERED_REMINDERS &&
    mayRemindAction(candidate.lastOwnerReminder, now)
  );
}

/**
 * Told to the initiative's owner, once: three reminders went unanswered and a week has passed since the
 * third (when a fourth would have been due). Never again for the same stall — only after new activity and
 * three more unanswered reminders. Not when the initiative's owner owns the action: then it just stops.
 */
export function needsEscalation(candidate: ReminderCandidate, now: Date): boolean {
  return (
    candidate.initiative.ownerId !== candidate.action.ownerId &&
    candidate.unansweredReminders >= MAX_UNANSWERED_REMINDERS &&
    !candidate.escalated &&
    mayRemindAction(candidate.lastOwnerReminder, now)
  );
}

export interface PlannedReminder {
  recipientId: UserId;
  /** The recipient's local date: one DM per recipient and local day. */
  localDay: LocalDate;
  /** Their own stalled actions, soonest due first. */
  own: ReminderCandidate[];
  /** Actions of others in initiatives they own whose reminders went unanswered, longest idle first. */
  escalations: ReminderCandidate[];
}

export interface ReminderPlanInput {
  now: Date;
  /** CX_TIMEZONE: due dates are calendar dates there. */
  zone: string;
  candidates: readonly ReminderCandidate[];
  recipients: ReadonlyMap<UserId, RecipientFacts>;
  /** Whether `recipientId` already got their reminder DM on `localDay`. */
  dmSent: (recipientId: UserId, localDay: LocalDate) => boolean;
  /**
   * `/cx away` of an action's owner (today in CX_TIMEZONE): their action is not escalated while they are
   * away, as it would not be reminded. Absent: nobody is away.
   */
  awayUntil?: (userId: UserId) => LocalDate | null;
  /** Plan only for the people in `recipients` (a batch whose zones are known), not for everyone. */
  onlyListed?: boolean;
}

/** Who could be reminded of what at `now`, before their zone, absence and earlier DMs are considered. */
export function remindable(
  candidates: readonly ReminderCandidate[],
  now: Date,
  zone: string,
  awayUntil: (userId: UserId) => LocalDate | null = () => null,
): Map<UserId, { own: ReminderCandidate[]; escalations: ReminderCandidate[] }> {
  const today = localDate(now, zone);
  const byRecipient = new Map<UserId, { own: ReminderCandidate[]; escalations: ReminderCandidate[] }>();
  const slot = (id: UserId) => {
    let s = byRecipient.get(id);
    if (!s) {
      s = { own: [], escalations: [] };
      byRecipient.set(id, s);
    }
    return s;
  };
  for (const c of candidates) {
    if (!isStalled(c.action, now, today)) continue;
    if (mayRemindOwner(c, now)) slot(c.action.ownerId).own.push(c);
    if (needsEscalation(c, now) && !isAway(awayUntil(c.action.ownerId), today)) {
      slot(c.initiative.ownerId).escalations.push(c);
    }
  }
  return byRecipient;
}

/**
 * The reminder DMs due at `now`. A person is reminded only inside their working hours (09:30–17:30,
 * Mon–Fri, their zone), not while away, at most once per local day, and only about actions that are
 * stalled (open or blocked, no activity for 7 days or past due, not snoozed), were not brought up to them
 * in the last 7 days and have had fewer than three unanswered reminders. An escalation follows the same
 * rules for the initiative's owner. A person not in `recipients` is treated as being in CX_TIMEZONE and
 * not away.
 */
export function planReminders(input: ReminderPlanInput): PlannedReminder[] {
  const { now, zone } = input;
  const byRecipient = remindable(input.candidates, now, zone, input.awayUntil);
  const planned: PlannedReminder[] = [];
  for (const [recipientId, lists] of byRecipient) {
    const facts = input.recipients.get(recipientId) ?? (input.onlyListed ? null : { zone, awayUntil: null });
    if (!facts) continue;
    if (!isReminderTime(now, facts.zone)) continue;
    const localDay = localDate(now, facts.zone);
    if (isAway(facts.awayUntil, localDay) || input.dmSent(recipientId, localDay)) continue;
    const ownActions = sortByDue(lists.own.map((c) => ({ ...c.action, c })));
    planned.push({
      recipientId,
      localDay,
      own: ownActions.map((a) => a.c),
      escalations: [...lists.escalations].sort(
        (a, b) =>
          a.action.lastActivityAt.getTime() - b.action.lastActivityAt.getTime() || a.action.id - b.action.id,
      ),
    });
  }
  return planned.sort((a, b) => (a.recipientId < b.recipientId ? -1 : a.recipientId > b.recipientId ? 1 : 0));
}

/** Mondays 09:30–17:30 in CX_TIMEZONE: each department channel gets its list of stalled actions. */
export function isDepartmentListTime(now: Date, zone: string): boolean {
  return zonedTime(now, zone).weekday === 1 && isReminderTime(now, zone);
}

/**
 * A department's stalled actions for its Monday list: stalled now, in that department, owner not away
 * (today in CX_TIMEZONE). Soonest due first.
 */
export function departmentList(
  candidates: readonly ReminderCandidate[],
  dept: Department,
  now: Date,
  zone: string,
  awayUntil: (userId: UserId) => LocalDate | null,
): ReminderCandidate[] {
  const today = localDate(now, zone);
  const picked = candidates
    .filter(
      (c) =>
        c.action.dept === dept &&
        isStalled(c.action, now, today) &&
        !isAway(awayUntil(c.action.ownerId), today),
    )
    .map((c) => ({ ...c.action, c }));
  return sortByDue(picked).map((a) => a.c);
}

/**
 * What makes two Monday lists "the same": the same actions, each with the same owner, due date and kind of
 * stall (blocked, overdue, idle). Days idle or late grow every week and do not count; anything that moved
 * — an action added, done, reassigned, rescheduled, blocked or unblocked — does.
 */
export function departmentListSignature(
  list: readonly ReminderCandidate[],
  now: Date,
  today: LocalDate,
): string {
  return list
    .map((c) => {
      const a = c.action;
      return `${a.id}:${stallReason(a, now, today).kind}:${a.ownerId}:${a.dueDate ?? ''}`;
    })
    .sort()
    .join(',');
}
