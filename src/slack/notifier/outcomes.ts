import type { Clock } from '../../clock.js';
import type { OutboxEntry, OutboxPort } from '../../domain/outbox.js';
import type { Failure } from './errors.js';
import type { NotifierLogger } from './types.js';

interface Wake {
  /** Real time (ms) at which the row may be tried again. */
  at: number;
  /** The row as it was when scheduled: if it changed since (released, retried elsewhere), the wake is stale. */
  status: OutboxEntry['status'];
  nextAttemptAt: number;
  /** A retry the caller may wait for (drain), as opposed to the slow retry of a held row. */
  retry: boolean;
}

export interface Outcomes {
  /** Records a failed step and when the row may be tried again (see `fail` below). */
  fail(entry: OutboxEntry, failure: Failure, ownPost: boolean, method?: string): void;
  /** Schedules a real-time wake for the row as it is now. */
  remember(entry: OutboxEntry, ms: number, retry: boolean): void;
  /** The wait still ahead of a row, or null when it may be tried (a stale wake is dropped). */
  waitOf(entry: OutboxEntry): { ms: number; retry: boolean } | null;
  /** Done with the row: no wake. */
  forget(id: number): void;
  /** Backs off a row whose delivery failed unexpectedly (not a Slack answer), so the loop does not spin. */
  backOff(entry: OutboxEntry, ms: number): void;
}

/**
 * Recording outcomes: what a failure means for the row (retry with backoff, hold, give up) and when it is
 * tried again. Waits are real time in memory (the injected clock may be pinned); the row's stamps are
 * written with the clock for people to read.
 */
export function createOutcomes(deps: {
  outbox: OutboxPort;
  clock: Clock;
  logger: NotifierLogger;
  onHeld: ((entry: OutboxEntry, error: string) => void) | undefined;
  /** This deliverer: writes to a row it claimed apply only while the claim is still its own. */
  self: string;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  heldRetryMs: number;
  realNow?: () => number;
}): Outcomes {
  const { outbox, clock, logger, onHeld, self, maxAttempts, backoffBaseMs, backoffCapMs, heldRetryMs } = deps;
  const realNow = deps.realNow ?? Date.now;
  const wakes = new Map<number, Wake>();

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
  function fail(entry: OutboxEntry, failure: Failure, ownPost: boolean, method?: string): void {
    const now = clock.now();
    const about = { key: entry.key, kind: entry.kind, method, error: failure.error };
    switch (failure.kind) {
      case 'rate_limited': {
        // `paused`: our own wait (a 429 met earlier, logged then, or the channel's pace), not Slack's answer.
        const line = [{ ...about, retryInMs: failure.retryAfterMs }, `outbox: ${entry.key} rate-limited`];
        if (failure.error === 'paused') logger.debug(...line);
        else logger.warn(...line);
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
          logger.error({ ...about, attempts, retry: false }, `outbox: gave up on ${entry.key}`);
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
        logger.warn({ ...about, attempts, retryInMs: delay }, `outbox: ${entry.key} failed; will retry`);
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
          logger.warn(
            { ...about, retryInMs: heldRetryMs, held: true },
            `outbox: holding ${entry.key} until its recipient is fixed`,
          );
          try {
            onHeld?.(entry, failure.error);
          } catch (err) {
            logger.error({ ...about, err }, 'outbox: onHeld failed');
          }
        }
        return;
      }
      case 'dead': {
        outbox.markDead(entry.id, failure.error, self);
        wakes.delete(entry.id);
        logger.error(
          { ...about, recipient: entry.recipient, retry: false },
          `outbox: DEAD ${entry.key}: Slack or the renderer refused it (a bug on our side); it will not be retried`,
        );
        return;
      }
    }
  }

  function waitOf(entry: OutboxEntry): { ms: number; retry: boolean } | null {
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
    return { ms, retry: wake.retry };
  }

  return {
    fail,
    remember,
    waitOf,
    forget: (id) => wakes.delete(id),
    backOff(entry, ms) {
      wakes.set(entry.id, {
        at: realNow() + ms,
        status: entry.status,
        nextAttemptAt: entry.nextAttemptAt.getTime(),
        retry: false,
      });
    },
  };
}
