/**
 * Payloads of a request across departments (`/cx ask`, `R-n`): the post in the asked department's channel
 * (and the same post rewritten in place once answered), the asker's DM about the answer, the bump in its
 * thread and the escalation to the hub and the initiative's owner. Snapshots: the renderer queries nothing.
 */
import type { BindingKey, Department, LocalDate, MetricKind, Tier, UserId } from '../types.js';

export interface RequestInitiative {
  id: number;
  title: string;
  tier: Tier;
  ownerId: UserId;
  /** Why it matters: the initiative's customer metric, else its business metric, when set. */
  metric: { kind: MetricKind; name: string } | null;
}

/** Where the request stands, as its post shows it. */
export type RequestState =
  | { status: 'open' }
  | { status: 'taken'; by: UserId; actionId: number; dueDate: LocalDate }
  | { status: 'declined'; by: UserId; reason: string };

/**
 * The request in the asked department's channel (`request_posted`, with **I'll take it** / **Can't do it**),
 * and the same message rewritten in place once answered (`request_update`, a "thread reply" of the post
 * delivered as chat.update of it, like `round_results_update`).
 */
export interface RequestPostPayload {
  requestId: number;
  askerId: UserId;
  askingDept: Department;
  askedDept: Department;
  what: string;
  byDate: LocalDate | null;
  initiative: RequestInitiative;
  state: RequestState;
}

/** To the asker: their request was taken or declined. */
export interface RequestAnsweredPayload {
  requestId: number;
  askedDept: Department;
  what: string;
  initiative: { id: number; title: string };
  state: Exclude<RequestState, { status: 'open' }>;
}

/** In the request's thread, once, after 2 working days without an answer. */
export interface RequestBumpPayload {
  requestId: number;
  askedDept: Department;
  askerId: UserId;
  days: number;
}

/** After 5 working days without an answer: to the hub channel (`hub`) and the initiative's owner (`owner`). */
export interface RequestEscalationPayload {
  role: 'hub' | 'owner';
  requestId: number;
  askerId: UserId;
  askingDept: Department;
  askedDept: Department;
  what: string;
  initiative: { id: number; title: string; ownerId: UserId };
  days: number;
}

/** A request as the digest and `/cx asks` list it. */
export interface OpenRequestLine {
  requestId: number;
  askingDept: Department;
  askedDept: Department;
  what: string;
  initiativeId: number;
  /** Working days it has waited. */
  waited: number;
  byDate: LocalDate | null;
}

/** One row of "who waits on whom": `asking` waits on `asked` for `count` requests, the oldest `oldestDays`. */
export interface WaitRow {
  asking: Department;
  asked: Department;
  count: number;
  oldestDays: number;
}

/**
 * The weekly digest's "Open requests" reply (`digest_requests`), in each channel's digest thread: the open
 * requests asked of or by that channel's department (every one in the hub's), oldest first, and the
 * company-wide "who waits on whom" table.
 */
export interface DigestRequestsPayload {
  week: string;
  scope: BindingKey;
  open: OpenRequestLine[];
  /** How many open requests concern the scope (`open` may show fewer). */
  total: number;
  /**
   * How many requests are open company-wide: the fallback's count, the same requests as `table` (a channel
   * whose department has none of its own still shows the whole table). Absent in entries queued before it.
   */
  waiting?: number;
  table: WaitRow[];
}
