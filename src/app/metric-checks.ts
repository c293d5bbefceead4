/**
 * The 6–12-month test: check-ins of current metric values, the daily `metric-checks` run that asks owners
 * at 6 and 12 months and posts verdicts, and the owner's recommit / close decision afterwards.
 *
 * Who may record check-ins: the initiative's owner or an admin — the contract gives metrics to exactly
 * them, and a check-in is what the verdict is computed from.
 */
import type { Tx } from '../db/client.js';
import { actionsOfInitiative } from '../db/repositories/actions-repo.js';
import { appendHistory } from '../db/repositories/history-repo.js';
import { getInitiative, listActiveInitiatives } from '../db/repositories/initiatives-repo.js';
import {
  type Checkin,
  checkinsOf,
  checksOf,
  closeInitiative,
  getCheck,
  insertCheck,
  insertCheckin,
  type MetricCheckRecord,
  markAsked,
  markJudged,
  openCheckOf,
  openChecks,
  scheduledChecksDue,
  setDecision,
} from '../db/repositories/metrics-repo.js';
import { listBindings } from '../db/repositories/settings-repo.js';
import { addMonthsClamped, localDate } from '../domain/dates.js';
import { err, ok, type Result } from '../domain/errors.js';
import {
  answerDeadline,
  type CheckKind,
  checkKindOf,
  executionEvidence,
  judge,
  latestValue,
  METRIC_CHECK_MONTHS,
  metricCheckDate,
  missingMetrics,
  offersDecision,
  planScheduledChecks,
  RECOMMIT_MONTHS,
  type Verdict,
} from '../domain/metrics.js';
import { canChangeInitiative } from '../domain/permissions.js';
import type { Department, Initiative, LocalDate, Metric, MetricKind } from '../domain/types.js';
import { type AppContext, type Caller, transact } from './context.js';
import { requireOwnedInitiative } from './initiatives.js';
import type { CheckInitiative, MetricVerdictPayload } from './metric-types.js';
import type { Notification } from './notifications.js';
import { enqueue } from './outbox.js';
import { isAdmin } from './users.js';

const snapshot = (i: Initiative): CheckInitiative => ({
  id: i.id,
  title: i.title,
  ownerId: i.ownerId,
  startDate: i.startDate,
  depts: i.depts,
  customerMetric: i.customerMetric,
  businessMetric: i.businessMetric,
});

/** The newest value of each metric as it is defined now (what the check modal is pre-filled with). */
function lastValues(initiative: Initiative, checkins: readonly Checkin[]) {
  return {
    customer: latestValue(initiative.customerMetric, 'customer', checkins),
    business: latestValue(initiative.businessMetric, 'business', checkins),
  };
}

// ---- The verdict --------------------------------------------------------------------------------------

export interface DecidedVerdict {
  kind: CheckKind;
  dueDate: LocalDate;
  verdict: Verdict;
  /** Departments whose channel gets the verdict. */
  postedTo: Department[];
}

/**
 * Judges an asked check from the check-ins recorded since it was asked and queues the verdict: one post per
 * bound channel of the initiative's departments (two departments sharing a channel get one) and the
 * owner's copy. Null when the check was judged already.
 */
function judgeAndPost(
  tx: Tx,
  zone: string,
  check: MetricCheckRecord,
  initiative: Initiative,
  now: Date,
): DecidedVerdict | null {
  const readings = checkinsOf(tx, initiative.id, check.askedAt ?? undefined);
  const j = judge(initiative, readings);
  const marked = markJudged(
    tx,
    check.id,
    { verdict: j.verdict, customerValue: j.customer.value, businessValue: j.business.value },
    now,
  );
  if (!marked) return null;
  const evidence =
    j.verdict === 'partial' || j.verdict === 'fail'
      ? executionEvidence(initiative, actionsOfInitiative(tx, initiative.id), now, zone)
      : null;
  const payload: MetricVerdictPayload = {
    initiative: snapshot(initiative),
    kind: check.kind,
    dueDate: check.dueDate,
    verdict: j.verdict,
    customer: j.customer,
    business: j.business,
    evidence,
  };
  const ref = `I-${initiative.id}:${check.dueDate}`;
  const bindings = listBindings(tx);
  const seen = new Set<string>();
  const postedTo: Department[] = [];
  const messages: Notification[] = [];
  for (const dept of initiative.depts) {
    const binding = bindings.find((b) => b.key === dept);
    if (!binding || seen.has(binding.channelId)) continue;
    seen.add(binding.channelId);
    postedTo.push(dept);
    messages.push({
      kind: 'metric_verdict',
      key: `verdict:${ref}:${dept}`,
      recipient: { type: 'binding', key: dept },
      payload,
    });
  }
  messages.push({
    kind: 'metric_verdict_owner',
    key: `verdict-owner:${ref}`,
    recipient: { type: 'user', id: initiative.ownerId },
    payload: { ...payload, decide: offersDecision(check.kind) && initiative.status === 'active' },
  });
  enqueue(tx, messages, now);
  appendHistory(
    tx,
    {
      entity: 'I',
      entityId: initiative.id,
      actorId: initiative.ownerId,
      kind: 'verdict',
      note: `${check.kind} ${check.dueDate}: ${j.verdict}`,
    },
    now,
  );
  return { kind: check.kind, dueDate: check.dueDate, verdict: j.verdict, postedTo };
}

