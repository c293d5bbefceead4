/**
 * Der 6–12-Monats-Test (Kennzahlen, Messungen, Ergebnisse) und das App-Home, auf Deutsch. Zahlen mit
 * Dezimalkomma (`41,5`), Mehrzahl über count(…, 'de').
 */
import type { CheckKind, MetricOutcome, Verdict } from '../../domain/metrics.js';
import type { Department, MetricKind } from '../../domain/types.js';
import { count, DEPT, day } from './de-common.js';
import type { metrics as enMetrics } from './en-metrics.js';
import {
  actionRefs,
  num as amount,
  day as dayIn,
  join,
  line,
  type Mrkdwn,
  md,
  mention,
  number,
} from './mrkdwn.js';

const ref = (id: number) => md`I-${id}`;
const kindLabel = (kind: MetricKind) => (kind === 'customer' ? md`Kundenkennzahl` : md`Geschäftskennzahl`);
const kindLabels = (kinds: MetricKind[]) => join(kinds.map(kindLabel), ' und keine ');
const kindWord = (kind: MetricKind) => (kind === 'customer' ? md`customer` : md`business`);
const num = (value: number, unit: string | null) => md`${number(value, 'de')}${line(unit ?? '')}`;
const plain = (value: number) => new Intl.NumberFormat('de').format(value);
const depts = (ds: Department[]) =>
  join(
    ds.map((d) => line(DEPT[d])),
    ', ',
  );

const CHECK_NAME: Record<CheckKind, Mrkdwn> = {
  '6m': md`6-Monats-Test`,
  '12m': md`12-Monats-Test`,
  recommit: md`Folgetest`,
};

const VERDICT: Record<Verdict, Mrkdwn> = {
  pass: md`:white_check_mark: *Bestanden*: Kunden und Geschäft stehen beide besser da`,
  partial: md`:large_yellow_circle: *Teilweise*: nur eine der beiden Kennzahlen hat sich Richtung Ziel bewegt`,
  fail: md`:red_circle: *Nicht bestanden*: keine der beiden Kennzahlen hat sich Richtung Ziel bewegt`,
  no_data: md`:grey_question: *Keine Daten*: es wurden keine Werte gemeldet, daher lässt sich nichts sagen`,
};

const VERDICT_WORD: Record<Verdict, Mrkdwn> = {
  pass: md`bestanden`,
  partial: md`teilweise`,
  fail: md`nicht bestanden`,
  no_data: md`keine Daten`,
};

const OUTCOME: Record<MetricOutcome, Mrkdwn> = {
  met: md`Ziel erreicht`,
  improved: md`Richtung Ziel bewegt`,
  not_improved: md`nicht Richtung Ziel bewegt`,
  no_data: md`kein Wert gemeldet`,
};

