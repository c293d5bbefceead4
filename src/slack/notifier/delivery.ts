import type { ChatPostMessageArguments, ChatUpdateArguments, WebClient } from '@slack/web-api';
import type { Clock } from '../../clock.js';
import { deferredUntil, isExpired, type OutboxEntry, type OutboxPort } from '../../domain/outbox.js';
import { CallFailed, type Failure, HELD_ERRORS } from './errors.js';
import type { Leases } from './leases.js';
import type { Lookup } from './lookup.js';
import type { ClaimedPost, Merging } from './merge.js';
import type { Outcomes } from './outcomes.js';
import type { Pacing } from './paced.js';
import type { RateLimits } from './rate-limits.js';
import type { Recovery } from './recovery.js';
import {
  EVENT_TYPE,
  type NotifierLogger,
  type NotifierOptions,
  type RenderedMessage,
  type Target,
} from './types.js';

type Plan =
  | { do: 'deliver'; entry: OutboxEntry; target: Target }
  | { do: 'finish'; entry: OutboxEntry; status: 'held' | 'dead'; error: string }
  | { do: 'wait'; ms: number; retry: boolean; untilWorkingHours?: true; paced?: true }
  | { do: 'skip' };

export interface RunResult {
  /** Shortest real wait before a retry (or the end of a rate-limit pause) can go ahead. */
  retryWaitMs: number | null;
  /** Shortest real wait before anything at all, held retries included. */
  anyWaitMs: number | null;
}

const PAGE = 200;

export interface Delivery {
  /** One sweep over every lane head (and abandoned `sending` rows). Returns how many progressed, and the next waits. */
  pass(): Promise<{ progressed: number } & RunResult>;
}

/**
 * The delivery loop: plans each lane head (wait, hold, give up, or deliver), delivers the ready ones through
 * a small pool, looking before re-posting anything that may already be there.
 */
