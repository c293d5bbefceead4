/**
 * Arbeit ändern, nachdem sie erfasst wurde (issue 11), auf Deutsch: Antworten auf `/cx due`, `assign`,
 * `edit`, `unblock`, `drop`, ihre Verlaufszeilen und die DMs, wenn Arbeit bei jemandem landet.
 */
import {
  feedSourceOf,
  type HistoryFact,
  readFact,
  readTier,
  readVerdictValue,
} from '../../domain/history-facts.js';
import { day } from './de-common.js';
import { metricsDe } from './de-metrics.js';
import { nudgesDe } from './de-nudges.js';
import type { lifecycle as enLifecycle } from './en-lifecycle.js';
import { join, line, type Mrkdwn, md, mention, number } from './mrkdwn.js';

const A = (id: number) => md`A-${id}`;
const I = (id: number) => md`I-${id}`;
const quoted = (title: string) => md`„${line(title)}“`;
const date = (d: string | null | undefined) => (d ? day(d) : md`keins`);
const user = (id: string | null | undefined) => (id ? mention(id) : md`niemand`);
const STATUS: Record<string, string> = {
  open: 'offen',
  blocked: 'blockiert',
  done: 'erledigt',
  dropped: 'verworfen',
};
const status = (s: string) => line(STATUS[s] ?? s);

/** Wer einen Verlaufseintrag gemacht hat: eine Person (Erwähnung) oder die Kennzahl-Lieferung mit dem Namen ihrer Quelle. */
const actor = (id: string) => {
  const source = feedSourceOf(id);
  return source === 'api' ? md`die API` : source === 'import' ? md`ein Import` : mention(id);
};
/** Ein Wert mit der Einheit, die jemand getippt hat (deren Text). */
const num = (value: number, unit: string | null) => md`${number(value, 'de')}${line(unit ?? '')}`;
/** Was ein Verlaufs-Fakt (Kennzahl gesetzt, Werte gemessen oder geliefert) sagt, in Worten. */
function fact(f: HistoryFact): Mrkdwn {
  if (f.fact === 'metric')
    return md`${f.kind === 'customer' ? md`Kundenkennzahl` : md`Geschäftskennzahl`}: ${line(f.name)} ${num(
      f.baseline,
      f.unit,
    )} → ${num(f.target, f.unit)}`;
  if (f.fact === 'check-asked') return md`${metricsDe.checkName(f.check)} angefragt (fällig ${day(f.due)})`;
  if (f.fact === 'verdict')
    return md`${metricsDe.checkName(f.check)} (fällig ${day(f.due)}): ${metricsDe.verdictWord(f.verdict)}`;
  if (f.fact === 'recommitted') return md`weitergeführt; nächster Test ${day(f.due)}`;
  const values = join(
    f.values.map((v) => md`${line(v.name)} ${num(v.value, v.unit)}${v.date ? md` am ${day(v.date)}` : md``}`),
    ', ',
  );
  const from = f.source === 'api' ? md`, über die API` : f.source === 'import' ? md`, aus dem Import` : md``;
  return md`Messung: ${values}${from}`;
}

/** History kinds as stored (`created`, `done`, `update`…), in words; an unknown kind shows as stored. */
const HISTORY: Record<string, string> = {
  created: 'angelegt',
  done: 'erledigt',
  update: 'Update',
  updated: 'Update',
  block: 'blockiert',
  blocked: 'blockiert',
  unblocked: 'Blockade aufgehoben',
  snooze: 'pausiert',
  snoozed: 'pausiert',
  due: 'verschoben',
  assigned: 'neu zugewiesen',
  renamed: 'umbenannt',
  dropped: 'verworfen',
  tier: 'Stufe geändert',
  metric: 'Kennzahl',
  checkin: 'Messung',
  'check-in': 'Messung',
  recommitted: 'weitergeführt',
  request: 'Anfrage',
  action: 'Maßnahme',
  taken: 'übernommen',
  declined: 'abgelehnt',
  closed: 'abgeschlossen',
  verdict: 'Ergebnis',
  verdict_override: 'Ergebnis korrigiert',
  'verdict override': 'Ergebnis korrigiert',
  'check asked': 'Test angefragt',
  recommit: 'weitergeführt',
  asked: 'angefragt',
  adopted: 'übernommen',
  raised: 'erfasst',
};
export const historyKind = (kind: string) => line(HISTORY[kind] ?? kind);

