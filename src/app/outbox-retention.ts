import { setImmediate as nextTurn } from 'node:timers/promises';
import { dropPayloads, outboxIdRange } from '../db/repositories/outbox-prune.js';
import type { NotificationKind } from '../domain/payloads/notification.js';
import type { AppContext } from './context.js';

/**
 * How long a delivered post keeps the snapshot it was rendered from (the outbox payload). Nothing reads it
 * again once Slack has the message, except the kinds below that are not listed; a month leaves time to look
 * into what a post said. Kept, it was most of the database after a year (a sandbox year: 1,865 rows, 1 MB of
 * payload, three quarters of it digest details), growing by a few KB with every post.
 */
export const OUTBOX_PAYLOAD_RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;

/** Rows per statement: a few milliseconds each, with a turn of the event loop between them. */
export const OUTBOX_PRUNE_WINDOW = 5_000;

/**
 * The kinds whose payload is never read after delivery. Not listed, so kept: `round_results`, which
 * "Adopt as initiative" re-renders from it months later; and any kind added later until someone checks it
 * here. Rows still to deliver, held or dead (given up, worth a look) keep theirs whatever their age.
 */
export const PRUNABLE_KINDS: readonly NotificationKind[] = [
  'win',
  'delivery_problem',
  'reminder',
  'stalled_list',
  'digest',
  'digest_detail',
  'digest_requests',
  'poll',
  'poll_reactions',
  'round_invite',
  'round_results_update',
  'round_no_votes',
  'round_breakdown',
  'metric_check',
  'metric_verdict',
  'metric_verdict_owner',
  'initiative_announced',
  'initiative_closed',
  'verdict_correction',
  'pain_point_news',
  'action_assigned',
  'action_unassigned',
  'initiative_handed_over',
  'action_blocked',
  'request_posted',
  'request_update',
  'request_answered',
  'request_bump',
  'request_escalation',
];

/**
 * Drops the payloads of posts delivered more than the retention before `now` (see PRUNABLE_KINDS), walking
 * the table in windows of row ids, each its own statement, a turn of the event loop between them. Stops
 * early when `stopped()` says so; the next daily run goes on. Running it again drops nothing twice.
 */
export async function pruneOutboxPayloads(
  ctx: AppContext,
  now: Date,
  stopped: () => boolean = () => false,
  window = OUTBOX_PRUNE_WINDOW,
): Promise<{ dropped: number }> {
  const db = ctx.handle.db;
  const range = outboxIdRange(db);
  if (!range) return { dropped: 0 };
  // Counted back from the newest row when that came before `now`, as the delivery keys are: a run by hand
  // with a future `--at` (a demo) keeps what the last month's posts said.
  const latest = Math.min(now.getTime(), range.newestAt.getTime());
  const before = new Date(latest - OUTBOX_PAYLOAD_RETENTION_DAYS * DAY_MS);
  let dropped = 0;
  for (let from = range.low; from <= range.high && !stopped(); from += window) {
    dropped += dropPayloads(db, { from, to: from + window }, before, PRUNABLE_KINDS);
    await nextTurn();
  }
  return { dropped };
}
