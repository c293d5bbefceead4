import type { Clock } from '../../clock.js';
import type { OutboxEntry, OutboxPort } from '../../domain/outbox.js';
import type { Failure } from './errors.js';
import type { Leases } from './leases.js';
import type { Found } from './lookup.js';
import type { Outcomes } from './outcomes.js';
import type { NotifierLogger, NotifierOptions, RenderedMessage, Target } from './types.js';

/**
 * At most this many entries share one post. Ten wins are at most 31 blocks (a heading, then per win its line
 * and its note, per initiative its progress), well inside Slack's 50 per message, and each section holds one
 * win's line (a few hundred characters, far from the 3,000 a section may hold). Ten lines is also about
 * what a busy reader takes in at a glance; a longer burst becomes a post per ten.
 */
export const MERGE_MAX = 10;

/** A claimed post: the head, the entries that go with it, and the message saying them all. */
export interface ClaimedPost {
  followers: OutboxEntry[];
  rendered: RenderedMessage;
}

export interface Merging {
  /**
   * Claims `head` for its post, together with the entries queued right behind it that may share it (all in
   * one transaction). Null when someone else has the head. The followers are held (leases renewed) until
   * `done`.
   */
  claim(
    head: OutboxEntry,
    ready: OutboxEntry,
    single: RenderedMessage,
    target: Target,
    headLookedUp: boolean,
  ): ClaimedPost | null;
  /** The post's metadata payload: the head's key (as every post has), and a merged post's every key. */
  payload(head: OutboxEntry, post: ClaimedPost): { key: string; keys?: string };
  /** The post went out: head and followers recorded sent (same channel and ts), in one transaction. */
  sent(head: OutboxEntry, post: ClaimedPost, at: { channel: string; ts: string }): void;
  /** The post failed; the head's outcome is recorded by the caller. See the comment inside on the followers. */
  failed(post: ClaimedPost, failure: Failure): void;
  /** Stops holding the followers (after `sent` or `failed`, or an unexpected error that left them claimed). */
  done(post: ClaimedPost): void;
  /**
   * A look-up found `entry`'s post: recorded, and with it every other unfinished entry the post covers (a
   * merged post), so none of them is posted again or looked up one by one.
   */
  recordFound(entry: OutboxEntry, found: Found): void;
}

/**
 * Delivery-time merging: when a lane's head is mergeable (a win) and more like it are queued right behind it
 * (pending, due, not claimed, none in doubt), they go as one post. Slack takes about one post per second per
 * channel, so a burst of wins (a team closing out many actions at once) would otherwise fill the channel with
 * near-identical posts, wait out 429s, and cost a Web API call and two outbox transactions each.
 *
 * Metrics: `cx_slack_api_calls_total` counts Web API calls, so a merged post counts once (what Slack sees);
 * the outbox gauges count entries, so each win still counts until it is sent.
 */
