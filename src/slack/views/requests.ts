/**
 * Requests across departments: the post in the asked department's channel (buttons while open, the answer
 * once answered), the asker's DM, the bump, the escalation, the Can't-do-it modal, `/cx asks` and
 * `/cx show R-n`.
 */
import type { ActionsBlock, KnownBlock, ModalView } from '@slack/types';
import type { HomeRequests, OpenRequestsView, RequestDetail } from '../../app/requests-read.js';
import type { OutboxEntry } from '../../domain/outbox.js';
import type {
  DigestRequestsPayload,
  RequestAnsweredPayload,
  RequestBumpPayload,
  RequestEscalationPayload,
  RequestPostPayload,
} from '../../domain/payloads/requests.js';
import { formatRequestRef } from '../../domain/requests.js';
import { ACTION, FIELD, VIEW } from '../ids.js';
import { asks, msg } from '../messages/index.js';
import { join, type Mrkdwn, md, mention, moment } from '../messages/mrkdwn.js';
import { askButtonBlock } from './ask-modal.js';
import {
  type BuiltMessage,
  context,
  divider,
  LIMITS,
  linesToSections,
  message,
  plain,
  section,
} from './blocks.js';

/** block_id of a request post's buttons. */
export const requestButtonsBlockId = (id: number) => `req_${id}`;

function requestButtons(id: number): ActionsBlock {
  const value = formatRequestRef(id);
  return {
    type: 'actions',
    block_id: requestButtonsBlockId(id),
    elements: [
      {
        type: 'button',
        action_id: ACTION.requestTake,
        text: plain(asks.button.take),
        value,
        style: 'primary',
      },
      { type: 'button', action_id: ACTION.requestDecline, text: plain(asks.button.decline), value },
    ],
  };
}

/** `request_posted` (with its buttons) and `request_update` (the same post, answered: no buttons). */
export function requestPostMessage(p: RequestPostPayload): BuiltMessage {
  const blocks: KnownBlock[] = [
    section(md`${asks.postTitle(p)}\n${asks.postWho(p)}\n${asks.postWhat(p.what)}`),
    context(asks.postBy(p.byDate)),
  ];
  const s = p.state;
  if (s.status === 'open') blocks.push(requestButtons(p.requestId), context(asks.postOpenHint));
  else if (s.status === 'taken') blocks.push(section(asks.postTaken(s.by, s.actionId, s.dueDate)));
  else blocks.push(section(asks.postDeclined(s.by, s.reason)));
  return message(asks.postFallback(p), blocks);
}

export function requestAnsweredMessage(p: RequestAnsweredPayload): BuiltMessage {
  return message(asks.answeredFallback(p), [section(asks.answered(p))]);
}

export function requestBumpMessage(p: RequestBumpPayload): BuiltMessage {
  const text = asks.bump(p);
  return message(text, [section(text)]);
}

/** The digest's "Open requests" reply: the scope's open requests, oldest first, and who waits on whom. */
export function digestRequestsMessage(p: DigestRequestsPayload): BuiltMessage {
  const list = p.open.map((l) =>
    asks.listLine(l.requestId, l.askingDept, l.askedDept, l.what, l.initiativeId, l.waited, l.byDate),
  );
  const table = p.table.map((c) => asks.tableLine(c.asking, c.asked, c.count, c.oldestDays));
  const blocks: KnownBlock[] = [section(asks.digestHeading)];
  if (list.length > 0) blocks.push(...linesToSections(list, 20).blocks);
  if (p.total > p.open.length) blocks.push(context(asks.digestMore(p.total - p.open.length)));
  blocks.push(section(asks.tableHeading), ...linesToSections(table, 20).blocks);
  // The fallback counts what the table counts (every open request), not only the channel's own.
  const waiting = p.waiting ?? p.table.reduce((n, row) => n + row.count, 0);
  return message(asks.digestFallback(waiting), blocks);
}

export function requestEscalationMessage(p: RequestEscalationPayload): BuiltMessage {
  return message(asks.escalationFallback(p), [section(asks.escalation(p))]);
}

/**
 * For the notifier: a `request_update` is not a post but its thread parent (the request post) rewritten in
 * place with chat.update, like `round_results_update`.
 */
export const requestUpdatesParent = (entry: OutboxEntry): boolean => entry.kind === 'request_update';

