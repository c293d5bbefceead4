import type { OutboxEntry } from '../../domain/outbox.js';
import type { WinPayload } from '../../domain/payloads/actions.js';
import type { Notification } from '../../domain/payloads/notification.js';
import { progress } from '../messages/en.js';
import { msg } from '../messages/index.js';
import { lines, md } from '../messages/mrkdwn.js';
import { type BuiltMessage, context, message, section } from './blocks.js';
import { checkAskMessage, verdictMessage, verdictOwnerMessage } from './check.js';
import { digestDetailMessage, digestMessage } from './digest.js';
import {
  announcedMessage,
  closedMessage,
  correctionMessage,
  painPointNewsMessage,
} from './initiative-lifecycle.js';
import { inviteMessage, pollMessage } from './poll.js';
import { reminderMessage, stalledListMessage } from './reminder.js';
import {
  digestRequestsMessage,
  requestAnsweredMessage,
  requestBumpMessage,
  requestEscalationMessage,
  requestPostMessage,
} from './requests.js';
import { breakdownMessage, noVotesMessage, resultsMessage } from './results.js';
import { assignedMessage, blockedMessage, handedOverMessage, unassignedMessage } from './work.js';

/** The initiative's progress under a win (after its last win, in a merged post). */
const winProgress = (p: WinPayload) => context(md`${progress(p.progress)} I-${p.initiative.id}`);

/** A win's note keeps its line breaks, each line quoted: none of it can pass for a line of the post. */
function winNote(p: WinPayload) {
  const note = p.note ? lines(p.note) : null;
  return note ? context(note) : null;
}

export function winMessage(p: WinPayload): BuiltMessage {
  const line = msg.win(p.actorId, p.action.id, p.action.title, p.initiative.id, p.initiative.title);
  const blocks = [section(md`${msg.winTitle}\n${line}`), winProgress(p)];
  const note = winNote(p);
  if (note) blocks.splice(1, 0, note);
  return message(msg.winFallback(p.action.id, p.action.title, p.initiative.id), blocks);
}

/**
 * Several wins to one channel as one post (the notifier merges a burst of them: slack/notifier/merge.ts).
 * Per win its line (and note), grouped by initiative in the order of each one's first win, each initiative's
 * progress said once after its wins: the latest, from its last win. A single win is `winMessage`, unchanged.
 */
function winsMessage(wins: readonly WinPayload[]): BuiltMessage {
  const [first] = wins;
  if (wins.length === 1 && first) return winMessage(first);
  const byInitiative = new Map<number, WinPayload[]>();
  for (const p of wins) {
    const group = byInitiative.get(p.initiative.id);
    if (group) group.push(p);
    else byInitiative.set(p.initiative.id, [p]);
  }
  const blocks = [section(msg.winsTitle(wins.length))];
  for (const group of byInitiative.values()) {
    for (const p of group) {
      blocks.push(
        section(msg.win(p.actorId, p.action.id, p.action.title, p.initiative.id, p.initiative.title)),
      );
      const note = winNote(p);
      if (note) blocks.push(note);
    }
    const latest = group[group.length - 1];
    if (latest) blocks.push(winProgress(latest));
  }
  return message(
    msg.winsFallback(
      wins.length,
      wins.map((p) => p.action.id),
    ),
    blocks,
  );
}

/** A merged post of outbox entries (all wins, in lane order); null when any is not a win. */
export function renderMerged(entries: readonly OutboxEntry[]): BuiltMessage | null {
  const wins: WinPayload[] = [];
  for (const entry of entries) {
    const n = entry as unknown as Notification;
    if (n.kind !== 'win') return null;
    wins.push(n.payload);
  }
  return wins.length > 0 ? winsMessage(wins) : null;
}

/** Renders an outbox entry for delivery; null for a kind this version no longer knows (it is then dropped). */
export function renderEntry(entry: OutboxEntry): BuiltMessage | null {
  const n = entry as unknown as Notification;
  switch (n.kind) {
    case 'win':
      return winMessage(n.payload);
    case 'delivery_problem': {
      const p = n.payload;
      const text = p.person
        ? msg.dmProblem(p.kind, p.person, p.error)
        : msg.deliveryProblem(p.kind, p.target, p.error);
      return message(text, [section(text)]);
    }
    case 'reminder':
      return reminderMessage(n.payload);
    case 'stalled_list':
      return stalledListMessage(n.payload);
    case 'digest':
      return digestMessage(n.payload);
    case 'digest_detail':
      return digestDetailMessage(n.payload);
    case 'poll':
      return pollMessage(n.payload);
    case 'round_invite':
      return inviteMessage(n.payload);
    case 'round_results':
    case 'round_results_update':
      return resultsMessage(n.payload);
    case 'round_no_votes':
      return noVotesMessage(n.payload);
    case 'round_breakdown':
      return breakdownMessage(n.payload);
    case 'metric_check':
      return checkAskMessage(n.payload);
    case 'metric_verdict':
      return verdictMessage(n.payload);
    case 'metric_verdict_owner':
      return verdictOwnerMessage(n.payload);
    case 'initiative_announced':
      return announcedMessage(n.payload);
    case 'initiative_closed':
      return closedMessage(n.payload);
    case 'verdict_correction':
      return correctionMessage(n.payload);
    case 'pain_point_news':
      return painPointNewsMessage(n.payload);
    case 'action_assigned':
      return assignedMessage(n.payload);
    case 'action_unassigned':
      return unassignedMessage(n.payload);
    case 'initiative_handed_over':
      return handedOverMessage(n.payload);
    case 'action_blocked':
      return blockedMessage(n.payload);
    case 'request_posted':
    case 'request_update':
      return requestPostMessage(n.payload);
    case 'request_answered':
      return requestAnsweredMessage(n.payload);
    case 'request_bump':
      return requestBumpMessage(n.payload);
    case 'request_escalation':
      return requestEscalationMessage(n.payload);
    case 'digest_requests':
      return digestRequestsMessage(n.payload);
    default:
      return null;
  }
}
