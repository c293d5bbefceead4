import type { Clock } from '../../clock.js';
import type { OutboxEntry, OutboxPort } from '../../domain/outbox.js';
import { CallFailed } from './errors.js';
import { LEASE_RECHECK_MS, type Leases } from './leases.js';
import type { Lookup } from './lookup.js';
import type { Merging } from './merge.js';
import type { Outcomes } from './outcomes.js';
import type { NotifierLogger } from './types.js';

export interface Recovery {
  /**
   * Settles `sending` rows whose lease has run out. Returns how many it settled and the shortest wait for a
   * live lease of another deliverer to run out (the poll comes back then; drain waits for it).
   */
  settleAbandoned(): Promise<{ settled: number; waitMs: number | null }>;
}

/**
 * Rows left in `sending` by a process that stopped between claiming them and recording the answer: taken
 * over once their lease has run out, then looked up — recorded when the post is there, sent again when not,
 * left in doubt (looked up again before any post) when the look-up cannot be done.
 */
export function createRecovery(deps: {
  outbox: OutboxPort;
  clock: Clock;
  logger: NotifierLogger;
  self: string;
  leases: Leases;
  lookup: Lookup;
  outcomes: Outcomes;
  merging: Merging;
  wallNow: () => number;
  stopped: () => boolean;
}): Recovery {
  const { outbox, clock, logger, self, leases, lookup, outcomes, wallNow } = deps;

  /** Takes over an abandoned `sending` row and finds out whether its post went out. */
  async function settle(entry: OutboxEntry): Promise<void> {
    if (!outbox.takeOver(entry.id, entry.claim, leases.claim())) return; // settled, or taken over, by someone else
    leases.hold(entry.id);
    try {
      await settleHeld(entry);
    } finally {
      leases.release(entry.id);
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
      const found = await lookup.findPosted(entry, channel, threadTs);
      if (found) {
        deps.merging.recordFound(entry, found);
        logger.info(
          { key: entry.key, kind: entry.kind, channel: found.channel, ts: found.ts, outcome: 'was_posted' },
          `outbox: recovered ${entry.key}`,
        );
      } else {
        outbox.markRetry(entry.id, now, 'in_doubt_not_posted', { by: self });
        logger.info(
          { key: entry.key, kind: entry.kind, outcome: 'not_posted' },
          `outbox: recovered ${entry.key}; it will be sent`,
        );
      }
    } catch (err) {
      if (!(err instanceof CallFailed)) throw err;
      // Still unknown: leave the doubt on the row so delivery looks again before posting.
      outbox.markRetry(entry.id, now, `in_doubt: ${err.failure.error}`, { maybeSent: true, by: self });
      logger.warn(
        { key: entry.key, kind: entry.kind, method: err.method, error: err.failure.error },
        `outbox: could not settle ${entry.key} yet`,
      );
      if (err.failure.kind === 'rate_limited') outcomes.remember(entry, err.failure.retryAfterMs, true);
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
      if (deps.stopped()) break;
      if (leases.holds(entry.id)) continue;
      if (!leases.abandoned(entry)) {
        // Looked at again soon: its owner usually finishes long before the lease would run out.
        waitMs = Math.min(waitMs, (entry.claim?.leaseUntil ?? 0) - wallNow() + 1, LEASE_RECHECK_MS);
        continue;
      }
      await settle(entry);
      settled++;
    }
    return { settled, waitMs: Number.isFinite(waitMs) ? Math.max(1, waitMs) : null };
  }
  return { settleAbandoned };
}
