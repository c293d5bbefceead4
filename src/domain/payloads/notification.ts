import type { OutboxMessage } from '../outbox.js';
import type { WinPayload } from './actions.js';
import type { DeliveryProblemPayload } from './delivery.js';
import type {
  InitiativeAnnouncedPayload,
  InitiativeClosedPayload,
  InitiativeHandedOverPayload,
  PainPointNewsPayload,
  VerdictCorrectionPayload,
} from './initiatives.js';
import type { MetricCheckAskPayload, MetricVerdictOwnerPayload, MetricVerdictPayload } from './metrics.js';
import type { DigestDetailPayload, DigestPayload, ReminderPayload, StalledListPayload } from './nudges.js';
import type {
  DigestRequestsPayload,
  RequestAnsweredPayload,
  RequestBumpPayload,
  RequestEscalationPayload,
  RequestPostPayload,
} from './requests.js';
import type {
  PollPayload,
  PollReactionsPayload,
  RoundBreakdownPayload,
  RoundInvitePayload,
  RoundNoVotesPayload,
  RoundResultsPayload,
} from './rounds.js';
import type { ActionAssignedPayload, ActionBlockedPayload, ActionUnassignedPayload } from './work.js';

/**
 * The typed notifications use cases write to the outbox: each kind with the payload it carries. A payload is
 * a snapshot: the renderer in slack/ turns it into Block Kit at delivery without querying anything.
 *
 * Payloads live in domain/ (not app/) because they are plain data named by three layers — app/ writes them,
 * slack/views renders them, and this union pairs them with the outbox message type in domain/outbox.ts —
 * and domain/ is the one place every layer may import without reaching up.
 */
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
  | OutboxMessage<'round_results_update', RoundResultsPayload>
  | OutboxMessage<'round_no_votes', RoundNoVotesPayload>
  | OutboxMessage<'round_breakdown', RoundBreakdownPayload>
  | OutboxMessage<'metric_check', MetricCheckAskPayload>
  | OutboxMessage<'metric_verdict', MetricVerdictPayload>
  | OutboxMessage<'metric_verdict_owner', MetricVerdictOwnerPayload>
  | OutboxMessage<'initiative_announced', InitiativeAnnouncedPayload>
  | OutboxMessage<'initiative_closed', InitiativeClosedPayload>
  | OutboxMessage<'initiative_handed_over', InitiativeHandedOverPayload>
  | OutboxMessage<'verdict_correction', VerdictCorrectionPayload>
  | OutboxMessage<'pain_point_news', PainPointNewsPayload>
  | OutboxMessage<'action_assigned', ActionAssignedPayload>
  | OutboxMessage<'action_unassigned', ActionUnassignedPayload>
  | OutboxMessage<'action_blocked', ActionBlockedPayload>
  | OutboxMessage<'request_posted', RequestPostPayload>
  | OutboxMessage<'request_update', RequestPostPayload>
  | OutboxMessage<'request_answered', RequestAnsweredPayload>
  | OutboxMessage<'request_bump', RequestBumpPayload>
  | OutboxMessage<'request_escalation', RequestEscalationPayload>
  | OutboxMessage<'digest_requests', DigestRequestsPayload>;

export type NotificationKind = Notification['kind'];
