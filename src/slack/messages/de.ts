/**
 * Der deutsche Katalog. `de: Messages` (der Typ des englischen): fehlt ein Schlüssel oder weicht eine
 * Parameterliste ab, kompiliert das Projekt nicht (issue 14, Punkt 4). Durchgehend „du“ (wie Slacks
 * eigene deutsche Oberfläche); Befehle und Optionen bleiben englisch. Begriffe: /work/notes/GLOSSARY.md
 * und der Abschnitt „Deutsch“ in README.de.md.
 */
import type { BindingKey, Department, Initiative, Tier } from '../../domain/types.js';
import { asksDe } from './de-asks.js';
import { count, DEPT, day } from './de-common.js';
import { errorsDe } from './de-errors.js';
import { initiativesDe } from './de-initiatives.js';
import { historyKind, lifecycleDe } from './de-lifecycle.js';
import { menuDe } from './de-menu.js';
import { metricsDe } from './de-metrics.js';
import { nudgesDe } from './de-nudges.js';
import { monthNameDe, roundsDe } from './de-rounds.js';
import { actionRefs, bar, type LeftHow, type Messages, progressSpoken } from './en.js';
import { channel, join, line, type Mrkdwn, md, mention, num, number } from './mrkdwn.js';

const I = (id: number) => md`I-${id}`;
const A = (id: number) => md`A-${id}`;
const deptName = (key: Department | BindingKey) => (key === 'hub' ? 'Hub' : DEPT[key as Department]);
const dept = (key: Department | BindingKey) => line(deptName(key));
const TIER: Record<Tier, string> = { essential: 'essenziell', important: 'wichtig' };
const STATUS: Record<string, string> = {
  open: 'offen',
  blocked: 'blockiert',
  done: 'erledigt',
  dropped: 'verworfen',
  active: 'aktiv',
  closed: 'abgeschlossen',
};
const status = (s: string) => line(STATUS[s] ?? s);

/** The jobs' schedules (src/jobs/*.ts `when`) in German. */
const JOB_WHEN: Record<string, string> = {
  reminders: 'alle 30 Minuten',
  asks: 'alle 30 Minuten',
  digest: 'freitags 14:00',
  'round-open': 'erster Montag im Monat, 10:00',
  'round-close': 'stündlich (schließt Abstimmungen, die älter als 5 Tage sind)',
  'metric-checks': 'täglich 09:00',
};

const POST_NAMES: Record<string, string> = {
  win: 'einen Fortschritt',
  digest: 'den Wochenrückblick',
  digest_detail: 'einen Teil des Wochenrückblicks',
  stalled_list: 'die Montagsliste der stockenden Maßnahmen',
  poll: 'die Kundenproblem-Abstimmung',
  poll_reactions: 'die Abstimmungs-Reaktionen der Kundenproblem-Abstimmung',
  round_invite: 'die Einladung zur Kundenproblem-Abstimmung',
  round_results: 'das Ergebnis der Kundenproblem-Abstimmung',
  round_results_update: 'eine Aktualisierung des Ergebnisses der Kundenproblem-Abstimmung',
  round_no_votes: 'den Hinweis, dass niemand abgestimmt hat',
  round_breakdown: 'die Stimmen nach Abteilung',
  metric_verdict: 'ein 6–12-Monats-Ergebnis',
  initiative_announced: 'die Ankündigung einer neuen Initiative',
  initiative_closed: 'den Abschluss-Post einer Initiative',
  verdict_correction: 'eine Korrektur eines Ergebnisses',
  request_posted: 'eine Anfrage einer anderen Abteilung',
  request_update: 'die Antwort auf eine Anfrage einer anderen Abteilung',
  request_bump: 'eine Erinnerung an eine unbeantwortete Anfrage',
  request_escalation: 'eine unbeantwortete Anfrage, an den Hub weitergegeben',
  digest_requests: 'die offenen Anfragen des Wochenrückblicks',
};

const DM_NAMES: Record<string, string> = {
  reminder: 'eine Erinnerung an ihre stockenden Maßnahmen',
  metric_check: 'die 6/12-Monats-Abfrage der Kennzahlen einer Initiative, für die sie zuständig ist',
  metric_verdict_owner: 'ein 6–12-Monats-Ergebnis einer Initiative, für die sie zuständig ist',
  pain_point_news: 'Neuigkeiten zu einem Kundenproblem, das sie gemeldet oder gewählt hat',
  action_assigned: 'die Nachricht über eine Maßnahme, die ihr übergeben wurde',
  action_unassigned: 'die Nachricht, dass eine ihrer Maßnahmen an jemand anderen ging',
  initiative_handed_over: 'die Nachricht, dass eine Initiative übergeben wurde',
  action_blocked: 'die Nachricht über eine blockierte Maßnahme',
  request_answered: 'die Antwort auf ihre Anfrage',
  request_escalation: 'eine unbeantwortete Anfrage, an sie weitergegeben',
};

