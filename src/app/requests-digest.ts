/**
 * The weekly digest's "Open requests" reply: one per digest thread, built from the same read of the data
 * as the rest of the digest (its transaction), keyed per week and channel like the other parts.
 */
import type { Executor } from '../db/client.js';
import { openRequests } from '../db/repositories/requests-repo.js';
import type { Notification } from '../domain/payloads/notification.js';
import type { OpenRequestLine } from '../domain/payloads/requests.js';
import { whoWaitsOnWhom, workingDaysWaited } from '../domain/requests.js';
import type { BindingKey } from '../domain/types.js';

/** Requests listed per digest reply; the rest is `/cx asks` away. */
export const DIGEST_MAX_REQUESTS = 20;

/**
 * The replies for every scope whose digest parent is among `queued` (so a digest that is not posted gets
 * none). Nothing when no request is open.
 */
export function requestDigests(
  db: Executor,
  queued: readonly Notification[],
  week: string,
  now: Date,
  zone: string,
): Notification[] {
  const open = openRequests(db);
  if (open.length === 0) return [];
  const lines: OpenRequestLine[] = open.map((r) => ({
    requestId: r.id,
    askingDept: r.askingDept,
    askedDept: r.askedDept,
    what: r.what,
    initiativeId: r.initiativeId,
    waited: workingDaysWaited(r.createdAt, now, zone),
    byDate: r.byDate,
  }));
  const table = whoWaitsOnWhom(open, now, zone);
  const out: Notification[] = [];
  for (const parent of queued) {
    if (parent.kind !== 'digest') continue;
    const scope: BindingKey = parent.payload.scope;
    const mine = lines.filter((l) => scope === 'hub' || l.askedDept === scope || l.askingDept === scope);
    out.push({
      kind: 'digest_requests',
      key: `${parent.key}:requests`,
      recipient: parent.recipient,
      threadOf: parent.key,
      payload: {
        week,
        scope,
        open: mine.slice(0, DIGEST_MAX_REQUESTS),
        total: mine.length,
        waiting: open.length,
        table,
      },
    });
  }
  return out;
}