export function createMerging(deps: {
  outbox: OutboxPort;
  merge: NotifierOptions['merge'];
  clock: Clock;
  logger: NotifierLogger;
  self: string;
  leases: Leases;
  outcomes: Outcomes;
  wallNow: () => number;
}): Merging {
  const { outbox, merge, clock, logger, self, leases, outcomes, wallNow } = deps;

  /**
   * The run of entries right behind `head` that may share its post, in lane order. `headLookedUp`: this
   * delivery has just looked for the head's post and found none (see below on entries in doubt).
   */
  function followersOf(head: OutboxEntry, target: Target, headLookedUp: boolean): OutboxEntry[] {
    if (!merge || target.threadTs !== undefined || head.threadOf !== undefined || !merge.mergeable(head)) {
      return [];
    }
    const now = clock.now().getTime();
    const out: OutboxEntry[] = [];
    // Stops at the first entry that cannot go now, so order within the lane (and between kinds) is kept.
    for (const e of outbox.behind(head, MERGE_MAX - 1)) {
      if (e.kind !== head.kind || e.threadOf !== undefined || !merge.mergeable(e)) break;
      if (e.status !== 'pending' || e.nextAttemptAt.getTime() > now) break;
      // In doubt (`sentChannel` set): it must be looked up before anything posts it again. The head's look-up
      // just now settles it: a merged post is a head and the unbroken run behind it, so any post that covers
      // this entry also covers the head (lower id, still unfinished) and names its key, and there is none.
      if (e.sentChannel !== null && !headLookedUp) break;
      if (leases.holds(e.id) || outcomes.waitOf(e)) break;
      out.push(e);
    }
    return out;
  }

  function renderGroup(entries: readonly OutboxEntry[]): RenderedMessage | null {
    try {
      return merge?.render(entries) ?? null;
    } catch (err) {
      logger.error(
        { key: entries[0]?.key, count: entries.length, err },
        'outbox: rendering a merged post threw',
      );
      return null;
    }
  }

  function claim(
    head: OutboxEntry,
    ready: OutboxEntry,
    single: RenderedMessage,
    target: Target,
    headLookedUp: boolean,
  ): ClaimedPost | null {
    let followers = followersOf(head, target, headLookedUp);
    let rendered = followers.length > 0 ? renderGroup([ready, ...followers]) : null;
    if (!rendered) {
      const mine = outbox.markSending(head.id, clock.now(), target.channel, leases.claim());
      return mine ? { followers: [], rendered: single } : null;
    }
    const ids = [head.id, ...followers.map((f) => f.id)];
    const claimed = outbox.markSendingGroup(ids, clock.now(), target.channel, leases.claim());
    if (claimed === 0) return null;
    if (claimed < ids.length) {
      // Another deliverer took one of them meanwhile: the post says only the run that is ours.
      followers = followers.slice(0, claimed - 1);
      rendered = followers.length > 0 ? renderGroup([ready, ...followers]) : single;
      if (!rendered) {
        outbox.releaseGroup(
          followers.map((f) => f.id),
          self,
        );
        followers = [];
        rendered = single;
      }
    }
    for (const f of followers) leases.hold(f.id);
    return { followers, rendered };
  }

  return {
    claim,
    payload(head, post) {
      if (post.followers.length === 0) return { key: head.key };
      // One string, the keys separated by spaces (win keys hold none): every metadata value type Slack
      // documents takes a string, while a list of strings is not among @slack/types's payload values.
      return { key: head.key, keys: [head.key, ...post.followers.map((f) => f.key)].join(' ') };
    },
    sent(head, post, at) {
      if (post.followers.length === 0) {
        outbox.markSent(head.id, at, clock.now(), self);
      } else {
        outbox.markSentGroup([head.id, ...post.followers.map((f) => f.id)], at, clock.now(), self);
        for (const f of post.followers) outcomes.forget(f.id);
        logger.debug(
          { key: head.key, kind: head.kind, merged: post.followers.length + 1, channel: at.channel },
          `outbox: posted ${head.key} and ${post.followers.length} more as one`,
        );
      }
      outcomes.forget(head.id);
    },
    failed(post, failure) {
      if (post.followers.length === 0) return;
      // The head gets the usual outcome (retry, hold, give up). The followers did nothing wrong: back to
      // pending, their claim's attempt refunded, to go (or merge again) behind the head. Unless the post may
      // have reached Slack (a 5xx, a timeout): then they keep the doubt like the head, so each is looked up
      // (and found by the post's `keys`) before anything posts it again, and the look-up that finds the post
      // records them all (recordFound): a post that may exist is never followed by a second one for them.
      const doubt = failure.kind === 'transient' && failure.maybeSent;
      outbox.releaseGroup(
        post.followers.map((f) => f.id),
        self,
        doubt ? { error: failure.error } : undefined,
      );
    },
    done(post) {
      for (const f of post.followers) leases.release(f.id);
    },
    recordFound(entry, found) {
      const at = { channel: found.channel, ts: found.ts };
      if (found.keys.length <= 1) {
        outbox.markSent(entry.id, at, clock.now(), self);
        return;
      }
      const keys = found.keys.includes(entry.key) ? found.keys : [entry.key, ...found.keys];
      const recorded = outbox.markCoveredSent(keys, at, clock.now(), self, wallNow());
      logger.info(
        { key: entry.key, kind: entry.kind, covers: keys.length, recorded, channel: at.channel, ts: at.ts },
        `outbox: ${entry.key} was posted with ${keys.length - 1} more; recorded ${recorded}`,
      );
    },
  };
}
