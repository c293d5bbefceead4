/**
 * Who is reminded of what, now: the daily reminder DMs (one per person and local day, listing all their
 * stalled actions), escalation of long-stalled actions to the initiative's owner, and the Monday list of
 * a department's stalled actions. Pure: every fact arrives as an argument.
 */
import { isOverdue, isStalled, sortByDue } from './actions.js';
import { DAY_MS, daysBetween, localDate, zonedTime } from './dates.js';
import { isAway, isReminderTime, mayRemindAction } from './reminders.js';
import type { Action, Department, Initiative, LocalDate, UserId } from './types.js';

/** An action stalled this long (no activity for 21 days) is also listed to its initiative's owner. */
export const ESCALATE_AFTER_DAYS = 21;

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

/** A possibly stalled action, its initiative, and when it was last brought up to each person concerned. */
export interface ReminderCandidate {
  action: StalledActionFacts;
  initiative: Pick<Initiative, 'id' | 'title' | 'ownerId' | 'tier'>;
  /** The last reminder about it to its owner. */
  lastOwnerReminder: Date | null;
  /** The last time it was listed to the initiative's owner. */
  lastEscalation: Date | null;
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
  | { kind: 'blocked'; reason: string | null; idleDays: number }
  | { kind: 'overdue'; dueDate: LocalDate; daysLate: number; idleDays: number }
  | { kind: 'idle'; idleDays: number };

export function stallReason(action: StalledActionFacts, now: Date, today: LocalDate): StallReason {
  const idle = idleDays(action, now);
  if (action.status === 'blocked') return { kind: 'blocked', reason: action.blockedReason, idleDays: idle };
  if (action.dueDate !== null && isOverdue(action, today)) {
    return {
      kind: 'overdue',
      dueDate: action.dueDate,
      daysLate: daysBetween(action.dueDate, today),
      idleDays: idle,
    };
  }
  return { kind: 'idle', idleDays: idle };
}

/**
 * Listed to the initiative's owner too: nobody has touched it for 21 days (the owner has had two weekly
 * reminders by then). Not when the initiative's owner owns the action: they hear about it anyway.
 */
export function needsEscalation(candidate: ReminderCandidate, now: Date): boolean {
  return (
    candidate.initiative.ownerId !== candidate.action.ownerId &&
    idleDays(candidate.action, now) >= ESCALATE_AFTER_DAYS
  );
}

export interface PlannedReminder {
  recipientId: UserId;
  /** The recipient's local date: one DM per recipient and local day. */
  localDay: LocalDate;
  /** Their own stalled actions, soonest due first. */
  own: ReminderCandidate[];
  /** Long-stalled actions of others in initiatives they own, longest idle first. */
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
}

/** Who could be reminded of what at `now`, before their zone, absence and earlier DMs are considered. */
export function remindable(
  candidates: readonly ReminderCandidate[],
  now: Date,
  zone: string,
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
    if (mayRemindAction(c.lastOwnerReminder, now)) slot(c.action.ownerId).own.push(c);
    if (needsEscalation(c, now) && mayRemindAction(c.lastEscalation, now)) {
      slot(c.initiative.ownerId).escalations.push(c);
    }
  }
  return byRecipient;
}

/**
 * The reminder DMs due at `now`. A person is reminded once their local time is 09:30 or later on a
 * working day, not while away, at most once per local day, and only about actions that are stalled
 * (open or blocked, no activity for 7 days or past due, not snoozed) and were not brought up to them in
 * the last 7 days. A person not in `recipients` is treated as being in CX_TIMEZONE and not away.
 */
export function planReminders(input: ReminderPlanInput): PlannedReminder[] {
  const { now, zone } = input;
  const byRecipient = remindable(input.candidates, now, zone);
  const planned: PlannedReminder[] = [];
  for (const [recipientId, lists] of byRecipient) {
    const facts = input.recipients.get(recipientId) ?? { zone, awayUntil: null };
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

/** Mondays from 09:30 in CX_TIMEZONE: each department channel gets its list of stalled actions. */
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