// ---- Check-ins ------------------------------------------------------------------------------------------

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
        note: recorded.map((r) => `${r.metric.name} ${r.value}${r.metric.unit ?? ''}`).join(', '),
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

// ---- The daily run --------------------------------------------------------------------------------------

export interface MetricChecksSummary {
  asked: number;
  skipped: number;
  judged: number;
}

function askMessage(
  initiative: Initiative,
  kind: CheckKind,
  dueDate: LocalDate,
  today: LocalDate,
  last: CheckForm['last'],
): Notification {
  return {
    kind: 'metric_check',
    key: `check-ask:I-${initiative.id}:${dueDate}`,
    recipient: { type: 'user', id: initiative.ownerId },
    payload: { initiative: snapshot(initiative), kind, dueDate, deadline: answerDeadline(today), last },
  };
}

/**
 * Job `metric-checks` (daily 09:00): asks every check whose date has come and that was not asked yet —
 * so a run after downtime catches up, and an initiative entered with an old `start:` is asked at the next
 * run — and posts the verdict of every asked check left unanswered for 14 days. Closed and dropped
 * initiatives are asked nothing. Idempotent on its own: a check is a row, written once.
 */
export function runMetricChecks(
  ctx: AppContext,
  now: Date,
  shouldStop: () => boolean = () => false,
): MetricChecksSummary {
  const db = ctx.handle.db;
  const today = localDate(now, ctx.timeZone);
  const summary: MetricChecksSummary = { asked: 0, skipped: 0, judged: 0 };
  const active = listActiveInitiatives(db);
  const checks = checksOf(
    db,
    active.map((i) => i.id),
  );

  // One transaction per initiative: a crash halfway leaves the rest for the next run, never a double ask.
  for (const initiative of active) {
    if (shouldStop()) return summary;
    const existing = (checks.get(initiative.id) ?? []).map((c) => c.kind);
    const plan = planScheduledChecks(initiative.startDate, today, existing);
    if (!plan.ask) continue;
    const ask = plan.ask;
    db.transaction((tx) => {
      for (const months of plan.skip) {
        const dueDate = metricCheckDate(initiative.startDate, months);
        if (
          insertCheck(
            tx,
            { initiativeId: initiative.id, kind: checkKindOf(months), dueDate, status: 'skipped' },
            now,
          )
        )
          summary.skipped++;
      }
      const kind = checkKindOf(ask);
      const dueDate = metricCheckDate(initiative.startDate, ask);
      if (!insertCheck(tx, { initiativeId: initiative.id, kind, dueDate, status: 'asked' }, now)) return;
      const last = lastValues(initiative, checkinsOf(tx, initiative.id));
      enqueue(tx, [askMessage(initiative, kind, dueDate, today, last)], now);
      appendHistory(
        tx,
        {
          entity: 'I',
          entityId: initiative.id,
          actorId: initiative.ownerId,
          kind: 'check asked',
          note: `${kind} ${dueDate}`,
        },
        now,
      );
      summary.asked++;
    });
  }

  // Follow-up checks scheduled by a recommit.
  for (const check of scheduledChecksDue(db, today)) {
    if (shouldStop()) return summary;
    db.transaction((tx) => {
      const initiative = getInitiative(tx, check.initiativeId);
      if (initiative?.status !== 'active') return;
      if (!markAsked(tx, check.id, now)) return;
      const last = lastValues(initiative, checkinsOf(tx, initiative.id));
      enqueue(tx, [askMessage(initiative, check.kind, check.dueDate, today, last)], now);
      appendHistory(
        tx,
        {
          entity: 'I',
          entityId: initiative.id,
          actorId: initiative.ownerId,
          kind: 'check asked',
          note: `${check.kind} ${check.dueDate}`,
        },
        now,
      );
      summary.asked++;
    });
  }

  // Unanswered for 14 days: the verdict goes out with what is known ("no data" when nothing came).
  for (const check of openChecks(db)) {
    if (shouldStop()) return summary;
    if (!check.askedAt || today < answerDeadline(localDate(check.askedAt, ctx.timeZone))) continue;
    db.transaction((tx) => {
      const initiative = getInitiative(tx, check.initiativeId);
      if (initiative && judgeAndPost(tx, ctx.timeZone, check, initiative, now)) summary.judged++;
    });
  }
  if (summary.asked + summary.judged > 0) ctx.afterCommit();
  return summary;
}

