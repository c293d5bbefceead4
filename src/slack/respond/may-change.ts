import type { ActionWithInitiative } from '../../app/actions.js';
import type { AppContext } from '../../app/context.js';
import { isAdmin } from '../../app/users.js';
import { canChangeAction } from '../../domain/permissions.js';
import type { UserId } from '../../domain/types.js';

/**
 * Whether `userId` is offered an action's buttons: its owner, its initiative's owner or an admin, while
 * the action is open or blocked. Views are built for one person, so this is decided per viewer.
 */
export async function mayChangeAction(
  ctx: AppContext,
  userId: UserId,
  { action, initiative }: ActionWithInitiative,
): Promise<boolean> {
  if (action.status !== 'open' && action.status !== 'blocked') return false;
  if (initiative.status !== 'active') return false;
  return canChangeAction(userId, await isAdmin(ctx, userId), action, initiative).ok;
}
