import { openActionsOfOwner } from '../db/repositories/actions-repo.js';
import { expireHeld } from '../db/repositories/outbox-repo.js';
import type { OutboxEntry } from '../domain/outbox.js';
import type { DeliveryProblemPayload } from '../domain/payloads/delivery.js';
import type { MetricCheckAskPayload, MetricVerdictOwnerPayload } from '../domain/payloads/metrics.js';
import type { Notification } from '../domain/payloads/notification.js';
import type { AppContext } from './context.js';
import { personFacts } from './users.js';

/** How many of a departed person's open actions the admins' DM names; the rest are counted. */
const ACTIONS_NAMED = 5;

/**
 * What follows a post Slack would not take (held), once per post: the admins are told (below), and a DM to
 * someone who left stops waiting. It can never arrive, and held it would be tried again every 15 minutes for
 * good, counted as held on /metrics all the while: it is expired instead, with the reason. Returns the
 * admins' DMs to queue.
 */
export async function settleHeldPost(
  ctx: AppContext,
  entry: OutboxEntry,
  error: string,
): Promise<Notification[]> {
  const recipient = entry.recipient;
  const facts = recipient.type === 'user' ? await personFacts(ctx, recipient.id) : null;
  const left = facts === 'unknown' || (facts !== null && facts.deactivated === true);
  const notices =
    entry.kind === 'delivery_problem' ? [] : deliveryProblemNotices(ctx, entry, error, facts, left);
  if (left) expireHeld(ctx.handle.db, entry.id, `recipient_left: ${error}`);
  return notices;
}

/**
 * The admins' DMs about a post Slack would not take (held): one each, once per post (its key). A channel
 * post says which channel; a DM says to whom, and when that person's account is deactivated (someone who
 * left), what an admin can do instead: give their open actions to someone else, record the values of the
 * initiative they were asked about; when there is neither, no DM at all. Slack answers a DM to a deactivated
 * account with `channel_not_found`, so users.info decides (`deleted`, or no such person; `facts`, from
 * settleHeldPost): from the cache while fresh — the reminders job has just refreshed it when it looked up their
 * zone — else asked then, once per held post.
 */
function deliveryProblemNotices(
  ctx: AppContext,
  entry: OutboxEntry,
  error: string,
  facts: Awaited<ReturnType<typeof personFacts>>,
  left: boolean,
): Notification[] {
  const recipient = entry.recipient;
  const target = recipient.type === 'binding' ? `the ${recipient.key} channel` : 'a channel';
  const payload: DeliveryProblemPayload = { kind: entry.kind, target, error };
  if (recipient.type === 'user') {
    const open = left ? openActionsOfOwner(ctx.handle.db, recipient.id).map((a) => a.id) : [];
    const asked =
      entry.kind === 'metric_check' ? (entry.payload as MetricCheckAskPayload).initiative.id : null;
    const verdict =
      entry.kind === 'metric_verdict_owner' ? (entry.payload as MetricVerdictOwnerPayload) : null;
    const decide = verdict?.decide ? verdict.initiative.id : null;
    // Someone who left and owns nothing the DM was about (news, a mention): nothing for an admin to do.
    if (left && open.length === 0 && asked === null && decide === null) return [];
    payload.person = {
      id: recipient.id,
      deactivated: left,
      ...(facts === 'unknown' ? { unknown: true } : {}),
      openActions: open.slice(0, ACTIONS_NAMED),
      moreActions: Math.max(0, open.length - ACTIONS_NAMED),
      ...(left && asked !== null ? { initiativeId: asked } : {}),
      ...(left && decide !== null ? { decideInitiativeId: decide } : {}),
    };
  }
  return [...ctx.admins].map((adminId) => ({
    kind: 'delivery_problem',
    key: `problem:${entry.key}:${adminId}`,
    recipient: { type: 'user', id: adminId },
    payload,
  }));
}
