/**
 * Check-ins: `/cx check I-n customer=… business=…` and the check modal. Who may record them: the
 * initiative's owner or an admin — the contract gives metrics to exactly them, and a check-in is what the
 * verdict is computed from.
 */
import { appendHistory } from '../../db/repositories/history-repo.js';
import { getInitiative } from '../../db/repositories/initiatives-repo.js';
import { checkinsOf, insertCheckin, openCheckOf } from '../../db/repositories/metrics-repo.js';
import { err, ok, type Result } from '../../domain/errors.js';
import { storeFact } from '../../domain/history-facts.js';
import { judge } from '../../domain/metrics.js';
import { canChangeInitiative } from '../../domain/permissions.js';
import type { Initiative, Metric, MetricKind } from '../../domain/types.js';
import { type AppContext, type Caller, transact } from '../context.js';
import { requireOwnedInitiative } from '../initiatives.js';
import { isAdmin } from '../users.js';
import { lastValues } from './snapshot.js';
import { type DecidedVerdict, judgeAndPost } from './verdict.js';

export interface CheckinValues {
  customer: number | null;
  business: number | null;
}

export interface CheckinOutcome {
  initiative: Initiative;
  recorded: { kind: MetricKind; metric: Metric; value: number }[];
  /** The verdict this check-in completed, if it answered an open check. */
  verdict: DecidedVerdict | null;
  /** An open check still waits for this metric's value. */
  waitingFor: MetricKind | null;
}

/** `/cx check I-n customer=… business=…` and the check modal: records the values, and judges an open check they complete. */
export async function recordCheckin(
  ctx: AppContext,
  caller: Caller,
  initiativeId: number,
  values: CheckinValues,
): Promise<Result<CheckinOutcome>> {
  const admin = await isAdmin(ctx, caller.userId);
  return transact(ctx, caller, (tx, now) => {
    const found = requireOwnedInitiative(tx, caller, admin, initiativeId);
    if (!found.ok) return found;
    const initiative = found.value;
    const recorded: CheckinOutcome['recorded'] = [];
    for (const kind of ['customer', 'business'] as const) {
      const value = values[kind];
      if (value === null) continue;
      const metric = kind === 'customer' ? initiative.customerMetric : initiative.businessMetric;
      if (!metric) return err({ code: 'no_metric', initiativeId, kind });
      recorded.push({ kind, metric, value });
    }
    if (recorded.length === 0) {
      return err({ code: 'usage', command: 'check', detail: 'missing_args' });
    }
    insertCheckin(
      tx,
      {
        initiativeId,
        customer: values.customer,
        customerMetric: values.customer === null ? null : (initiative.customerMetric?.name ?? null),
        business: values.business,
        businessMetric: values.business === null ? null : (initiative.businessMetric?.name ?? null),
        recordedBy: caller.userId,
      },
      now,
    );
    appendHistory(
      tx,
      {
        entity: 'I',
        entityId: initiativeId,
        actorId: caller.userId,
        kind: 'check-in',
        // Data, not words: each reader sees the values written their language's way.
        newValue: storeFact({
          fact: 'values',
          source: null,
          values: recorded.map((r) => ({
            name: r.metric.name,
            value: r.value,
            unit: r.metric.unit,
            date: null,
          })),
        }),
      },
      now,
    );
    let verdict: DecidedVerdict | null = null;
    let waitingFor: MetricKind | null = null;
    const open = openCheckOf(tx, initiativeId);
    if (open) {
      const j = judge(initiative, checkinsOf(tx, initiativeId, open.askedAt ?? undefined));
      if (j.complete) verdict = judgeAndPost(tx, ctx.timeZone, open, initiative, now);
      else waitingFor = j.customer.metric && j.customer.value === null ? 'customer' : 'business';
    }
    return ok({ initiative, recorded, verdict, waitingFor });
  });
}

export interface CheckForm {
  initiative: Initiative;
  last: { customer: number | null; business: number | null };
}

/** What the check modal shows: only for the owner or an admin (others could not submit it). */
export async function checkForm(
  ctx: AppContext,
  userId: string,
  initiativeId: number,
): Promise<Result<CheckForm>> {
  const admin = await isAdmin(ctx, userId);
  const db = ctx.handle.db;
  const initiative = getInitiative(db, initiativeId);
  if (!initiative) return err({ code: 'unknown_ref', ref: `I-${initiativeId}` });
  if (initiative.status !== 'active') {
    return err({ code: 'inactive_initiative', initiativeId, status: initiative.status });
  }
  const allowed = canChangeInitiative(userId, admin, initiative);
  if (!allowed.ok) return allowed;
  return ok({ initiative, last: lastValues(initiative, checkinsOf(db, initiativeId)) });
}
