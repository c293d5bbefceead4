import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { type ChatPostMessageArguments, ErrorCode, type WebClient } from '@slack/web-api';
import type { Clock } from '../clock.js';
import type { Claim, OutboxEntry, OutboxPort } from '../domain/outbox.js';
import { assertOwnRetries } from './web-client.js';

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
 *
 * Time: every wait (Retry-After, backoff, the slow retry of held rows, rate-limit pauses) is real time, kept
 * in memory and slept with setTimeout, because the injected clock may be pinned (tests, the sandbox, `--at`)
 * and would then never reach a retry time. The clock only stamps rows (`nextAttemptAt`, `sentAt`) so the
 * outbox reads right for people. After a restart those stamps are not trusted: every unfinished row is tried
 * once straight away, which costs at most one early attempt per row and also makes a restart retry held rows.
 *
 * The WebClient must be created with `retryConfig: { retries: 0 }` and `rejectRateLimitedCalls: true` (use
 * `createWebClient` from ./web-client.js); `createNotifier` refuses any other.
 */

export interface NotifierLogger {
  debug(...msg: unknown[]): void;
  info(...msg: unknown[]): void;
  warn(...msg: unknown[]): void;
  error(...msg: unknown[]): void;
}

export interface RenderedMessage {
  /** Always sent: the notification and screen-reader fallback of the blocks. */
  text: string;
  blocks?: unknown[];
}

export interface NotifierOptions {
  client: WebClient;
  outbox: OutboxPort;
  /** Block Kit for an entry; null (or a throw) means we cannot say it, and the entry is dead. */
  render: (entry: OutboxEntry) => RenderedMessage | null;
  clock: Clock;
  logger: NotifierLogger;
  /** Called once when an entry becomes held (unbound department, bot not in channel, channel gone…). */
  onHeld?: (entry: OutboxEntry, error: string) => void;
  /**
   * Entries that are not posts but reactions the bot adds to their thread parent (the poll's number
   * reactions): the reaction names, or null for an ordinary post. See `addReactions`.
   */
  reactionsOf?: (entry: OutboxEntry) => readonly string[] | null;
  /** How often `start()` looks for rows other processes wrote. Default 5 s. */
  pollMs?: number;
  /** Slow periodic retry of held rows. Default 15 min. */
  heldRetryMs?: number;
  /** Attempts before a transient failure becomes final. Default 20 (about an hour with the default backoff). */
  maxAttempts?: number;
  /** First backoff after a 5xx or network error; doubled each attempt. Default 1 s. */
  backoffBaseMs?: number;
  /** Default 5 min. */
  backoffCapMs?: number;
  /** Lanes delivered at once. Default 4. */
  concurrency?: number;
  /** How long a claim holds without renewal, wall-clock ms. Default: the client's timeout + 10 s. */
  leaseMs?: number;
  /** Wall clock for leases (ms). Default Date.now; tests pass their own to let a lease run out. */
  wallNow?: () => number;
  /** This deliverer's name in claims. Default: host, process id and a random part. */
  id?: string;
}

export interface DrainOptions {
  /** The longest single retry wait drain sits through; rows waiting longer are left to the poller. Default 60 s. */
  maxWaitMs?: number;
}

export interface Notifier {
  /** Deliver soon; many kicks coalesce into one run. */
  kick(): void;
  /** Delivers everything deliverable, sitting through retry waits, and resolves when idle. */
  drain(options?: DrainOptions): Promise<void>;
  /** Starts polling and timed retries. */
  start(): void;
  /** Stops polling and waits for the delivery in flight. */
  stop(): Promise<void>;
  /**
   * At start-up, before `start()`: settles rows left in `sending` whose lease has run out (their process is
   * gone). Rows another live process is sending are left to it; the poll settles them should it die.
   */
  recover(): Promise<void>;
}

export const EVENT_TYPE = 'cx_bridge_post';

