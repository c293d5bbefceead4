/**
 * Payloads of the 6–12-month test's notifications: the owner's DM asking for values, the verdict in the
 * departments' channels, and the owner's copy of it (with Recommit / Close after a 12-month check).
 * Snapshots: the renderer queries nothing.
 */
import type { CheckKind, ExecutionEvidence, MetricResult, Verdict } from '../metrics.js';
import type { Department, LocalDate, Metric, MetricKind, UserId } from '../types.js';

export interface CheckInitiative {
  id: number;
  title: string;
  ownerId: UserId;
  startDate: LocalDate;
  depts: Department[];
  customerMetric: Metric | null;
  businessMetric: Metric | null;
}

/** DM to the owner: time for a check; the button opens the check modal. */
export interface MetricCheckAskPayload {
  initiative: CheckInitiative;
  kind: CheckKind;
  dueDate: LocalDate;
  /** Without values by then, the verdict goes out as it is ("no data" when nothing came). */
  deadline: LocalDate;
  last: { customer: number | null; business: number | null };
}

/** The verdict, in each department channel of the initiative. */
export interface MetricVerdictPayload {
  initiative: CheckInitiative;
  kind: CheckKind;
  dueDate: LocalDate;
  verdict: Verdict;
  customer: MetricResult;
  business: MetricResult;
  /** Partial and failing verdicts show the execution behind them. */
  evidence: ExecutionEvidence | null;
  /**
   * Added at delivery, never stored in the outbox: each metric's chart (uploaded once per verdict), or,
   * when its upload failed, its values for a text sparkline.
   */
  charts?: VerdictChart[];
}

export interface VerdictChart {
  kind: MetricKind;
  /** The uploaded PNG; null when the upload failed. */
  fileId: string | null;
  /** Every value of the metric up to the verdict, oldest first. */
  points: { day: LocalDate; value: number }[];
}

/** The owner's copy; `decide`: offer Recommit / Close (after a 12-month or follow-up check). */
export interface MetricVerdictOwnerPayload extends MetricVerdictPayload {
  decide: boolean;
}
