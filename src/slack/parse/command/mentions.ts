/** Slack's escaped user mentions, as `/cx` receives them with `should_escape: true`. */
import type { UserId } from '../../../domain/types.js';

// U… for users, W… for Enterprise Grid users; `|label` is optional and ignored.
const USER_MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;

/** `<@U123>` or `<@U123|name>` → `U123`; anything else → null. */
export function parseUserMention(text: string): UserId | null {
  return USER_MENTION.exec(text.trim())?.[1] ?? null;
}

/** The mrkdwn that mentions (and notifies) a user. */
export function formatUserMention(userId: UserId): string {
  return `<@${userId}>`;
}
