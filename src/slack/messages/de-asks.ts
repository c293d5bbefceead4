/**
 * Anfragen an andere Abteilungen (`/cx ask`, `R-n`) auf Deutsch: der Post im Kanal der angefragten
 * Abteilung, die DM an die anfragende Person, Nachfassen, Eskalation, Antworten, `/cx asks`, `/cx show R-n`.
 */
import { DEFAULT_REQUEST_DAYS } from '../../domain/requests.js';
import type { Department } from '../../domain/types.js';
import { count, DEPT, day } from './de-common.js';
import type { AsksMessages } from './en-asks.js';
import { join, line, type Mrkdwn, md, mention, num } from './mrkdwn.js';

const R = (id: number) => md`R-${id}`;
const I = (id: number) => md`I-${id}`;
const A = (id: number) => md`A-${id}`;
const dept = (d: Department | string) => line(DEPT[d as Department] ?? d);
const quoted = (text: string) => md`„${line(text)}“`;
const workingDaysDative = (n: number) => count(n, { one: '# Arbeitstag', other: '# Arbeitstagen' });
const KIND: Record<string, string> = { customer: 'Kundenkennzahl', business: 'Geschäftskennzahl' };

export const asksDe: AsksMessages = {
  button: { take: 'Übernehme ich', decline: 'Geht nicht' },

  postTitle: (p) =>
    md`:raised_hand: *${R(p.requestId)}* · ${dept(p.askingDept)} fragt ${dept(p.askedDept)} an`,
  postWho: (p) => {
    const i = p.initiative;
    const tier = i.tier === 'essential' ? md`:star: essenziell` : md`wichtig`;
    const metric = i.metric
      ? md` · ${line(KIND[i.metric.kind] ?? i.metric.kind)}: ${line(i.metric.name)}`
      : md``;
    return md`${mention(p.askerId)} braucht für *${I(i.id)}* ${line(i.title)} (${tier}${metric}):`;
  },
  postWhat: (what) => md`>${line(what)}`,
  postBy: (byDate) =>
    byDate
      ? md`Gebraucht bis *${day(byDate)}*.`
      : md`Kein Datum genannt: wer es übernimmt, hat ${count(DEFAULT_REQUEST_DAYS, { one: '# Tag', other: '# Tage' })}.`,
  postOpenHint: md`Wer es übernimmt, bekommt es als Maßnahme mit diesem Fälligkeitsdatum; die anfragende Person erfährt es so oder so.`,
  postTaken: (by, actionId, dueDate) =>
    md`:white_check_mark: Übernommen von ${mention(by)} als *${A(actionId)}*, fällig ${day(dueDate)}.`,
  postDeclined: (by, reason) => md`:x: Abgelehnt von ${mention(by)}: ${line(reason)}`,
  postFallback: (p) =>
    md`${R(p.requestId)}: ${dept(p.askingDept)} fragt ${dept(p.askedDept)} an: ${line(p.what)}`,

  answered(p): Mrkdwn {
    const what = md`*${R(p.requestId)}* ${quoted(p.what)} für *${I(p.initiative.id)}* ${line(p.initiative.title)}`;
    return p.state.status === 'taken'
      ? md`:white_check_mark: ${mention(p.state.by)} (${dept(p.askedDept)}) hat deine Anfrage ${what} übernommen: sie ist jetzt *${A(p.state.actionId)}*, fällig ${day(p.state.dueDate)}.`
      : md`:x: ${mention(p.state.by)} (${dept(p.askedDept)}) kann deine Anfrage ${what} nicht erledigen: ${line(p.state.reason)}`;
  },
  answeredFallback: (p) =>
    p.state.status === 'taken'
      ? md`${R(p.requestId)} wurde als ${A(p.state.actionId)} übernommen`
      : md`${R(p.requestId)} wurde abgelehnt: ${line(p.state.reason)}`,

  bump: (p) =>
    md`:hourglass_flowing_sand: Diese Anfrage wartet seit ${workingDaysDative(p.days)} auf eine Antwort. Kann jemand aus ${dept(p.askedDept)} sie übernehmen oder sagen, warum nicht? ${mention(p.askerId)} wartet.`,
  escalation(p): Mrkdwn {
    const waited = workingDaysDative(p.days);
    const what = md`*${R(p.requestId)}* ${quoted(p.what)}`;
    return p.role === 'hub'
      ? md`:rotating_light: ${dept(p.askingDept)} wartet seit ${waited} auf ${dept(p.askedDept)}: ${what}, angefragt von ${mention(p.askerId)} für *${I(p.initiative.id)}* ${line(p.initiative.title)} (zuständig: ${mention(p.initiative.ownerId)}). Noch hat sie niemand übernommen oder abgelehnt.`
      : md`:rotating_light: Deine Initiative *${I(p.initiative.id)}* ${line(p.initiative.title)} wartet: ${mention(p.askerId)} hat ${dept(p.askedDept)} vor ${waited} um ${what} gebeten, und niemand hat sie übernommen oder abgelehnt. Ein Wort mit ${dept(p.askedDept)} kann helfen.`;
  },
  escalationFallback: (p) =>
    md`${R(p.requestId)} wartet seit ${workingDaysDative(p.days)} auf ${dept(p.askedDept)}`,

  asked: (id, asked, what) =>
    md`*${R(id)}* an ${dept(asked)} gestellt: ${line(what)}. Sie steht in deren Kanal; du bekommst eine DM, sobald jemand sie übernimmt oder ablehnt.`,
  took: (id, actionId, dueDate) =>
    md`Du hast *${R(id)}* übernommen: sie ist jetzt deine Maßnahme *${A(actionId)}*, fällig ${day(dueDate)}. Die anfragende Person erfährt es.`,
  declined: (id) => md`*${R(id)}* ist abgelehnt; die anfragende Person erfährt den Grund.`,
  declineTitle: 'Geht nicht',
  declineLabel: 'Warum nicht? Die anfragende Person liest das.',
  declineNeedsReason: md`Sag, warum: die anfragende Person liest es.`,
  notARequest: md`Diese Anfrage gibt es nicht mehr.`,

  error(e): Mrkdwn {
    if (e.code === 'ask_refused') {
      return e.reason === 'hub'
        ? md`Der Hub ist keine Abteilung und kann keine Anfrage übernehmen: frag marketing, sales, service oder it.`
        : md`${dept(e.dept)} hat noch keinen Kanal, dort würde also niemand die Anfrage sehen. Ein Admin kann einen zuordnen: \`/cx setup channel ${line(e.dept)}\` im Kanal selbst.`;
    }
    return e.status === 'taken'
      ? md`*${R(e.requestId)}* wurde schon von ${mention(e.by)} übernommen${e.actionId ? md` als *${A(e.actionId)}*` : md``}.`
      : md`*${R(e.requestId)}* wurde schon von ${mention(e.by)} abgelehnt.`;
  },

  listEmpty: (d) =>
    d ? md`Keine offenen Anfragen an oder von ${dept(d)}.` : md`Keine offenen Anfragen zwischen Abteilungen.`,
  listHeading: (n, d) =>
    md`*${count(n, { one: '# offene Anfrage', other: '# offene Anfragen' })}*${d ? md` an oder von ${dept(d)}` : md``}, älteste zuerst:`,
  askedOf: (d) => md`*An ${dept(d)}*`,
  askedBy: (d) => md`*Von ${dept(d)}*`,
  none: md`_keine_`,
  listLine: (id, from, to, what, initiativeId, waited, byDate) =>
    md`*${R(id)}* ${dept(from)} → ${dept(to)} · ${line(what)} · für *${I(initiativeId)}* · wartet seit ${workingDaysDative(waited)}${byDate ? md` · bis ${day(byDate)}` : md``}`,

  askButton: 'Andere Abteilung fragen',
  modalTitle: 'Andere Abteilung fragen',
  modalSubmit: 'Fragen',
  modalDept: 'Gefragte Abteilung',
  modalInitiative: 'Für welche Initiative',
  modalWhat: 'Was gebraucht wird',
  modalWhatHint: 'In wenigen Worten; wer es übernimmt, bekommt es als Maßnahme.',
  modalBy: 'Gebraucht bis (optional: sonst 7 Tage nach der Übernahme)',
  modalNoInitiatives: md`Es gibt noch keine aktive Initiative, für die du fragen kannst: leg zuerst eine mit \`/cx new\` an.`,

  homeWaitingOn: (depts) =>
    md`*Anfragen an ${depts.length === 1 ? md`deine Abteilung` : md`deine Abteilungen`}* (${join(depts.map(dept), ', ')}), die ältesten zuerst:`,
  homeWhy: md`Deine Abteilungen sind die, in denen du Maßnahmen hast oder Anfragen übernommen hast.`,
  homeAsked: md`*Deine offenen Anfragen*:`,
  homeNone: md`*Anfragen zwischen Abteilungen*: keine wartet auf dich, und du hast keine offen. Brauchst du für eine Initiative etwas von einer anderen Abteilung?`,

  digestHeading: md`*Offene Anfragen zwischen Abteilungen*`,
  digestFallback: (n) =>
    md`Offene Anfragen: ${count(n, { one: '# Anfrage wartet', other: '# Anfragen warten' })} auf eine Antwort`,
  digestMore: (n) => md`…und ${num(n, 'de')} weitere. Siehe \`/cx asks\`.`,
  tableHeading: md`*Wer wartet auf wen*`,
  tableLine: (asking, asked, n, oldestDays) =>
    md`${dept(asking)} wartet auf ${dept(asked)}: ${count(n, { one: '# Anfrage', other: '# Anfragen' })}, die älteste seit ${workingDaysDative(oldestDays)}`,

  showTitle: (id, what) => md`*${R(id)}* ${line(what)}`,
  showFacts: (from, to, initiativeId, title, askerId, byDate) =>
    md`${dept(from)} fragt ${dept(to)} an · für *${I(initiativeId)}* ${line(title)} · angefragt von ${mention(askerId)}${byDate ? md` · bis ${day(byDate)}` : md``}`,
  showTaken: (by, actionId) => md`:white_check_mark: Übernommen von ${mention(by)} als *${A(actionId)}*.`,
  showOpen: (waited) => md`Offen · wartet seit ${workingDaysDative(waited)}`,
  historyKind: (kind) =>
    (
      ({
        asked: md`angefragt`,
        bumped: md`im Thread nachgefasst`,
        escalated: md`an den Hub und die Zuständigen der Initiative eskaliert`,
        taken: md`übernommen`,
        declined: md`geht nicht`,
      }) as Record<string, Mrkdwn>
    )[kind] ?? line(kind),
  historyLine: (when, actor, kind, note) =>
    md`${when} · ${actor} · ${kind}${note ? md`: ${line(note)}` : md``}`,
  theBot: md`CX Bridge`,
};