/** Slack errors that mean "the recipient needs fixing": kept, reported once, retried when released. */
const HELD_ERRORS = new Set([
  'not_bound',
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_thread_locked',
  'restricted_action_non_threadable_channel',
  'ekm_access_denied',
  'messages_tab_disabled',
  'message_limit_exceeded',
  'user_not_found',
  'user_disabled',
  'cannot_dm_bot',
  // Installation problems: the operator fixes the token or scopes; the messages must survive that.
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'no_permission',
  'not_allowed_token_type',
  'team_access_not_granted',
  'access_denied',
  'app_access_restricted',
]);

/** Slack-side failures worth retrying; Slack documents that some of the operation may have happened. */
const TRANSIENT_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/** Connection failures that happen before a request is sent: the post surely did not reach Slack. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

type Failure =
  | { kind: 'rate_limited'; error: string; retryAfterMs: number }
  | { kind: 'transient'; error: string; maybeSent: boolean }
  | { kind: 'held'; error: string }
  | { kind: 'dead'; error: string };

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** Maps what `@slack/web-api` 8 throws (see its errors.js) onto what the outbox does next. */
export function classifyError(err: unknown): Failure {
  const code = field(err, 'code');
  if (code === ErrorCode.RateLimitedError) {
    const sec = Number(field(err, 'retryAfter'));
    return { kind: 'rate_limited', error: 'ratelimited', retryAfterMs: Math.max(1, sec || 1) * 1000 };
  }
  if (code === ErrorCode.HTTPError) {
    const status = Number(field(err, 'statusCode'));
    // A 5xx may come from a proxy after Slack acted; anything else was refused before it did.
    return { kind: 'transient', error: `http_${status}`, maybeSent: !(status >= 400 && status < 500) };
  }
  if (code === ErrorCode.RequestError) {
    const original = field(err, 'original');
    const cause = field(original, 'cause') ?? original;
    const sysCode = String(field(cause, 'code') ?? '');
    const message = String(field(original, 'message') ?? 'request failed');
    return {
      kind: 'transient',
      error: `request_error: ${sysCode || message}`,
      maybeSent: !NOT_SENT_CODES.has(sysCode),
    };
  }
  if (code === ErrorCode.PlatformError) {
    const data = field(err, 'data');
    const error = String(field(data, 'error') ?? 'unknown_error');
    if (error === 'ratelimited' || error === 'rate_limited') {
      const sec = Number(field(field(data, 'response_metadata'), 'retryAfter'));
      return { kind: 'rate_limited', error, retryAfterMs: Math.max(1, sec || 1) * 1000 };
    }
    if (TRANSIENT_ERRORS.has(error)) return { kind: 'transient', error, maybeSent: true };
    if (HELD_ERRORS.has(error)) return { kind: 'held', error };
    return { kind: 'dead', error };
  }
  const message = err instanceof Error ? err.message : String(err);
  // web-api's answer to a 429 without a usable Retry-After header: not posted, and we should slow down.
  if (/retry header/i.test(message))
    return { kind: 'rate_limited', error: 'ratelimited', retryAfterMs: 1000 };
  return { kind: 'transient', error: `unexpected: ${message}`, maybeSent: true };
}

class CallFailed extends Error {
  constructor(
    readonly method: string,
    readonly channel: string | undefined,
    readonly failure: Failure,
  ) {
    super(`${method}: ${failure.error}`);
  }
}

interface Target {
  /** What chat.postMessage gets: a channel id, or a user id for that user's DM with the app. */
  channel: string;
  threadTs?: string;
}

type Plan =
  | { do: 'deliver'; entry: OutboxEntry; target: Target }
  | { do: 'finish'; entry: OutboxEntry; status: 'held' | 'dead'; error: string }
  | { do: 'wait'; ms: number; retry: boolean }
  | { do: 'skip' };

