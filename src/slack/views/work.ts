/**
 * The DMs that tell people when work lands on them (issue 11): an action given to them (with the action's
 * buttons, so they can act on it at once), an action taken from them, a block that concerns them.
 */
import type { InitiativeHandedOverPayload } from '../../domain/payloads/initiatives.js';
import type {
  ActionAssignedPayload,
  ActionBlockedPayload,
  ActionUnassignedPayload,
} from '../../domain/payloads/work.js';
import { lifecycle } from '../messages/index.js';
import { actionButtons } from './action-buttons.js';
import { type BuiltMessage, context, message, section } from './blocks.js';
import { reminderButtonsBlockId } from './reminder.js';

/**
 * To the new owner. The buttons carry the reminder's block id, so pressing one replaces them in place with
 * what was done, as in a reminder DM.
 */
export function assignedMessage(p: ActionAssignedPayload): BuiltMessage {
  const w = lifecycle.dm;
  return message(w.assignedFallback(p), [
    section(w.assigned(p)),
    actionButtons(p.action.id, reminderButtonsBlockId(p.action.id)),
  ]);
}

/** An initiative handed over: to its new owner, and to the previous one. */
export function handedOverMessage(p: InitiativeHandedOverPayload): BuiltMessage {
  return message(lifecycle.dm.handedOverFallback(p), [section(lifecycle.dm.handedOver(p))]);
}

/** To the previous owner of a reassigned action. */
export function unassignedMessage(p: ActionUnassignedPayload): BuiltMessage {
  const text = lifecycle.dm.unassigned(p);
  return message(lifecycle.dm.unassignedFallback(p), [section(text)]);
}

/** To the initiative's owner, or to someone the reason mentions ("… is waiting on you"). */
export function blockedMessage(p: ActionBlockedPayload): BuiltMessage {
  const w = lifecycle.dm;
  return message(w.blockedFallback(p), [
    section(w.blocked(p)),
    section(w.blockedReason(p)),
    context(w.blockedFooter(p)),
  ]);
}