export const metricsDe: typeof enMetrics = {
  checkName: (kind) => CHECK_NAME[kind],
  verdictWord: (v) => VERDICT_WORD[v],
  verdictLine: (v) => VERDICT[v],

  howWillWeKnow: (missing, id) =>
    md`:warning: *Woran merken wir, dass es wirkt?* Noch keine ${kindLabels(missing)}: ${
      missing.length > 1 ? md`leg beide fest` : md`leg sie fest`
    } mit \`/cx metric I-${id} ${join(missing.map(kindWord), '|')} "&lt;name&gt;" &lt;ausgangswert&gt; -&gt; &lt;zielwert&gt;\`.`,
  trendHeading: md`Gemessene Werte`,
  trendLine: (kind, m, spark, points, more) =>
    md`${kindLabel(kind)} · ${line(m.name)} ${num(m.baseline, m.unit)} → *${num(m.target, m.unit)}*  \`${line(spark)}\`\n${
      more > 0 ? md`…${more} frühere · ` : md``
    }${join(points, ' · ')}`,
  trendPoint: (date, value, unit) => md`${dayIn(date, 'de')}: ${num(value, unit)}`,
  noCheckins: md`noch keine Werte`,
  checkinHint: (id, kinds) =>
    md`Werte eintragen mit \`/cx check I-${id} ${join(
      kinds.map((k) => md`${kindWord(k)}=&lt;wert&gt;`),
      ' ',
    )}\` (wer die Initiative verantwortet, oder Admins).`,
  checkStatus: (kind, due, state) => md`${CHECK_NAME[kind]} ${day(due)}: ${state}`,
  checkState: {
    upcoming: md`steht bevor`,
    scheduled: md`geplant`,
    asked: md`wartet auf Werte`,
    skipped: md`übersprungen (ein späterer Test war auch fällig)`,
    judged: (v) => VERDICT_WORD[v],
    decided: (d) => (d === 'recommit' ? md` · fortgesetzt` : md` · abgeschlossen`),
    awaitingDecision: md` · wartet auf die Entscheidung: weitermachen oder abschließen`,
  },
  notAsked: md`nicht gefragt (vorher abgeschlossen)`,

  checkRecorded: (id, parts) => md`Werte für *${ref(id)}* erfasst: ${join(parts, ' · ')}.`,
  recordedValue: (m, value) =>
    md`${line(m.name)} ${num(value, m.unit)} (Ausgangswert ${num(m.baseline, m.unit)}, Ziel ${num(m.target, m.unit)})`,
  verdictDecided: (kind, v, posted) =>
    md`Das Ergebnis des ${CHECK_NAME[kind]}s: *${VERDICT_WORD[v]}*${
      posted.length > 0
        ? md`; es geht an ${depts(posted)}.`
        : md` (kein Abteilungskanal ist zugeordnet, daher wird es nicht gepostet).`
    }`,
  waitingForOther: (kind) =>
    md`Der Test ist noch offen: er wartet auf den Wert der ${kindLabel(kind)} (oder geht nach 14 Tagen so raus, wie er ist).`,
  noMetric: (id, kind) =>
    md`*${ref(id)}* hat noch keine ${kindLabel(kind)}, es gibt also nichts, wogegen der Wert zählt. Leg sie zuerst fest: \`/cx metric ${ref(id)} ${kindWord(kind)} "&lt;name&gt;" &lt;ausgangswert&gt; -&gt; &lt;zielwert&gt;\`.`,

  modal: {
    title: 'Kennzahlen messen',
    intro: (id, title) => md`Aktuelle Werte für *${ref(id)}* ${line(title)}.`,
    valueLabel: (kind, m) => `${kind === 'customer' ? 'Kundenkennzahl' : 'Geschäftskennzahl'}: ${m.name}`,
    valueHint: (m, last) =>
      `Ausgangswert ${plain(m.baseline)}${m.unit ?? ''}, Ziel ${plain(m.target)}${m.unit ?? ''} (${m.target >= m.baseline ? 'höher' : 'niedriger'} ist besser)` +
      (last === null ? '.' : '; mit dem letzten Wert vorausgefüllt.'),
    placeholder: 'z. B. 42',
    noMetric: (kind) => md`Keine ${kindLabel(kind)} festgelegt, daher gibt es dafür nichts zu erfassen.`,
    noMetrics: (id) =>
      md`*${ref(id)}* hat noch keine Kennzahlen. Leg sie zuerst fest mit \`/cx metric ${ref(id)} customer|business "&lt;name&gt;" &lt;ausgangswert&gt; -&gt; &lt;zielwert&gt;\`.`,
    notANumber: 'Gib eine Zahl ein, etwa `42`, `-3,5` oder `72%`.',
    atLeastOne: 'Gib mindestens einen Wert ein.',
    close: 'Schließen',
  },

  newModal: {
    heading: (kind) =>
      kind === 'customer'
        ? md`*Kundenkennzahl* (optional): woran Kunden es merken, z. B. CSAT, NPS, Abwanderung, Erstlösungsquote`
        : md`*Geschäftskennzahl* (optional): woran das Geschäft es merkt, z. B. Umsatz pro Kunde, Kundenbindung, Servicekosten`,
    name: 'Name der Kennzahl',
    baseline: 'Ausgangswert (heute)',
    target: 'Zielwert',
    unit: 'Einheit',
    unitHint: 'z. B. %, Pkt., €',
    incomplete: 'Gib Name, Ausgangswert und Zielwert zusammen an (oder lass alle drei leer).',
    equal: 'Ausgangswert und Zielwert sind gleich: eine Kennzahl braucht eine Richtung.',
    conflictingUnits: 'Ausgangswert, Zielwert und Einheit nennen verschiedene Einheiten.',
    tooLong: (max) => `Höchstens ${max} Zeichen, bitte.`,
    notANumber: 'Gib eine Zahl ein, etwa `42`, `-3,5` oder `72%`.',
    badUnit: (max) =>
      `Eine Einheit ist ein kurzes Kürzel wie %, Pkt. oder € (höchstens ${max} Zeichen, ohne Erwähnungen, Formatierung oder Zeilenumbrüche).`,
  },

  askTitle: (kind) => md`:bar_chart: Zeit für den ${CHECK_NAME[kind]}`,
  ask: (id, title, kind, start, due) =>
    md`*${ref(id)}* ${line(title)} hat am ${day(start)} begonnen; ihr ${CHECK_NAME[kind]} war am ${day(due)} fällig. Verbessert sie das Kundenerlebnis *und* das Geschäftsergebnis? Gib die aktuellen Werte ein.`,
  askMetric: (kind, m, last) =>
    m
      ? md`${kindLabel(kind)}: ${line(m.name)} ${num(m.baseline, m.unit)} → ${num(m.target, m.unit)}${
          last === null ? md`` : md` (zuletzt gemeldet: ${num(last, m.unit)})`
        }`
      : md`${kindLabel(kind)}: _nicht festgelegt_ (woran merken wir es?)`,
  askDeadline: (deadline) =>
    md`Ohne Werte bis ${day(deadline)} geht das Ergebnis als „keine Daten“ an die Abteilungskanäle.`,
  askFallback: (id, kind) =>
    md`${CHECK_NAME[kind]} für ${ref(id)}: gib die aktuellen Werte der Kennzahlen ein.`,
  enterValues: 'Aktuelle Werte eingeben',

  verdictTitle: (id, title, kind) => md`*${CHECK_NAME[kind]}* von *${ref(id)}* ${line(title)}`,
  metricResult: (kind, m, value, outcome) =>
    m
      ? md`${kindLabel(kind)}: ${line(m.name)} ${value === null ? md`–` : num(value, m.unit)} (Ausgangswert ${num(m.baseline, m.unit)}, Ziel ${num(m.target, m.unit)}): ${OUTCOME[outcome]}`
      : md`${kindLabel(kind)}: keine festgelegt (woran merken wir es?)`,
  evidenceHeading: md`*Die Umsetzung dahinter* (hier liegt meist die Lücke):`,
  evidence: (e) => {
    const lines = [
      md`• ${count(e.open, { one: '# offene Maßnahme', other: '# offene Maßnahmen' })}, ${e.overdue} überfällig, ${e.stalled} stockend (7+ Tage ohne Aktivität)`,
      e.doneWithDue > 0
        ? md`• ${Math.round((e.doneOnTime * 100) / e.doneWithDue)} % der Maßnahmen pünktlich erledigt (${e.doneOnTime} von ${e.doneWithDue} mit Fälligkeitsdatum)`
        : md`• Noch keine Maßnahme mit Fälligkeitsdatum erledigt, daher keine Pünktlichkeitsquote`,
      e.daysSinceProgress === null
        ? md`• Noch nie wurde eine Maßnahme erfasst`
        : md`• ${count(e.daysSinceProgress, { one: '# Tag', other: '# Tage' })} seit dem letzten Fortschritt`,
    ];
    if (e.deptsWithoutAction.length > 0) lines.push(md`• Keine Maßnahme von ${depts(e.deptsWithoutAction)}`);
    const r = e.requests;
    if (r && (r.declined > 0 || r.waitedLong > 0)) {
      lines.push(
        md`• Anfragen an andere Abteilungen: ${r.declined} abgelehnt, ${r.waitedLong} mehr als 5 Arbeitstage ohne Antwort`,
      );
    }
    return join(lines, '\n');
  },
  verdictFallback: (id, kind, v) => md`${CHECK_NAME[kind]} von ${ref(id)}: ${VERDICT_WORD[v]}`,
  ownerVerdictIntro: (ownerId) =>
    md`${mention(ownerId)}, hier ist das Ergebnis, das an die Abteilungen ging.`,
  decideQuestion: md`Zwölf Monate sind um: *weitermachen* (mit einem neuen Test in 6 Monaten) oder die Initiative *abschließen*?`,
  recommit: 'Weitermachen',
  close: 'Initiative abschließen',
  recommitted: (id, nextDue) => md`*${ref(id)}* geht weiter. Der nächste Test ist am ${day(nextDue)}.`,
  closed: (id, openActions) =>
    md`*${ref(id)}* ist abgeschlossen.${
      openActions > 0
        ? md` ${count(openActions, {
            one: '# Maßnahme daraus ist noch offen: erledige sie oder hinterlass eine Notiz, warum nicht.',
            other:
              '# Maßnahmen daraus sind noch offen: erledige sie oder hinterlass eine Notiz, warum nicht.',
          })}`
        : md``
    }`,
  alreadyDecided: (id, decision, at) =>
    md`*${ref(id)}* wurde schon am ${day(at)} ${decision === 'recommit' ? md`fortgesetzt` : md`abgeschlossen`}.`,
  notDecidable: md`Bei diesem Test gibt es nichts zwischen Weitermachen und Abschließen zu entscheiden.`,
  decidedInDm: (decision, by, on) =>
    md`:white_check_mark: ${decision === 'recommit' ? md`Fortgesetzt` : md`Abgeschlossen`}${by ? md` von ${mention(by)}` : md``} am ${day(on)}.`,

  home: {
    title: 'CX Bridge',
    myActions: (n) => md`*Deine offenen Maßnahmen* (${amount(n, 'de')}), die am frühesten fälligen zuerst`,
    noActions: md`Du hast keine offenen Maßnahmen. :tada:`,
    moreActions: (n) =>
      md`…und ${count(n, { one: '# weitere offene Maßnahme', other: '# weitere offene Maßnahmen' })}, die hier nicht stehen. \`/cx mine\` zeigt alle.`,
    myInitiatives: (n) => md`*Initiativen, für die du zuständig bist* (${amount(n, 'de')})`,
    decide: (id, title) =>
      md`:scales: *${ref(id)}* ${line(title)}: das Ergebnis ist da. *Weitermachen* (mit einem neuen Test in 6 Monaten) oder *abschließen*?`,
    moreDecisions: (n) =>
      md`…und ${count(n, { one: '# weitere Initiative wartet', other: '# weitere Initiativen warten' })} auf deine Entscheidung: \`/cx show I-n\` bietet sie an.`,
    closeFirst: (id, open) =>
      md`*${ref(id)}* hat noch ${count(open, { one: '# offene Maßnahme', other: '# offene Maßnahmen' })}: \`/cx close ${ref(id)}\` listet sie auf und schließt die Initiative mit ihnen ab.`,
    noInitiatives: md`Du bist für keine aktive Initiative zuständig. Leg eine an mit \`/cx new\`.`,
    moreInitiatives: (n) =>
      md`…und ${count(n, { one: '# weitere Initiative', other: '# weitere Initiativen' })}, die hier nicht stehen. \`/cx list\` zeigt alle.`,
    essentials: md`*Die essenziellen Initiativen*`,
    noEssentials: md`Noch keine Initiative ist essenziell: wähl höchstens drei mit \`/cx essential &lt;I-n&gt;\`.`,
    round: md`*Die Kundenproblem-Abstimmung dieses Monats*`,
    wins: md`*Letzte Fortschritte*`,
    noWins: md`In den letzten zwei Wochen noch kein Fortschritt. Schließ eine Maßnahme ab mit \`/cx done &lt;A-n&gt;\`.`,
    win: (actionId, title, ownerId, initiativeId, date) =>
      md`:tada: *A-${actionId}* ${line(title)} · ${mention(ownerId)} · ${ref(initiativeId)} · ${day(date)}`,
    teamHeading: 'Das Gesamtbild',
    departedHeading: md`*Arbeit von Leuten, die nicht mehr dabei sind* (deaktiviert, oder Slack kennt sie nicht mehr: niemand wird daran erinnert)`,
    departedLine: (userId, actions, more, initiatives) =>
      join(
        [
          md`• ${mention(userId)}`,
          ...(actions.length > 0
            ? [
                md`offen: ${actionRefs(actions, more, 'und', (n: number) => md`${amount(n, 'de')} weitere`)} → \`/cx assign A-n @jemand\``,
              ]
            : []),
          ...(initiatives.length > 0
            ? [
                md`verantwortlich für ${join(
                  initiatives.map((i) => md`${ref(i.id)} ${line(i.title)}`),
                  ', ',
                )} → *Übergeben* in \`/cx show I-n\``,
              ]
            : []),
        ],
        ' · ',
      ),
    departedMore: (n) => md`…und ${count(n, { one: '# weitere Person', other: '# weitere Personen' })}.`,
    checkStatus: (parts) => join(parts, ' · '),
    noMetricsFlag: (missing) => md`:warning: keine ${kindLabels(missing)}: woran merken wir es?`,
    updated: (at) => md`Aktualisiert ${at}`,
    roundHeading: (month, open, voters) =>
      md`*Die Kundenproblem-Abstimmung dieses Monats* (${line(month)}): ${open ? md`Abstimmung läuft` : md`beendet`} · ${count(voters, { one: '# Person hat abgestimmt', other: '# Personen haben abgestimmt' })}`,
    roundEmpty: md`Noch kein Kundenproblem hat eine Stimme.`,
    moreRound: (n) => md`…und ${amount(n, 'de')} weitere. \`/cx round status\` zeigt den ganzen Stand.`,
    noRound: md`Diesen Monat noch keine Kundenproblem-Abstimmung. Erfasse, womit Kunden kämpfen: \`/cx pain &lt;text&gt;\`.`,
    notice: (text) => md`:information_source: ${text}`,
    cut: (n) =>
      md`${count(n, { one: '# weiterer Teil passte', other: '# weitere Teile passten' })} nicht hierher; \`/cx mine\` und \`/cx list\` zeigen alles.`,
  },
};
