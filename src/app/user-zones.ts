import { getCachedUser } from '../db/repositories/settings-repo.js';
import { isValidTimeZone } from '../domain/dates.js';
import type { UserId } from '../domain/types.js';
import type { AppContext, UserFacts } from './context.js';
import { freshUser, rememberLookup } from './user-cache.js';

const MAX_ATTEMPTS = 6;
/** A single Retry-After longer than this is not waited out: the zone falls back for this run. */
const MAX_WAIT_MS = 60_000;

/** Seconds to wait, when a failed look-up was rate limited (Slack's 429 carries Retry-After). */
function retryAfterMs(error: unknown): number | null {
  const seconds = (error as { retryAfter?: unknown } | null)?.retryAfter;
  return typeof seconds === 'number' && Number.isFinite(seconds) ? Math.max(1, seconds) * 1000 : null;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * A person's own time zone (`users.info` tz, cached like userFacts), else CX_TIMEZONE. Unlike userFacts
 * it waits out rate limits (real time: the injected clock may stand still), because a wrong zone would
 * send a reminder at the wrong hour; after several failures it falls back to the cache, then CX_TIMEZONE.
 */
export async function zoneOf(ctx: AppContext, userId: UserId, signal?: AbortSignal): Promise<string> {
  const now = ctx.clock.now();
  const usable = (tz: string | null | undefined) => (tz && isValidTimeZone(tz) ? tz : ctx.timeZone);
  const fresh = freshUser(ctx.handle.db, userId, now);
  if (fresh) return usable(fresh.tz);
  const cached = getCachedUser(ctx.handle.db, userId);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS && !signal?.aborted; attempt++) {
    try {
      const facts = await ctx.directory.fetch(userId);
      rememberLookup(ctx.handle.db, userId, facts, now);
      if (!facts) break;
      return usable(facts.tz);
    } catch (error) {
      const wait = retryAfterMs(error);
      if (wait === null || wait > MAX_WAIT_MS) break;
      await sleep(wait, signal);
    }
  }
  return usable(cached?.tz);
}

/** Zones of many people, a few look-ups at a time (users.info is Tier 4, about 100 a minute). */
export async function zonesOf(
  ctx: AppContext,
  userIds: readonly UserId[],
  signal?: AbortSignal,
  concurrency = 4,
): Promise<Map<UserId, string>> {
  const zones = new Map<UserId, string>();
  const queue = [...new Set(userIds)];
  await fillFromList(ctx, queue, signal);
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined && !signal?.aborted; id = queue.shift()) {
      zones.set(id, await zoneOf(ctx, id, signal));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return zones;
}

/** From this many people without a fresh cache entry, one users.list pass beats a users.info each. */
const LIST_FROM = 20;

/**
 * Caches the facts of `userIds` from one `users.list` pass when many are stale (500 reminder owners: 3 calls
 * instead of 500 users.info, which Slack allows 100 a minute). Anyone it misses, or everyone when it fails,
 * is still looked up one by one.
 */
export async function fillFromList(
  ctx: AppContext,
  userIds: readonly UserId[],
  signal?: AbortSignal,
): Promise<void> {
  if (!ctx.directory.list || signal?.aborted) return;
  const now = ctx.clock.now();
  const stale = userIds.filter((id) => !freshUser(ctx.handle.db, id, now));
  if (stale.length < LIST_FROM) return;
  let everyone: Map<UserId, UserFacts> | null = null;
  for (let attempt = 1; attempt <= 3 && !everyone && !signal?.aborted; attempt++) {
    try {
      everyone = await ctx.directory.list();
    } catch (error) {
      const wait = retryAfterMs(error);
      if (wait === null || wait > MAX_WAIT_MS) return;
      await sleep(wait, signal);
    }
  }
  if (!everyone) return;
  for (const id of stale) {
    const facts = everyone.get(id);
    if (facts) rememberLookup(ctx.handle.db, id, facts, now);
  }
}
