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

// Slack's own `<…>` sequences (mentions, links, user groups): an `@` inside them is no stray name.
const SLACK_MARKUP = /<[^<>]*>/g;
// `@name` at the start of a word; `a@b.com` and `x/@y` are not names.
const AT_NAME = /(?<![\p{L}\p{N}_.+\-@/])@\p{L}[\p{L}\p{N}._-]*/u;

/**
 * The first `@name` left as text in what Slack delivered. With `should_escape: true` Slack turns a name
 * it knows into `<@U…|name>`, so a plain `@name` that is still there names nobody in this workspace.
 * `text` is still Slack-escaped (a person's own `<` arrives as `&lt;`), so every `<…>` is Slack's.
 */
export function strayAtName(text: string): string | null {
  const found = AT_NAME.exec(text.replace(SLACK_MARKUP, ' '))?.[0];
  return found ? found.replace(/[._-]+$/, '') : null;
}
