/**
 * Changing an action after it was logged (issue 11): reschedule, reassign, rename, unblock, drop — and
 * renaming an initiative. Each checks who may (the action's owner, the initiative's owner or an admin; an
 * initiative: its owner or an admin), applies the domain rule, writes the change, its history entry (who,
 * when, old → new, reason) and the DMs it causes in one transaction. A refusal changes nothing.
 *
 * Setting what is already there (the same date, owner or title) is answered with `changed: false` and
 * writes nothing: no history line, no DM.
 */
import { updateAction } from '../db/repositories/actions-repo.js';
import { appendHistory } from '../db/repositories/history-repo.js';
import { enqueue } from '../db/repositories/outbox-repo.js';
import { setInitiativeTitle } from '../db/repositories/titles-repo.js';
import { type ActionChange, applyChange } from '../domain/actions.js';
import { ok, type Result } from '../domain/errors.js';
import type { Notification } from '../domain/payloads/notification.js';
import type { Action, Initiative, LocalDate, UserId } from '../domain/types.js';
import { type ActionWithInitiative, loadForChange } from './actions.js';
import { type AppContext, type Caller, transact } from './context.js';
import { requireOwnedInitiative } from './initiatives.js';
import { requirePerson } from './people.js';
import { dateContext } from './read.js';
import { hasLeft, isAdmin } from './users.js';
import { assignmentNotices } from './work-notices.js';

export interface ActionChangeOutcome extends ActionWithInitiative {
  /** The action as it was before the change. */
  before: Action;
  /** False when the action already was that way: nothing was written. */
  changed: boolean;
}

interface HistoryOf {
  kind: string;
  note?: string | null;
  oldValue?: string | null;
  newValue?: string | null;
}

/**
 * The shared shape: load and check, apply `change`, skip when `same` says nothing would change, write the
 * patch and its history entry, then `notices` (given the history entry's id) in the same transaction.
 */
async function change(
  ctx: AppContext,
  caller: Caller,
  actionId: number,
  actionChange: ActionChange,
  history: (before: Action) => HistoryOf,
  opts: {
    same?: (before: Action) => boolean;
    notices?: (after: Action, initiative: Initiative, before: Action, historyId: number) => Notification[];
  } = {},
): Promise<Result<ActionChangeOutcome>> {
  const admin = await isAdmin(ctx, caller.userId);
  return transact(ctx, caller, (tx, now) => {
    const loaded = loadForChange(tx, caller, admin, actionId);
    if (!loaded.ok) return loaded;
    const { action: before, initiative } = loaded.value;
    const patch = applyChange(before, actionChange, now);
    if (!patch.ok) return patch;
    if (opts.same?.(before)) return ok({ action: before, initiative, before, changed: false });
    updateAction(tx, actionId, patch.value);
    const after: Action = { ...before, ...patch.value };
    const historyId = appendHistory(
      tx,
      { entity: 'A', entityId: actionId, actorId: caller.userId, ...history(before) },
      now,
    );
    const notices = opts.notices?.(after, initiative, before, historyId) ?? [];
    if (notices.length > 0) enqueue(tx, notices, now);
    return ok({ action: after, initiative, before, changed: true });
  });
}

export interface RescheduleInput {
  actionId: number;
  /** Already validated (today … 5 years ahead) by the grammar or the modal. */
  dueDate: LocalDate;
  reason?: string | null;
}

/** `/cx due A-n <date> [reason]` and the Reschedule menu item: the history keeps old and new date. */
export function rescheduleAction(ctx: AppContext, caller: Caller, input: RescheduleInput) {
  return change(
    ctx,
    caller,
    input.actionId,
    { event: 'reschedule', dueDate: input.dueDate },
    (before) => ({
      kind: 'due',
      note: input.reason ?? null,
      oldValue: before.dueDate,
      newValue: input.dueDate,
    }),
    { same: (before) => before.dueDate === input.dueDate },
  );
}

export interface AssignInput {
  actionId: number;
  ownerId: UserId;
}

/**
 * `/cx assign A-n @user` and the Reassign menu item: the new owner gets a DM (not when they took it
 * themselves), and the previous owner is told (not when they handed it over themselves).
 */
export async function assignAction(
  ctx: AppContext,
  caller: Caller,
  input: AssignInput,
): Promise<Result<ActionChangeOutcome>> {
  const person = await requirePerson(ctx, input.ownerId);
  if (!person.ok) return person;
  return change(
    ctx,
    caller,
    input.actionId,
    { event: 'assign', ownerId: input.ownerId },
    (before) => ({ kind: 'assigned', oldValue: before.ownerId, newValue: input.ownerId }),
    {
      same: (before) => before.ownerId === input.ownerId,
      notices: (after, initiative, before, historyId) =>
        assignmentNotices(
          caller.userId,
          after,
          initiative,
          before.ownerId,
          historyId,
          dateContext(ctx).today,
          hasLeft(ctx, before.ownerId),
        ),
    },
  );
}

export interface RenameActionInput {
  actionId: number;
  /** Already checked: not empty, at most MAX_TITLE_LENGTH. */
  title: string;
}

/** `/cx edit A-n <new title>`. */
export function renameAction(ctx: AppContext, caller: Caller, input: RenameActionInput) {
  return change(
    ctx,
    caller,
    input.actionId,
    { event: 'rename', title: input.title },
    (before) => ({ kind: 'renamed', oldValue: before.title, newValue: input.title }),
    { same: (before) => before.title === input.title },
  );
}

export interface UnblockInput {
  actionId: number;
  note?: string | null;
}

/** `/cx unblock A-n [note]`: lifts a block (the only way to; an update keeps it). */
export function unblockAction(ctx: AppContext, caller: Caller, input: UnblockInput) {
  return change(ctx, caller, input.actionId, { event: 'unblock' }, (before) => ({
    kind: 'unblocked',
    note: input.note ?? null,
    oldValue: before.blockedReason,
  }));
}

export interface DropInput {
  actionId: number;
  reason: string;
}

/** `/cx drop A-n <reason>` and the Drop menu item: final, no win, no reminders, not counted in progress. */
export function dropAction(ctx: AppContext, caller: Caller, input: DropInput) {
  return change(ctx, caller, input.actionId, { event: 'drop' }, (before) => ({
    kind: 'dropped',
    note: input.reason,
    oldValue: before.status,
    newValue: 'dropped',
  }));
}

export interface RenameInitiativeInput {
  initiativeId: number;
  title: string;
}

export interface InitiativeRename {
  initiative: Initiative;
  before: Initiative;
  changed: boolean;
}

/** `/cx edit I-n <new title>`: the initiative's owner or an admin, while it is active. */
export async function renameInitiative(
  ctx: AppContext,
  caller: Caller,
  input: RenameInitiativeInput,
): Promise<Result<InitiativeRename>> {
  const admin = await isAdmin(ctx, caller.userId);
  return transact(ctx, caller, (tx, now) => {
    const found = requireOwnedInitiative(tx, caller, admin, input.initiativeId);
    if (!found.ok) return found;
    const before = found.value;
    if (before.title === input.title) return ok({ initiative: before, before, changed: false });
    setInitiativeTitle(tx, before.id, input.title, now);
    appendHistory(
      tx,
      {
        entity: 'I',
        entityId: before.id,
        actorId: caller.userId,
        kind: 'renamed',
        oldValue: before.title,
        newValue: input.title,
      },
      now,
    );
    return ok({ initiative: { ...before, title: input.title }, before, changed: true });
  });
}
