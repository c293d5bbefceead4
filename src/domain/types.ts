/** Core vocabulary of CX Bridge. Pure data: no Slack, no SQL. */

export const DEPARTMENTS = ['marketing', 'sales', 'service', 'it'] as const;
export type Department = (typeof DEPARTMENTS)[number];
/** A channel binding key: one of the four departments or the cross-functional hub. */
export type BindingKey = Department | 'hub';
export const BINDING_KEYS: readonly BindingKey[] = [...DEPARTMENTS, 'hub'];

export const DEPARTMENT_NAMES: Record<Department, string> = {
  marketing: 'Marketing',
  sales: 'Sales',
  service: 'Service',
  it: 'IT',
};

export type Tier = 'essential' | 'important';
export const MAX_ESSENTIAL = 3;

export type InitiativeStatus = 'active' | 'closed' | 'dropped';
export type ActionStatus = 'open' | 'blocked' | 'done' | 'dropped';

/** A Slack user id (U…/W…); the domain treats it as an opaque string. */
export type UserId = string;
/** A local calendar date in CX_TIMEZONE, `YYYY-MM-DD`. */
export type LocalDate = string;

export type MetricKind = 'customer' | 'business';

export interface Metric {
  name: string;
  baseline: number;
  target: number;
  unit: string | null;
}

export interface Initiative {
  id: number;
  title: string;
  tier: Tier;
  status: InitiativeStatus;
  leadDept: Department;
  /** Every department involved, the lead first; never empty. */
  depts: Department[];
  ownerId: UserId;
  startDate: LocalDate;
  customerMetric: Metric | null;
  businessMetric: Metric | null;
  createdBy: UserId;
  createdAt: Date;
}

export interface Action {
  id: number;
  initiativeId: number;
  title: string;
  ownerId: UserId;
  dept: Department;
  dueDate: LocalDate | null;
  status: ActionStatus;
  blockedReason: string | null;
  snoozedUntil: Date | null;
  lastActivityAt: Date;
  createdBy: UserId;
  createdAt: Date;
  completedAt: Date | null;
}

export type RefKind = 'I' | 'A' | 'P';
export interface Ref {
  kind: RefKind;
  n: number;
}

export interface HistoryEntry {
  id: number;
  entity: RefKind;
  entityId: number;
  actorId: UserId;
  at: Date;
  /** What happened, e.g. `created`, `updated`, `blocked`, `done`, `tier`, `metric`, `snoozed`. */
  kind: string;
  note: string | null;
  /** For a change of one value (due date, owner, title…): what it was and what it became. */
  oldValue?: string | null;
  newValue?: string | null;
}

export interface Progress {
  done: number;
  /** Actions that count toward progress: every action except dropped ones. */
  total: number;
}
