import { CallFailed, classifyError } from './errors.js';

export interface RateLimits {
  /** Runs one Web API call unless its method (or channel) is paused; a failure becomes a CallFailed. */
  call<T>(method: string, channel: string | undefined, run: () => Promise<T>): Promise<T>;
  /** How long posts to `channel` must still wait (ms, real time), 0 when they may go. */
  postPause(channel: string): number;
}

/**
 * Rate-limit lanes: pauses after a 429, real time (the injected clock may be pinned), kept in memory — a
 * restart simply tries again once.
 */
export function createRateLimits(realNow: () => number = Date.now): RateLimits {
  /** Rate-limit pauses, real time: `chat.postMessage:<channel>` or a whole method. */
  const pauses = new Map<string, number>();
  const lastLimited = new Map<string, { channel: string | undefined; at: number }>();

  const pausedFor = (key: string): number => {
    const until = pauses.get(key);
    if (until === undefined) return 0;
    const left = until - realNow();
    if (left <= 0) pauses.delete(key);
    return Math.max(0, left);
  };

  const postPause = (channel: string) =>
    Math.max(pausedFor('chat.postMessage'), pausedFor(`chat.postMessage:${channel}`));

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
    try {
      return await run();
    } catch (err) {
      const failure = classifyError(err);
      if (failure.kind === 'rate_limited') rateLimited(method, channel, failure.retryAfterMs);
      throw new CallFailed(method, channel, failure);
    }
  }
  return { call, postPause };
}
