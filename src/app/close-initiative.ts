/**
 * `/cx close I-n <outcome>` and its "Close and drop N open actions" button. Without open actions the
 * initiative closes at once; with some, nothing changes until the button is pressed, and the press closes
 * the initiative and drops them in one transaction. The closing tells its channels once (outcome and final
 * progress) and, for an initiative adopted from a pain point, the people who raised and voted for it.
 */
import type { Tx } from '../db/client.js';
import { actionsOfInitiative, updateAction } from '../db/repositories/actions-repo.js';
import { appendHistory } from '../db/repositories/history-repo.js';
import { getInitiative, markClosed } from '../db/repositories/initiatives-repo.js';
import { checksOf, setDecision } from '../db/repositories/metrics-repo.js';
import { enqueue } from '../db/repositories/outbox-repo.js';
import { applyChange } from '../domain/actions.js';
import { localDate } from '../domain/dates.js';
import { err, ok, type Result } from '../domain/errors.js';
import { type FinalTally, finalTally, isOpenStatus, openActionsFingerprint } from '../domain/initiatives.js';
import { offersDecision } from '../domain/metrics.js';
import type { Notification } from '../domain/payloads/notification.js';
import { canChangeInitiative } from '../domain/permissions.js';
import type { Action, Department, Initiative, LocalDate, UserId } from '../domain/types.js';
import { channelsOf, initiativeSnapshot, painPointNews } from './announce.js';
import { type AppContext, type Caller, transact } from './context.js';
import { isAdmin } from './users.js';

export type CloseOutcome =
  /**
   * Closed now; `dropped`: the actions this close dropped; `decidedCheck`: the due date of the 12-month (or
   * follow-up) verdict this close answered, if one waited for recommit or close.
   */
  | {
      status: 'closed';
      initiative: Initiative;
      tally: FinalTally;
      dropped: number[];
      postedTo: Department[];
      decidedCheck?: LocalDate;
    }
  /** Open actions: nothing changed; the caller is asked to confirm with the button carrying `fingerprint`. */
  | {
      status: 'confirm';
      initiative: Initiative;
      open: Action[];
      fingerprint: string;
      outcome: string;
      /** Today in CX_TIMEZONE: how late each listed action is. */
      today: LocalDate;
    }
  /** Closed before (an earlier press, a retry, someone else): nothing changed. */
  | { status: 'already_closed'; initiative: Initiative };

/** The initiative, if the caller may close it (its owner or an admin). */
function loadForClose(tx: Tx, caller: Caller, admin: boolean, id: number): Result<Initiative> {
  const initiative = getInitiative(tx, id);
  if (!initiative) return err({ code: 'unknown_ref', ref: `I-${id}` });
  const allowed = canChangeInitiative(caller.userId, admin, initiative);
  return allowed.ok ? ok(initiative) : allowed;
}

/** `/cx close`: closes at once when no action is open, otherwise asks to confirm (changing nothing). */
export async function requestClose(
  ctx: AppContext,
  caller: Caller,
  initiativeId: number,
  outcome: string,
): Promise<Result<CloseOutcome>> {
  return close(ctx, caller, initiativeId, outcome, null);
}

/**
 * The button: closes and drops the open actions the confirmation listed. When they are not the same any
 * more (`fingerprint` differs: one was logged, finished or dropped since), nothing changes and the presser
 * is asked again with the current list.
 */
export async function closeAndDrop(
  ctx: AppContext,
  caller: Caller,
  initiativeId: number,
  outcome: string,
  fingerprint: string,
): Promise<Result<CloseOutcome>> {
  return close(ctx, caller, initiativeId, outcome, fingerprint);
}

async function close(
  ctx: AppContext,
  caller: Caller,
  initiativeId: number,
  outcome: string,
  confirmed: string | null,
): Promise<Result<CloseOutcome>> {
  const admin = await isAdmin(ctx, caller.userId);
  return transact(ctx, caller, (tx, now): Result<CloseOutcome> => {
    const found = loadForClose(tx, caller, admin, initiativeId);
    if (!found.ok) return found;
    const initiative = found.value;
    if (initiative.status !== 'active') return ok({ status: 'already_closed', initiative });
    const open = actionsOfInitiative(tx, initiativeId).filter((a) => isOpenStatus(a.status));
    const fingerprint = openActionsFingerprint(open.map((a) => a.id));
    if (open.length > 0 && confirmed !== fingerprint) {
      return ok({
        status: 'confirm',
        initiative,
        open,
        fingerprint,
        outcome,
        today: localDate(now, ctx.timeZone),
      });
    }
    return ok(closeNow(tx, caller.userId, initiative, outcome, open, now));
  });
}

/** How many of the actions dropped at closing its post names, with their owners; the rest are counted. */
const DROPPED_NAMED = 10;

/**
 * Closes an active initiative and drops `open` (its open and blocked actions), each with a history entry,
 * and queues the closing post and the pain-point DMs. No win is posted for a drop.
 */
export function closeNow(
  tx: Tx,
  actorId: UserId,
  initiative: Initiative,
  outcome: string,
  open: readonly Action[],
  now: Date,
): CloseOutcome {
  if (!markClosed(tx, initiative.id, now)) return { status: 'already_closed', initiative };
  // Closing after a 12-month or follow-up verdict is the owner's answer to it (Recommit / Close).
  const undecided = (checksOf(tx, [initiative.id]).get(initiative.id) ?? []).filter(
    (c) => c.status === 'judged' && offersDecision(c.kind) && c.decision === null,
  );
  const check = undecided.at(-1);
  if (check) setDecision(tx, check.id, 'close', actorId, now);
  for (const action of open) {
    const patch = applyChange(action, { event: 'drop' }, now);
    if (!patch.ok) continue;
    updateAction(tx, action.id, patch.value);
    appendHistory(
      tx,
      {
        entity: 'A',
        entityId: action.id,
        actorId,
        kind: 'dropped',
        note: outcome,
        oldValue: action.status,
        newValue: `dropped with I-${initiative.id}`,
      },
      now,
    );
  }
  appendHistory(
    tx,
    {
      entity: 'I',
      entityId: initiative.id,
      actorId,
      kind: 'closed',
      note: outcome,
      oldValue: 'active',
      newValue: 'closed',
    },
    now,
  );
  const closed = { ...initiative, status: 'closed' as const };
  const tally = finalTally(actionsOfInitiative(tx, initiative.id), open.length);
  const postedTo = channelsOf(tx, initiative);
  const messages: Notification[] = postedTo.map((dept) => ({
    kind: 'initiative_closed',
    key: `closed:I-${initiative.id}:${dept}`,
    recipient: { type: 'binding', key: dept },
    payload: {
      initiative: initiativeSnapshot(closed),
      closedBy: actorId,
      outcome,
      done: tally.done,
      dropped: tally.dropped,
      progress: tally.progress,
      droppedActions: open
        .slice(0, DROPPED_NAMED)
        .map((a) => ({ id: a.id, title: a.title, ownerId: a.ownerId })),
      droppedMore: Math.max(0, open.length - DROPPED_NAMED),
    },
  }));
  messages.push(
    ...painPointNews(tx, initiative, 'closed', { event: 'closed', outcome, by: actorId }, actorId),
  );
  enqueue(tx, messages, now);
  return {
    status: 'closed',
    initiative: closed,
    tally,
    dropped: open.map((a) => a.id),
    postedTo,
    ...(check ? { decidedCheck: check.dueDate } : {}),
  };
}
