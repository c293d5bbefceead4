/**
 * Handing an initiative to a new owner: someone leaves, changes role, or the work moves to another team.
 * The owner is who gets the 6/12-month check DMs and the escalations of stalled actions, so an initiative
 * whose owner left would otherwise ask nobody. Its owner or an admin may hand it on while it is active; the
 * new owner must be a person who can act on it (requirePerson). The history keeps who had it; the new owner
 * gets a DM, and the previous one is told — each unless they did it themselves, and the previous one not
 * when they left (Slack would refuse the DM).
 */
import { actionsOfInitiative } from '../db/repositories/actions-repo.js';
import { appendHistory } from '../db/repositories/history-repo.js';
import { setInitiativeOwner } from '../db/repositories/initiatives-repo.js';
import { openCheckOf } from '../db/repositories/metrics-repo.js';
import { enqueue, expireDmsAbout } from '../db/repositories/outbox-repo.js';
import { ok, type Result } from '../domain/errors.js';
import type { InitiativeHandedOverPayload } from '../domain/payloads/initiatives.js';
import type { Notification } from '../domain/payloads/notification.js';
import type { Initiative, UserId } from '../domain/types.js';
import { type AppContext, type Caller, transact } from './context.js';
import { requireOwnedInitiative } from './initiatives.js';
import { awaitedDecision } from './metric-checks/decide.js';
import { requirePerson } from './people.js';
import { hasLeft, isAdmin } from './users.js';

/**
 * The previous owner's DMs about the initiative that end with the handover: the 6/12-month check (the new
 * owner answers it with `/cx check`). A verdict's copy stays, to be read: its Recommit / Close now refuse the
 * previous owner, and the new one decides in `/cx show I-n` (their DM says so).
 */
const HANDED_ON_DMS = ['metric_check'] as const;

export interface HandOverInput {
  initiativeId: number;
  ownerId: UserId;
}

export interface HandOver {
  initiative: Initiative;
  previousOwnerId: UserId;
  /** False when that person already owned it: nothing was written. */
  changed: boolean;
  /** Whether the previous owner gets a DM about it (not when they did it, nor when they left). */
  previousOwnerTold: boolean;
}

export async function handOverInitiative(
  ctx: AppContext,
  caller: Caller,
  input: HandOverInput,
): Promise<Result<HandOver>> {
  const person = await requirePerson(ctx, input.ownerId, 'initiative');
  if (!person.ok) return person;
  const admin = await isAdmin(ctx, caller.userId);
  return transact(ctx, caller, (tx, now) => {
    const found = requireOwnedInitiative(tx, caller, admin, input.initiativeId);
    if (!found.ok) return found;
    const before = found.value;
    if (before.ownerId === input.ownerId) {
      return ok({
        initiative: before,
        previousOwnerId: before.ownerId,
        changed: false,
        previousOwnerTold: false,
      });
    }
    setInitiativeOwner(tx, before.id, input.ownerId, now);
    const historyId = appendHistory(
      tx,
      {
        entity: 'I',
        entityId: before.id,
        actorId: caller.userId,
        kind: 'assigned',
        oldValue: before.ownerId,
        newValue: input.ownerId,
      },
      now,
    );
    const open = actionsOfInitiative(tx, before.id).filter(
      (a) => a.status === 'open' || a.status === 'blocked',
    ).length;
    const check = openCheckOf(tx, before.id);
    const decision = awaitedDecision(tx, before);
    // Not the one who did it; nor someone who left, whose DMs Slack refuses.
    const tellPrevious = before.ownerId !== caller.userId && !hasLeft(ctx, before.ownerId);
    const notices = handOverNotices({
      actorId: caller.userId,
      initiative: before,
      newOwnerId: input.ownerId,
      openActions: open,
      openCheck: check ? { kind: check.kind, dueDate: check.dueDate } : null,
      openDecision: decision,
      historyId,
      tellPrevious,
    });
    if (notices.length > 0) enqueue(tx, notices, now);
    // A check DM still on its way to the previous owner is no longer theirs to answer (and to someone who
    // left, it would be retried for ever); the new owner's DM says how to answer it.
    expireDmsAbout(tx, before.ownerId, HANDED_ON_DMS, before.id, 'the initiative was handed over');
    return ok({
      initiative: { ...before, ownerId: input.ownerId },
      previousOwnerId: before.ownerId,
      changed: true,
      previousOwnerTold: tellPrevious,
    });
  });
}

/** The DMs of a handover, keyed by its history entry: a retried delivery writes nothing twice. */
export function handOverNotices(h: {
  actorId: UserId;
  initiative: Initiative;
  newOwnerId: UserId;
  openActions: number;
  openCheck: InitiativeHandedOverPayload['openCheck'];
  openDecision?: InitiativeHandedOverPayload['openDecision'];
  historyId: number;
  tellPrevious: boolean;
}): Notification[] {
  const previousOwnerId = h.initiative.ownerId;
  const base = {
    actorId: h.actorId,
    previousOwnerId,
    newOwnerId: h.newOwnerId,
    initiative: { id: h.initiative.id, title: h.initiative.title },
    openActions: h.openActions,
    openCheck: h.openCheck,
    openDecision: h.openDecision ?? null,
  };
  const out: Notification[] = [];
  if (h.newOwnerId !== h.actorId) {
    out.push({
      kind: 'initiative_handed_over',
      key: `handed-over:I-${h.initiative.id}:h${h.historyId}:${h.newOwnerId}`,
      recipient: { type: 'user', id: h.newOwnerId },
      payload: { role: 'new_owner', ...base },
    });
  }
  if (h.tellPrevious) {
    out.push({
      kind: 'initiative_handed_over',
      key: `handed-over:I-${h.initiative.id}:h${h.historyId}:${previousOwnerId}`,
      recipient: { type: 'user', id: previousOwnerId },
      payload: { role: 'previous_owner', ...base },
    });
  }
  return out;
}
