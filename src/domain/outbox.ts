import { isReminderTime, nextWorkingStart } from './reminders.js';
import type { BindingKey, UserId } from './types.js';

/** Where a notification goes: a bound department/hub channel (resolved at delivery), a user's DM, or a channel id. */
export type Recipient =
  | { type: 'binding'; key: BindingKey }
  | { type: 'user'; id: UserId }
  | { type: 'channel'; id: string };

/**
 * What a use case asks to be said. `payload` is a snapshot of everything the renderer needs (never ids to
 * re-query), so a delivery after a crash or a week in the outbox still says what was true when it happened.
 */
export interface OutboxMessage<K extends string = string, P = unknown> {
  kind: K;
  /** Unique per recipient and occurrence, e.g. `win:A-12:marketing`; a second enqueue with it is a no-op. */
  key: string;
  recipient: Recipient;
  payload: P;
  /** Key of an earlier message this one replies to in its thread. */
  threadOf?: string;
  /**
   * Not worth saying after this instant (a reminder after its owner's working day): if it has not gone out by
   * then, it is dropped as `expired` instead of arriving late. Omitted: delivered whenever it can be.
   */
  deliverBy?: Date;
  /**
   * Said only inside working hours (09:30–17:30, Monday to Friday) in this zone: one that comes due outside
   * them — delayed by a rate limit or downtime — waits for the next window instead of arriving at night.
   */
  hoursZone?: string;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'held' | 'dead' | 'expired';
export const OUTBOX_STATUSES: readonly OutboxStatus[] = [
  'pending',
  'sending',
  'sent',
  'held',
  'dead',
  'expired',
];

/** For a message kept to working hours (`hoursZone`) and outside them at `now`: when they begin again. */
export function deferredUntil(m: Pick<OutboxMessage, 'hoursZone'>, now: Date): Date | null {
  if (m.hoursZone === undefined || isReminderTime(now, m.hoursZone)) return null;
  return nextWorkingStart(now, m.hoursZone);
}

/**
 * One canonical form per recipient, always the same keys in the same order: rows with the same one form a lane
 * (delivered strictly in id order), and lanes are compared as its JSON text, which is what the outbox stores.
 */
export function canonicalRecipient(r: Recipient): Record<string, string> {
  return r.type === 'binding' ? { type: 'binding', key: r.key } : { type: r.type, id: r.id };
}

/** A recipient's lane, as the outbox stores it. Two lanes may still post to one channel (a binding and its id). */
export const laneOf = (r: Recipient): string => JSON.stringify(canonicalRecipient(r));

/** Whether a message with a `deliverBy` has missed it at `now`. */
export const isExpired = (m: Pick<OutboxMessage, 'deliverBy'>, now: Date): boolean =>
  m.deliverBy !== undefined && now.getTime() >= m.deliverBy.getTime();

/** An outbox row as the notifier sees it. */
export interface OutboxEntry extends OutboxMessage {
  id: number;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  createdAt: Date;
  sentChannel: string | null;
  sentTs: string | null;
  lastError: string | null;
  /** Who is delivering a `sending` row and until when (wall-clock ms); null once it left `sending`. */
  claim: Claim | null;
}

/**
 * A deliverer's hold on a row it is sending. `leaseUntil` is wall-clock ms (Date.now), not the injected
 * clock: every process that opens one SQLite file runs on one host and shares that clock, while injected
 * clocks may be pinned (tests, `--at`) and differ between processes, so a lease on them would never run out.
 */
export interface Claim {
  by: string;
  leaseUntil: number;
}

/** Selects which held rows `releaseHeld` puts back: one recipient, or (omitted) all of them. */
export type RecipientFilter = Recipient;

export interface RetryOptions {
  /**
   * The failed call may have reached Slack (a 5xx, a timeout, a dropped connection): keep `sentChannel` so the
   * next attempt first looks for the post there instead of posting blindly.
   */
  maybeSent?: boolean;
  /** The claimed attempt does not count toward giving up (a rate limit is not the message's fault). */
  refundAttempt?: boolean;
  /** Count a failure that happened without a claim (checking on an earlier attempt) toward giving up. */
  countAttempt?: boolean;
  /** The deliverer writing; see `OutboxRepo` on ownership. */
  by?: string;
}

/**
 * The outbox as deliverers see it (the notifier in slack/; db/ implements it). Lanes, claims and leases are
 * explained on each method.
 */
export interface OutboxPort {
  /**
   * The first unfinished row of every recipient (its lane head), if pending or held, in id order, after
   * `afterId`. Later rows to a recipient are never returned while an earlier one is unfinished: that is what
   * keeps each channel's and each DM's messages in the order they were enqueued.
   */
  heads(limit: number, afterId?: number): OutboxEntry[];
  /** Lane heads whose `nextAttemptAt` has come: what can be delivered at `now`. */
  due(now: Date, limit: number, afterId?: number): OutboxEntry[];
  /**
   * Claims a pending or held row for one attempt: status `sending`, attempts + 1, `nextAttemptAt` = `now` (so
   * an in-doubt row tells when its last attempt started) and `sentChannel` = where the post is going (so
   * recovery knows where to look). `claim`: who holds it and until when (see Claim); without one the row
   * counts as abandoned at once. False when another deliverer got there first.
   */
  markSending(id: number, now: Date, channel?: string | null, claim?: Claim): boolean;
  /** Extends the lease of rows `by` holds in `sending`. Returns how many it still holds. */
  renewLease(by: string, ids: readonly number[], leaseUntil: number): number;
  /**
   * Takes over a `sending` row whose claim is still `seen` (the claim read when judging it abandoned), so of
   * two processes settling the same row only one wins. False when it changed meanwhile.
   */
  takeOver(id: number, seen: Claim | null, claim: Claim): boolean;
  markSent(id: number, sent: { channel: string; ts: string }, now: Date, by?: string): void;
  /**
   * The unfinished rows queued behind `entry` in its lane (same recipient), in id order, at most `limit`:
   * what a merged post may take along (see the notifier's merge.ts).
   */
  behind(entry: OutboxEntry, limit: number): OutboxEntry[];
  /**
   * Claims a lane head and the rows right behind it for one merged post, in ONE transaction: as
   * `markSending` for each in order, stopping at the first that cannot be claimed (someone else has it), so
   * the claimed rows are always the head and an unbroken run after it. Returns how many were claimed (0: not
   * even the head).
   */
  markSendingGroup(ids: readonly number[], now: Date, channel: string, claim: Claim): number;
  /** `markSent` for every row of a merged post, in ONE transaction. */
  markSentGroup(ids: readonly number[], sent: { channel: string; ts: string }, now: Date, by: string): void;
  /**
   * Rows of a merged post whose call failed, back from `sending` to pending. Without `doubt` the post surely
   * did not go out: the claim's attempt is refunded and nothing is left to look up. With it (the call may
   * have reached Slack) the attempt counts and `sentChannel` stays, so each is looked up before any post.
   * `nextAttemptAt` stays the claim's time: they still wait behind their head and go (or merge) with it.
   */
  releaseGroup(ids: readonly number[], by: string, doubt?: { error: string }): void;
  /**
   * Records as sent, in ONE transaction, the unfinished rows whose keys a post found in Slack names (a merged
   * post names every row it covers): rows not in `sending`, rows `by` holds, and rows whose lease ran out
   * before `wallNow` (their deliverer is gone). A row another live deliverer holds is left to it.
   */
  markCoveredSent(
    keys: readonly string[],
    sent: { channel: string; ts: string },
    now: Date,
    by: string,
    wallNow: number,
  ): number;
  /** Back to pending until `nextAttemptAt`. */
  markRetry(id: number, nextAttemptAt: Date, error: string, options?: RetryOptions): void;
  /**
   * Kept for when the recipient is fixed (unbound department, bot not in channel, channel gone). Attempts
   * restart from zero: the message did nothing wrong, and a held row must never die of old age. `retryAt`
   * schedules the slow periodic retry; without it the row waits for `releaseHeld`. `maybeSent` keeps the
   * doubt of an earlier attempt (see RetryOptions) when the hold came from failing to check on it.
   */
  markHeld(id: number, error: string, retryAt?: Date, options?: Pick<RetryOptions, 'maybeSent' | 'by'>): void;
  /** Given up: a bug of ours (invalid blocks…) or too many failed attempts. Never retried. */
  markDead(id: number, error: string, by?: string): void;
  /**
   * Past its `deliverBy` and surely not posted: `expired`, never retried. Only a pending or held row (a row in
   * `sending` is someone's attempt). Whatever the message stood for is undone in the same transaction (the
   * port's `onExpired`). False when the row was no longer waiting.
   */
  markExpired(id: number): boolean;
  /**
   * Held rows (of one recipient, or all) become pending again, due at `now` (default: immediately). Call when a
   * channel is bound or fixed, then kick the notifier. Returns how many rows were released.
   */
  releaseHeld(filter?: RecipientFilter, now?: Date): number;
  /**
   * Rows in `sending`: being delivered, or left there by a process that stopped between claiming them and
   * recording the answer — their `claim` tells which (a lease that ran out, or none).
   */
  inDoubt(): OutboxEntry[];
  /** Whether any row is pending, sending or held: a notifier pass with nothing to do stops at this seek. */
  anyUnfinished(): boolean;
  /** The highest row id so far (0 for none): rows queued later have higher ones. */
  newestId(): number;
  /** The rows queued after `afterId` (any status), in id order, at most `limit`: whose lanes they joined. */
  queuedAfter(afterId: number, limit: number): Array<{ id: number; recipient: Recipient }>;
  findByKey(key: string): OutboxEntry | null;
  counts(): Record<OutboxStatus, number>;
  /** The channel a department or the hub is bound to, or null while it is unbound. */
  resolveBinding(key: BindingKey): string | null;
}
