/**
 * Payloads of the DMs that tell people when work lands on them (issue 11): an action given to them, an
 * action taken from them, an action blocked that concerns them. Snapshots: the renderer queries nothing.
 */
import type { ActionStatus, Department, LocalDate, UserId } from '../types.js';

export interface WorkAction {
  id: number;
  title: string;
  ownerId: UserId;
  dueDate: LocalDate | null;
  status: ActionStatus;
  dept: Department;
  /** Days past its due date when the DM was queued, for the new owner (absent or 0: not late). */
  daysLate?: number;
}

export interface WorkInitiative {
  id: number;
  title: string;
  ownerId: UserId;
}

/** To the new owner: logged for them (`logged`) or handed to them (`assigned`), by `actorId`. */
export interface ActionAssignedPayload {
  actorId: UserId;
  how: 'logged' | 'assigned';
  /** The owner before a reassignment; null when it was logged for them. */
  previousOwnerId: UserId | null;
  action: WorkAction;
  initiative: WorkInitiative;
}

/** To the previous owner: the action is now someone else's. */
export interface ActionUnassignedPayload {
  actorId: UserId;
  newOwnerId: UserId;
  action: WorkAction;
  initiative: WorkInitiative;
}

/**
 * A block, told to the initiative's owner (`initiative_owner`) and to everyone mentioned in the reason
 * (`mentioned`: "… is waiting on you").
 */
export interface ActionBlockedPayload {
  actorId: UserId;
  role: 'initiative_owner' | 'mentioned';
  reason: string;
  action: WorkAction;
  initiative: WorkInitiative;
}
