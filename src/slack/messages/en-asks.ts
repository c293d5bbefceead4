/**
 * Words for requests across departments (`/cx ask`, `R-n`): the post in the asked department's channel and
 * its answered form, the asker's DM, the bump, the escalation, the replies, `/cx asks` and `/cx show R-n`.
 */
import type { DomainError } from '../../domain/errors.js';
import type {
  RequestAnsweredPayload,
  RequestBumpPayload,
  RequestEscalationPayload,
  RequestPostPayload,
} from '../../domain/payloads/requests.js';
import { DEFAULT_REQUEST_DAYS } from '../../domain/requests.js';
import { DEPARTMENT_NAMES, type Department } from '../../domain/types.js';
import { count, join, line, type Mrkdwn, md, mention, num } from './mrkdwn.js';

const R = (id: number) => md`R-${id}`;
const I = (id: number) => md`I-${id}`;
const A = (id: number) => md`A-${id}`;
const dept = (d: Department | string) => line(DEPARTMENT_NAMES[d as Department] ?? d);
const quoted = (text: string) => md`“${line(text)}”`;
const workingDays = (n: number) => count(n, { one: '# working day', other: '# working days' });

type Answered = Extract<DomainError, { code: 'request_answered' }>;
type Refused = Extract<DomainError, { code: 'ask_refused' }>;

