import { getCachedUser } from '../db/repositories/settings-repo.js';
import type { UserId } from '../domain/types.js';
import type { AppContext, UserDirectory, UserFacts } from './context.js';
import { freshUser, rememberLookup } from './user-cache.js';

/**
 * A person's facts: cached while fresh, else `users.info` (cached in turn). Says when Slack answered that it
 * knows no such person (`unknown`), unlike a look-up that failed, which leaves the cached facts or null.
 */
export async function personFacts(ctx: AppContext, userId: UserId): Promise<UserFacts | 'unknown' | null> {
  const now = ctx.clock.now();
  const db = ctx.handle.db;
  const fresh = freshUser(db, userId, now);
  if (fresh) return fresh.unknown ? 'unknown' : fresh;
  let fetched: UserFacts | null;
  try {
    fetched = await ctx.directory.fetch(userId);
  } catch {
    const cached = getCachedUser(db, userId);
    return cached?.unknown ? 'unknown' : cached;
  }
  rememberLookup(db, userId, fetched, now);
  return fetched ?? 'unknown';
}

/** A person's facts, or null when there are none (Slack knows no such person, or could not be asked). */
export async function userFacts(ctx: AppContext, userId: UserId): Promise<UserFacts | null> {
  const facts = await personFacts(ctx, userId);
  return facts === 'unknown' ? null : facts;
}

/**
 * Whether the person is known to have left, and how: their account is deactivated, or Slack knows them no
 * more. From the cache alone: no call to Slack, so it fits inside a transaction. Never looked up: null.
 */
export function leftHow(ctx: AppContext, userId: UserId): 'deactivated' | 'unknown' | null {
  const cached = getCachedUser(ctx.handle.db, userId);
  if (cached?.unknown) return 'unknown';
  return cached?.deactivated ? 'deactivated' : null;
}

/** Whether the person is known to have left (see leftHow). */
export function hasLeft(ctx: AppContext, userId: UserId): boolean {
  return leftHow(ctx, userId) !== null;
}

/** Admins: listed in CX_ADMINS, or workspace admins/owners per users.info. */
export async function isAdmin(ctx: AppContext, userId: UserId): Promise<boolean> {
  if (ctx.admins.has(userId)) return true;
  return (await userFacts(ctx, userId))?.isAdmin ?? false;
}

/** Where owner names for an export come from: the cache, and Slack when a directory is configured. */
export interface NameSource {
  handle: AppContext['handle'];
  now: Date;
  /**
   * `users.info`, or null without a bot token. Answers null for a person Slack does not know; throws when
   * Slack cannot be asked at all (unreachable, bad token, rate limited) — then nobody else is asked either.
   */
  directory: UserDirectory | null;
  concurrency?: number;
}

export interface Names {
  names: Map<UserId, string>;
  /** Why Slack was not asked (to the end): the first failure, once. */
  problem: string | null;
}

/**
 * People's names, e.g. for the CSV export: a cached name while fresh (the same cache and freshness as
 * userFacts), else `users.info`, whose answer is cached so the next export does not ask again. Without a
 * directory, or once Slack failed, an older cached name is better than none; no name at all is left out.
 */
export async function namesOf(source: NameSource, userIds: readonly UserId[]): Promise<Names> {
  const names = new Map<UserId, string>();
  const queue: UserId[] = [];
  let problem: string | null = null;
  const db = source.handle.db;
  for (const id of new Set(userIds)) {
    const cached = getCachedUser(db, id);
    if (cached?.name) names.set(id, cached.name);
    // Someone Slack no longer knows has no name to ask for: asked again only once the answer is stale.
    const fresh = freshUser(db, id, source.now);
    if (!(fresh && (fresh.name || fresh.unknown)) && source.directory) queue.push(id);
  }
  const directory = source.directory;
  if (!directory) return { names, problem };
  const lookUp = async (id: UserId) => {
    try {
      const fetched = await directory.fetch(id);
      rememberLookup(db, id, fetched, source.now);
      if (fetched?.name) names.set(id, fetched.name);
    } catch (error) {
      problem ??= error instanceof Error ? error.message : String(error);
    }
  };
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined && problem === null; id = queue.shift()) await lookUp(id);
  };
  // The first look-up alone: a token Slack refuses, or a Slack out of reach, costs one call, not one per person.
  const first = queue.shift();
  if (first !== undefined) await lookUp(first);
  // Then a few at a time: users.info is Tier 4 (about 100 a minute).
  await Promise.all(Array.from({ length: Math.max(1, source.concurrency ?? 4) }, worker));
  return { names, problem };
}
