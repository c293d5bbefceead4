/**
 * Requests across departments (`/cx ask`, `R-n`): asking, taking ("I'll take it" turns it into an action
 * of the asked department), declining, and the clock of unanswered requests. Every post and DM goes
 * through the outbox in the transaction of the change that causes it.
 */
import type { Tx } from '../db/client.js';
import { insertAction } from '../db/repositories/actions-repo.js';
import { appendHistory } from '../db/repositories/history-repo.js';
import { getInitiative } from '../db/repositories/initiatives-repo.js';
import { enqueue } from '../db/repositories/outbox-repo.js';
import {
  type Answer,
  answerRequest,
  appendRequestEvent,
  eventsOf,
  getRequest,
  insertRequest,
  markClock,
  openRequests,
  type RequestEvent,
} from '../db/repositories/requests-repo.js';
import { listBindings } from '../db/repositories/settings-repo.js';
import { err, ok, type Result } from '../domain/errors.js';
import type { Notification } from '../domain/payloads/notification.js';
import type { RequestInitiative, RequestPostPayload, RequestState } from '../domain/payloads/requests.js';
import {
  clockSteps,
  formatRequestRef,
  type Request,
  takenDueDate,
  workingDaysWaited,
} from '../domain/requests.js';
import {
  type Action,
  type BindingKey,
  DEPARTMENTS,
  type Department,
  type Initiative,
  type LocalDate,
} from '../domain/types.js';
import { type AppContext, type Caller, transact } from './context.js';
import { departmentOfChannel, requireActiveInitiative } from './initiatives.js';

export interface AskInput {
  /** As typed: `hub` is refused here, with a clear answer. */
  askedDept: BindingKey;
  initiativeId: number;
  what: string;
  byDate: LocalDate | null;
}

export interface Asked {
  request: Request;
  initiative: Initiative;
}

/** The outbox key of a request's post in the asked department's channel: bumps thread under it. */
export const requestPostKey = (id: number) => `request:${formatRequestRef(id)}`;

const isBound = (tx: Tx, key: BindingKey) => listBindings(tx).some((b) => b.key === key);

function requestInitiative(i: Initiative): RequestInitiative {
  const metric = i.customerMetric
    ? { kind: 'customer' as const, name: i.customerMetric.name }
    : i.businessMetric
      ? { kind: 'business' as const, name: i.businessMetric.name }
      : null;
  return { id: i.id, title: i.title, tier: i.tier, ownerId: i.ownerId, metric };
}

function postPayload(r: Request, i: Initiative, state: RequestState): RequestPostPayload {
  return {
    requestId: r.id,
    askerId: r.askerId,
    askingDept: r.askingDept,
    askedDept: r.askedDept,
    what: r.what,
    byDate: r.byDate,
    initiative: requestInitiative(i),
    state,
  };
}

/** `/cx ask <dept> <I-n> <what> [by:…]`: creates R-n and posts it in the asked department's channel. */
export function askDepartment(ctx: AppContext, caller: Caller, input: AskInput): Result<Asked> {
  const asked = input.askedDept;
  if (asked === 'hub') return err({ code: 'ask_refused', reason: 'hub', dept: asked });
  return transact(ctx, caller, (tx, now) => {
    const found = requireActiveInitiative(tx, input.initiativeId);
    if (!found.ok) return found;
    // Posted nowhere, a request would wait unseen: refused until the department has a channel.
    if (!isBound(tx, asked)) return err({ code: 'ask_refused', reason: 'unbound', dept: asked });
    const initiative = found.value;
    const request = insertRequest(
      tx,
      {
        initiativeId: initiative.id,
        askingDept: departmentOfChannel(ctx, caller.channelId) ?? initiative.leadDept,
        askedDept: asked,
        what: input.what,
        byDate: input.byDate,
        askerId: caller.userId,
      },
      now,
    );
    appendRequestEvent(tx, { requestId: request.id, actorId: caller.userId, kind: 'asked' }, now);
    appendHistory(
      tx,
      {
        entity: 'I',
        entityId: initiative.id,
        actorId: caller.userId,
        kind: 'request',
        note: formatRequestRef(request.id),
      },
      now,
    );
    enqueue(
      tx,
      [
        {
          kind: 'request_posted',
          key: requestPostKey(request.id),
          recipient: { type: 'binding', key: asked },
          payload: postPayload(request, initiative, { status: 'open' }),
        } satisfies Notification,
      ],
      now,
    );
    return ok({ request, initiative });
  });
}

