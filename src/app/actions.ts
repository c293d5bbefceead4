import type { Tx } from '../db/client.js';
import { cachedByVersion } from '../db/prepared.js';
import {
  getAction,
  insertAction,
  openActionsOfOwner,
  progressByInitiative,
  updateAction,
} from '../db/repositories/actions-repo.js';
import { appendHistory, historyOf } from '../db/repositories/history-repo.js';
import { getInitiative, getInitiatives } from '../db/repositories/initiatives-repo.js';
import { enqueue } from '../db/repositories/outbox-repo.js';
import { listBindings, setAway as saveAway } from '../db/repositories/settings-repo.js';
import { type ActionChange, applyChange } from '../domain/actions.js';
import { localDate } from '../domain/dates.js';
import { err, ok, type Result } from '../domain/errors.js';
import type { Notification } from '../domain/payloads/notification.js';
import { canChangeAction } from '../domain/permissions.js';
import type { Action, Department, HistoryEntry, Initiative, Progress, UserId } from '../domain/types.js';
import { type AppContext, type Caller, transact } from './context.js';
import { requireActiveInitiative } from './initiatives.js';
import { requirePerson } from './people.js';
import { isAdmin, leftHow } from './users.js';
import { assignmentNotices, blockNotices } from './work-notices.js';

export interface LogActionInput {
  initiativeId: number;
  title: string;
  ownerId?: UserId;
  dueDate?: string | null;
  dept?: Department;
}

export interface ActionWithInitiative {
  action: Action;
  initiative: Initiative;
}

export async function logAction(
  ctx: AppContext,
  caller: Caller,
  input: LogActionInput,
): Promise<Result<ActionWithInitiative>> {
  if (input.ownerId && input.ownerId !== caller.userId) {
    const person = await requirePerson(ctx, input.ownerId);
    if (!person.ok) return person;
  }
  return transact(ctx, caller, (tx, now) => {
    const found = requireActiveInitiative(tx, input.initiativeId);
    if (!found.ok) return found;
    const initiative = found.value;
    const action = insertAction(
      tx,
      {
        initiativeId: initiative.id,
        title: input.title,
        ownerId: input.ownerId ?? caller.userId,
        dept: input.dept ?? initiative.leadDept,
        dueDate: input.dueDate ?? null,
        createdBy: caller.userId,
      },
      now,
    );
    const created = appendHistory(
      tx,
      { entity: 'A', entityId: action.id, actorId: caller.userId, kind: 'created', newValue: action.ownerId },
      now,
    );
    // Logged for someone else: they hear of it now, not from a "stalled" reminder a week later.
    const today = localDate(now, ctx.timeZone);
    enqueue(tx, assignmentNotices(caller.userId, action, initiative, null, created, today), now);
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
    return ok({ action, initiative });
  });
}

/** Loads an action and its initiative and checks the caller may change it. */
export function loadForChange(
  tx: Tx,
  caller: Caller,
  admin: boolean,
  actionId: number,
): Result<ActionWithInitiative> {
  const action = getAction(tx, actionId);
  if (!action) return err({ code: 'unknown_ref', ref: `A-${actionId}` });
  const initiative = getInitiative(tx, action.initiativeId);
  if (!initiative) return err({ code: 'unknown_ref', ref: `I-${action.initiativeId}` });
  const allowed = canChangeAction(caller.userId, admin, action, initiative);
  if (!allowed.ok) return allowed;
  return ok({ action, initiative });
}

export interface Completion extends ActionWithInitiative {
  progress: Progress;
  /** The channels the win goes to (binding keys), empty when no involved department is bound. */
  announcedIn: string[];
}

/**
 * Runs a change as the caller, first without admin rights: nearly every change is made by the action's own
 * people, who need none, so no users.info look-up (a Slack call when the cache is stale) sits before their
 * ack. Only a refusal asks whether the caller is an admin and runs again as one; the refused run was rolled
 * back whole (delivery key included), so running again is safe.
 */
async function asOwnerOrAdmin<T>(
  ctx: AppContext,
  caller: Caller,
  run: (admin: boolean) => Result<T>,
): Promise<Result<T>> {
  if (ctx.admins.has(caller.userId)) return run(true);
  const asOwner = run(false);
  if (asOwner.ok || asOwner.error.code !== 'forbidden') return asOwner;
  return (await isAdmin(ctx, caller.userId)) ? run(true) : asOwner;
}

export function completeAction(
  ctx: AppContext,
  caller: Caller,
  actionId: number,
  note: string | null,
): Promise<Result<Completion>> {
  return asOwnerOrAdmin(ctx, caller, (admin) => completeAs(ctx, caller, admin, actionId, note));
}

function completeAs(
  ctx: AppContext,
  caller: Caller,
  admin: boolean,
  actionId: number,
  note: string | null,
): Result<Completion> {
  return transact(ctx, caller, (tx, now) => {
    const loaded = loadForChange(tx, caller, admin, actionId);
    if (!loaded.ok) return loaded;
    const { action, initiative } = loaded.value;
    const patch = applyChange(action, { event: 'done' }, now);
    if (!patch.ok) return patch;
    updateAction(tx, actionId, patch.value);
    appendHistory(tx, { entity: 'A', entityId: actionId, actorId: caller.userId, kind: 'done', note }, now);
    const progress = progressByInitiative(tx, [initiative.id]).get(initiative.id) ?? { done: 0, total: 0 };
    const wins = winMessages(tx, caller.userId, { ...action, status: 'done' }, initiative, progress, note);
    enqueue(tx, wins, now);
    return ok({
      action: { ...action, status: 'done', completedAt: now },
      initiative,
      progress,
      announcedIn: wins.map((w) => (w.recipient.type === 'binding' ? w.recipient.key : '')),
    });
  });
}

