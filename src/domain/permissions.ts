/**
 * Who may change what. Anyone may create initiatives, log actions and pain points (no check needed);
 * an action may be changed by its owner, its initiative's owner or an admin; tiers, metrics and verdict
 * overrides by the initiative's owner or an admin; setup and rounds by admins.
 */
import { err, ok, type Result } from './errors.js';
import type { Action, Initiative, UserId } from './types.js';

function allowOwners(userId: UserId, isAdmin: boolean, owners: UserId[]): Result<void> {
  if (isAdmin || owners.includes(userId)) return ok();
  return err({ code: 'forbidden', need: 'owner', owners: [...new Set(owners)] });
}

export function canChangeAction(
  userId: UserId,
  isAdmin: boolean,
  action: Pick<Action, 'ownerId'>,
  initiative: Pick<Initiative, 'ownerId'>,
): Result<void> {
  return allowOwners(userId, isAdmin, [action.ownerId, initiative.ownerId]);
}

/** Tiers, metrics and verdict overrides. */
export function canChangeInitiative(
  userId: UserId,
  isAdmin: boolean,
  initiative: Pick<Initiative, 'ownerId'>,
): Result<void> {
  return allowOwners(userId, isAdmin, [initiative.ownerId]);
}

/** Channel setup and opening/closing rounds. */
export function canAdminister(isAdmin: boolean): Result<void> {
  return isAdmin ? ok() : err({ code: 'forbidden', need: 'admin', owners: [] });
}