// ---- Recommit or close ----------------------------------------------------------------------------------

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

/** The owner's (or an admin's) answer to a 12-month or follow-up verdict. */
export async function decideAfterCheck(
  ctx: AppContext,
  caller: Caller,
  initiativeId: number,
  dueDate: LocalDate,
  decision: 'recommit' | 'close',
): Promise<Result<DecisionOutcome | 'not_decidable'>> {
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
    setDecision(tx, check.id, decision, caller.userId, now);
    if (decision === 'recommit') {
      const nextDue = addMonthsClamped(today, RECOMMIT_MONTHS);
      insertCheck(tx, { initiativeId, kind: 'recommit', dueDate: nextDue, status: 'scheduled' }, now);
      appendHistory(
        tx,
        {
          entity: 'I',
          entityId: initiativeId,
          actorId: caller.userId,
          kind: 'recommitted',
          note: `next check ${nextDue}`,
        },
        now,
      );
      return ok({ initiativeId, decision, changed: true, decidedAt: today, nextDue, openActions: 0 });
    }
    closeInitiative(tx, initiativeId, now);
    appendHistory(
      tx,
      {
        entity: 'I',
        entityId: initiativeId,
        actorId: caller.userId,
        kind: 'closed',
        note: `after the ${check.kind} check`,
      },
      now,
    );
    const openActions = actionsOfInitiative(tx, initiativeId).filter(
      (a) => a.status === 'open' || a.status === 'blocked',
    ).length;
    return ok({ initiativeId, decision, changed: true, decidedAt: today, nextDue: null, openActions });
  });
}

// ---- The picture for /cx show and the App Home --------------------------------------------------------

export interface TrendPoint {
  day: LocalDate;
  value: number;
}

export interface MetricSeries {
  kind: MetricKind;
  metric: Metric;
  /** Values recorded against the metric as it is defined now, oldest first. */
  points: TrendPoint[];
}

export type CheckState = 'upcoming' | 'scheduled' | 'asked' | 'judged' | 'skipped' | 'not_asked';

export interface CheckStatus {
  kind: CheckKind;
  dueDate: LocalDate;
  state: CheckState;
  verdict: Verdict | null;
  decision: 'recommit' | 'close' | null;
}

export interface MetricsPicture {
  /** "How will we know?": the metrics the initiative still lacks. */
  missing: MetricKind[];
  series: MetricSeries[];
  checks: CheckStatus[];
}

function sameName(a: string | null, b: string) {
  return a !== null && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The 6- and 12-month checks (asked or not yet) and follow-ups, oldest due first. */
function statusesOf(initiative: Initiative, records: readonly MetricCheckRecord[]): CheckStatus[] {
  const out: CheckStatus[] = records.map((c) => ({
    kind: c.kind,
    dueDate: c.dueDate,
    state: c.status,
    verdict: c.verdict,
    decision: c.decision,
  }));
  for (const months of METRIC_CHECK_MONTHS) {
    const kind = checkKindOf(months);
    if (records.some((c) => c.kind === kind)) continue;
    out.push({
      kind,
      dueDate: metricCheckDate(initiative.startDate, months),
      state: initiative.status === 'active' ? 'upcoming' : 'not_asked',
      verdict: null,
      decision: null,
    });
  }
  return out.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
}

export function metricsPicture(ctx: AppContext, initiative: Initiative): MetricsPicture {
  const db = ctx.handle.db;
  const checkins = checkinsOf(db, initiative.id);
  const series: MetricSeries[] = [];
  for (const kind of ['customer', 'business'] as const) {
    const metric = kind === 'customer' ? initiative.customerMetric : initiative.businessMetric;
    if (!metric) continue;
    const points = checkins.flatMap((c) => {
      const value = kind === 'customer' ? c.customer : c.business;
      const name = kind === 'customer' ? c.customerMetric : c.businessMetric;
      return value !== null && sameName(name, metric.name)
        ? [{ day: localDate(c.recordedAt, ctx.timeZone), value }]
        : [];
    });
    series.push({ kind, metric, points });
  }
  return {
    missing: missingMetrics(initiative),
    series,
    checks: statusesOf(initiative, checksOf(db, [initiative.id]).get(initiative.id) ?? []),
  };
}

/** The check statuses of several initiatives in one query (App Home). */
export function checkStatuses(
  ctx: AppContext,
  initiatives: readonly Initiative[],
): Map<number, CheckStatus[]> {
  const records = checksOf(
    ctx.handle.db,
    initiatives.map((i) => i.id),
  );
  return new Map(initiatives.map((i) => [i.id, statusesOf(i, records.get(i.id) ?? [])]));
}
