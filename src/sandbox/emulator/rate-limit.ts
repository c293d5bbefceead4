import { METHODS, type MethodName, TIER_PER_MINUTE } from './methods.js';

export interface RateLimitOptions {
  /** Multiplies every window (0.01 → a "minute" lasts 600 ms). Default 1. */
  scale?: number;
  /** Per-method override of calls per (scaled) minute. */
  perMinute?: Partial<Record<string, number>>;
  /** chat.postMessage sustained rate per channel, messages per (scaled) second. Default 1. */
  postMessagePerChannelPerSecond?: number;
  /** chat.postMessage burst allowance per channel. Default 4. */
  postMessageBurst?: number;
  /** chat.postMessage cap across the workspace, per (scaled) minute. Default 300. */
  postMessageWorkspacePerMinute?: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSec: number };

interface Bucket {
  tokens: number;
  at: number;
}

/** Retry-After is whole seconds (web-api parses it with parseInt); never less than 1. */
const toRetryAfter = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

export class RateLimiter {
  private readonly windows = new Map<string, number[]>();
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly opts: RateLimitOptions = {}) {}

  private get scale(): number {
    return this.opts.scale ?? 1;
  }

  reset(): void {
    this.windows.clear();
    this.buckets.clear();
  }

  /** Sliding window: `limit` calls within `windowMs`. Records the call when allowed. */
  private slide(key: string, limit: number, windowMs: number, now: number): RateDecision {
    const log = (this.windows.get(key) ?? []).filter((t) => t > now - windowMs);
    this.windows.set(key, log);
    if (log.length >= limit) {
      const oldest = log[log.length - limit] ?? now;
      return { ok: false, retryAfterSec: toRetryAfter(oldest + windowMs - now) };
    }
    return { ok: true };
  }

  private record(key: string, now: number): void {
    const log = this.windows.get(key) ?? [];
    log.push(now);
    this.windows.set(key, log);
  }

  check(method: MethodName, now: number, channel?: string): RateDecision {
    const minute = 60_000 * this.scale;
    if (method === 'chat.postMessage') {
      const wsLimit = this.opts.postMessageWorkspacePerMinute ?? 300;
      const ws = this.slide('chat.postMessage:workspace', wsLimit, minute, now);
      if (!ws.ok) return ws;
      const rate = (this.opts.postMessagePerChannelPerSecond ?? 1) / (1000 * this.scale); // tokens per ms
      const burst = this.opts.postMessageBurst ?? 4;
      const key = `chat.postMessage:${channel ?? '?'}`;
      const b = this.buckets.get(key) ?? { tokens: burst, at: now };
      b.tokens = Math.min(burst, b.tokens + (now - b.at) * rate);
      b.at = now;
      this.buckets.set(key, b);
      if (b.tokens < 1) return { ok: false, retryAfterSec: toRetryAfter((1 - b.tokens) / rate) };
      b.tokens -= 1;
      this.record('chat.postMessage:workspace', now);
      return { ok: true };
    }
    const limit = this.opts.perMinute?.[method] ?? TIER_PER_MINUTE[METHODS[method].tier];
    const d = this.slide(method, limit, minute, now);
    if (d.ok) this.record(method, now);
    return d;
  }
}
