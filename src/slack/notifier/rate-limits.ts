import { CallFailed, classifyError } from './errors.js';

/**
 * Posts per channel that the notifier allows itself ahead of Slack's 429s: chat.postMessage "will generally
 * allow an app to post 1 message per second to a specific channel", with short bursts. A token bucket:
 * `burst` posts at once, then `perSecond`.
 */
export interface PostPace {
  perSecond: number;
  burst: number;
}

/**
 * Slack's documented sustained rate; the burst is our assumption (Slack grants "generous" bursts without a
 * number), the same as the emulator's. A thread reply counts for its channel like any post.
 */
export const SLACK_POST_PACE: PostPace = { perSecond: 1, burst: 4 };

export interface RateLimits {
  /** Runs one Web API call unless its method (or channel) is paused; a failure becomes a CallFailed. */
  call<T>(method: string, channel: string | undefined, run: () => Promise<T>): Promise<T>;
  /** How long posts to `channel` must still wait (ms, real time), 0 when they may go. */
  postPause(channel: string): number;
}

/**
 * Rate-limit lanes: pauses after a 429, real time (the injected clock may be pinned), kept in memory — a
 * restart simply tries again once. With a `pace`, posts to one channel also keep to it before Slack has to
 * refuse any: a burst of wins then waits and goes as one post (merge.ts) instead of a row of 429s, each a
 * refused call followed by a pause. `pace` null: only 429s slow posts down (the sandbox, whose Slack has no
 * limits and whose time travel would otherwise wait real seconds for every channel's burst).
 */
export function createRateLimits(
  realNow: () => number = Date.now,
  pace: PostPace | null = SLACK_POST_PACE,
): RateLimits {
  /** Rate-limit pauses, real time: `chat.postMessage:<channel>` or a whole method. */
  const pauses = new Map<string, number>();
  const lastLimited = new Map<string, { channel: string | undefined; at: number }>();
  /**
   * Per channel: the posts it may still take at once (`tokens`), refilled from `at` (real time) while none is on
   * its way (`flying`). A post takes one when it leaves, and the time it spends on its way earns nothing: Slack's
   * bucket counts from when the post arrived, so ours never credits a moment Slack's has not, and keeping to
   * ours earns no 429 where we are the only ones posting.
   */
  const buckets = new Map<string, { tokens: number; at: number; flying: number }>();

  /** The channel's bucket refilled up to `now`; null when it is full (forgotten then: busy channels only). */
  const refilled = (channel: string, now: number) => {
    const b = buckets.get(channel);
    if (!pace || !b) return null;
    if (b.flying > 0) return b;
    b.tokens = Math.min(pace.burst, b.tokens + (Math.max(0, now - b.at) * pace.perSecond) / 1000);
    b.at = Math.max(b.at, now);
    if (b.tokens < pace.burst) return b;
    buckets.delete(channel);
    return null;
  };
  /** How long until the channel may take a post (ms). */
  const pacedFor = (channel: string): number => {
    const b = refilled(channel, realNow());
    return !pace || !b || b.tokens >= 1 ? 0 : Math.ceil(((1 - b.tokens) * 1000) / pace.perSecond);
  };
  /** A post to the channel leaves. */
  const take = (channel: string) => {
    if (!pace) return;
    const now = realNow();
    const b = refilled(channel, now) ?? { tokens: pace.burst, at: now, flying: 0 };
    b.tokens -= 1;
    b.flying += 1;
    buckets.set(channel, b);
  };
  /** Its answer is back: refilling starts again from now. */
  const arrived = (channel: string) => {
    const b = buckets.get(channel);
    if (!b) return;
    b.flying -= 1;
    if (b.flying === 0) b.at = Math.max(b.at, realNow());
  };

  const pausedFor = (key: string): number => {
    const until = pauses.get(key);
    if (until === undefined) return 0;
    const left = until - realNow();
    if (left <= 0) pauses.delete(key);
    return Math.max(0, left);
  };

  const postPause = (channel: string) =>
    Math.max(pausedFor('chat.postMessage'), pausedFor(`chat.postMessage:${channel}`), pacedFor(channel));

  /**
   * chat.postMessage is limited per channel, so a 429 pauses that channel only — unless 429s come from two
   * channels within one Retry-After: then the workspace cap is hit and the whole method waits, so we never
   * hammer Slack with one doomed call per lane. Other methods are limited per method (tiers).
   */
  function rateLimited(method: string, channel: string | undefined, retryAfterMs: number): void {
    const now = realNow();
    const until = now + retryAfterMs;
    const pause = (key: string) => pauses.set(key, Math.max(pauses.get(key) ?? 0, until));
    if (method === 'chat.postMessage' && channel !== undefined) {
      pause(`chat.postMessage:${channel}`);
      const last = lastLimited.get(method);
      if (last && last.channel !== channel && now - last.at < retryAfterMs) pause(method);
      lastLimited.set(method, { channel, at: now });
    } else {
      pause(method);
    }
  }

  async function call<T>(method: string, channel: string | undefined, run: () => Promise<T>): Promise<T> {
    const waitMs = method === 'chat.postMessage' && channel ? postPause(channel) : pausedFor(method);
    if (waitMs > 0) {
      throw new CallFailed(method, channel, { kind: 'rate_limited', error: 'paused', retryAfterMs: waitMs });
    }
    const paced = method === 'chat.postMessage' && channel ? channel : null;
    if (paced) take(paced);
    try {
      return await run();
    } catch (err) {
      const failure = classifyError(err);
      if (failure.kind === 'rate_limited') rateLimited(method, channel, failure.retryAfterMs);
      throw new CallFailed(method, channel, failure);
    } finally {
      if (paced) arrived(paced);
    }
  }
  return { call, postPause };
}
