import type { WebClient } from '@slack/web-api';
import type { Clock } from '../../clock.js';
import type { OutboxEntry, OutboxPort } from '../../domain/outbox.js';
import type { PostPace } from './rate-limits.js';

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
  /**
   * Entries that are not posts but a new version of their thread parent, delivered with chat.update (the
   * round results once a pain point is adopted). See `updateParent`.
   */
  updatesParent?: (entry: OutboxEntry) => boolean;
  /**
   * Work before a post is rendered, e.g. a verdict's charts uploaded (once) and added to its payload. Its
   * answer is rendered instead of the entry; a throw renders the entry as it is.
   */
  prepare?: (entry: OutboxEntry) => Promise<OutboxEntry>;
  /**
   * Entries that share one post with the like entries queued right behind them in their lane (a burst of
   * wins to one channel; see merge.ts). `mergeable`: may this entry lead or join a merged post. `render`: two
   * or more of them, in lane order, as one message (null or a throw: the head is posted alone). Without this
   * option every entry is a post of its own.
   */
  merge?: {
    mergeable: (entry: OutboxEntry) => boolean;
    render: (entries: readonly OutboxEntry[]) => RenderedMessage | null;
  };
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
  /**
   * Posts per channel kept to ahead of Slack's 429s (rate-limits.ts). Default Slack's: 1 a second after a
   * burst of 4. null: none (the sandbox).
   */
  pace?: PostPace | null;
  /** Lanes delivered at once. Default 4. */
  concurrency?: number;
  /** How long a claim holds without renewal, wall-clock ms. Default: the client's timeout + 10 s. */
  leaseMs?: number;
  /** Wall clock for leases (ms). Default Date.now; tests pass their own to let a lease run out. */
  wallNow?: () => number;
  /**
   * Real time for the waits kept in memory (rate-limit pauses, the pace, backoff), ms. Default Date.now;
   * tests pass their own to hold the pace still.
   */
  realNow?: () => number;
  /** This deliverer's name in claims. Default: host, process id and a random part. */
  id?: string;
}

export interface DrainOptions {
  /** The longest single retry wait drain sits through; rows waiting longer are left to the poller. Default 60 s. */
  maxWaitMs?: number;
}

export interface Notifier {
  /**
   * Deliver soon; many kicks coalesce into one run. While every lane waits for its channel's pace and all that
   * was queued since joined those lanes, the run ends at a look at the new rows. Resolves when the run is
   * over (it never rejects: failures are logged); nobody needs to wait for it but tests.
   */
  kick(): Promise<void>;
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

/** Where one delivery goes. */
export interface Target {
  /** What chat.postMessage gets: a channel id, or a user id for that user's DM with the app. */
  channel: string;
  threadTs?: string;
}
