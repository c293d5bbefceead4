/**
 * `/cx verdict I-n pass|partial|fail <reason>`: the initiative's owner or an admin replaces the latest
 * 6/12-month verdict. The verdict it replaces stays in the history (the computed one in its `verdict`
 * entry, each override in its own), and the channels the verdict was posted to get a correction, once per
 * override. Allowed on a closed initiative too: a verdict judges what was done, whether or not work goes on.
 */
import { appendHistory } from '../db/repositories/history-repo.js';
import { getInitiative } from '../db/repositories/initiatives-repo.js';
import { checksOf, overrideVerdict } from '../db/repositories/metrics-repo.js';
import { createOutboxRepo, enqueue } from '../db/repositories/outbox-repo.js';
import { err, ok, type Result } from '../domain/errors.js';
import type { CheckKind, Verdict } from '../domain/metrics.js';
import type { Notification } from '../domain/payloads/notification.js';
import { canChangeInitiative } from '../domain/permissions.js';
import type { Department, LocalDate } from '../domain/types.js';
import { initiativeSnapshot, painPointNews } from './announce.js';
import { type AppContext, type Caller, transact } from './context.js';
import { verdictKey } from './metric-checks/verdict.js';
import { isAdmin } from './users.js';

export type OverridableVerdict = Exclude<Verdict, 'no_data'>;

export type OverrideOutcome =
  | {
      status: 'overridden';
      initiativeId: number;
      kind: CheckKind;
      dueDate: LocalDate;
      previous: Verdict;
      verdict: OverridableVerdict;
      postedTo: Department[];
    }
  /** The latest verdict says that already: nothing changed, nothing posted. */
  | { status: 'unchanged'; initiativeId: number; kind: CheckKind; dueDate: LocalDate; verdict: Verdict }
  /** No 6/12-month verdict yet: nothing to override. */
  | { status: 'no_verdict'; initiativeId: number };

export async function overrideLatestVerdict(
  ctx: AppContext,
  caller: Caller,
  initiativeId: number,
  verdict: OverridableVerdict,
  reason: string,
): Promise<Result<OverrideOutcome>> {
  const admin = await isAdmin(ctx, caller.userId);
  return transact(ctx, caller, (tx, now): Result<OverrideOutcome> => {
    const initiative = getInitiative(tx, initiativeId);
    if (!initiative) return err({ code: 'unknown_ref', ref: `I-${initiativeId}` });
    const allowed = canChangeInitiative(caller.userId, admin, initiative);
    if (!allowed.ok) return allowed;
    const judged = (checksOf(tx, [initiativeId]).get(initiativeId) ?? []).filter(
      (c) => c.status === 'judged' && c.verdict !== null,
    );
    const check = judged.at(-1);
    if (!check?.verdict) return ok({ status: 'no_verdict', initiativeId });
    const { kind, dueDate } = check;
    const previous = check.verdict;
    if (previous === verdict) return ok({ status: 'unchanged', initiativeId, kind, dueDate, verdict });
    if (!overrideVerdict(tx, check.id, verdict)) return ok({ status: 'no_verdict', initiativeId });
    const entryId = appendHistory(
      tx,
      {
        entity: 'I',
        entityId: initiativeId,
        actorId: caller.userId,
        kind: 'verdict override',
        note: reason,
        oldValue: `${kind} ${dueDate}: ${previous}`,
        newValue: `${kind} ${dueDate}: ${verdict}`,
      },
      now,
    );
    // The channels the verdict went to: those its posts were queued for.
    const outbox = createOutboxRepo(tx);
    const postedTo = initiative.depts.filter(
      (dept) => outbox.findByKey(verdictKey(initiativeId, dueDate, dept)) !== null,
    );
    const messages: Notification[] = postedTo.map((dept) => ({
      kind: 'verdict_correction',
      key: `verdict-fix:I-${initiativeId}:${dueDate}:${entryId}:${dept}`,
      recipient: { type: 'binding', key: dept },
      payload: {
        initiative: initiativeSnapshot(initiative),
        kind,
        dueDate,
        previous,
        verdict,
        by: caller.userId,
        reason,
      },
    }));
    const news = { event: 'verdict', kind, verdict, overriddenBy: caller.userId } as const;
    messages.push(...painPointNews(tx, initiative, `override:${entryId}`, news, caller.userId));
    enqueue(tx, messages, now);
    return ok({ status: 'overridden', initiativeId, kind, dueDate, previous, verdict, postedTo });
  });
}
