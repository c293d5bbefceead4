/**
 * The clock of unanswered requests across departments (the `asks` job): a bump in the request's thread
 * after 2 working days, an escalation to the hub and the initiative's owner after 5.
 */
import { getInitiative } from '../db/repositories/initiatives-repo.js';
import { enqueue } from '../db/repositories/outbox-repo.js';
import { appendRequestEvent, markClock, openRequests } from '../db/repositories/requests-repo.js';
import type { Notification } from '../domain/payloads/notification.js';
import { clockSteps, formatRequestRef, workingDaysWaited } from '../domain/requests.js';
import type { AppContext } from './context.js';
import { isBound, requestPostKey } from './requests.js';

export interface ClockRun {
  bumped: number;
  escalated: number;
  interrupted: boolean;
}

const JOB_ACTOR = 'cx-bridge';

/**
 * The `asks` job: each open request bumped once in its thread after 2 working days, escalated once to the
 * hub (if bound) and the initiative's owner after 5 — only inside working hours in CX_TIMEZONE, delivery
 * included (`hoursZone`: a post held up past 17:30 waits for 09:30). The step is recorded with its posts in
 * one transaction, and the outbox keys make a rerun post nothing twice.
 */
export function runAsksClock(ctx: AppContext, now: Date, options: { signal?: AbortSignal } = {}): ClockRun {
  const run: ClockRun = { bumped: 0, escalated: 0, interrupted: false };
  for (const request of openRequests(ctx.handle.db)) {
    if (options.signal?.aborted) return { ...run, interrupted: true };
    const steps = clockSteps(request, now, ctx.timeZone);
    if (!steps.bump && !steps.escalate) continue;
    const days = workingDaysWaited(request.createdAt, now, ctx.timeZone);
    ctx.handle.db.transaction((tx) => {
      const ref = formatRequestRef(request.id);
      const initiative = getInitiative(tx, request.initiativeId);
      // A closed initiative needs nothing any more: nobody is chased for it (as with its reminders).
      if (initiative?.status !== 'active') return;
      if (steps.bump) {
        enqueue(
          tx,
          [
            {
              kind: 'request_bump',
              key: `request-bump:${ref}`,
              recipient: { type: 'binding', key: request.askedDept },
              threadOf: requestPostKey(request.id),
              hoursZone: ctx.timeZone,
              payload: {
                requestId: request.id,
                askedDept: request.askedDept,
                askerId: request.askerId,
                days,
              },
            } satisfies Notification,
          ],
          now,
        );
        markClock(tx, request.id, 'bumped', now);
        appendRequestEvent(tx, { requestId: request.id, actorId: JOB_ACTOR, kind: 'bumped' }, now);
        run.bumped++;
      }
      if (steps.escalate) {
        const payload = {
          requestId: request.id,
          askerId: request.askerId,
          askingDept: request.askingDept,
          askedDept: request.askedDept,
          what: request.what,
          initiative: { id: initiative.id, title: initiative.title, ownerId: initiative.ownerId },
          days,
        };
        const notices: Notification[] = [
          {
            kind: 'request_escalation',
            key: `request-escalation:${ref}:owner`,
            recipient: { type: 'user', id: initiative.ownerId },
            payload: { ...payload, role: 'owner' },
            hoursZone: ctx.timeZone,
          },
        ];
        // An unbound hub would hold the post forever: the owner's DM is the escalation then.
        if (isBound(tx, 'hub')) {
          notices.unshift({
            kind: 'request_escalation',
            key: `request-escalation:${ref}:hub`,
            recipient: { type: 'binding', key: 'hub' },
            payload: { ...payload, role: 'hub' },
            hoursZone: ctx.timeZone,
          });
        }
        enqueue(tx, notices, now);
        markClock(tx, request.id, 'escalated', now);
        appendRequestEvent(tx, { requestId: request.id, actorId: JOB_ACTOR, kind: 'escalated' }, now);
        run.escalated++;
      }
    });
    ctx.afterCommit();
  }
  return run;
}
