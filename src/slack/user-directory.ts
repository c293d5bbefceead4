import type { WebClient } from '@slack/web-api';
import type { UserDirectory, UserFacts } from '../app/context.js';

/** `users.info` → the few facts rules need (time zone for reminders, admin/owner for permissions) and a name. */
type SlackUser = NonNullable<Awaited<ReturnType<WebClient['users']['info']>>['user']>;

function factsOf(user: SlackUser): UserFacts {
  return {
    tz: user.tz ?? null,
    name: user.real_name || user.profile?.real_name || user.profile?.display_name || user.name || null,
    isAdmin: Boolean(user.is_admin || user.is_owner || user.is_primary_owner),
    isBot: Boolean(user.is_bot),
    deactivated: Boolean(user.deleted),
    locale: user.locale ?? null,
  };
}

/** Slack's answers about one person, not about the token or the connection: that person is not known. */
const ABOUT_ONE_PERSON = new Set(['user_not_found', 'user_not_visible']);

export function createUserDirectory(client: WebClient): UserDirectory {
  return {
    /** The person's facts; null when Slack knows no such person; throws when Slack can't be asked. */
    async fetch(userId) {
      try {
        const res = await client.users.info({ user: userId, include_locale: true });
        return res.user ? factsOf(res.user) : null;
      } catch (error) {
        const code = (error as { data?: { error?: unknown } } | null)?.data?.error;
        if (typeof code === 'string' && ABOUT_ONE_PERSON.has(code)) return null;
        throw error;
      }
    },
    async list() {
      const all = new Map<string, UserFacts>();
      // 200 a page, as Slack recommends; users.list is Tier 2 (20 a minute): a 4,000-person workspace is one minute.
      for (let cursor: string | undefined, page = 0; page === 0 || cursor; page++) {
        const res = await client.users.list({
          limit: 200,
          include_locale: true,
          ...(cursor ? { cursor } : {}),
        });
        for (const user of res.members ?? []) if (user.id) all.set(user.id, factsOf(user as SlackUser));
        cursor = res.response_metadata?.next_cursor || undefined;
      }
      return all;
    },
  };
}