export const asks = {
  button: { take: 'I’ll take it', decline: 'Can’t do it' },

  // ---- the post in the asked department's channel ----
  postTitle: (p: RequestPostPayload) =>
    md`:raised_hand: *${R(p.requestId)}* · ${dept(p.askingDept)} asks ${dept(p.askedDept)}`,
  postWho: (p: RequestPostPayload) => {
    const i = p.initiative;
    const tier = i.tier === 'essential' ? md`:star: essential` : md`important`;
    const metric = i.metric ? md` · ${line(i.metric.kind)} metric: ${line(i.metric.name)}` : md``;
    return md`${mention(p.askerId)} asks for *${I(i.id)}* ${line(i.title)} (${tier}${metric}):`;
  },
  postWhat: (what: string) => md`>${line(what)}`,
  postBy: (byDate: string | null) =>
    byDate
      ? md`Needed by *${line(byDate)}*.`
      : md`No date given: whoever takes it has ${count(DEFAULT_REQUEST_DAYS, { one: '# day', other: '# days' })}.`,
  postOpenHint: md`Whoever takes it gets it as an action with that due date; the asker is told either way.`,
  postTaken: (by: string, actionId: number, dueDate: string) =>
    md`:white_check_mark: Taken by ${mention(by)} as *${A(actionId)}*, due ${line(dueDate)}.`,
  postDeclined: (by: string, reason: string) => md`:x: Declined by ${mention(by)}: ${line(reason)}`,
  postFallback: (p: RequestPostPayload) =>
    md`${R(p.requestId)}: ${dept(p.askingDept)} asks ${dept(p.askedDept)}: ${line(p.what)}`,

  // ---- the asker's DM ----
  answered(p: RequestAnsweredPayload): Mrkdwn {
    const what = md`*${R(p.requestId)}* ${quoted(p.what)} for *${I(p.initiative.id)}* ${line(p.initiative.title)}`;
    return p.state.status === 'taken'
      ? md`:white_check_mark: ${mention(p.state.by)} (${dept(p.askedDept)}) took your request ${what}: it is *${A(p.state.actionId)}*, due ${line(p.state.dueDate)}.`
      : md`:x: ${mention(p.state.by)} (${dept(p.askedDept)}) can’t do your request ${what}: ${line(p.state.reason)}`;
  },
  answeredFallback: (p: RequestAnsweredPayload) =>
    p.state.status === 'taken'
      ? md`${R(p.requestId)} was taken as ${A(p.state.actionId)}`
      : md`${R(p.requestId)} was declined: ${line(p.state.reason)}`,

  // ---- the clock ----
  bump: (p: RequestBumpPayload) =>
    md`:hourglass_flowing_sand: This request has waited ${workingDays(p.days)} for an answer. Can someone in ${dept(p.askedDept)} take it, or say why not? ${mention(p.askerId)} is waiting.`,
  escalation(p: RequestEscalationPayload): Mrkdwn {
    const waited = workingDays(p.days);
    const what = md`*${R(p.requestId)}* ${quoted(p.what)}`;
    return p.role === 'hub'
      ? md`:rotating_light: ${dept(p.askingDept)} has waited ${waited} for ${dept(p.askedDept)}: ${what}, asked by ${mention(p.askerId)} for *${I(p.initiative.id)}* ${line(p.initiative.title)} (owner ${mention(p.initiative.ownerId)}). Nobody has taken or declined it yet.`
      : md`:rotating_light: Your initiative *${I(p.initiative.id)}* ${line(p.initiative.title)} is waiting: ${mention(p.askerId)} asked ${dept(p.askedDept)} for ${what} ${waited} ago, and nobody has taken or declined it. A word with ${dept(p.askedDept)} may help.`;
  },
  escalationFallback: (p: RequestEscalationPayload) =>
    md`${R(p.requestId)} has waited ${workingDays(p.days)} for ${dept(p.askedDept)}`,

  // ---- replies to the person who acted ----
  asked: (id: number, asked: Department, what: string) =>
    md`*${R(id)}* asked of ${dept(asked)}: ${line(what)}. It is posted in their channel; you get a DM when someone takes it or says they can’t.`,
  took: (id: number, actionId: number, dueDate: string) =>
    md`You took *${R(id)}*: it is your action *${A(actionId)}*, due ${line(dueDate)}. The asker is told.`,
  declined: (id: number) => md`*${R(id)}* is declined; the asker is told why.`,
  declineTitle: 'Can’t do it',
  declineLabel: 'Why not? The asker reads this.',
  declineNeedsReason: md`Say why: the asker reads it.`,
  notARequest: md`That request no longer exists.`,

  error(e: Answered | Refused): Mrkdwn {
    if (e.code === 'ask_refused') {
      return e.reason === 'hub'
        ? md`The hub is no department, so it can’t take a request: ask marketing, sales, service or it.`
        : md`${dept(e.dept)} has no channel yet, so nobody there would see the request. An admin can bind one: \`/cx setup channel ${line(e.dept)}\` inside it.`;
    }
    return e.status === 'taken'
      ? md`*${R(e.requestId)}* was already taken by ${mention(e.by)}${e.actionId ? md` as *${A(e.actionId)}*` : md``}.`
      : md`*${R(e.requestId)}* was already declined by ${mention(e.by)}.`;
  },

  // ---- /cx asks ----
  listEmpty: (d: Department | null) =>
    d ? md`No open requests asked of or by ${dept(d)}.` : md`No open requests between departments.`,
  listHeading: (n: number, d: Department | null) =>
    md`*${count(n, { one: '# open request', other: '# open requests' })}*${d ? md` of or by ${dept(d)}` : md``}, oldest first:`,
  askedOf: (d: Department) => md`*Asked of ${dept(d)}*`,
  askedBy: (d: Department) => md`*Asked by ${dept(d)}*`,
  none: md`_none_`,
  listLine: (
    id: number,
    from: Department,
    to: Department,
    what: string,
    initiativeId: number,
    waited: number,
    byDate: string | null,
  ) =>
    md`*${R(id)}* ${dept(from)} → ${dept(to)} · ${line(what)} · for *${I(initiativeId)}* · waiting ${workingDays(waited)}${byDate ? md` · by ${line(byDate)}` : md``}`,

  // ---- the /cx ask modal and the button that opens it ----
  askButton: 'Ask another department',
  modalTitle: 'Ask another department',
  modalSubmit: 'Ask',
  modalDept: 'Department to ask',
  modalInitiative: 'For which initiative',
  modalWhat: 'What is needed',
  modalWhatHint: 'A few words; whoever takes it gets it as their action.',
  modalBy: 'Needed by (optional: else 7 days after someone takes it)',
  modalNoInitiatives: md`There is no active initiative to ask for yet: create one with \`/cx new\` first.`,

  // ---- the App Home ----
  homeWaitingOn: (depts: readonly Department[]) =>
    md`*Requests waiting on ${depts.length === 1 ? md`your department` : md`your departments`}* (${join(depts.map(dept), ', ')}), oldest first:`,
  homeWhy: md`Your departments are those you own actions in or took requests for.`,
  homeAsked: md`*Your open requests*:`,
  homeNone: md`*Requests across departments*: none wait on you, and you have none open. Need something from another department for an initiative?`,

  // ---- the weekly digest's reply ----
  digestHeading: md`*Open requests between departments*`,
  digestFallback: (n: number) =>
    md`Open requests: ${count(n, { one: '# request waits', other: '# requests wait' })} for an answer`,
  digestMore: (n: number) => md`…and ${num(n)} more. See \`/cx asks\`.`,
  tableHeading: md`*Who waits on whom*`,
  tableLine: (asking: Department, asked: Department, n: number, oldestDays: number) =>
    md`${dept(asking)} waits on ${dept(asked)}: ${count(n, { one: '# request', other: '# requests' })}, the oldest for ${workingDays(oldestDays)}`,

  // ---- /cx show R-n ----
  showTitle: (id: number, what: string) => md`*${R(id)}* ${line(what)}`,
  showFacts: (
    from: Department,
    to: Department,
    initiativeId: number,
    title: string,
    askerId: string,
    byDate: string | null,
  ) =>
    md`${dept(from)} asks ${dept(to)} · for *${I(initiativeId)}* ${line(title)} · asked by ${mention(askerId)}${byDate ? md` · by ${line(byDate)}` : md``}`,
  showTaken: (by: string, actionId: number) =>
    md`:white_check_mark: Taken by ${mention(by)} as *${A(actionId)}*.`,
  showOpen: (waited: number) => md`Open · waiting ${workingDays(waited)}`,
  historyKind: (kind: string) =>
    (
      ({
        asked: md`asked`,
        bumped: md`bumped in the thread`,
        escalated: md`escalated to the hub and the initiative’s owner`,
        taken: md`took it`,
        declined: md`can’t do it`,
      }) as Record<string, Mrkdwn>
    )[kind] ?? line(kind),
  historyLine: (when: Mrkdwn, actor: Mrkdwn, kind: Mrkdwn, note: string | null) =>
    md`${when} · ${actor} · ${kind}${note ? md`: ${line(note)}` : md``}`,
  theBot: md`CX Bridge`,
};

export type AsksMessages = typeof asks;
