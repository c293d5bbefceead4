import type { WebClient } from '@slack/web-api';
import type { UserDirectory } from '../app/context.js';

/** `users.info` → the few facts rules need (time zone for reminders, admin/owner for permissions) and a name. */
export function createUserDirectory(client: WebClient): UserDirectory {
  return {
    async fetch(userId) {
      const res = await client.users.info({ user: userId, include_locale: true });
      const user = res.user;
      if (!user) return null;
      return {
        tz: user.tz ?? null,
        name: user.real_name || user.profile?.real_name || user.profile?.display_name || user.name || null,
        isAdmin: Boolean(user.is_admin || user.is_owner || user.is_primary_owner),
        isBot: Boolean(user.is_bot),
        locale: user.locale ?? null,
      };
    },
  };
}