/** One win post per bound channel of the departments involved (two departments sharing a channel get one). */
function winMessages(
  tx: Tx,
  actorId: UserId,
  action: Action,
  initiative: Initiative,
  progress: Progress,
  note: string | null,
): Notification[] {
  const bindings = listBindings(tx);
  const seenChannels = new Set<string>();
  const messages: Notification[] = [];
  for (const dept of initiative.depts) {
    const binding = bindings.find((b) => b.key === dept);
    if (!binding || seenChannels.has(binding.channelId)) continue;
    seenChannels.add(binding.channelId);
    messages.push({
      kind: 'win',
      key: `win:A-${action.id}:${dept}`,
      recipient: { type: 'binding', key: dept },
      payload: {
        actorId,
        ownerId: action.ownerId,
        action: { id: action.id, title: action.title, dept: action.dept },
        initiative: {
          id: initiative.id,
          title: initiative.title,
          tier: initiative.tier,
          depts: initiative.depts,
        },
        progress,
        note,
      },
    });
  }
  return messages;
}

/**
 * The shared shape of update / block / snooze: load, check who may, apply the domain change, write it and
 * its history line in one transaction, then the DMs it causes (given the history entry's id).
 */
async function changeAction(
  ctx: AppContext,
  caller: Caller,
  actionId: number,
  change: ActionChange,
  history: { kind: string; note: string | null },
  notices?: (changed: ActionWithInitiative, historyId: number) => Notification[],
): Promise<Result<ActionWithInitiative>> {
  return asOwnerOrAdmin(ctx, caller, (admin) =>
    changeAs(ctx, caller, admin, actionId, change, history, notices),
  );
}

function changeAs(
  ctx: AppContext,
  caller: Caller,
  admin: boolean,
  actionId: number,
  change: ActionChange,
  history: { kind: string; note: string | null },
  notices?: (changed: ActionWithInitiative, historyId: number) => Notification[],
): Result<ActionWithInitiative> {
  return transact(ctx, caller, (tx, now) => {
    const loaded = loadForChange(tx, caller, admin, actionId);
    if (!loaded.ok) return loaded;
    const patch = applyChange(loaded.value.action, change, now);
    if (!patch.ok) return patch;
    updateAction(tx, actionId, patch.value);
    const historyId = appendHistory(
      tx,
      { entity: 'A', entityId: actionId, actorId: caller.userId, ...history },
      now,
    );
    const changed = { ...loaded.value, action: { ...loaded.value.action, ...patch.value } };
    if (notices) enqueue(tx, notices(changed, historyId), now);
    return ok(changed);
  });
}

/** Progress on an action. A blocked action stays blocked (with its reason): `/cx unblock` lifts a block. */
export function recordUpdate(ctx: AppContext, caller: Caller, actionId: number, note: string) {
  return changeAction(ctx, caller, actionId, { event: 'update' }, { kind: 'update', note });
}

/** Blocks an action; the initiative's owner and anyone mentioned in the reason are told by DM. */
export function markBlocked(ctx: AppContext, caller: Caller, actionId: number, reason: string) {
  return changeAction(
    ctx,
    caller,
    actionId,
    { event: 'block', reason },
    { kind: 'blocked', note: reason },
    ({ action, initiative }, historyId) => blockNotices(caller.userId, action, initiative, reason, historyId),
  );
}

export function snooze(ctx: AppContext, caller: Caller, actionId: number, days: number) {
  return changeAction(
    ctx,
    caller,
    actionId,
    { event: 'snooze', days },
    { kind: 'snoozed', note: `${days}d` },
  );
}

export interface MyAction extends ActionWithInitiative {}

/** `/cx mine`, kept until the next write (cachedByVersion): the same answer again costs one tiny query. */
export function myOpenActions(ctx: AppContext, userId: UserId): MyAction[] {
  return cachedByVersion(ctx.handle.sqlite, `mine:${userId}`, () => computeMine(ctx, userId)).slice();
}

function computeMine(ctx: AppContext, userId: UserId): MyAction[] {
  const db = ctx.handle.db;
  const actions = openActionsOfOwner(db, userId);
  // Their initiatives in one query, not one per action.
  const ids = [...new Set(actions.map((a) => a.initiativeId))];
  const initiatives = new Map(getInitiatives(db, ids).map((i) => [i.id, i]));
  return actions.flatMap((action) => {
    const initiative = initiatives.get(action.initiativeId);
    return initiative ? [{ action, initiative }] : [];
  });
}

export interface ActionDetail extends ActionWithInitiative {
  history: HistoryEntry[];
  /** Its owner is known to have left, and how (see leftHow): the reply says how to hand it on. */
  ownerLeft?: 'deactivated' | 'unknown';
}

export function actionDetail(ctx: AppContext, actionId: number): Result<ActionDetail> {
  const db = ctx.handle.db;
  const action = getAction(db, actionId);
  if (!action) return err({ code: 'unknown_ref', ref: `A-${actionId}` });
  const initiative = getInitiative(db, action.initiativeId);
  if (!initiative) return err({ code: 'unknown_ref', ref: `I-${action.initiativeId}` });
  const open = action.status === 'open' || action.status === 'blocked';
  const left = open ? leftHow(ctx, action.ownerId) : null;
  return ok({
    action,
    initiative,
    history: historyOf(db, 'A', actionId),
    ...(left ? { ownerLeft: left } : {}),
  });
}

/** `/cx away until <date>` (date validated by the grammar) or `/cx away off` (until = null). */
export function setAway(
  ctx: AppContext,
  caller: Caller,
  until: string | null,
): Result<{ until: string | null }> {
  return transact(ctx, caller, (tx, now) => {
    saveAway(tx, caller.userId, until, now);
    return ok({ until });
  });
}
