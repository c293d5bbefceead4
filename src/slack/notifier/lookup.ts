import type { WebClient } from '@slack/web-api';
import type { OutboxEntry } from '../../domain/outbox.js';
import { CallFailed, GONE_ERRORS } from './errors.js';
import type { RateLimits } from './rate-limits.js';
import { EVENT_TYPE, type NotifierLogger } from './types.js';

/** Slack `ts` lower bound slack for history look-ups: clocks differ, and a claim precedes the post. */
const LOOKBACK_MARGIN_MS = 10 * 60_000;
const MAX_LOOKUP_PAGES = 10;

/** A post found in Slack, with every outbox key it covers (one, or all of a merged post's). */
export interface Found {
  channel: string;
  ts: string;
  keys: string[];
}

export interface Lookup {
  /**
   * The post carrying `entry.key` in `channel` (or the thread `threadTs`), or null when it is not there.
   * Throws CallFailed when the look-up itself could not be done: never guess "not there" then.
   */
  findPosted(entry: OutboxEntry, channel: string, threadTs: string | undefined): Promise<Found | null>;
}

/**
 * The outbox keys a message of ours covers: `event_payload.key` (every post has it; for a merged post it is
 * the head's, so code from before merging still finds that one) and a merged post's `keys` (space-separated).
 */
function keysOf(metadata: unknown): string[] {
  const meta = metadata as
    | { event_type?: unknown; event_payload?: { key?: unknown; keys?: unknown } }
    | undefined;
  if (meta?.event_type !== EVENT_TYPE) return [];
  const out = typeof meta.event_payload?.key === 'string' ? [meta.event_payload.key] : [];
  const more = meta.event_payload?.keys;
  if (typeof more === 'string') {
    for (const k of more.split(' ')) if (k !== '' && !out.includes(k)) out.push(k);
  }
  return out;
}

/**
 * "Was it already posted?": every post carries `metadata.event_payload.key` (a merged post also `keys`, every
 * entry it covers), so history tells.
 */
export function createLookup(deps: {
  client: WebClient;
  call: RateLimits['call'];
  logger: NotifierLogger;
  realNow?: () => number;
}): Lookup {
  const { client, call, logger } = deps;
  const realNow = deps.realNow ?? Date.now;
  const dmChannels = new Map<string, string>();

  async function conversationOf(channel: string): Promise<string> {
    if (!/^[UW]/.test(channel)) return channel;
    const cached = dmChannels.get(channel);
    if (cached) return cached;
    const res = await call('conversations.open', undefined, () =>
      client.conversations.open({ users: channel }),
    );
    const id = res.channel?.id;
    if (!id) throw new CallFailed('conversations.open', undefined, { kind: 'dead', error: 'no_channel_id' });
    dmChannels.set(channel, id);
    return id;
  }

  /**
   * Looks for the post carrying `entry.key` in the channel (or the thread) it was being sent to, from a
   * little before the attempt. The bound is taken from the clock but never after real now, so a clock
   * pinned in the future cannot hide a post that happened.
   */
  async function findPosted(
    entry: OutboxEntry,
    channel: string,
    threadTs: string | undefined,
  ): Promise<Found | null> {
    let conversation: string;
    try {
      conversation = await conversationOf(channel);
    } catch (err) {
      if (err instanceof CallFailed && err.failure.error === 'user_not_found') return null;
      throw err;
    }
    const attemptAt = entry.status === 'sending' ? entry.nextAttemptAt : entry.createdAt;
    const oldestMs = Math.min(attemptAt.getTime(), realNow()) - LOOKBACK_MARGIN_MS;
    const oldest = (Math.max(0, oldestMs) / 1000).toFixed(6);
    let cursor: string | undefined;
    for (let page = 0; page < MAX_LOOKUP_PAGES; page++) {
      const common = { channel: conversation, oldest, include_all_metadata: true, limit: 200, cursor };
      let res: Awaited<ReturnType<typeof client.conversations.history>>;
      try {
        res = threadTs
          ? await call('conversations.replies', undefined, () =>
              client.conversations.replies({ ...common, ts: threadTs }),
            )
          : await call('conversations.history', undefined, () => client.conversations.history(common));
      } catch (err) {
        // A channel or thread that no longer exists holds no post anyone can see: nothing to double.
        if (err instanceof CallFailed && GONE_ERRORS.has(err.failure.error)) return null;
        throw err;
      }
      for (const m of res.messages ?? []) {
        const keys = keysOf(m.metadata);
        if (keys.includes(entry.key) && m.ts) return { channel: conversation, ts: m.ts, keys };
      }
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!cursor) return null;
    }
    logger.warn(
      { key: entry.key, kind: entry.kind, pages: MAX_LOOKUP_PAGES },
      `outbox: gave up looking for ${entry.key}; treating it as unsent`,
    );
    return null;
  }
  return { findPosted };
}
