/**
 * The 6–12-month test, one file per step in `metric-checks/`: check-ins (`record`), the daily run that
 * asks owners at 6 and 12 months (`ask`, `daily`) and posts verdicts (`verdict`), the owner's recommit /
 * close decision afterwards (`decide`), and the picture for `/cx show` and the App Home (`picture`). The
 * rules they apply are pure, in `domain/metrics.ts` and `domain/metric-checks.ts`.
 */
export type {
  CheckState,
  CheckStatus,
  MetricSeries,
  MetricsPicture,
  TrendPoint,
} from '../domain/metric-checks.js';
export { type MetricChecksSummary, runMetricChecks } from './metric-checks/daily.js';
export {
  type AwaitedDecision,
  awaitedDecision,
  type DecidedVerdictDm,
  type DecisionOutcome,
  decideAfterCheck,
  decidedVerdictDm,
} from './metric-checks/decide.js';
export { checkStatuses, metricsPicture } from './metric-checks/picture.js';
export {
  type CheckForm,
  type CheckinOutcome,
  type CheckinValues,
  checkForm,
  recordCheckin,
} from './metric-checks/record.js';
export type { DecidedVerdict } from './metric-checks/verdict.js';
