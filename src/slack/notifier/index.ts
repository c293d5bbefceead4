import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { outsideRequest } from '../../log/request.js';
import { assertOwnRetries } from '../web-client.js';
import { createDelivery, type RunResult } from './delivery.js';
import { createLeases, defaultLeaseMs } from './leases.js';
import { createLookup } from './lookup.js';
import { createMerging } from './merge.js';
import { createOutcomes } from './outcomes.js';
import { createPacing } from './paced.js';
import { createRateLimits, SLACK_POST_PACE } from './rate-limits.js';
import { createRecovery } from './recovery.js';
import type { DrainOptions, Notifier, NotifierOptions } from './types.js';

export { classifyError } from './errors.js';
export { type PostPace, SLACK_POST_PACE } from './rate-limits.js';
export {
  type DrainOptions,
  EVENT_TYPE,
  type Notifier,
  type NotifierLogger,
  type NotifierOptions,
  type RenderedMessage,
} from './types.js';

/**
 * Delivers outbox entries over the Web API, each exactly once.
 *
 * Exactly once: a row is claimed (`sending`, with the channel it goes to) before `chat.postMessage`, and every
 * post carries `metadata.event_payload.key`. When the answer is lost — a crash (rows left in `sending`), a 5xx,
 * a timeout, a dropped connection — the next step first looks for the key in the channel's history (or the
 * thread's replies) and records the post it finds instead of posting again. If that look-up cannot be done
 * (no scope, bot removed from the channel), the row is held rather than posted blindly; only a channel or
 * thread that no longer exists counts as "not there".
 *
 * Across processes (the bot, a CLI job, a second bot during a rolling deploy, all on one database): a claim
 * names its notifier and carries a lease, renewed every few seconds while the row is worked on. A `sending`
 * row is someone else's business until its lease has run out; only then does a poll (or `recover()`) take it
 * over — atomically, so one process settles it — look for the post, and record it or send it. The lease is
 * the Web API timeout plus a margin: after it, a post the dead owner had sent has reached Slack or never will,
 * so the look-up is conclusive. Leases are wall-clock (see Claim), so they run out under a pinned clock too.
 *
 * Order: rows to one recipient form a lane delivered strictly in id (enqueue) order: only a lane's first
 * unfinished row is ever attempted, so a retry, a rate limit or a hold on it keeps later rows behind it. A
 * thread reply also waits until its parent is sent and goes to the parent's channel. Different lanes are
 * independent and delivered by a small pool, so one rate-limited or broken channel never stalls the others.
 * Wins waiting right behind a lane's head that is a win go with it as one post (merge.ts, the `merge`
 * option); that post's metadata names every key it covers, so the look-up finds each of them. Posts to one
 * channel keep to Slack's pace (the `pace` option, rate-limits.ts), so a burst of wins waits and merges;
 * while every lane waits for it, a kick only looks at the rows queued since (paced.ts).
 *
 * Time: every wait (Retry-After, backoff, the slow retry of held rows, rate-limit pauses) is real time, kept
 * in memory and slept with setTimeout, because the injected clock may be pinned (tests, the sandbox, `--at`)
 * and would then never reach a retry time. The clock only stamps rows (`nextAttemptAt`, `sentAt`) so the
 * outbox reads right for people. After a restart those stamps are not trusted: every unfinished row is tried
 * once straight away, which costs at most one early attempt per row and also makes a restart retry held rows.
 *
 * The WebClient must be created with `retryConfig: { retries: 0 }` and `rejectRateLimitedCalls: true` (use
 * `createWebClient` from ../web-client.js); `createNotifier` refuses any other.
 */
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createNotifier(options: NotifierOptions): Notifier {
  assertOwnRetries(options.client);
  const { client, outbox, render, clock, logger, onHeld } = options;
  const pollMs = options.pollMs ?? 5_000;
  const backoffCapMs = options.backoffCapMs ?? 5 * 60_000;
  const wallNow = options.wallNow ?? Date.now;
  const self = options.id ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  let stopped = false;
  let started = false;
  let chain: Promise<unknown> = Promise.resolve();
  let queuedRun: Promise<RunResult> | null = null;
  let pollTimer: NodeJS.Timeout | undefined;
  let wakeTimer: NodeJS.Timeout | undefined;
  let wakeTimerAt = Number.POSITIVE_INFINITY;

  const realNow = options.realNow ?? (() => Date.now());
  const isStopped = () => stopped;
  const limits = createRateLimits(realNow, options.pace === undefined ? SLACK_POST_PACE : options.pace);
  const lookup = createLookup({ client, call: limits.call, logger, realNow });
  const leases = createLeases({
    outbox,
    self,
    leaseMs: options.leaseMs ?? defaultLeaseMs(client),
    wallNow,
    logger,
  });
  const outcomes = createOutcomes({
    outbox,
    clock,
    logger,
    onHeld,
    self,
    maxAttempts: options.maxAttempts ?? 20,
    backoffBaseMs: options.backoffBaseMs ?? 1_000,
    backoffCapMs,
    heldRetryMs: options.heldRetryMs ?? 15 * 60_000,
    realNow,
  });
  const merging = createMerging({
    outbox,
    merge: options.merge,
    clock,
    logger,
    self,
    leases,
    outcomes,
    wallNow,
  });
  const recovery = createRecovery({
    outbox,
    clock,
    logger,
    self,
    leases,
    lookup,
    outcomes,
    merging,
    wallNow,
    stopped: isStopped,
  });
  const pacing = createPacing({ outbox, realNow, stopped: isStopped });
  const { pass } = createDelivery({
    client,
    outbox,
    render,
    reactionsOf: options.reactionsOf,
    updatesParent: options.updatesParent,
    prepare: options.prepare,
    clock,
    logger,
    self,
    concurrency: Math.max(1, options.concurrency ?? 4),
    backoffCapMs,
    limits,
    lookup,
    leases,
    outcomes,
    recovery,
    merging,
    stopped: isStopped,
    pacing,
  });

  /** `full`: a pass even while every lane waits for its channel's pace (the poll, a wake-up, drain). */
  async function runUntilIdle(full: boolean): Promise<RunResult> {
    if (!full && pacing.stillPaced()) return { retryWaitMs: null, anyWaitMs: null };
    for (;;) {
      const r = await pass();
      if (r.progressed === 0 || stopped) {
        if (started && !stopped) armWake(r.anyWaitMs);
        return r;
      }
    }
  }

  // ---- scheduling: one run at a time, kicks coalesce --------------------------------------------------

  // A kick after a commit may find every lane still waiting for its channel's pace (paced.ts)
  // and end there; any other run makes a pass. Runs coalesce, so a queued run makes one if any asker wanted it.
  let queuedFull = false;
  function enqueueRun(full: boolean): Promise<RunResult> {
    queuedFull ||= full;
    if (queuedRun) return queuedRun;
    const run = chain.then(() => {
      queuedRun = null;
      const fullRun = queuedFull;
      queuedFull = false;
      return stopped ? { retryWaitMs: null, anyWaitMs: null } : runUntilIdle(fullRun);
    });
    queuedRun = run;
    chain = run.catch(() => undefined);
    return run;
  }

  function kick(full = false): Promise<void> {
    if (stopped) return Promise.resolve();
    // A kick from inside a Slack request sets off work that is not part of it: no reqId on its lines.
    return outsideRequest(() => enqueueRun(full)).then(
      () => undefined,
      (err) => logger.error({ err }, 'outbox: delivery run failed'),
    );
  }
  const kickFull = () => void kick(true);

  function armWake(ms: number | null): void {
    if (ms === null) return;
    const at = realNow() + ms;
    if (wakeTimer && wakeTimerAt <= at) return;
    if (wakeTimer) clearTimeout(wakeTimer);
    wakeTimerAt = at;
    wakeTimer = setTimeout(() => {
      wakeTimer = undefined;
      wakeTimerAt = Number.POSITIVE_INFINITY;
      kickFull();
    }, ms + 5);
    wakeTimer.unref();
  }

  async function drain(drainOptions: DrainOptions = {}): Promise<void> {
    const maxWaitMs = drainOptions.maxWaitMs ?? 60_000;
    while (!stopped) {
      const r = await enqueueRun(true);
      if (r.retryWaitMs === null || r.retryWaitMs > maxWaitMs) return;
      await sleep(r.retryWaitMs + 5);
    }
  }

  function recover(): Promise<void> {
    const run = chain.then(() => recovery.settleAbandoned());
    chain = run.catch(() => undefined);
    return run.then(() => undefined);
  }

  return {
    kick: () => kick(),
    drain,
    recover,
    start() {
      if (started || stopped) return;
      started = true;
      pollTimer = setInterval(kickFull, pollMs);
      pollTimer.unref();
      kickFull();
    },
    async stop() {
      stopped = true;
      if (pollTimer) clearInterval(pollTimer);
      if (wakeTimer) clearTimeout(wakeTimer);
      await chain;
      leases.stop();
    },
  };
}
