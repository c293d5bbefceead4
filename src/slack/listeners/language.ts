/**
 * Every Slack delivery is handled in the language of the person who sent it (issue 14): a command's reply,
 * a button's answer, a modal, the App Home. A global middleware, so no listener has to know; the builders
 * read the current language's catalogue (../messages/index.ts). Resolving it costs nothing on the hot path
 * (memory; see app/language.ts).
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { AppContext } from '../../app/context.js';
import { installationLanguage, languageOf, rememberedLanguageOf } from '../../app/language.js';
import { inRequestLanguage } from '../messages/index.js';

/** Who sent it: a command's `user_id`, an interaction's `user.id`, an event's `user`. */
function senderOf(body: unknown): string | null {
  const b = body as {
    user_id?: unknown;
    user?: { id?: unknown } | unknown;
    event?: { user?: unknown };
  } | null;
  if (!b || typeof b !== 'object') return null;
  if (typeof b.user_id === 'string') return b.user_id;
  const user = b.user as { id?: unknown } | undefined;
  if (user && typeof user === 'object' && typeof user.id === 'string') return user.id;
  if (typeof b.event?.user === 'string') return b.event.user;
  return null;
}

/** A vote: thousands in minutes, answered (rarely) without this middleware's help; see events/reactions.ts. */
function isReaction(body: unknown): boolean {
  const type = (body as { event?: { type?: unknown } } | null)?.event?.type;
  return type === 'reaction_added' || type === 'reaction_removed';
}

export function languageMiddleware(ctx: AppContext): Middleware<AnyMiddlewareArgs> {
  // Not an async function: on the hot path (a person seen in the last minutes) nothing here awaits.
  return ({ body, next, context }) => {
    // Votes skip it: a first-time voter would otherwise cost a users.info call on the vote path.
    if (isReaction(body)) return next();
    const reqId = typeof context.reqId === 'string' ? context.reqId : undefined;
    const userId = senderOf(body);
    if (!userId) return inRequestLanguage(installationLanguage(ctx), next, reqId);
    const remembered = rememberedLanguageOf(ctx, userId);
    if (remembered) return inRequestLanguage(remembered, next, reqId);
    return languageOf(ctx, userId).then((lang) => inRequestLanguage(lang, next, reqId));
  };
}