export function createDelivery(deps: {
  client: WebClient;
  outbox: OutboxPort;
  render: NotifierOptions['render'];
  reactionsOf: NotifierOptions['reactionsOf'];
  updatesParent: NotifierOptions['updatesParent'];
  prepare?: NotifierOptions['prepare'];
  clock: Clock;
  logger: NotifierLogger;
  self: string;
  concurrency: number;
  backoffCapMs: number;
  limits: RateLimits;
  lookup: Lookup;
  leases: Leases;
  outcomes: Outcomes;
  recovery: Recovery;
  merging: Merging;
  stopped: () => boolean;
  /** What the last pass learnt of lanes waiting for their channel's pace (./paced.ts). */
  pacing: Pacing;
}): Delivery {
  const {
    client,
    outbox,
    render,
    reactionsOf,
    updatesParent,
    clock,
    logger,
    self,
    concurrency,
    backoffCapMs,
  } = deps;
  const { limits, lookup, leases, outcomes, recovery, merging, stopped, pacing } = deps;

  function plan(entry: OutboxEntry): Plan {
    if (leases.holds(entry.id)) return { do: 'skip' };
    const waiting = outcomes.waitOf(entry);
    if (waiting) return { do: 'wait', ...waiting };
    // Kept to working hours and outside them now (it came due late): asked again by each pass, on the
    // injected clock, so time travel and a restart both find it due at 09:30. It keeps its place at the
    // head of its lane, but what queues behind it may go meanwhile (see `overtaker`).
    const now = clock.now();
    const resume = deferredUntil(entry, now);
    if (resume)
      return { do: 'wait', ms: resume.getTime() - now.getTime(), retry: false, untilWorkingHours: true };

    let target: Target;
    if (entry.threadOf !== undefined) {
      const parent = outbox.findByKey(entry.threadOf);
      if (!parent) return { do: 'finish', entry, status: 'dead', error: `parent_missing: ${entry.threadOf}` };
      if (parent.status === 'dead') {
        return { do: 'finish', entry, status: 'dead', error: `parent_dead: ${entry.threadOf}` };
      }
      // Waits for its parent; the run that sends the parent comes back for it.
      if (parent.status !== 'sent' || !parent.sentChannel || !parent.sentTs) return { do: 'skip' };
      target = { channel: parent.sentChannel, threadTs: parent.sentTs };
    } else if (entry.recipient.type === 'binding') {
      const channel = outbox.resolveBinding(entry.recipient.key);
      if (!channel) return { do: 'finish', entry, status: 'held', error: 'not_bound' };
      target = { channel };
    } else {
      target = { channel: entry.recipient.id };
    }
    const paused = limits.postPause(target.channel);
    if (paused > 0) return { do: 'wait', ms: paused, retry: true, paced: true };
    return { do: 'deliver', entry, target };
  }

  /**
   * Adds reactions to the entry's thread parent. Adding one that is there already answers `already_reacted`,
   * which counts as done, so a retry (or a recovery after a crash) simply adds them all again: nothing to
   * look for first, and nothing is ever doubled. Recorded as sent on the parent's channel and ts.
   */
  async function addReactions(entry: OutboxEntry, target: Target, names: readonly string[]): Promise<void> {
    const ts = target.threadTs;
    if (ts === undefined) {
      outcomes.fail(entry, { kind: 'dead', error: 'reactions_without_parent' }, false);
      return;
    }
    if (!outbox.markSending(entry.id, clock.now(), target.channel, leases.claim())) return;
    try {
      for (const name of names) {
        await limits
          .call('reactions.add', undefined, () =>
            client.reactions.add({ channel: target.channel, timestamp: ts, name }),
          )
          .catch((err: unknown) => {
            if (!(err instanceof CallFailed && err.failure.error === 'already_reacted')) throw err;
          });
      }
      outbox.markSent(entry.id, { channel: target.channel, ts }, clock.now(), self);
      outcomes.forget(entry.id);
    } catch (err) {
      if (!(err instanceof CallFailed)) throw err;
      const failure = err.failure.kind === 'transient' ? { ...err.failure, maybeSent: false } : err.failure;
      outcomes.fail(entry, failure, true, err.method);
    }
  }

  /**
   * Rewrites the entry's thread parent in place with the entry's rendering. chat.update of the same content
   * twice changes nothing, so a retry (or a recovery after a crash) simply updates again. The parent keeps
   * its own key in its metadata, so it is still found by it. Recorded as sent on the parent's channel and ts.
   */
  async function updateParent(entry: OutboxEntry, target: Target): Promise<void> {
    const ts = target.threadTs;
    let rendered: RenderedMessage | null = null;
    try {
      rendered = ts === undefined ? null : render(entry);
    } catch (err) {
      logger.error({ key: entry.key, kind: entry.kind, err }, `outbox: rendering ${entry.key} threw`);
    }
    if (ts === undefined || !rendered) {
      outcomes.fail(entry, { kind: 'dead', error: `unrenderable_update: ${entry.kind}` }, false);
      return;
    }
    if (!outbox.markSending(entry.id, clock.now(), target.channel, leases.claim())) return;
    try {
      const args = {
        channel: target.channel,
        ts,
        text: rendered.text,
        ...(rendered.blocks ? { blocks: rendered.blocks } : {}),
        metadata: { event_type: EVENT_TYPE, event_payload: { key: entry.threadOf } },
      } as ChatUpdateArguments;
      await limits.call('chat.update', undefined, () => client.chat.update(args));
      outbox.markSent(entry.id, { channel: target.channel, ts }, clock.now(), self);
      outcomes.forget(entry.id);
    } catch (err) {
      if (!(err instanceof CallFailed)) throw err;
      const failure = err.failure.kind === 'transient' ? { ...err.failure, maybeSent: false } : err.failure;
      outcomes.fail(entry, failure, true, err.method);
    }
  }

  async function deliver(entry: OutboxEntry, target: Target): Promise<void> {
    const reactions = reactionsOf?.(entry);
    if (reactions) return addReactions(entry, target, reactions);
    if (updatesParent?.(entry)) return updateParent(entry, target);
    let post: ClaimedPost | null = null;
    try {
      // An earlier attempt may have reached Slack: look before posting again.
      if (entry.sentChannel !== null) {
        const found = await lookup.findPosted(entry, entry.sentChannel, target.threadTs);
        if (found) {
          merging.recordFound(entry, found);
          logger.info(
            { key: entry.key, kind: entry.kind, channel: found.channel, ts: found.ts },
            `outbox: ${entry.key} was already posted; recorded it`,
          );
          return;
        }
      }
      // Not posted, and too late to be worth saying (a reminder after its owner's working day): dropped,
      // never delivered late. Checked only now, as a row in doubt may have reached Slack in time.
      if (isExpired(entry, clock.now())) {
        if (outbox.markExpired(entry.id)) {
          outcomes.forget(entry.id);
          logger.info(
            { key: entry.key, kind: entry.kind, deliverBy: entry.deliverBy?.toISOString() },
            `outbox: ${entry.key} expired undelivered`,
          );
        }
        return;
      }

      let ready = entry;
      if (deps.prepare) {
        ready = await deps.prepare(entry).catch((err: unknown) => {
          logger.error({ key: entry.key, kind: entry.kind, err }, `outbox: preparing ${entry.key} threw`);
          return entry;
        });
      }
      let rendered: RenderedMessage | null;
      try {
        rendered = render(ready);
      } catch (err) {
        rendered = null;
        logger.error({ key: entry.key, kind: entry.kind, err }, `outbox: rendering ${entry.key} threw`);
      }
      if (!rendered) {
        outcomes.fail(entry, { kind: 'dead', error: `unrenderable: ${entry.kind}` }, false);
        return;
      }

      // Claimed with the wins queued right behind it, if any (merge.ts); null: someone else has it.
      post = merging.claim(entry, ready, rendered, target, entry.sentChannel !== null);
      if (!post) return;

      // A merged post's `keys`: every key it covers, space-separated (merge.ts).
      const metadata = { event_type: EVENT_TYPE, event_payload: merging.payload(entry, post) };
      const args = {
        channel: target.channel,
        text: post.rendered.text,
        ...(post.rendered.blocks ? { blocks: post.rendered.blocks } : {}),
        ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
        metadata,
      } as ChatPostMessageArguments;
      const res = await limits.call('chat.postMessage', target.channel, () => client.chat.postMessage(args));
      if (!res.ts) {
        throw new CallFailed('chat.postMessage', target.channel, {
          kind: 'transient',
          error: 'no_ts_in_answer',
          maybeSent: true,
        });
      }
      merging.sent(entry, post, { channel: res.channel ?? target.channel, ts: res.ts });
      if (entry.status === 'held' || (entry.lastError !== null && HELD_ERRORS.has(entry.lastError))) {
        logger.warn(
          { key: entry.key, kind: entry.kind, heldFor: entry.lastError },
          `outbox: released ${entry.key}: delivered after being held`,
        );
      }
    } catch (err) {
      if (!(err instanceof CallFailed)) throw err;
      const ownPost = post !== null && err.method === 'chat.postMessage';
      // Unable to check on an earlier attempt: never post blindly; keep it and let a human look.
      const failure: Failure =
        !ownPost && (err.failure.kind === 'dead' || err.failure.kind === 'held')
          ? { kind: 'held', error: `lookup_failed: ${err.failure.error}` }
          : err.failure;
      outcomes.fail(entry, failure, ownPost, err.method);
      if (post && ownPost) merging.failed(post, failure);
    } finally {
      if (post) merging.done(post);
    }
  }

  async function runPlans(plans: Array<Extract<Plan, { do: 'deliver' }>>): Promise<void> {
    const queue = [...plans];
    const worker = async () => {
      for (let p = queue.shift(); p && !stopped(); p = queue.shift()) {
        // Pauses may have begun since planning (a 429 on this channel or the workspace).
        if (limits.postPause(p.target.channel) > 0) continue;
        leases.hold(p.entry.id);
        try {
          await deliver(p.entry, p.target);
        } catch (err) {
          logger.error({ key: p.entry.key, kind: p.entry.kind, err }, 'outbox: delivery failed unexpectedly');
          // Not a Slack answer (a storage error?): back off so the loop does not spin on it.
          outcomes.backOff(p.entry, backoffCapMs);
        } finally {
          leases.release(p.entry.id);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  }

  /**
   * A lane head waiting for working hours (a Monday list or an escalation that came due after 17:30) keeps
   * its place, not its lane: the first row behind it that does not wait for working hours too may go now,
   * or a win in that channel and a DM about new work would sit until 09:30 behind it. Strict order holds
   * among everything else: the first such row goes only if it can go now (pending, and planned to deliver:
   * not waiting for a retry, nor for a thread parent), else nothing behind the head does.
   */
  function overtaker(head: OutboxEntry): Extract<Plan, { do: 'deliver' }> | null {
    const now = clock.now();
    for (const entry of outbox.behind(head, PAGE)) {
      if (entry.status === 'pending' && deferredUntil(entry, now)) continue;
      if (entry.status !== 'pending') return null;
      const p = plan(entry);
      return p.do === 'deliver' ? p : null;
    }
    return null;
  }

  /** One sweep over every lane head. Returns how many were attempted or settled, and the next waits. */
  async function pass(): Promise<{ progressed: number } & RunResult> {
    pacing.forget();
    // Most passes follow a commit that queued nothing (a /cx log, a vote): one seek says so. The heads'
    // skip scan alone cost 45 µs on an empty outbox, and every write paid for a pass (issue 13).
    if (!outbox.anyUnfinished()) return { progressed: 0, retryWaitMs: null, anyWaitMs: null };
    const notes = pacing.startPass();
    let progressed = 0;
    let retryWait = Number.POSITIVE_INFINITY;
    let anyWait = Number.POSITIVE_INFINITY;
    // Rows left in `sending` by a process that died: settled here, so a running bot completes them.
    const doubt = await recovery.settleAbandoned();
    progressed += doubt.settled;
    if (doubt.waitMs !== null) {
      retryWait = doubt.waitMs;
      anyWait = doubt.waitMs;
      notes.other();
    }
    let cursor = 0;
    while (!stopped()) {
      const heads = outbox.heads(PAGE, cursor);
      const last = heads.at(-1);
      if (!last) break;
      cursor = last.id;
      const ready: Array<Extract<Plan, { do: 'deliver' }>> = [];
      for (const head of heads) {
        const p = plan(head);
        notes.head(head.recipient, p.do === 'wait' && p.paced === true);
        if (p.do === 'deliver') ready.push(p);
        else if (p.do === 'finish') {
          outcomes.fail(p.entry, { kind: p.status, error: p.error }, false);
          progressed++;
        } else if (p.do === 'wait') {
          anyWait = Math.min(anyWait, p.ms);
          if (p.retry) retryWait = Math.min(retryWait, p.ms);
          const next = p.untilWorkingHours ? overtaker(head) : null;
          if (next) ready.push(next);
        }
      }
      await runPlans(ready);
      progressed += ready.length;
      // A short page was the last one: no query just to find nothing after it.
      if (heads.length < PAGE) break;
    }
    notes.end(progressed, anyWait);
    return {
      progressed,
      retryWaitMs: Number.isFinite(retryWait) ? retryWait : null,
      anyWaitMs: Number.isFinite(anyWait) ? anyWait : null,
    };
  }

  return { pass };
}
