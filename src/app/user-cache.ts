import type { Executor } from '../db/client.js';
import { type CachedUser, getCachedUser, putCachedUser } from '../db/repositories/settings-repo.js';
import type { UserId } from '../domain/types.js';
import type { UserFacts } from './context.js';

/** users.info answers are kept this long; time zones and admin flags rarely change. */
export const USER_CACHE_MS = 12 * 60 * 60 * 1000;

/** The cached entry of a person while it is fresh enough to answer for Slack, else null. */
export function freshUser(db: Executor, userId: UserId, now: Date): CachedUser | null {
  const cached = getCachedUser(db, userId);
  return cached && now.getTime() - cached.fetchedAt.getTime() < USER_CACHE_MS ? cached : null;
}

/**
 * Keeps what users.info answered: the person's facts, or (null) that Slack knows no such person any more.
 * That answer is kept too, as someone who left (their work shows as needing a new owner, and Slack is not
 * asked again until it is stale); the name they had is kept for exports.
 */
export function rememberLookup(db: Executor, userId: UserId, fetched: UserFacts | null, now: Date): void {
  putCachedUser(
    db,
    fetched
      ? { userId, ...fetched, unknown: false, fetchedAt: now }
      : { userId, tz: null, isAdmin: false, isBot: false, deactivated: true, unknown: true, fetchedAt: now },
  );
}
