import { openActionsOfOwner } from '../db/repositories/actions-repo.js';
import type { OutboxEntry } from '../domain/outbox.js';
import type { DeliveryProblemPayload } from '../domain/payloads/delivery.js';
import type { Notification } from '../domain/payloads/notification.js';
import type { AppContext } from './context.js';
import { hasLeft } from './users.js';

/** How many of a departed person's open actions the admins' DM names; the rest are counted. */
const ACTIONS_NAMED = 5;

/**
 * The admins' DMs about a post Slack would not take (held): one each, once per post (its key). A channel
 * post says which channel; a DM says to whom, and when that person's account is deactivated (someone who
 * left: Slack answers `channel_not_found` for a DM to them, so the cached users.info `deleted` decides,
 * which the reminders job has just refreshed when it looked up their zone), which of their open actions
 * need a new owner — the only thing an admin can do about it.
 */
export function deliveryProblemNotices(ctx: AppContext, entry: OutboxEntry, error: string): Notification[] {
  if (entry.kind === 'delivery_problem') return [];
  const recipient = entry.recipient;
  const target = recipient.type === 'binding' ? `the ${recipient.key} channel` : 'a channel';
  const payload: DeliveryProblemPayload = { kind: entry.kind, target, error };
  if (recipient.type === 'user') {
    const deactivated = hasLeft(ctx, recipient.id);
    const open = deactivated ? openActionsOfOwner(ctx.handle.db, recipient.id).map((a) => a.id) : [];
    payload.person = {
      id: recipient.id,
      deactivated,
      openActions: open.slice(0, ACTIONS_NAMED),
      moreActions: Math.max(0, open.length - ACTIONS_NAMED),
    };
  }
  return [...ctx.admins].map((adminId) => ({
    kind: 'delivery_problem',
    key: `problem:${entry.key}:${adminId}`,
    recipient: { type: 'user', id: adminId },
    payload,
  }));
}
