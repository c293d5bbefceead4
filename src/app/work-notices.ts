/**
 * "People are told when work lands on them" (contract): the DMs an action's change causes, written to the
 * outbox in the transaction of the change. Keys name the history entry of the change, so a retried delivery
 * of the same command writes nothing twice, while a second reassignment to the same person is a new DM.
 */

import { daysLate } from '../domain/actions.js';
import type { Notification } from '../domain/payloads/notification.js';
import type { WorkAction, WorkInitiative } from '../domain/payloads/work.js';
import type { Action, Initiative, LocalDate, UserId } from '../domain/types.js';

const workAction = (a: Action): WorkAction => ({
  id: a.id,
  title: a.title,
  ownerId: a.ownerId,
  dueDate: a.dueDate,
  status: a.status,
  dept: a.dept,
});

const workInitiative = (i: Initiative): WorkInitiative => ({ id: i.id, title: i.title, ownerId: i.ownerId });

/**
 * An action logged for someone else (`previousOwnerId` null) or handed from one person to another: one DM
 * to the new owner unless they did it themselves, and on a handover one to the previous owner unless they
 * gave it away themselves.
 */
export function assignmentNotices(
  actorId: UserId,
  action: Action,
  initiative: Initiative,
  previousOwnerId: UserId | null,
  historyId: number,
  today: LocalDate,
  /** The previous owner's account is deactivated (they left): no DM could reach them, so none is sent. */
  previousOwnerLeft = false,
): Notification[] {
  const out: Notification[] = [];
  const how = previousOwnerId === null ? 'logged' : 'assigned';
  if (action.ownerId !== actorId) {
    out.push({
      kind: 'action_assigned',
      key: `assigned:A-${action.id}:h${historyId}:${action.ownerId}`,
      recipient: { type: 'user', id: action.ownerId },
      payload: {
        actorId,
        how,
        previousOwnerId,
        // An overdue action handed on: the new owner learns it is late from the DM, not from a reminder.
        action: { ...workAction(action), daysLate: daysLate(action, today) },
        initiative: workInitiative(initiative),
      },
    });
  }
  if (
    previousOwnerId !== null &&
    !previousOwnerLeft &&
    previousOwnerId !== actorId &&
    previousOwnerId !== action.ownerId
  ) {
    out.push({
      kind: 'action_unassigned',
      key: `unassigned:A-${action.id}:h${historyId}:${previousOwnerId}`,
      recipient: { type: 'user', id: previousOwnerId },
      payload: {
        actorId,
        newOwnerId: action.ownerId,
        action: workAction(action),
        initiative: workInitiative(initiative),
      },
    });
  }
  return out;
}

// The stored form of a mention in people's text (`/cx` arrives with should_escape, modals the same way).
const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;

/** Users mentioned in a person's text, each once, in order of first mention. */
export function mentionedUsers(text: string): UserId[] {
  return [...new Set([...text.matchAll(MENTION)].map((m) => m[1] ?? ''))].filter((id) => id !== '');
}

/**
 * A block: the initiative's owner is told (unless they blocked it), and everyone mentioned in the reason
 * ("… is waiting on you") except the one who blocked it. One DM per person: the initiative's owner, when
 * also mentioned, gets the "waiting on you" one.
 */
export function blockNotices(
  actorId: UserId,
  action: Action,
  initiative: Initiative,
  reason: string,
  historyId: number,
): Notification[] {
  const mentioned = mentionedUsers(reason).filter((id) => id !== actorId);
  const recipients: { id: UserId; role: 'initiative_owner' | 'mentioned' }[] = mentioned.map((id) => ({
    id,
    role: 'mentioned',
  }));
  if (initiative.ownerId !== actorId && !mentioned.includes(initiative.ownerId)) {
    recipients.unshift({ id: initiative.ownerId, role: 'initiative_owner' });
  }
  return recipients.map(({ id, role }) => ({
    kind: 'action_blocked',
    key: `blocked:A-${action.id}:h${historyId}:${id}`,
    recipient: { type: 'user', id },
    payload: { actorId, role, reason, action: workAction(action), initiative: workInitiative(initiative) },
  }));
}