function requireOpen(tx: Tx, id: number): Result<{ request: Request; initiative: Initiative }> {
  const request = getRequest(tx, id);
  if (!request) return err({ code: 'unknown_ref', ref: formatRequestRef(id) });
  if (request.status !== 'open') return answered(request);
  const initiative = requireActiveInitiative(tx, request.initiativeId);
  return initiative.ok ? ok({ request, initiative: initiative.value }) : initiative;
}

function answered(r: Request): Result<never> {
  return err({
    code: 'request_answered',
    requestId: r.id,
    status: r.status === 'declined' ? 'declined' : 'taken',
    by: r.answeredBy ?? '',
    actionId: r.actionId,
  });
}

/** The post rewritten in place and the asker's DM (none when the asker answered their own request). */
function answerNotices(r: Request, i: Initiative, state: Exclude<RequestState, { status: 'open' }>) {
  const ref = formatRequestRef(r.id);
  const notices: Notification[] = [
    {
      kind: 'request_update',
      key: `request-update:${ref}`,
      recipient: { type: 'binding', key: r.askedDept },
      threadOf: requestPostKey(r.id),
      payload: postPayload(r, i, state),
    },
  ];
  if (r.askerId !== state.by) {
    notices.push({
      kind: 'request_answered',
      key: `request-answered:${ref}`,
      recipient: { type: 'user', id: r.askerId },
      payload: {
        requestId: r.id,
        askedDept: r.askedDept,
        what: r.what,
        initiative: { id: i.id, title: i.title },
        state,
      },
    });
  }
  return notices;
}

function settle(tx: Tx, r: Request, answer: Answer, now: Date): Result<void> {
  // Two presses at the same instant: only the first still finds it open.
  if (!answerRequest(tx, r.id, answer, now)) {
    const current = getRequest(tx, r.id);
    return current ? answered(current) : err({ code: 'unknown_ref', ref: formatRequestRef(r.id) });
  }
  return ok();
}

export interface Taken {
  request: Request;
  action: Action;
  initiative: Initiative;
}

/**
 * **I'll take it**: an action under the initiative, owned by the presser, of the asked department, due on
 * the `by:` date or in 7 days — in the transaction that marks the request taken, so there is one taker.
 */
export function takeRequest(ctx: AppContext, caller: Caller, requestId: number): Result<Taken> {
  return transact(ctx, caller, (tx, now) => {
    const found = requireOpen(tx, requestId);
    if (!found.ok) return found;
    const { request, initiative } = found.value;
    const action = insertAction(
      tx,
      {
        initiativeId: initiative.id,
        title: request.what,
        ownerId: caller.userId,
        dept: request.askedDept,
        dueDate: takenDueDate(request.byDate, now, ctx.timeZone),
        createdBy: caller.userId,
      },
      now,
    );
    const settled = settle(tx, request, { status: 'taken', by: caller.userId, actionId: action.id }, now);
    if (!settled.ok) return settled;
    appendHistory(
      tx,
      { entity: 'A', entityId: action.id, actorId: caller.userId, kind: 'created', newValue: action.ownerId },
      now,
    );
    appendHistory(
      tx,
      {
        entity: 'I',
        entityId: initiative.id,
        actorId: caller.userId,
        kind: 'action',
        note: `A-${action.id}`,
      },
      now,
    );
    appendRequestEvent(
      tx,
      { requestId: request.id, actorId: caller.userId, kind: 'taken', note: `A-${action.id}` },
      now,
    );
    const state = {
      status: 'taken',
      by: caller.userId,
      actionId: action.id,
      dueDate: action.dueDate ?? '',
    } as const;
    enqueue(tx, answerNotices(request, initiative, state), now);
    return ok({ request: getRequest(tx, request.id) ?? request, action, initiative });
  });
}

/** Whether the request can still be answered: the Can't-do-it button checks before opening its modal. */
export function openRequest(ctx: AppContext, requestId: number): Result<Request> {
  const request = getRequest(ctx.handle.db, requestId);
  if (!request) return err({ code: 'unknown_ref', ref: formatRequestRef(requestId) });
  return request.status === 'open' ? ok(request) : answered(request);
}

