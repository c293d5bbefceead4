/**
 * Requests across departments (`/cx ask`, `R-n`): asking, taking ("I'll take it" turns it into an action
 * of the asked department), declining, and the clock of unanswered requests. Every post and DM goes
 * through the outbox in the transaction of the change that causes it.
 */
import type { Tx } from '../db/client.js';
import { insertAction } from '../db/repositories/actions-repo.js';
import { appendHistory } from '../db/repositories/history-repo.js';
import { enqueue } from '../db/repositories/outbox-repo.js';
import {
  type Answer,
  answerRequest,
  appendRequestEvent,
  getRequest,
  insertRequest,
} from '../db/repositories/requests-repo.js';
import { listBindings } from '../db/repositories/settings-repo.js';
import { err, ok, type Result } from '../domain/errors.js';
import type { Notification } from '../domain/payloads/notification.js';
import type { RequestInitiative, RequestPostPayload, RequestState } from '../domain/payloads/requests.js';
import { formatRequestRef, type Request, takenDueDate } from '../domain/requests.js';
import type { Action, BindingKey, Initiative, LocalDate } from '../domain/types.js';
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

export const isBound = (tx: Tx, key: BindingKey) => listBindings(tx).some((b) => b.key === key);

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
