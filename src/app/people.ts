import { err, ok, type Result } from '../domain/errors.js';
import type { UserId } from '../domain/types.js';
import type { AppContext } from './context.js';
import { personFacts } from './users.js';

/**
 * Work (an action, an initiative) needs a person to own it: an app (a bot user) never reads its DMs nor gets
 * reminders, and Slack refuses to DM one; nor can someone Slack does not know own it, nor a deactivated
 * account, whose DMs Slack refuses (`user_disabled`). When Slack can't be asked right now, the benefit of the
 * doubt: the person is accepted.
 */
export async function requirePerson(
  ctx: AppContext,
  userId: UserId,
  owns: 'action' | 'initiative' = 'action',
): Promise<Result<void>> {
  const facts = await personFacts(ctx, userId);
  if (facts === 'unknown') return err({ code: 'unknown_person', userId });
  if (facts?.isBot) return err({ code: 'not_a_person', userId, owns });
  return facts?.deactivated ? err({ code: 'deactivated_person', userId }) : ok();
}