/** **Can't do it**, with a reason: the request is closed as declined and the asker is told. */
export function declineRequest(
  ctx: AppContext,
  caller: Caller,
  requestId: number,
  reason: string,
): Result<Request> {
  return transact(ctx, caller, (tx, now) => {
    const found = requireOpen(tx, requestId);
    if (!found.ok) return found;
    const { request, initiative } = found.value;
    const settled = settle(tx, request, { status: 'declined', by: caller.userId, reason }, now);
    if (!settled.ok) return settled;
    appendRequestEvent(
      tx,
      { requestId: request.id, actorId: caller.userId, kind: 'declined', note: reason },
      now,
    );
    enqueue(tx, answerNotices(request, initiative, { status: 'declined', by: caller.userId, reason }), now);
    return ok(getRequest(tx, request.id) ?? request);
  });
}

export interface ClockRun {
  bumped: number;
  escalated: number;
  interrupted: boolean;
}

const JOB_ACTOR = 'cx-bridge';

/**
 * The `asks` job: each open request bumped once in its thread after 2 working days, escalated once to the
 * hub (if bound) and the initiative's owner after 5 — only inside working hours in CX_TIMEZONE. The step
 * is recorded with its posts in one transaction, and the outbox keys make a rerun post nothing twice.
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
      if (steps.bump) {
        enqueue(
          tx,
          [
            {
              kind: 'request_bump',
              key: `request-bump:${ref}`,
              recipient: { type: 'binding', key: request.askedDept },
              threadOf: requestPostKey(request.id),
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
      if (steps.escalate && initiative) {
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
          },
        ];
        // An unbound hub would hold the post forever: the owner's DM is the escalation then.
        if (isBound(tx, 'hub')) {
          notices.unshift({
            kind: 'request_escalation',
            key: `request-escalation:${ref}:hub`,
            recipient: { type: 'binding', key: 'hub' },
            payload: { ...payload, role: 'hub' },
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

export interface RequestDetail {
  request: Request;
  initiative: Initiative | null;
  events: RequestEvent[];
  /** Working days it has waited (open) or waited until answered. */
  waited: number;
}

/** `/cx show R-n`: the request, its initiative and its history. */
export function requestDetail(ctx: AppContext, id: number): Result<RequestDetail> {
  const db = ctx.handle.db;
  const request = getRequest(db, id);
  if (!request) return err({ code: 'unknown_ref', ref: formatRequestRef(id) });
  const until = request.answeredAt ?? ctx.clock.now();
  return ok({
    request,
    initiative: getInitiative(db, request.initiativeId),
    events: eventsOf(db, id),
    waited: workingDaysWaited(request.createdAt, until, ctx.timeZone),
  });
}

export interface OpenRequestLine {
  request: Request;
  initiativeTitle: string;
  waited: number;
}

export interface OpenRequestsView {
  /** Per department (only `dept` when one was given): requests asked of it and by it, oldest first. */
  depts: { dept: Department; askedOf: OpenRequestLine[]; askedBy: OpenRequestLine[] }[];
  total: number;
}

/** `/cx asks [dept]`. */
export function listOpenRequests(ctx: AppContext, dept: Department | null): OpenRequestsView {
  const db = ctx.handle.db;
  const now = ctx.clock.now();
  const titles = new Map<number, string>();
  const lines = openRequests(db).map((request) => {
    let title = titles.get(request.initiativeId);
    if (title === undefined) {
      title = getInitiative(db, request.initiativeId)?.title ?? '';
      titles.set(request.initiativeId, title);
    }
    return {
      request,
      initiativeTitle: title,
      waited: workingDaysWaited(request.createdAt, now, ctx.timeZone),
    };
  });
  const depts = (dept ? [dept] : DEPARTMENTS)
    .map((d) => ({
      dept: d,
      askedOf: lines.filter((l) => l.request.askedDept === d),
      askedBy: lines.filter((l) => l.request.askingDept === d),
    }))
    .filter((d) => dept !== null || d.askedOf.length > 0 || d.askedBy.length > 0);
  const total = dept
    ? lines.filter((l) => l.request.askedDept === dept || l.request.askingDept === dept).length
    : lines.length;
  return { depts, total };
}
