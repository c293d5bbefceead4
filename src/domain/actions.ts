/**
 * The life of an action: open ⇄ blocked → done | dropped. Done and dropped are final: nothing changes them.
 *
 * A block is lifted only by `unblock` (or by finishing or dropping the action). An `update` on a blocked
 * action is progress reported while still waiting, so it stays blocked with its reason (issue 11: before,
 * any update silently reopened it and the reason was lost). Rescheduling, reassigning and renaming keep
 * the status as it is.
 */
import { DAY_MS, daysBetween } from './dates.js';
import { type ActionEvent, err, ok, type Result } from './errors.js';
import type { Action, ActionStatus, LocalDate, UserId } from './types.js';

export const STALE_AFTER_DAYS = 7;
export const DEFAULT_SNOOZE_DAYS = 3;
export const MAX_SNOOZE_DAYS = 90;

const NEXT: Record<ActionStatus, Partial<Record<ActionEvent, ActionStatus>>> = {
  open: {
    done: 'done',
    block: 'blocked',
    update: 'open',
    drop: 'dropped',
    snooze: 'open',
    reschedule: 'open',
    assign: 'open',
    rename: 'open',
  },
  // Blocking again replaces the reason; an update keeps the block (only unblock lifts it).
  blocked: {
    done: 'done',
    block: 'blocked',
    update: 'blocked',
    unblock: 'open',
    drop: 'dropped',
    snooze: 'blocked',
    reschedule: 'blocked',
    assign: 'blocked',
    rename: 'blocked',
  },
  done: {},
  dropped: {},
};

/** The status after `event`, or `bad_transition` (e.g. completing a done action). */
export function transition(action: Pick<Action, 'id' | 'status'>, event: ActionEvent): Result<ActionStatus> {
  const next = NEXT[action.status][event];
  if (!next) return err({ code: 'bad_transition', actionId: action.id, from: action.status, event });
  return ok(next);
}

export type ActionChange =
  | { event: 'done' | 'update' | 'unblock' | 'drop' }
  | { event: 'block'; reason: string }
  | { event: 'snooze'; days: number }
  | { event: 'reschedule'; dueDate: LocalDate | null }
  | { event: 'assign'; ownerId: UserId }
  | { event: 'rename'; title: string };

/** The fields a change writes; fields left out keep their value. */
export type ActionPatch = Partial<
  Pick<
    Action,
    | 'status'
    | 'blockedReason'
    | 'completedAt'
    | 'lastActivityAt'
    | 'snoozedUntil'
    | 'dueDate'
    | 'ownerId'
    | 'title'
  >
>;

/**
 * What `change` does to `action` at `now`. Most changes are activity (they reset the stall clock): someone
 * looked at the work and decided something. Two are not: a snooze only silences reminders (a snoozed action
 * nobody touches is stale again when the snooze ends), and a rename only fixes the words.
 */
export function applyChange(
  action: Pick<Action, 'id' | 'status'>,
  change: ActionChange,
  now: Date,
): Result<ActionPatch> {
  const next = transition(action, change.event);
  if (!next.ok) return next;
  const status = next.value;
  switch (change.event) {
    case 'done':
      return ok({ status, completedAt: now, lastActivityAt: now, blockedReason: null });
    case 'update':
      // Still blocked after an update: the reason stays with it.
      return ok({ status, lastActivityAt: now });
    case 'unblock':
    case 'drop':
      return ok({ status, lastActivityAt: now, blockedReason: null });
    case 'block':
      return ok({ status, lastActivityAt: now, blockedReason: change.reason });
    case 'snooze': {
      const days = change.days;
      if (!Number.isInteger(days) || days < 1 || days > MAX_SNOOZE_DAYS) {
        return err({ code: 'bad_number', text: String(days), reason: 'range', min: 1, max: MAX_SNOOZE_DAYS });
      }
      return ok({ snoozedUntil: snoozeUntil(now, days) });
    }
    case 'reschedule':
      return ok({ dueDate: change.dueDate, lastActivityAt: now });
    case 'assign':
      // The new owner starts with a fresh stall clock, or they would be reminded of someone else's silence.
      return ok({ ownerId: change.ownerId, lastActivityAt: now });
    case 'rename':
      return ok({ title: change.title });
  }
}

/** N × 24 hours: "quiet for three days" from the moment of asking, whatever the owner's zone. */
export function snoozeUntil(now: Date, days: number): Date {
  return new Date(now.getTime() + days * DAY_MS);
}

export function isActive(action: Pick<Action, 'status'>): boolean {
  return action.status === 'open' || action.status === 'blocked';
}

/** Due before `today` (a LocalDate in CX_TIMEZONE) and not finished; due today is not overdue yet. */
export function isOverdue(action: Pick<Action, 'status' | 'dueDate'>, today: LocalDate): boolean {
  return isActive(action) && action.dueDate !== null && action.dueDate < today;
}

/** Days an open or blocked action is past its due date on `today` (0 when it is not late). */
export function daysLate(action: Pick<Action, 'status' | 'dueDate'>, today: LocalDate): number {
  return action.dueDate !== null && isOverdue(action, today) ? daysBetween(action.dueDate, today) : 0;
}

/** No activity for at least 7 × 24 hours and not finished. */
export function isStale(action: Pick<Action, 'status' | 'lastActivityAt'>, now: Date): boolean {
  return isActive(action) && now.getTime() - action.lastActivityAt.getTime() >= STALE_AFTER_DAYS * DAY_MS;
}

export function isSnoozed(action: Pick<Action, 'snoozedUntil'>, now: Date): boolean {
  return action.snoozedUntil !== null && action.snoozedUntil.getTime() > now.getTime();
}

/** Stalled for reminder purposes: open or blocked, stale or overdue, and not snoozed. */
export function isStalled(
  action: Pick<Action, 'status' | 'lastActivityAt' | 'dueDate' | 'snoozedUntil'>,
  now: Date,
  today: LocalDate,
): boolean {
  return !isSnoozed(action, now) && (isStale(action, now) || isOverdue(action, today));
}

/** `/cx mine` order: soonest due first, undated last, then oldest first. */
export function sortByDue<T extends Pick<Action, 'id' | 'dueDate'>>(actions: readonly T[]): T[] {
  return [...actions].sort((a, b) => {
    if (a.dueDate !== b.dueDate) {
      if (a.dueDate === null) return 1;
      if (b.dueDate === null) return -1;
      return a.dueDate < b.dueDate ? -1 : 1;
    }
    return a.id - b.id;
  });
}

/**
 * `/cx show I-n`'s two parts: the work still to do first, in `/cx mine`'s order (soonest due first, so the
 * late ones lead), then what is finished, the most recently finished first (done or dropped: its last
 * activity). A year-old initiative holds far more finished actions than open ones; the open ones are what
 * its reader came for.
 */
export function splitForPage<T extends Pick<Action, 'id' | 'status' | 'dueDate' | 'lastActivityAt'>>(
  actions: readonly T[],
): { open: T[]; finished: T[] } {
  const open = sortByDue(actions.filter(isActive));
  const finished = actions
    .filter((a) => !isActive(a))
    .sort((a, b) => b.lastActivityAt.getTime() - a.lastActivityAt.getTime() || b.id - a.id);
  return { open, finished };
}
