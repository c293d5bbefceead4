import type { BindingKey, UserId } from '../domain/types.js';

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
}

/** An outbox row as the notifier sees it. */
export interface OutboxEntry extends OutboxMessage {
  id: number;
  status: 'pending' | 'sending' | 'sent' | 'held' | 'dead';
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
