/**
 * The weekly digest use case: read the data once, in one transaction, and queue every bound channel's
 * digest (built by domain/digest-messages.ts from the rules in domain/digest.ts).
 */
import { readDigestData } from '../db/repositories/digest-repo.js';
import { enqueue } from '../db/repositories/outbox-repo.js';
import { listBindings } from '../db/repositories/settings-repo.js';
import { digestPeriod } from '../domain/digest.js';
import { buildDigests } from '../domain/digest-messages.js';
import type { Notification } from '../domain/payloads/notification.js';
import type { AppContext } from './context.js';
import { requestDigests } from './requests-digest.js';

/** Reads the data once (a consistent snapshot) and builds every bound channel's digest. */
export function collectDigests(ctx: AppContext, week: string, now: Date): Notification[] {
  const period = digestPeriod(week, now, ctx.timeZone);
  return ctx.handle.read((tx) => {
    const scopes = listBindings(tx).map((b) => b.key);
    if (scopes.length === 0) return [];
    const data = readDigestData(tx, period);
    const digests = buildDigests(data, scopes, period, now);
    return [...digests, ...requestDigests(tx, digests, period.week, now, ctx.timeZone)];
  });
}

/**
 * The `digest` job for one ISO week: every bound department channel and the hub get a parent message and
 * its thread, queued in one transaction under keys per week and channel, so a second run queues nothing.
 * It names the owners of stalled work, so it is posted inside working hours only: a digest caught up at
 * start-up at night, or held up past 17:30, goes out at the next 09:30 (CX_TIMEZONE).
 */
export function postWeeklyDigest(ctx: AppContext, week: string, now: Date): { queued: number } {
  const messages = collectDigests(ctx, week, now).map((m) => ({ ...m, hoursZone: ctx.timeZone }));
  if (messages.length === 0) return { queued: 0 };
  const queued = ctx.handle.db.transaction((tx) => enqueue(tx, messages, now));
  if (queued > 0) ctx.afterCommit();
  return { queued };
}