function actionFacts(
  s: string,
  due: string | null,
  ownerId: string | null,
  daysLate: number,
  blockedReason?: string | null,
): Mrkdwn {
  const when = !due
    ? md``
    : daysLate > 0
      ? nudgesDe.reason({ kind: 'overdue', dueDate: due, daysLate, idleDays: 0 })
      : md`fällig ${day(due)}`;
  const why = s === 'blocked' && blockedReason ? md`: ${line(blockedReason)}` : md``;
  const who = ownerId === null ? [] : [mention(ownerId)];
  const state = s === 'open' ? [] : [md`_${status(s)}_${why}`];
  return join([...who, ...(when ? [when] : []), ...state], ' · ');
}

const leftWords = (how: LeftHow) =>
  how === 'unknown' ? md`Slack kennt die Person nicht mehr` : md`das Slack-Konto ist deaktiviert`;

export const de: Messages = {
  nudges: nudgesDe,
  rounds: roundsDe,
  genericFailure: md`Bei uns ist etwas schiefgegangen, und nichts wurde geändert. Bitte versuch es gleich noch einmal.`,
  duplicate: md`Diese Anfrage wurde schon bearbeitet.`,
  ...errorsDe,
  lifecycle: lifecycleDe,
  initiatives: initiativesDe,
  menu: menuDe,
  asks: asksDe,
  monthName: monthNameDe,
  deptName,
  jobWhen: (job, when) => JOB_WHEN[job] ?? when,
  languageName: (lang) => (lang === 'de' ? 'Deutsch' : 'Englisch'),
  langSet: (lang, auto) =>
    auto
      ? md`Deine Sprache folgt wieder deiner Slack-Sprache (oder, wenn ich die nicht kenne, der des Workspace): ${line(lang === 'de' ? 'Deutsch' : 'Englisch')}. Kanal-Posts bleiben in der Sprache des Workspace.`
      : md`Ab jetzt schreibe ich dir auf ${line(lang === 'de' ? 'Deutsch' : 'Englisch')}: Antworten, Formulare, DMs und dein App-Home. Kanal-Posts bleiben in der Sprache des Workspace. \`/cx lang auto\` folgt wieder deiner Slack-Sprache.`,
  langShow: (lang, auto) =>
    md`Ich schreibe dir auf ${line(lang === 'de' ? 'Deutsch' : 'Englisch')}${auto ? md` (deine Slack-Sprache oder die des Workspace)` : md` (deine Wahl)`}. Ändern mit \`/cx lang en\`, \`/cx lang de\` oder \`/cx lang auto\`.`,

  tier: (tier) => TIER[tier],
  tierBadge: (tier) => (tier === 'essential' ? md`:star: essenziell` : md`wichtig`),

  initiativeCreated: (id, title, tier) =>
    md`*${I(id)}* ${line(title)} angelegt (${line(TIER[tier])}). Als Nächstes: übersetz sie in einen konkreten Schritt mit \`/cx log ${I(id)} &lt;was&gt; due:+7d\`.`,
  actionLogged: (id, title, ownerId, initiativeId, due) =>
    md`*${A(id)}* ${line(title)} für ${mention(ownerId)} zu ${I(initiativeId)} erfasst${
      due
        ? md`, fällig ${day(due)}`
        : md` (noch kein Fälligkeitsdatum: gib ihr eins, damit sie als konkreter nächster Schritt zählt)`
    }.`,
  actionDone: (id, title, done, total, announced) =>
    md`Erledigt: *${A(id)}* ${line(title)}. ${bar(done, total)}${
      announced.length > 0
        ? md` Der Fortschritt geht an ${join(
            announced.map((k) => dept(k as BindingKey)),
            ', ',
          )}.`
        : md` (Noch ist kein Abteilungskanal zugeordnet, daher kein Fortschritts-Post: ein Admin kann \`/cx setup channel &lt;dept&gt;\` ausführen.)`
    }`,
  actionUpdated: (id) =>
    md`Fortschritt bei *${A(id)}* festgehalten; sie gilt ab jetzt wieder als in Bewegung.`,
  actionBlocked: (id, reason) => md`*${A(id)}* ist als blockiert markiert: ${line(reason)}`,
  actionSnoozed: (id, days) =>
    md`Erinnerungen für *${A(id)}* sind für ${count(days, { one: '# Tag', other: '# Tage' })} pausiert.`,
  awayOn: (until) => md`Genieß die freie Zeit. Keine Erinnerungen bis einschließlich ${day(until)}.`,
  awayOff: md`Willkommen zurück: die Erinnerungen sind wieder an.`,
  tierChanged: (id, tier, changed) =>
    changed ? md`*${I(id)}* ist jetzt ${line(TIER[tier])}.` : md`*${I(id)}* war schon ${line(TIER[tier])}.`,
  metricSet: (id, kind, name, baseline, target, unit) =>
    md`Die ${kind === 'customer' ? md`Kundenkennzahl` : kind === 'business' ? md`Geschäftskennzahl` : line(kind)} von *${I(id)}* ist ${line(name)}: ${number(baseline, 'de')}${line(unit ?? '')} → ${number(target, 'de')}${line(unit ?? '')} (${target > baseline ? md`höher` : md`niedriger`} ist besser).`,

  mineEmpty: md`Du hast keine offenen Maßnahmen. :tada:`,
  mineHeading: (n) => md`Deine offenen Maßnahmen (${num(n, 'de')}), die am frühesten fälligen zuerst:`,
  listEmpty: (d) =>
    d
      ? md`Keine aktive Initiative betrifft ${dept(d)}.`
      : md`Noch keine aktiven Initiativen. Fang an mit \`/cx new &lt;titel&gt;\`.`,
  listHeading: (n, d) =>
    md`${count(n, { one: '# aktive Initiative', other: '# aktive Initiativen' })}${d ? md` mit ${dept(d)}` : md``}, essenzielle zuerst:`,
  noNextStep: md`:warning: kein konkreter nächster Schritt: übersetz sie, erfasse eine Maßnahme mit zuständiger Person und Fälligkeitsdatum`,
  listLineSpoken: (ref, title, essential, p, next) =>
    md`${line(ref)} ${line(title)}${essential ? md` · essenziell` : md``} · ${progressSpoken(p)}${next ? md`` : md` · kein konkreter nächster Schritt`}`,
  truncated: (n, hint) => md`…und ${num(n, 'de')} weitere. ${hint}`,

  actionLine: (id, title, s, due, ownerId, daysLate = 0, blockedReason = null) => {
    const facts = actionFacts(s, due, ownerId, daysLate, blockedReason);
    return facts ? md`*${A(id)}* ${line(title)} · ${facts}` : md`*${A(id)}* ${line(title)}`;
  },
  refTitle: (ref, title) => md`${line(ref)} ${line(title)}`,
  historyHeading: md`Verlauf`,
  listFilterHint: md`Filtern mit \`/cx list &lt;dept&gt;\`.`,
  blockedBecause: (reason) => md`Blockiert: ${line(reason)}`,
  initiativeOwnerLeft: (ownerId, how) =>
    md`:warning: ${mention(ownerId)} ist nicht mehr dabei (${leftWords(how)}): Tests und Eskalationen erreichen niemanden. Admins können sie mit *Übergeben* weitergeben.`,
  ownerLeft: (ownerId, actionId, how) =>
    md`:warning: ${mention(ownerId)} ist nicht mehr dabei (${leftWords(how)}): gib sie weiter mit \`/cx assign A-${actionId} @jemand\`.`,
  initiativeFacts: (i: Initiative) =>
    md`${i.tier === 'essential' ? md`:star: essenziell` : md`wichtig`} · ${status(i.status)} · federführend ${dept(i.leadDept)} · mit ${join(i.depts.map(dept), ', ')}\nZuständig ${mention(i.ownerId)} · begonnen ${day(i.startDate)}`,
  metricLine: (kind, m) => {
    const label = kind === 'customer' ? md`Kundenkennzahl` : md`Geschäftskennzahl`;
    return m
      ? md`${label}: ${line(m.name)} ${number(m.baseline, 'de')}${line(m.unit ?? '')} → ${number(m.target, 'de')}${line(m.unit ?? '')}`
      : md`${label}: _nicht festgelegt_`;
  },
  historyEntry: (when, actorId, kind, note) =>
    md`${when} · ${mention(actorId)} · ${historyKind(kind)}${note ? md`: ${line(note)}` : md``}`,

  setupBound: (key, channelId) => md`${channel(channelId)} ist jetzt der Kanal für ${dept(key)}.`,
  setupPrivate: md`Das ist ein privater Kanal: lade mich mit \`/invite @cx-bridge\` ein, sonst kann hier nichts gepostet werden.`,
  setupNotAChannel: md`Führ \`/cx setup channel &lt;dept|hub&gt;\` in dem Kanal aus, den du zuordnen willst, nicht in einer DM.`,
  setupShowHeading: md`Kanalzuordnungen`,
  setupUnbound: md`nicht zugeordnet`,
  schedulesHeading: md`Zeitpläne`,

  winTitle: md`:tada: Fortschritt`,
  win: (actorId, actionId, title, initiativeId, initiativeTitle) =>
    md`${mention(actorId)} hat *${A(actionId)}* ${line(title)} für *${I(initiativeId)}* ${line(initiativeTitle)} erledigt.`,
  winFallback: (actionId, title, initiativeId) =>
    md`Geschafft: ${A(actionId)} ${line(title)} ist erledigt (${I(initiativeId)}).`,
  winsTitle: (n) => md`:tada: ${count(n, { one: '# Fortschritt', other: '# Fortschritte' })}`,
  winsFallback: (n, actionIds) =>
    md`${count(n, { one: '# Fortschritt', other: '# Fortschritte' })}: ${join(actionIds.map(A), ', ')}.`,

  dmProblem: (kind, person, error) => {
    const what = line(DM_NAMES[kind] ?? 'eine Nachricht');
    if (!person.deactivated)
      return md`:warning: Ich konnte ${mention(person.id)} ${what} nicht schicken (${line(error)}). Ich versuche es später noch einmal; kommt diese Meldung wieder, prüf, ob die Person Nachrichten von CX Bridge empfangen kann.`;
    const refs = actionRefs(
      person.openActions,
      person.moreActions,
      'und',
      (n) => md`${num(n, 'de')} weitere`,
    );
    const own =
      person.openActions.length > 0
        ? md` Die Person ist noch für ${refs} zuständig: gib sie mit \`/cx assign A-n @jemand\` an jemand anderen.`
        : md``;
    const i = person.initiativeId;
    const check = i
      ? md` Die Person ist für I-${i} zuständig: trag die Werte selbst ein mit \`/cx check I-${i} customer=&lt;Wert&gt; business=&lt;Wert&gt;\` und gib sie mit *Übergeben* in \`/cx show I-${i}\` jemand anderem.`
      : md``;
    const d = person.decideInitiativeId;
    const decide = d
      ? md` Das Ergebnis von I-${d} wartet auf ihre Entscheidung: entscheide selbst in \`/cx show I-${d}\` (weitermachen oder abschließen) oder gib die Initiative dort mit *Übergeben* jemand anderem.`
      : md``;
    const gone = leftWords(person.unknown ? 'unknown' : 'deactivated');
    return md`:warning: Ich konnte ${mention(person.id)} ${what} nicht schicken: ${gone}.${own}${check}${decide}`;
  },
  deliveryProblem: (kind, target, error) =>
    md`:warning: Ich konnte ${line(POST_NAMES[kind] ?? 'eine Nachricht')} nicht in ${line(target)} posten (${line(error)}). Sie bleibt gespeichert und wird zugestellt, sobald der Kanal repariert ist: lade mich dort ein oder ordne mit \`/cx setup channel\` einen anderen Kanal zu.`,

  modal: {
    newTitle: 'Neue Initiative',
    logTitle: 'Maßnahme erfassen',
    submit: 'Speichern',
    cancel: 'Abbrechen',
    title: 'Titel',
    titleHint: 'Was sich für Kunden ändert, in wenigen Worten',
    lead: 'Federführende Abteilung',
    with: 'Ebenfalls beteiligt',
    tier: 'Stufe',
    owner: 'Zuständige Person',
    start: 'Startdatum',
    initiative: 'Initiative',
    actionTitle: 'Konkreter nächster Schritt',
    actionHint: 'z. B. „Format für monatliches Feedback entwerfen“',
    due: 'Fälligkeitsdatum',
    dept: 'Abteilung',
    required: 'Bitte ausfüllen.',
    tooLong: (max) => `Höchstens ${max} Zeichen, bitte.`,
    badDate: 'Wähl ein Fälligkeitsdatum zwischen heute und 5 Jahren in der Zukunft.',
    badStart: 'Wähl ein Startdatum zwischen 5 Jahren zurück und 1 Jahr voraus.',
    unknownChoice: 'Wähl eine der Optionen.',
    updateTitle: 'Update hinzufügen',
    note: 'Was hat sich bewegt?',
    noInitiatives: md`Es gibt noch keine aktiven Initiativen: leg zuerst eine an mit \`/cx new\`.`,
  },
  button: { done: 'Erledigt', update: 'Update', snooze: 'Pausieren' },
  metrics: metricsDe,
};