interface Wake {
  /** Real time (ms) at which the row may be tried again. */
  at: number;
  /** The row as it was when scheduled: if it changed since (released, retried elsewhere), the wake is stale. */
  status: OutboxEntry['status'];
  nextAttemptAt: number;
  /** A retry the caller may wait for (drain), as opposed to the slow retry of a held row. */
  retry: boolean;
}

interface RunResult {
  /** Shortest real wait before a retry (or the end of a rate-limit pause) can go ahead. */
  retryWaitMs: number | null;
  /** Shortest real wait before anything at all, held retries included. */
  anyWaitMs: number | null;
}

/** Look-up answers meaning the conversation (or thread) is gone. */
const GONE_ERRORS = new Set(['channel_not_found', 'thread_not_found']);

const PAGE = 200;
/** Slack `ts` lower bound slack for history look-ups: clocks differ, and a claim precedes the post. */
const LOOKBACK_MARGIN_MS = 10 * 60_000;
const MAX_LOOKUP_PAGES = 10;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Beyond the Web API timeout: a post in flight when its process died has reached Slack by then. */
const LEASE_MARGIN_MS = 10_000;
/** How often a lease held by another deliverer is looked at again. */
const LEASE_RECHECK_MS = 2_000;
/** Renewals per lease: a live owner misses several before its lease runs out (a busy event loop). */
const RENEWALS_PER_LEASE = 5;

function defaultLeaseMs(client: WebClient): number {
  const timeout = Number(Reflect.get(client, 'timeout'));
  return (Number.isFinite(timeout) && timeout > 0 ? timeout : 15_000) + LEASE_MARGIN_MS;
}