/** The Can't-do-it modal: the reason is required; `R-n` travels in private_metadata. */
export function declineModal(requestId: number): ModalView {
  return {
    type: 'modal',
    callback_id: VIEW.requestDecline,
    title: plain(asks.declineTitle, LIMITS.modalTitle),
    submit: plain(msg.modal.submit, LIMITS.modalTitle),
    close: plain(msg.modal.cancel, LIMITS.modalTitle),
    private_metadata: formatRequestRef(requestId),
    blocks: [
      {
        type: 'input',
        block_id: FIELD.reason,
        label: plain(asks.declineLabel, 2000),
        element: { type: 'plain_text_input', action_id: FIELD.reason, multiline: true, max_length: 2000 },
      },
    ],
  };
}

/**
 * The App Home's requests: those waiting on the viewer's departments (how they are known is said below
 * them), and the viewer's own open ones, and an "Ask another department" button (the initiative is picked in its modal).
 */
export function homeRequestBlocks(h: HomeRequests | undefined): KnownBlock[] {
  if (!h) return [];
  // Nothing open: the button still, under a line that says what it is for (not loose under the actions).
  if (h.waitingOn.length === 0 && h.asked.length === 0)
    return [divider(), section(asks.homeNone), askButtonBlock()];
  const line = (l: OpenRequestsView['depts'][number]['askedOf'][number]) =>
    asks.listLine(
      l.request.id,
      l.request.askingDept,
      l.request.askedDept,
      l.request.what,
      l.request.initiativeId,
      l.waited,
      l.request.byDate,
    );
  const blocks: KnownBlock[] = [divider()];
  if (h.waitingOn.length > 0) {
    blocks.push(section(md`${asks.homeWaitingOn(h.depts)}\n${join(h.waitingOn.map(line), '\n')}`));
    blocks.push(context(asks.homeWhy));
  }
  if (h.asked.length > 0) blocks.push(section(md`${asks.homeAsked}\n${join(h.asked.map(line), '\n')}`));
  blocks.push(askButtonBlock());
  return blocks;
}

/** `/cx asks [dept]`. */
export function asksReply(v: OpenRequestsView, filter: OpenRequestsView['depts'][number]['dept'] | null) {
  if (v.total === 0) {
    const text = asks.listEmpty(filter);
    return message(text, [section(text)]);
  }
  const heading = asks.listHeading(v.total, filter);
  const blocks: KnownBlock[] = [section(heading)];
  const all: Mrkdwn[] = [heading];
  for (const d of v.depts) {
    for (const [title, lines] of [
      [asks.askedOf(d.dept), d.askedOf],
      [asks.askedBy(d.dept), d.askedBy],
    ] as const) {
      const rendered = lines.map((l) =>
        asks.listLine(
          l.request.id,
          l.request.askingDept,
          l.request.askedDept,
          l.request.what,
          l.request.initiativeId,
          l.waited,
          l.request.byDate,
        ),
      );
      const text = rendered.length > 0 ? rendered : [asks.none];
      blocks.push(...linesToSections([title, ...text], 4).blocks);
      all.push(title, ...text);
    }
  }
  return message(join(all, '\n'), blocks.slice(0, LIMITS.messageBlocks));
}

/** `/cx show R-n`: the request, where it stands, and its history (moments in the reader's zone). */
export function requestReply(d: RequestDetail, zone: string): BuiltMessage {
  const r = d.request;
  const state =
    r.status === 'open'
      ? asks.showOpen(d.waited)
      : r.status === 'taken' && r.actionId !== null
        ? asks.showTaken(r.answeredBy ?? '', r.actionId)
        : asks.postDeclined(r.answeredBy ?? '', r.declineReason ?? '');
  const history = d.events.map((e) =>
    asks.historyLine(
      moment(e.at, zone),
      e.actorId.startsWith('U') || e.actorId.startsWith('W') ? mention(e.actorId) : asks.theBot,
      asks.historyKind(e.kind),
      e.note,
    ),
  );
  const title = asks.showTitle(r.id, r.what);
  return message(title, [
    section(
      md`${title}\n${asks.showFacts(r.askingDept, r.askedDept, r.initiativeId, d.initiative?.title ?? '', r.askerId, r.byDate)}`,
    ),
    section(state),
    divider(),
    section(md`*${msg.historyHeading}*`),
    ...linesToSections(history, 10).blocks,
  ]);
}