export const lifecycleDe: typeof enLifecycle = {
  badTransition(e) {
    if (e.from === 'done')
      return md`${A(e.actionId)} ist schon erledigt: eine abgeschlossene Maßnahme lässt sich nicht mehr ändern.`;
    if (e.from === 'dropped') return md`${A(e.actionId)} wurde verworfen und lässt sich nicht mehr ändern.`;
    if (e.event === 'unblock') return md`${A(e.actionId)} ist nicht blockiert.`;
    return md`${A(e.actionId)} ist ${status(e.from)}; das geht gerade nicht.`;
  },

  notAPerson: (userId, owns) =>
    md`${mention(userId)} ist eine App, keine Person: für ${owns === 'action' ? md`eine Maßnahme` : md`eine Initiative`} muss eine Person zuständig sein.`,
  deactivatedPerson: (userId) =>
    md`Das Slack-Konto von ${mention(userId)} ist deaktiviert: wähl jemanden, der sich darum kümmern kann.`,
  unknownPerson: (userId) =>
    md`Slack kennt in diesem Workspace niemanden als \`${line(userId)}\`: wähl die Person aus der @-Liste.`,
  dropNeedsReason: md`Sag, warum sie nicht mehr gebraucht wird: der Grund bleibt in ihrem Verlauf.`,
  rescheduled: (id, title, from, to) =>
    md`*${A(id)}* ${line(title)} ist jetzt fällig am ${day(to)} (vorher ${date(from)}).`,
  alreadyDue: (id, due) => md`*${A(id)}* ist schon am ${day(due)} fällig; nichts geändert.`,
  assigned: (id, title, to, self, from) =>
    self
      ? md`Du bist jetzt für *${A(id)}* ${line(title)} zuständig (vorher ${mention(from)}; die Person erfährt es).`
      : md`Für *${A(id)}* ${line(title)} ist jetzt ${mention(to)} zuständig; die Person bekommt eine DM, und ${mention(from)} erfährt es.`,
  alreadyOwns: (id, ownerId) => md`${mention(ownerId)} ist schon für *${A(id)}* zuständig; nichts geändert.`,
  renamedAction: (id, from, to) => md`*${A(id)}* heißt jetzt ${quoted(to)} (vorher ${quoted(from)}).`,
  renamedInitiative: (id, from, to) => md`*${I(id)}* heißt jetzt ${quoted(to)} (vorher ${quoted(from)}).`,
  alreadyCalled: (ref, title) => md`*${line(ref)}* heißt schon ${quoted(title)}.`,
  unblocked: (id, title) =>
    md`*${A(id)}* ${line(title)} ist nicht mehr blockiert; sie gilt ab jetzt wieder als in Bewegung.`,
  dropped: (id, title, initiativeId) =>
    md`*${A(id)}* ${line(title)} ist verworfen. Sie zählt nicht mehr zum Fortschritt von ${I(initiativeId)} und bekommt keine Erinnerungen; es wird kein Fortschritt gepostet.`,
  updatedStillBlocked: (id, reason) =>
    md`Fortschritt bei *${A(id)}* festgehalten. Sie ist weiter blockiert${
      reason ? md` (${line(reason)})` : md``
    }: wenn es weitergeht, \`/cx unblock ${A(id)}\`.`,
  loggedFor: (ownerId) => md` ${mention(ownerId)} bekommt eine DM.`,

  handOver: {
    button: 'Übergeben',
    modalTitle: 'Initiative übergeben',
    modalSubmit: 'Übergeben',
    field: 'Wer übernimmt sie?',
    intro: (id, title, ownerId) =>
      md`*${I(id)}* ${line(title)} · verantwortlich: ${mention(ownerId)}.\nWer sie übernimmt, bekommt ihre 6- und 12-Monats-Tests und die Eskalationen ihrer liegengebliebenen Maßnahmen. Die Maßnahmen behalten ihre Verantwortlichen.`,
    done: (id, title, to, toldPrevious) =>
      md`*${I(id)}* ${line(title)} gehört jetzt ${mention(to)}: Tests und Eskalationen gehen an sie oder ihn. Sie oder er bekommt eine DM${
        toldPrevious ? md`, und ${mention(toldPrevious)} erfährt es.` : md`.`
      }`,
    doneSelf: (id, title, from) =>
      md`*${I(id)}* ${line(title)} gehört jetzt dir (vorher bei ${mention(from)}): Tests und Eskalationen kommen zu dir.`,
    alreadyOwns: (id, ownerId) =>
      md`${mention(ownerId)} ist schon für *${I(id)}* verantwortlich; nichts geändert.`,
  },

  historyLine(at, h): Mrkdwn | null {
    const why = h.note ? md`: ${line(h.note)}` : md``;
    const head = md`${at} · ${actor(h.actorId)}`;
    const f = readFact(h.newValue);
    if (f) return md`${head} · ${fact(f)}`;
    switch (h.kind) {
      case 'due':
        return md`${head} · fällig ${date(h.oldValue)} → ${date(h.newValue)}${why}`;
      case 'assigned':
        return md`${head} · zuständig ${user(h.oldValue)} → ${user(h.newValue)}${why}`;
      case 'renamed':
        return md`${head} · umbenannt ${quoted(h.oldValue ?? '')} → ${quoted(h.newValue ?? '')}${why}`;
      case 'created':
        return h.entity === 'A' && h.newValue && h.newValue !== h.actorId
          ? md`${head} · angelegt für ${user(h.newValue)}${why}`
          : null;
      case 'action':
        return h.entity === 'I' && h.note ? md`${head} · Maßnahme ${line(h.note)} erfasst` : null;
      case 'request':
        return h.entity === 'I' && h.note ? md`${head} · Anfrage ${line(h.note)} gestellt` : null;
      case 'unblocked':
        return md`${head} · Blockade aufgehoben${why}`;
      case 'dropped':
        return md`${head} · verworfen${why}`;
      case 'tier': {
        const tier = readTier(h.note);
        return tier ? md`${head} · Stufe → ${tier === 'essential' ? md`essenziell` : md`wichtig`}` : null;
      }
      case 'verdict override': {
        const [was, is] = [readVerdictValue(h.oldValue), readVerdictValue(h.newValue)];
        if (!was || !is) return null;
        return md`${head} · Ergebnis korrigiert: ${metricsDe.checkName(is.check)} (fällig ${day(is.due)}) ${metricsDe.verdictWord(
          was.verdict,
        )} → ${metricsDe.verdictWord(is.verdict)}${why}`;
      }
      default:
        return null;
    }
  },

  changesHeading: md`*Kürzlich von anderen geändert*`,
  changeLine(ref, at, h) {
    const rest =
      lifecycleDe.historyLine(at, h) ??
      md`${at} · ${mention(h.actorId)} · ${historyKind(h.kind)}${h.note ? md`: ${line(h.note)}` : md``}`;
    return md`*${line(ref)}* · ${rest}`;
  },

  dm: {
    assignedFallback: (p) =>
      md`${mention(p.actorId)} hat dir ${A(p.action.id)} ${line(p.action.title)} (${I(p.initiative.id)}) gegeben${
        p.action.dueDate ? md`, fällig am ${day(p.action.dueDate)}` : md``
      }.`,
    assigned: (p) =>
      md`:inbox_tray: ${mention(p.actorId)} ${
        p.how === 'logged' ? md`hat eine Maßnahme für dich erfasst` : md`hat dir eine Maßnahme übergeben`
      }${
        p.previousOwnerId && p.previousOwnerId !== p.actorId
          ? md` (vorher bei ${mention(p.previousOwnerId)})`
          : md``
      }:\n*${A(p.action.id)}* ${line(p.action.title)}\nInitiative: *${I(p.initiative.id)}* ${line(
        p.initiative.title,
      )}\n${
        p.action.dueDate
          ? md`Fällig am ${day(p.action.dueDate)}${
              p.action.daysLate ? md`, ${nudgesDe.lateBy(p.action.daysLate)}` : md``
            }`
          : md`Noch kein Fälligkeitsdatum: \`/cx due ${A(p.action.id)} +7d\` gibt ihr eins.`
      }${p.action.status === 'blocked' ? md`\n_Sie ist gerade blockiert._` : md``}`,
    unassigned: (p) =>
      md`:outbox_tray: ${mention(p.actorId)} hat *${A(p.action.id)}* ${line(p.action.title)} (${I(
        p.initiative.id,
      )}) an ${mention(p.newOwnerId)} übergeben. Du bist nicht mehr zuständig: keine Erinnerungen mehr dazu.`,
    unassignedFallback: (p) =>
      md`Für ${A(p.action.id)} ${line(p.action.title)} ist jetzt ${mention(p.newOwnerId)} zuständig.`,
    handedOver: (p) =>
      p.role === 'new_owner'
        ? md`:inbox_tray: ${mention(p.actorId)} hat dir die Initiative *${I(p.initiative.id)}* ${line(
            p.initiative.title,
          )} übergeben${p.previousOwnerId !== p.actorId ? md` (vorher bei ${mention(p.previousOwnerId)})` : md``}.\nSie gehört jetzt dir: ihre 6- und 12-Monats-Tests und die Eskalationen ihrer liegengebliebenen Maßnahmen kommen zu dir. ${
            p.openActions === 0
              ? md`Sie hat keine offene Maßnahme: \`/cx log ${I(p.initiative.id)} &lt;nächster Schritt&gt;\` gibt ihr eine.`
              : md`Sie hat ${number(p.openActions, 'de')} offene ${p.openActions === 1 ? md`Maßnahme` : md`Maßnahmen`}: \`/cx show ${I(p.initiative.id)}\`.`
          }${
            p.openCheck
              ? md`\nIhr ${metricsDe.checkName(p.openCheck.kind)} (fällig ${day(p.openCheck.dueDate)}) wartet auf Werte: \`/cx check ${I(p.initiative.id)}\`.`
              : md``
          }${
            p.openDecision
              ? md`\nDas Ergebnis ihres ${metricsDe.checkName(p.openDecision.kind)}s wartet auf eine Entscheidung, jetzt deine: *${line(metricsDe.recommit)}* oder *${line(metricsDe.close)}* in \`/cx show ${I(p.initiative.id)}\`.`
              : md``
          }`
        : md`:outbox_tray: ${mention(p.actorId)} hat *${I(p.initiative.id)}* ${line(p.initiative.title)} an ${mention(
            p.newOwnerId,
          )} übergeben. Tests und Eskalationen gehen jetzt an sie oder ihn; deine Maßnahmen darin bleiben deine.`,
    handedOverFallback: (p) =>
      p.role === 'new_owner'
        ? md`${mention(p.actorId)} hat dir ${I(p.initiative.id)} ${line(p.initiative.title)} übergeben.`
        : md`${I(p.initiative.id)} ${line(p.initiative.title)} gehört jetzt ${mention(p.newOwnerId)}.`,
    blocked: (p) =>
      p.role === 'mentioned'
        ? md`:hourglass: ${mention(p.actorId)} hat *${A(p.action.id)}* ${line(p.action.title)} (${I(
            p.initiative.id,
          )}) blockiert, und sie wartet auf dich. Der Grund:`
        : md`:construction: *${A(p.action.id)}* ${line(p.action.title)} in deiner Initiative *${I(
            p.initiative.id,
          )}* ${line(p.initiative.title)} wurde von ${mention(p.actorId)} blockiert. Der Grund:`,
    blockedReason: (p) => md`> ${line(p.reason)}`,
    blockedFallback: (p) =>
      p.role === 'mentioned'
        ? md`${A(p.action.id)} wartet auf dich: ${line(p.reason)}`
        : md`${A(p.action.id)} in ${I(p.initiative.id)} ist blockiert: ${line(p.reason)}`,
    blockedFooter: (p) =>
      md`Zuständig: ${mention(p.action.ownerId)} · wenn es weitergeht: \`/cx unblock ${A(p.action.id)}\``,
  },
};
