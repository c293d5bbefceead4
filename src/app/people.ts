import { err, ok, type Result } from '../domain/errors.js';
import type { UserId } from '../domain/types.js';
import type { AppContext } from './context.js';
import { personFacts } from './users.js';

/**
 * An action needs a person to own it: an app (a bot user) never reads its DMs nor gets reminders, and Slack
 * refuses to DM one; nor can someone Slack does not know own it. When Slack can't be asked right now, the
 * benefit of the doubt: the person is accepted.
 */
export async function requirePerson(ctx: AppContext, userId: UserId): Promise<Result<void>> {
  const facts = await personFacts(ctx, userId);
  if (facts === 'unknown') return err({ code: 'unknown_person', userId });
  return facts?.isBot ? err({ code: 'not_a_person', userId }) : ok();
}
