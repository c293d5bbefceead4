import type { Department, Progress, Tier, UserId } from '../domain/types.js';
import type {
  MetricCheckAskPayload,
  MetricVerdictOwnerPayload,
  MetricVerdictPayload,
} from './metric-types.js';
import type {
  DigestDetailPayload,
  DigestPayload,
  ReminderPayload,
  StalledListPayload,
} from './nudge-types.js';
import type { OutboxMessage } from './outbox-types.js';
import type {
  PollPayload,
  PollReactionsPayload,
  RoundBreakdownPayload,
  RoundInvitePayload,
  RoundResultsPayload,
} from './round-types.js';

/**
 * The typed notifications use cases write to the outbox. Each payload is a snapshot: the renderer in
 * slack/ turns it into Block Kit at delivery without querying anything.
 */
export interface WinPayload {
  actorId: UserId;
  ownerId: UserId;
  action: { id: number; title: string; dept: Department };
  initiative: { id: number; title: string; tier: Tier; depts: Department[] };
  progress: Progress;
  note: string | null;
}

export interface DeliveryProblemPayload {
  /** What could not be posted, e.g. `win` or `digest`, and where. */
  kind: string;
  target: string;
  error: string;
}

export type Notification =
  | OutboxMessage<'win', WinPayload>
  | OutboxMessage<'delivery_problem', DeliveryProblemPayload>
  | OutboxMessage<'reminder', ReminderPayload>
  | OutboxMessage<'stalled_list', StalledListPayload>
  | OutboxMessage<'digest', DigestPayload>
  | OutboxMessage<'digest_detail', DigestDetailPayload>
  | OutboxMessage<'poll', PollPayload>
  | OutboxMessage<'poll_reactions', PollReactionsPayload>
  | OutboxMessage<'round_invite', RoundInvitePayload>
  | OutboxMessage<'round_results', RoundResultsPayload>
  | OutboxMessage<'round_breakdown', RoundBreakdownPayload>
  | OutboxMessage<'metric_check', MetricCheckAskPayload>
  | OutboxMessage<'metric_verdict', MetricVerdictPayload>
  | OutboxMessage<'metric_verdict_owner', MetricVerdictOwnerPayload>;

export type NotificationKind = Notification['kind'];
