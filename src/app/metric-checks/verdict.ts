/** The verdict of a check: judged from the check-ins since it was asked, posted to the departments and the owner. */
import type { Tx } from '../../db/client.js';
import { actionsOfInitiative } from '../../db/repositories/actions-repo.js';
import { appendHistory } from '../../db/repositories/history-repo.js';
import { checkinsOf, type MetricCheckRecord, markJudged } from '../../db/repositories/metrics-repo.js';
import { enqueue } from '../../db/repositories/outbox-repo.js';
import { requestsOfInitiative } from '../../db/repositories/requests-repo.js';
import { listBindings } from '../../db/repositories/settings-repo.js';
import { storeFact } from '../../domain/history-facts.js';
import { verdictDepartments } from '../../domain/metric-checks.js';
import {
  type CheckKind,
  executionEvidence,
  judge,
  offersDecision,
  type Verdict,
} from '../../domain/metrics.js';
import type { MetricVerdictPayload } from '../../domain/payloads/metrics.js';
import type { Notification } from '../../domain/payloads/notification.js';
import { requestEvidence } from '../../domain/requests.js';
import type { Department, Initiative, LocalDate } from '../../domain/types.js';
import { painPointNews } from '../announce.js';
import { checkSnapshot } from './snapshot.js';

/** The outbox key of a verdict's post in a department's channel; the override finds where it went by it. */
export const verdictKey = (initiativeId: number, dueDate: LocalDate, dept: Department) =>
  `verdict:I-${initiativeId}:${dueDate}:${dept}`;
/** The outbox key of a verdict's DM to the owner of the time; a decision made anywhere updates it by it. */
export const verdictOwnerKey = (initiativeId: number, dueDate: LocalDate) =>
  `verdict-owner:I-${initiativeId}:${dueDate}`;

export interface DecidedVerdict {
  kind: CheckKind;
  dueDate: LocalDate;
  verdict: Verdict;
  /** Departments whose channel gets the verdict. */
  postedTo: Department[];
}

/**
 * Judges an asked check from the check-ins recorded since it was asked (or since `since`) and queues the verdict: one post per
 * bound channel of the initiative's departments (two departments sharing a channel get one) and the
 * owner's copy. Null when the check was judged already.
 */
export function judgeAndPost(
  tx: Tx,
  zone: string,
  check: MetricCheckRecord,
  initiative: Initiative,
  now: Date,
  /** Judge from check-ins since this moment (default: since the check was asked). */
  since: Date | undefined = check.askedAt ?? undefined,
): DecidedVerdict | null {
  const readings = checkinsOf(tx, initiative.id, since);
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
      ? {
          ...executionEvidence(initiative, actionsOfInitiative(tx, initiative.id), now, zone),
          requests: requestEvidence(requestsOfInitiative(tx, initiative.id), now, zone),
        }
      : null;
  const payload: MetricVerdictPayload = {
    initiative: checkSnapshot(initiative),
    kind: check.kind,
    dueDate: check.dueDate,
    verdict: j.verdict,
    customer: j.customer,
    business: j.business,
    evidence,
  };
  const postedTo = verdictDepartments(initiative.depts, listBindings(tx));
  const messages: Notification[] = postedTo.map((dept) => ({
    kind: 'metric_verdict',
    key: verdictKey(initiative.id, check.dueDate, dept),
    recipient: { type: 'binding', key: dept },
    payload,
  }));
  messages.push({
    kind: 'metric_verdict_owner',
    key: verdictOwnerKey(initiative.id, check.dueDate),
    recipient: { type: 'user', id: initiative.ownerId },
    payload: { ...payload, decide: offersDecision(check.kind) && initiative.status === 'active' },
  });
  const news = { event: 'verdict', kind: check.kind, verdict: j.verdict, overriddenBy: null } as const;
  messages.push(...painPointNews(tx, initiative, `verdict:${check.dueDate}`, news, null));
  enqueue(tx, messages, now);
  appendHistory(
    tx,
    {
      entity: 'I',
      entityId: initiative.id,
      actorId: initiative.ownerId,
      kind: 'verdict',
      // Data, not words: each reader sees it in their language.
      newValue: storeFact({ fact: 'verdict', check: check.kind, due: check.dueDate, verdict: j.verdict }),
    },
    now,
  );
  return { kind: check.kind, dueDate: check.dueDate, verdict: j.verdict, postedTo };
}