export function createNotifier(options: NotifierOptions): Notifier {
  assertOwnRetries(options.client);
  const { client, outbox, render, clock, logger, onHeld } = options;
  const pollMs = options.pollMs ?? 5_000;
  const heldRetryMs = options.heldRetryMs ?? 15 * 60_000;
  const maxAttempts = options.maxAttempts ?? 20;
  const backoffBaseMs = options.backoffBaseMs ?? 1_000;
  const backoffCapMs = options.backoffCapMs ?? 5 * 60_000;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const leaseMs = options.leaseMs ?? defaultLeaseMs(client);
  const wallNow = options.wallNow ?? Date.now;
  const self = options.id ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  const wakes = new Map<number, Wake>();
  /** Rate-limit pauses, real time: `chat.postMessage:<channel>` or a whole method. */
  const pauses = new Map<string, number>();
  const lastLimited = new Map<string, { channel: string | undefined; at: number }>();
  const dmChannels = new Map<string, string>();
  const inFlight = new Set<number>();

  let stopped = false;
  let started = false;
  let chain: Promise<unknown> = Promise.resolve();
  let queuedRun: Promise<RunResult> | null = null;
  let pollTimer: NodeJS.Timeout | undefined;
  let wakeTimer: NodeJS.Timeout | undefined;
  let wakeTimerAt = Number.POSITIVE_INFINITY;
  let heartbeat: NodeJS.Timeout | undefined;

  const realNow = () => Date.now();

  // ---- claims and leases --------------------------------------------------------------------------------

  const claim = (): Claim => ({ by: self, leaseUntil: wallNow() + leaseMs });

  /** A `sending` row nobody holds any more: claimed without a lease, or its owner stopped renewing. */
  const abandoned = (entry: OutboxEntry) => entry.claim === null || entry.claim.leaseUntil <= wallNow();

  /** Rows this notifier works on; their leases are renewed while any is held. */
  function hold(id: number): void {
    inFlight.add(id);
    if (heartbeat) return;
    heartbeat = setInterval(() => {
      try {
        outbox.renewLease(self, [...inFlight], claim().leaseUntil);
      } catch (err) {
        logger.error('outbox: renewing leases failed', err);
      }
    }, leaseMs / RENEWALS_PER_LEASE);
    heartbeat.unref();
  }

  function release(id: number): void {
    inFlight.delete(id);
    if (inFlight.size > 0 || !heartbeat) return;
    clearInterval(heartbeat);
    heartbeat = undefined;
  }

  // ---- rate-limit pauses -------------------------------------------------------------------------------

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

  // ---- finding a post that may already be there -------------------------------------------------------

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
  ): Promise<{ channel: string; ts: string } | null> {
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
        const meta = m.metadata as { event_type?: string; event_payload?: { key?: unknown } } | undefined;
        if (meta?.event_type === EVENT_TYPE && meta.event_payload?.key === entry.key && m.ts) {
          return { channel: conversation, ts: m.ts };
        }
      }
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!cursor) return null;
    }
    logger.warn(
      `outbox: gave up looking for ${entry.key} after ${MAX_LOOKUP_PAGES} pages; treating it as unsent`,
    );
    return null;
  }

  // ---- recording outcomes ------------------------------------------------------------------------------

  /** Records the row's new state in the wake so a later change to the row (e.g. releaseHeld) voids it. */
  function remember(entry: OutboxEntry, ms: number, retry: boolean): void {
    const fresh = outbox.findByKey(entry.key);
    if (!fresh) return;
    wakes.set(entry.id, {
      at: realNow() + ms,
      status: fresh.status,
      nextAttemptAt: fresh.nextAttemptAt.getTime(),
      retry,
    });
  }

  /**
   * Records a failed step. `ownPost`: the failure is the answer to our own chat.postMessage (so the claim
   * counted an attempt, and the failure alone says whether the post may exist); otherwise it came from a
   * look-up or from planning, and any earlier doubt (`entry.sentChannel`) stands.
   */
  function fail(entry: OutboxEntry, failure: Failure, ownPost: boolean): void {
    const now = clock.now();
    switch (failure.kind) {
      case 'rate_limited': {
        outbox.markRetry(entry.id, new Date(now.getTime() + failure.retryAfterMs), failure.error, {
          maybeSent: !ownPost && entry.sentChannel !== null,
          refundAttempt: ownPost,
          by: self,
        });
        remember(entry, failure.retryAfterMs, true);
        return;
      }
      case 'transient': {
        // Own posts were counted by their claim; a failed look-up counts here, so it backs off too.
        const attempts = entry.attempts + 1;
        if (attempts >= maxAttempts) {
          outbox.markDead(entry.id, `gave up after ${attempts} attempts: ${failure.error}`, self);
          logger.error(
            `outbox: gave up on ${entry.key} (${entry.kind}) after ${attempts} attempts: ${failure.error}`,
          );
          wakes.delete(entry.id);
          return;
        }
        const delay = Math.min(backoffCapMs, backoffBaseMs * 2 ** Math.max(0, attempts - 1));
        const maybeSent = ownPost ? failure.maybeSent : entry.sentChannel !== null;
        outbox.markRetry(entry.id, new Date(now.getTime() + delay), failure.error, {
          maybeSent,
          countAttempt: !ownPost,
          by: self,
        });
        logger.warn(`outbox: ${entry.key} failed (${failure.error}); retry in ${delay} ms`);
        remember(entry, delay, true);
        return;
      }
      case 'held': {
        outbox.markHeld(entry.id, failure.error, new Date(now.getTime() + heldRetryMs), {
          maybeSent: !ownPost && entry.sentChannel !== null,
          by: self,
        });
        remember(entry, heldRetryMs, false);
        if (entry.status !== 'held') {
          logger.warn(`outbox: holding ${entry.key} (${entry.kind}): ${failure.error}`);
          try {
            onHeld?.(entry, failure.error);
          } catch (err) {
            logger.error('outbox: onHeld failed', err);
          }
        }
        return;
      }
      case 'dead': {
        outbox.markDead(entry.id, failure.error, self);
        wakes.delete(entry.id);
        logger.error(
          `outbox: DEAD ${entry.key} (${entry.kind}) to ${JSON.stringify(entry.recipient)}: ${failure.error} — ` +
            'Slack or the renderer refused it (a bug on our side); it will not be retried',
        );
        return;
      }
    }
  }

  // ---- planning and delivering one lane head -----------------------------------------------------------

  function waitOf(entry: OutboxEntry): Plan | null {
    const wake = wakes.get(entry.id);
    if (!wake) return null;
    if (wake.status !== entry.status || wake.nextAttemptAt !== entry.nextAttemptAt.getTime()) {
      wakes.delete(entry.id);
      return null;
    }
    const ms = wake.at - realNow();
    if (ms <= 0) {
      wakes.delete(entry.id);
      return null;
    }
    return { do: 'wait', ms, retry: wake.retry };
  }

  function plan(entry: OutboxEntry): Plan {
    if (inFlight.has(entry.id)) return { do: 'skip' };
    const waiting = waitOf(entry);
    if (waiting) return waiting;

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
    const paused = postPause(target.channel);
    if (paused > 0) return { do: 'wait', ms: paused, retry: true };
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
      fail(entry, { kind: 'dead', error: 'reactions_without_parent' }, false);
      return;
    }
    if (!outbox.markSending(entry.id, clock.now(), target.channel, claim())) return;
    try {
      for (const name of names) {
        await call('reactions.add', undefined, () =>
          client.reactions.add({ channel: target.channel, timestamp: ts, name }),
        ).catch((err: unknown) => {
          if (!(err instanceof CallFailed && err.failure.error === 'already_reacted')) throw err;
        });
      }
      outbox.markSent(entry.id, { channel: target.channel, ts }, clock.now(), self);
      wakes.delete(entry.id);
    } catch (err) {
      if (!(err instanceof CallFailed)) throw err;
      const failure = err.failure.kind === 'transient' ? { ...err.failure, maybeSent: false } : err.failure;
      fail(entry, failure, true);
    }
  }

  async function deliver(entry: OutboxEntry, target: Target): Promise<void> {
    const reactions = options.reactionsOf?.(entry);
    if (reactions) return addReactions(entry, target, reactions);
    let claimed = false;
    try {
      // An earlier attempt may have reached Slack: look before posting again.
      if (entry.sentChannel !== null) {
        const found = await findPosted(entry, entry.sentChannel, target.threadTs);
        if (found) {
          outbox.markSent(entry.id, found, clock.now(), self);
          logger.info(`outbox: ${entry.key} was already posted; recorded ${found.channel}/${found.ts}`);
          return;
        }
      }

      let rendered: RenderedMessage | null;
      try {
        rendered = render(entry);
      } catch (err) {
        rendered = null;
        logger.error(`outbox: rendering ${entry.key} (${entry.kind}) threw`, err);
      }
      if (!rendered) {
        fail(entry, { kind: 'dead', error: `unrenderable: ${entry.kind}` }, false);
        return;
      }

      // Someone else has it.
      if (!outbox.markSending(entry.id, clock.now(), target.channel, claim())) return;
      claimed = true;

      const args = {
        channel: target.channel,
        text: rendered.text,
        ...(rendered.blocks ? { blocks: rendered.blocks } : {}),
        ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
        metadata: { event_type: EVENT_TYPE, event_payload: { key: entry.key } },
      } as ChatPostMessageArguments;
      const res = await call('chat.postMessage', target.channel, () => client.chat.postMessage(args));
      if (!res.ts) {
        throw new CallFailed('chat.postMessage', target.channel, {
          kind: 'transient',
          error: 'no_ts_in_answer',
          maybeSent: true,
        });
      }
      outbox.markSent(entry.id, { channel: res.channel ?? target.channel, ts: res.ts }, clock.now(), self);
      wakes.delete(entry.id);
    } catch (err) {
      if (!(err instanceof CallFailed)) throw err;
      const ownPost = claimed && err.method === 'chat.postMessage';
      // Unable to check on an earlier attempt: never post blindly; keep it and let a human look.
      const failure: Failure =
        !ownPost && (err.failure.kind === 'dead' || err.failure.kind === 'held')
          ? { kind: 'held', error: `lookup_failed: ${err.failure.error}` }
          : err.failure;
      fail(entry, failure, ownPost);
    }
  }

  async function runPlans(plans: Array<Extract<Plan, { do: 'deliver' }>>): Promise<void> {
    const queue = [...plans];
    const worker = async () => {
      for (let p = queue.shift(); p && !stopped; p = queue.shift()) {
        // Pauses may have begun since planning (a 429 on this channel or the workspace).
        if (postPause(p.target.channel) > 0) continue;
        hold(p.entry.id);
        try {
          await deliver(p.entry, p.target);
        } catch (err) {
          logger.error(`outbox: delivering ${p.entry.key} failed unexpectedly`, err);
          // Not a Slack answer (a storage error?): back off so the loop does not spin on it.
          wakes.set(p.entry.id, {
            at: realNow() + backoffCapMs,
            status: p.entry.status,
            nextAttemptAt: p.entry.nextAttemptAt.getTime(),
            retry: false,
          });
        } finally {
          release(p.entry.id);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  }

  /** One sweep over every lane head. Returns how many were attempted or settled, and the next waits. */
  async function pass(): Promise<{ progressed: number } & RunResult> {
    let progressed = 0;
    let retryWait = Number.POSITIVE_INFINITY;
    let anyWait = Number.POSITIVE_INFINITY;
    // Rows left in `sending` by a process that died: settled here, so a running bot completes them.
    const doubt = await settleAbandoned();
    progressed += doubt.settled;
    if (doubt.waitMs !== null) {
      retryWait = doubt.waitMs;
      anyWait = doubt.waitMs;
    }
    let cursor = 0;
    while (!stopped) {
      const heads = outbox.heads(PAGE, cursor);
      const last = heads.at(-1);
      if (!last) break;
      cursor = last.id;
      const ready: Array<Extract<Plan, { do: 'deliver' }>> = [];
      for (const head of heads) {
        const p = plan(head);
        if (p.do === 'deliver') ready.push(p);
        else if (p.do === 'finish') {
          fail(p.entry, { kind: p.status, error: p.error }, false);
          progressed++;
        } else if (p.do === 'wait') {
          anyWait = Math.min(anyWait, p.ms);
          if (p.retry) retryWait = Math.min(retryWait, p.ms);
        }
      }
      await runPlans(ready);
      progressed += ready.length;
    }
    return {
      progressed,
      retryWaitMs: Number.isFinite(retryWait) ? retryWait : null,
      anyWaitMs: Number.isFinite(anyWait) ? anyWait : null,
    };
  }

  async function runUntilIdle(): Promise<RunResult> {
    for (;;) {
      const r = await pass();
      if (r.progressed === 0 || stopped) {
        if (started && !stopped) armWake(r.anyWaitMs);
        return r;
      }
    }
  }

  // ---- scheduling: one run at a time, kicks coalesce --------------------------------------------------

  function enqueueRun(): Promise<RunResult> {
    if (queuedRun) return queuedRun;
    const run = chain.then(() => {
      queuedRun = null;
      return stopped ? { retryWaitMs: null, anyWaitMs: null } : runUntilIdle();
    });
    queuedRun = run;
    chain = run.catch(() => undefined);
    return run;
  }

  function kick(): void {
    if (stopped) return;
    enqueueRun().catch((err) => logger.error('outbox: delivery run failed', err));
  }

  function armWake(ms: number | null): void {
    if (ms === null) return;
    const at = realNow() + ms;
    if (wakeTimer && wakeTimerAt <= at) return;
    if (wakeTimer) clearTimeout(wakeTimer);
    wakeTimerAt = at;
    wakeTimer = setTimeout(() => {
      wakeTimer = undefined;
      wakeTimerAt = Number.POSITIVE_INFINITY;
      kick();
    }, ms + 5);
    wakeTimer.unref();
  }

  async function drain(drainOptions: DrainOptions = {}): Promise<void> {
    const maxWaitMs = drainOptions.maxWaitMs ?? 60_000;
    while (!stopped) {
      const r = await enqueueRun();
      if (r.retryWaitMs === null || r.retryWaitMs > maxWaitMs) return;
      await sleep(r.retryWaitMs + 5);
    }
  }

  /** Takes over an abandoned `sending` row and finds out whether its post went out. */
  async function settle(entry: OutboxEntry): Promise<void> {
    if (!outbox.takeOver(entry.id, entry.claim, claim())) return; // settled, or taken over, by someone else
    hold(entry.id);
    try {
      await settleHeld(entry);
    } finally {
      release(entry.id);
    }
  }

  async function settleHeld(entry: OutboxEntry): Promise<void> {
    let channel = entry.sentChannel;
    let threadTs: string | undefined;
    if (entry.threadOf !== undefined) {
      const parent = outbox.findByKey(entry.threadOf);
      threadTs = parent?.sentTs ?? undefined;
      channel ??= parent?.sentChannel ?? null;
    } else if (channel === null) {
      channel =
        entry.recipient.type === 'binding' ? outbox.resolveBinding(entry.recipient.key) : entry.recipient.id;
    }
    const now = clock.now();
    if (channel === null || (entry.threadOf !== undefined && threadTs === undefined)) {
      // Nowhere it could have gone.
      outbox.markRetry(entry.id, now, 'in_doubt_unplaceable', { by: self });
      return;
    }
    try {
      const found = await findPosted(entry, channel, threadTs);
      if (found) {
        outbox.markSent(entry.id, found, now, self);
        logger.info(`outbox: recovered ${entry.key}: it was posted (${found.channel}/${found.ts})`);
      } else {
        outbox.markRetry(entry.id, now, 'in_doubt_not_posted', { by: self });
        logger.info(`outbox: recovered ${entry.key}: not posted; it will be sent`);
      }
    } catch (err) {
      if (!(err instanceof CallFailed)) throw err;
      // Still unknown: leave the doubt on the row so delivery looks again before posting.
      outbox.markRetry(entry.id, now, `in_doubt: ${err.failure.error}`, { maybeSent: true, by: self });
      logger.warn(`outbox: could not settle ${entry.key} yet (${err.failure.error})`);
      if (err.failure.kind === 'rate_limited') remember(entry, err.failure.retryAfterMs, true);
    }
  }

  /**
   * Settles `sending` rows whose lease has run out. Returns how many it settled and the shortest wait for a
   * live lease of another deliverer to run out (the poll comes back then; drain waits for it).
   */
  async function settleAbandoned(): Promise<{ settled: number; waitMs: number | null }> {
    let settled = 0;
    let waitMs = Number.POSITIVE_INFINITY;
    for (const entry of outbox.inDoubt()) {
      if (stopped) break;
      if (inFlight.has(entry.id)) continue;
      if (!abandoned(entry)) {
        // Looked at again soon: its owner usually finishes long before the lease would run out.
        waitMs = Math.min(waitMs, (entry.claim?.leaseUntil ?? 0) - wallNow() + 1, LEASE_RECHECK_MS);
        continue;
      }
      await settle(entry);
      settled++;
    }
    return { settled, waitMs: Number.isFinite(waitMs) ? Math.max(1, waitMs) : null };
  }

  function recover(): Promise<void> {
    const run = chain.then(() => settleAbandoned());
    chain = run.catch(() => undefined);
    return run.then(() => undefined);
  }

  return {
    kick,
    drain,
    recover,
    start() {
      if (started || stopped) return;
      started = true;
      pollTimer = setInterval(kick, pollMs);
      pollTimer.unref();
      kick();
    },
    async stop() {
      stopped = true;
      if (pollTimer) clearInterval(pollTimer);
      if (wakeTimer) clearTimeout(wakeTimer);
      await chain;
      if (heartbeat) clearInterval(heartbeat);
    },
  };
}
