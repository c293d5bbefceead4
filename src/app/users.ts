import { getCachedUser, putCachedUser } from '../db/repositories/settings-repo.js';
import type { UserId } from '../domain/types.js';
import type { AppContext, UserFacts } from './context.js';

/** users.info answers are kept this long; time zones and admin flags rarely change. */
const CACHE_MS = 12 * 60 * 60 * 1000;

export async function userFacts(ctx: AppContext, userId: UserId): Promise<UserFacts | null> {
  const now = ctx.clock.now();
  const cached = getCachedUser(ctx.handle.db, userId);
  if (cached && now.getTime() - cached.fetchedAt.getTime() < CACHE_MS) return cached;
  const fetched = await ctx.directory.fetch(userId).catch(() => null);
  if (!fetched) return cached;
  putCachedUser(ctx.handle.db, { userId, ...fetched, fetchedAt: now });
  return fetched;
}

/** Admins: listed in CX_ADMINS, or workspace admins/owners per users.info. */
export async function isAdmin(ctx: AppContext, userId: UserId): Promise<boolean> {
  if (ctx.admins.has(userId)) return true;
  return (await userFacts(ctx, userId))?.isAdmin ?? false;
}
