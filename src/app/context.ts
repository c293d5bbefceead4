import type { Clock } from '../clock.js';
import type { DatabaseHandle, Tx } from '../db/client.js';
import { markProcessed } from '../db/repositories/settings-repo.js';
import type { UserId } from '../domain/types.js';

/** Facts about a Slack user that rules need; fetched through Slack by the adapter, cached by the app. */
export interface UserFacts {
  tz: string | null;
  /** real_name, else display name, else the handle (exports show owners by name). */
  name?: string | null;
  isAdmin: boolean;
  isBot: boolean;
  /** The account is deactivated (users.info `deleted`): nobody can reach or act through it any more. */
  deactivated?: boolean;
  /** Slack's locale for the person (`de-DE`), when users.info was asked for it. */
  locale?: string | null;
}

/** Looks a user up in Slack (`users.info`). Implemented by the Slack adapter; the app never imports Slack. */
export interface UserDirectory {
  fetch(userId: UserId): Promise<UserFacts | null>;
  /**
   * Everyone in the workspace, page by page (`users.list`): one call per 200 people instead of one each,
   * for a job that needs the facts of many people at once. Optional: a directory without it is asked one
   * person at a time.
   */
  list?(): Promise<Map<UserId, UserFacts>>;
}

/** A scheduled job as `/cx setup show` lists it (the jobs' own `Job` fits this shape). */
export interface JobSchedule {
  name: string;
  /** node-cron expression, in CX_TIMEZONE. */
  schedule: string;
  /** The schedule in words, e.g. `Fridays 14:00`. */
  when?: string;
}

/** What the app reports for the operator's metrics; the composition root counts it. */
export interface AppObserver {
  /** A reaction on a poll was handled, with its outcome (counted, removed, over_limit…). */
  vote(outcome: string): void;
}

/** Everything a use case needs, built once by the composition root. */
export interface AppContext {
  handle: DatabaseHandle;
  clock: Clock;
  timeZone: string;
  admins: ReadonlySet<UserId>;
  directory: UserDirectory;
  /** Called after a transaction that wrote to the outbox has committed: deliver soon. */
  afterCommit: () => void;
  /** The jobs this process schedules, handed in by the composition root so no listener imports jobs/. */
  schedules: readonly JobSchedule[];
  /** CX_LANGUAGE: shared channels, and anyone with neither a choice nor a known Slack locale. Default `en`. */
  language?: 'en' | 'de';
  /** Metrics hooks; absent where nobody counts (unit tests). */
  observe?: AppObserver;
}

/** Who is asking, and the delivery key that makes a Slack retry take effect once. */
export interface Caller {
  userId: UserId;
  /** The channel the command came from (binding commands and default departments need it). */
  channelId?: string;
  dedupeKey?: string;
}

export class DuplicateDelivery extends Error {
  constructor(key: string) {
    super(`duplicate delivery ${key}`);
  }
}

/** Thrown inside a transaction to undo it when a use case answers with an error value. */
class Rollback<T> extends Error {
  constructor(readonly result: T) {
    super('rollback');
  }
}

const isFailure = (value: unknown) =>
  typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;

/**
 * Runs `work` in one transaction, first recording the caller's delivery key, so a retried delivery changes
 * nothing (it throws DuplicateDelivery, which adapters answer quietly). A work that returns a failed Result
 * is rolled back whole — bad input changes nothing, not even the delivery key, so a corrected resubmission
 * of the same modal still counts. Kicks the notifier after a commit.
 */
export function transact<T>(ctx: AppContext, caller: Caller, work: (tx: Tx, now: Date) => T): T {
  const now = ctx.clock.now();
  try {
    const result = ctx.handle.write((tx) => {
      if (caller.dedupeKey && !markProcessed(tx, caller.dedupeKey, now)) {
        throw new DuplicateDelivery(caller.dedupeKey);
      }
      const value = work(tx, now);
      if (isFailure(value)) throw new Rollback(value);
      return value;
    });
    ctx.afterCommit();
    return result;
  } catch (error) {
    if (error instanceof Rollback) return error.result as T;
    throw error;
  }
}
