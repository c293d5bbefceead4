/** The daily `metric-checks` run: asks the checks whose date has come and judges those left unanswered. */
import { getInitiative, listActiveInitiatives } from '../../db/repositories/initiatives-repo.js';
import {
  checkinsOf,
  checksOf,
  getCheck,
  insertCheck,
  markAsked,
  openChecks,
  scheduledChecksDue,
} from '../../db/repositories/metrics-repo.js';
import { addDays, localDate, startOfLocalDay } from '../../domain/dates.js';
import { answeredByFeed, FED_ANSWER_DAYS } from '../../domain/metric-checks.js';
import { answerDeadline, checkKindOf, metricCheckDate, planScheduledChecks } from '../../domain/metrics.js';
import type { AppContext } from '../context.js';
import { askCheck } from './ask.js';
import { judgeAndPost } from './verdict.js';

export interface MetricChecksSummary {
  asked: number;
  skipped: number;
  judged: number;
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
      // Values other systems sent in the 30 days before the date answer the check: the verdict goes out
      // now and the owner is not asked.
      const windowStart = startOfLocalDay(addDays(dueDate, -FED_ANSWER_DAYS), ctx.timeZone);
      if (answeredByFeed(initiative, checkinsOf(tx, initiative.id, windowStart))) {
        const check = getCheck(tx, initiative.id, dueDate);
        if (check && judgeAndPost(tx, ctx.timeZone, check, initiative, now, windowStart)) summary.judged++;
        return;
      }
      askCheck(tx, initiative, kind, dueDate, today, now);
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
      askCheck(tx, initiative, check.kind, check.dueDate, today, now);
      summary.asked++;
    });
  }

  // Unanswered for 14 days: the verdict goes out with what is known ("no data" when nothing came).
  for (const check of openChecks(db)) {
    if (shouldStop()) return summary;
    if (!check.askedAt || today < answerDeadline(localDate(check.askedAt, ctx.timeZone))) continue;
    db.transaction((tx) => {
      const initiative = getInitiative(tx, check.initiativeId);
      // A closed initiative is judged no more: its check was left unanswered when it closed.
      if (initiative?.status !== 'active') return;
      if (judgeAndPost(tx, ctx.timeZone, check, initiative, now)) summary.judged++;
    });
  }
  if (summary.asked + summary.judged > 0) ctx.afterCommit();
  return summary;
}
