import type { WebClient } from '@slack/web-api';
import type { Claim, OutboxEntry, OutboxPort } from '../../domain/outbox.js';
import type { NotifierLogger } from './types.js';

/** Beyond the Web API timeout: a post in flight when its process died has reached Slack by then. */
const LEASE_MARGIN_MS = 10_000;
/** How often a lease held by another deliverer is looked at again. */
export const LEASE_RECHECK_MS = 2_000;
/** Renewals per lease: a live owner misses several before its lease runs out (a busy event loop). */
const RENEWALS_PER_LEASE = 5;

export function defaultLeaseMs(client: WebClient): number {
  const timeout = Number(Reflect.get(client, 'timeout'));
  return (Number.isFinite(timeout) && timeout > 0 ? timeout : 15_000) + LEASE_MARGIN_MS;
}

export interface Leases {
  /** A fresh claim for this deliverer. */
  claim(): Claim;
  /** A `sending` row nobody holds any more: claimed without a lease, or its owner stopped renewing. */
  abandoned(entry: OutboxEntry): boolean;
  /** Rows this notifier works on right now; their leases are renewed while any is held. */
  hold(id: number): void;
  release(id: number): void;
  holds(id: number): boolean;
  /** Stops renewing (after the last delivery has ended). */
  stop(): void;
}

/**
 * Claims and their leases. Wall clock, not the injected one: see Claim in domain/outbox.ts. A live owner
 * renews every lease/5, so it loses a row only if its event loop stalls for most of a lease.
 */
export function createLeases(deps: {
  outbox: Pick<OutboxPort, 'renewLease'>;
  self: string;
  leaseMs: number;
  wallNow: () => number;
  logger: NotifierLogger;
}): Leases {
  const { outbox, self, leaseMs, wallNow, logger } = deps;
  const inFlight = new Set<number>();
  let heartbeat: NodeJS.Timeout | undefined;

  const claim = (): Claim => ({ by: self, leaseUntil: wallNow() + leaseMs });

  const abandoned = (entry: OutboxEntry) => entry.claim === null || entry.claim.leaseUntil <= wallNow();

  function hold(id: number): void {
    inFlight.add(id);
    if (heartbeat) return;
    heartbeat = setInterval(() => {
      try {
        outbox.renewLease(self, [...inFlight], claim().leaseUntil);
      } catch (err) {
        logger.error({ err }, 'outbox: renewing leases failed');
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
  return {
    claim,
    abandoned,
    hold,
    release,
    holds: (id) => inFlight.has(id),
    stop() {
      if (heartbeat) clearInterval(heartbeat);
      heartbeat = undefined;
    },
  };
}
