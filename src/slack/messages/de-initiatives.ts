/**
 * Das Leben einer Initiative (issue 11) auf Deutsch: abschließen, Ergebnis korrigieren, ankündigen und die
 * Menschen hinter dem Kundenproblem informieren, aus dem sie kam.
 */
import type { CheckKind, Verdict } from '../../domain/metrics.js';
import type { Department } from '../../domain/types.js';
import { count, DEPT } from './de-common.js';
import { metricsDe } from './de-metrics.js';
import { nudgesDe } from './de-nudges.js';
import type { initiativesText as enInitiatives } from './en-initiatives.js';
import { join, line, md, mention, num } from './mrkdwn.js';

const I = (id: number) => md`I-${id}`;
const A = (id: number) => md`A-${id}`;
const depts = (keys: readonly Department[]) =>
  join(
    keys.map((k) => line(DEPT[k])),
    ', ',
  );
const OPEN_ACTIONS = { one: '# offene Maßnahme', other: '# offene Maßnahmen' };
const ACTIONS_DONE = { one: '# Maßnahme erledigt', other: '# Maßnahmen erledigt' };
const check = (kind: CheckKind) => metricsDe.checkName(kind);
const word = (v: Verdict) => metricsDe.verdictWord(v);
const STATUS: Record<string, string> = { active: 'aktiv', closed: 'abgeschlossen' };

export const initiativesDe: typeof enInitiatives = {
  confirmHeading: (id, title, open) =>
    md`*${I(id)}* ${line(title)} hat noch ${count(open, OPEN_ACTIONS)}. Beim Abschließen ${count(open, { one: 'wird sie', other: 'werden sie' })} verworfen (kein Fortschritts-Post); nichts ändert sich, bevor du den Button drückst.`,
  openActionLine: (id, title, ownerId, status, due, daysLate) =>
    md`• *${A(id)}* ${line(title)} · ${mention(ownerId)}${due ? md` · ${nudgesDe.due(due, daysLate)}` : md``}${
      status === 'blocked' ? md` · _blockiert_` : md``
    }`,
  moreOpen: (n) => md`…und ${num(n, 'de')} weitere.`,
  closeAndDrop: (n) => `Abschließen, ${count(n, OPEN_ACTIONS)} verwerfen`,
  changedMeanwhile: md`Die offenen Maßnahmen haben sich seit der Rückfrage geändert, daher wurde nichts abgeschlossen. Hier ist die aktuelle Liste:`,
  closed: (id, done, dropped, channels) =>
    md`*${I(id)}* ist abgeschlossen: ${count(done, ACTIONS_DONE)}, ${dropped} verworfen.${
      channels.length > 0 ? md` Gepostet in ${depts(channels)}.` : md``
    }`,
  alreadyClosed: (id, status) =>
    md`*${I(id)}* ist schon ${line(STATUS[status] ?? status)}; nichts wurde geändert.`,
  badButton: md`Dieser Button funktioniert nicht mehr; führ \`/cx close\` noch einmal aus.`,

  closedPostTitle: (id, title) => md`:checkered_flag: *${I(id)} ${line(title)}* ist abgeschlossen`,
  closedBy: (userId) => md`Abgeschlossen von ${mention(userId)}. Ergebnis:`,
  droppedWithIt: md`Mit ihr verworfen:`,
  droppedLine: (id, title, ownerId) => md`*A-${id}* ${line(title)} · ${mention(ownerId)}`,
  droppedMore: (n) => md`…und ${num(n, 'de')} weitere`,
  finalCounts: (done, dropped) => md`${count(done, ACTIONS_DONE)} · ${dropped} verworfen`,
  closedFallback: (id, title, outcome) => md`I-${id} ${line(title)} ist abgeschlossen: ${line(outcome)}`,

  announcedTitle: (id, title) => md`:rocket: Neue Initiative *${I(id)} ${line(title)}*`,
  announcedFacts: (lead, all, ownerId, tier) =>
    md`Federführend: ${line(DEPT[lead])}${
      all.length > 1 ? md`, mit ${depts(all.filter((d) => d !== lead))}` : md``
    } · zuständig: ${mention(ownerId)} · ${line(tier === 'essential' ? 'essenziell' : tier === 'important' ? 'wichtig' : tier)}`,
  adoptedFrom: (painPointId, text) => md`Übernommen aus dem Kundenproblem *P-${painPointId}*: ${line(text)}`,
  announcedHint: (id) => md`Erfasse den ersten konkreten Schritt mit \`/cx log I-${id} …\`.`,
  announcedFallback: (id, title) => md`Neue Initiative I-${id} ${line(title)}`,

  overridden: (id, kind, previous, next, channels) =>
    md`Das Ergebnis des ${check(kind)}s von *${I(id)}* ist jetzt *${word(next)}* (vorher ${word(previous)}).${
      channels.length > 0 ? md` Eine Korrektur wurde in ${depts(channels)} gepostet.` : md``
    }`,
  unchanged: (id, kind, v) =>
    md`Das Ergebnis des ${check(kind)}s von *${I(id)}* ist schon *${word(v)}*; nichts wurde geändert.`,
  noVerdict: (id) =>
    md`*${I(id)}* hat noch kein 6- oder 12-Monats-Ergebnis, es gibt also nichts zu korrigieren.`,
  correctionTitle: (id, title, kind) =>
    md`:pencil2: *Korrektur* — ${check(kind)} von *${I(id)} ${line(title)}*`,
  correctionLine: (previous, next, by) =>
    md`Das Ergebnis ist *${word(next)}*, nicht ${word(previous)} (geändert von ${mention(by)}). Grund:`,
  correctionFallback: (id, next) => md`Korrektur: das Ergebnis von I-${id} ist ${word(next)}`,

  openHeading: (n) => md`*Offen (${num(n, 'de')})*, die fälligsten zuerst:`,
  finishedHeading: (done, dropped) =>
    md`*Abgeschlossen* (${num(done, 'de')} erledigt, ${num(dropped, 'de')} verworfen), die letzten zuerst:`,
  finishedCount: (done, dropped) =>
    md`Abgeschlossen: ${num(done, 'de')} erledigt, ${num(dropped, 'de')} verworfen.`,
  earlierFinished: (ids, more) =>
    md`Früher: ${join(
      ids.map((id) => A(id)),
      ', ',
    )}${more > 0 ? md` …und ${num(more, 'de')} weitere` : md``}`,

  newsWhy: (role, painPointId, text) =>
    role === 'raiser'
      ? md`Du hast das Kundenproblem *P-${painPointId}* erfasst (${line(text)}).`
      : md`Du hast für das Kundenproblem *P-${painPointId}* gestimmt (${line(text)}).`,
  newsClosed: (id, title, by) =>
    md`Die Initiative, die daraus wurde, *${I(id)} ${line(title)}*, wurde von ${mention(by)} abgeschlossen. Ergebnis:`,
  newsVerdict: (id, title, kind, v, by) =>
    md`Die Initiative, die daraus wurde, *${I(id)} ${line(title)}*, hat ihr Ergebnis im ${check(kind)}: *${word(v)}*${
      by ? md` (festgelegt von ${mention(by)})` : md``
    }.`,
  newsClosedFallback: (id, title, outcome) =>
    md`I-${id} ${line(title)}, entstanden aus deinem Kundenproblem, ist abgeschlossen: ${line(outcome)}`,
  newsVerdictFallback: (id, title, kind, v) =>
    md`I-${id} ${line(title)}, entstanden aus deinem Kundenproblem, hat ihr Ergebnis im ${check(kind)}: ${word(v)}`,
};
