/** The owner's (or an admin's) answer to a 12-month or follow-up verdict: recommit or close. */

import type { Executor } from '../../db/client.js';
import { actionsOfInitiative } from '../../db/repositories/actions-repo.js';
import { appendHistory } from '../../db/repositories/history-repo.js';
import { getInitiative } from '../../db/repositories/initiatives-repo.js';
import { getCheck, insertCheck, latestJudgedCheck, setDecision } from '../../db/repositories/metrics-repo.js';
import { createOutboxRepo } from '../../db/repositories/outbox-repo.js';
import { addMonthsClamped, localDate } from '../../domain/dates.js';
import { err, ok, type Result } from '../../domain/errors.js';
import { storeFact } from '../../domain/history-facts.js';
import { isOpenStatus, openActionsFingerprint } from '../../domain/initiatives.js';
import { awaitsDecision } from '../../domain/metric-checks.js';
import { type CheckKind, offersDecision, RECOMMIT_MONTHS } from '../../domain/metrics.js';
import { canChangeInitiative } from '../../domain/permissions.js';
import type { Initiative, LocalDate, UserId } from '../../domain/types.js';
import { type CloseOutcome, closeNow } from '../close-initiative.js';
import { type AppContext, type Caller, transact } from '../context.js';
import { isAdmin } from '../users.js';
import { verdictOwnerKey } from './verdict.js';

export interface DecisionOutcome {
  initiativeId: number;
  decision: 'recommit' | 'close';
  /** False: it had been decided before (by this or an earlier press); `decidedAt` says when. */
  changed: boolean;
  decidedAt: LocalDate;
  /** Recommit: the date of the next check. */
  nextDue: LocalDate | null;
  /** Close: actions of the initiative still open. */
  openActions: number;
}

/** Close pressed while actions are open: nothing changed yet, the `/cx close` confirmation is shown. */
export type CloseConfirm = Extract<CloseOutcome, { status: 'confirm' }>;

/** A 12-month (or follow-up) verdict of an active initiative that nobody has answered with recommit or close. */
export interface AwaitedDecision {
  kind: CheckKind;
  dueDate: LocalDate;
}

/**
 * The decision an active initiative's latest verdict waits for, if any. The verdict's DM with Recommit / Close
 * went to whoever owned it then; someone who took it over since, or an admin, decides from `/cx show I-n`.
 */
export function awaitedDecision(
  db: Executor,
  initiative: Pick<Initiative, 'id' | 'status'>,
): AwaitedDecision | null {
  const check = latestJudgedCheck(db, initiative.id);
  if (!check || !awaitsDecision(initiative, check)) return null;
  return { kind: check.kind, dueDate: check.dueDate };
}

/** The owner's (or an admin's) answer to a 12-month or follow-up verdict. */
export async function decideAfterCheck(
  ctx: AppContext,
  caller: Caller,
  initiativeId: number,
  dueDate: LocalDate,
  decision: 'recommit' | 'close',
): Promise<Result<DecisionOutcome | 'not_decidable' | CloseConfirm>> {
  const admin = await isAdmin(ctx, caller.userId);
  return transact(ctx, caller, (tx, now) => {
    const initiative = getInitiative(tx, initiativeId);
    if (!initiative) return err({ code: 'unknown_ref', ref: `I-${initiativeId}` });
    const allowed = canChangeInitiative(caller.userId, admin, initiative);
    if (!allowed.ok) return allowed;
    const check = getCheck(tx, initiativeId, dueDate);
    if (check?.status !== 'judged' || !offersDecision(check.kind)) return ok('not_decidable' as const);
    if (check.decision) {
      return ok({
        initiativeId,
        decision: check.decision,
        changed: false,
        decidedAt: localDate(check.decidedAt ?? now, ctx.timeZone),
        nextDue: null,
        openActions: 0,
      });
    }
    if (initiative.status !== 'active') {
      return err({ code: 'inactive_initiative', initiativeId, status: initiative.status });
    }
    const today = localDate(now, ctx.timeZone);
    if (decision === 'recommit') {
      setDecision(tx, check.id, decision, caller.userId, now);
      const nextDue = addMonthsClamped(today, RECOMMIT_MONTHS);
      insertCheck(tx, { initiativeId, kind: 'recommit', dueDate: nextDue, status: 'scheduled' }, now);
      appendHistory(
        tx,
        {
          entity: 'I',
          entityId: initiativeId,
          actorId: caller.userId,
          kind: 'recommitted',
          // Data, not words: each reader sees it in their language.
          newValue: storeFact({ fact: 'recommitted', due: nextDue }),
        },
        now,
      );
      return ok({ initiativeId, decision, changed: true, decidedAt: today, nextDue, openActions: 0 });
    }
    // Closing goes the way of `/cx close`: open actions are listed first and dropped only on the
    // "Close and drop" press (which records this decision); without any, it closes now.
    const outcome = `Closed after the ${check.kind} check (${check.verdict ?? 'no_data'})`;
    const open = actionsOfInitiative(tx, initiativeId).filter((a) => isOpenStatus(a.status));
    if (open.length > 0) {
      const fingerprint = openActionsFingerprint(open.map((a) => a.id));
      return ok({ status: 'confirm' as const, initiative, open, fingerprint, outcome, today });
    }
    closeNow(tx, caller.userId, initiative, outcome, [], now);
    return ok({ initiativeId, decision, changed: true, decidedAt: today, nextDue: null, openActions: 0 });
  });
}

/** The verdict's DM to the owner of the time, as Slack has it, and the decision since recorded on its check. */
export interface DecidedVerdictDm {
  channelId: string;
  ts: string;
  recipientId: UserId;
  decision: 'recommit' | 'close';
  decidedBy: UserId | null;
  /** The day of the decision, in CX_TIMEZONE. */
  decidedOn: LocalDate;
}

/**
 * Where the verdict of I-`initiativeId`'s check due `dueDate` went as a DM with Recommit / Close, once that
 * check is decided (by any path: the DM, `/cx show I-n`, the App Home, `/cx close`). Null when it is not
 * decided or the DM was never sent. Outbox rows are kept for good (retention drops only their payloads, which
 * this does not read), so a DM of years ago is still found.
 */
export function decidedVerdictDm(
  ctx: AppContext,
  initiativeId: number,
  dueDate: LocalDate,
): DecidedVerdictDm | null {
  const db = ctx.handle.db;
  const check = getCheck(db, initiativeId, dueDate);
  if (!check?.decision) return null;
  const dm = createOutboxRepo(db).findByKey(verdictOwnerKey(initiativeId, dueDate));
  if (dm?.recipient.type !== 'user' || !dm.sentChannel || !dm.sentTs) return null;
  return {
    channelId: dm.sentChannel,
    ts: dm.sentTs,
    recipientId: dm.recipient.id,
    decision: check.decision,
    decidedBy: check.decidedBy,
    decidedOn: localDate(check.decidedAt ?? ctx.clock.now(), ctx.timeZone),
  };
}
