/**
 * Hilfe, Verwendung und Fehler auf Deutsch: was `/cx` antwortet, wenn ein Befehl so nicht geht. Jeder
 * Fehler nennt das falsche (oder fehlende) Wort und sagt, was stattdessen zu tippen ist. Befehle und
 * Optionen bleiben englisch, wie getippt.
 */
import type { DomainError, SubcommandName, UsageDetail, ValueError } from '../../domain/errors.js';
import { suggest } from '../../domain/suggest.js';
import { BINDING_KEYS, DEPARTMENTS } from '../../domain/types.js';
import { asksDe } from './de-asks.js';
import { count, day } from './de-common.js';
import { exampleOfDe as exampleOf, helpDe, orListDe as orList } from './de-help.js';
import { lifecycleDe as lifecycle } from './de-lifecycle.js';
import { metricsDe as metrics } from './de-metrics.js';
import { roundsDe as rounds } from './de-rounds.js';
import type { errors as enErrors } from './en-errors.js';
import { join, line, type Mrkdwn, md, mention } from './mrkdwn.js';

const I = (id: number) => md`I-${id}`;

const DATE_FIELD = {
  due: 'kein gültiges Fälligkeitsdatum',
  start: 'kein gültiges Startdatum',
  until: 'kein gültiges „away until“-Datum',
} as const;
const DATE_NAME = {
  due: 'Das Fälligkeitsdatum',
  start: 'Das Startdatum',
  until: 'Das „away until“-Datum',
} as const;
const typed = (text: string) => md`\`${line(text)}\``;
const codes = (words: readonly string[]) => orList(words.map(typed));
const didYouMean = (words: readonly string[] | undefined) =>
  words && words.length > 0 ? md` Meintest du ${codes(words)}?` : md``;
const characters = (n: number) => count(n, { one: '# Zeichen', other: '# Zeichen' });

const REF_OF: Partial<Record<SubcommandName, Mrkdwn>> = {
  log: md`Die Referenz der Initiative`,
  close: md`Die Referenz der Initiative`,
  verdict: md`Die Referenz der Initiative`,
  essential: md`Die Referenz der Initiative`,
  important: md`Die Referenz der Initiative`,
  metric: md`Die Referenz der Initiative`,
  check: md`Die Referenz der Initiative`,
  edit: md`Die Referenz der Initiative oder Maßnahme`,
  show: md`Die Referenz der Initiative, Maßnahme oder des Kundenproblems`,
};

const LONG_TEXT: Partial<Record<SubcommandName, string>> = {
  new: 'Der Titel',
  log: 'Der Titel',
  edit: 'Der Titel',
  metric: 'Der Name der Kennzahl',
  close: 'Die Ergebnisnotiz',
  block: 'Der Grund',
  drop: 'Der Grund',
  verdict: 'Der Grund',
  pain: 'Das Kundenproblem',
};

const CHOICE_OF: Partial<Record<SubcommandName, { what: Mrkdwn; use: Mrkdwn }>> = {
  round: { what: md`kein Schritt der Abstimmung`, use: md`nimm status, open oder close` },
  away: {
    what: md`keine Art, weg zu sein`,
    use: md`nimm \`/cx away until YYYY-MM-DD\` oder \`/cx away off\``,
  },
  setup: { what: md`kein Einrichtungsschritt`, use: md`nimm channel oder show` },
  verdict: { what: md`kein Ergebnis`, use: md`nimm pass, partial oder fail` },
  metric: { what: md`keine Art von Kennzahl`, use: md`nimm customer oder business` },
  check: {
    what: md`kein Kennzahlwert`,
    use: md`schreib \`customer=&lt;wert&gt;\` oder \`business=&lt;wert&gt;\``,
  },
  new: {
    what: md`keine Option von \`/cx new\``,
    use: md`nimm \`lead:\`, \`with:\`, \`owner:\`, \`start:\`, \`essential\` oder \`important\``,
  },
  log: { what: md`keine Option von \`/cx log\``, use: md`nimm \`@owner\`, \`due:\` oder \`dept:\`` },
  lang: { what: md`keine Sprache`, use: md`nimm en, de oder auto` },
};

const LEADS = codes(DEPARTMENTS.map((d) => `lead:${d}`));

function missing(command: SubcommandName, detail: UsageDetail): Mrkdwn {
  const example = exampleOf(command);
  switch (detail) {
    case 'missing_ref':
      return md`${REF_OF[command] ?? md`Die Referenz der Maßnahme`} fehlt: tipp sie nach \`/cx ${line(command)}\`, etwa ${example}.`;
    case 'missing_title':
      return md`Der Titel fehlt: sag in wenigen Worten, worum es geht, etwa ${example}.`;
    case 'missing_note':
      return command === 'close'
        ? md`Die Ergebnisnotiz fehlt: sag, was dabei herausgekommen ist, etwa ${example}.`
        : md`Die Notiz fehlt: sag, was passiert ist, etwa ${example}.`;
    case 'missing_reason':
      return command === 'drop'
        ? lifecycle.dropNeedsReason
        : md`Der Grund fehlt: sag, was blockiert, etwa ${example}.`;
    case 'missing_text':
      return command === 'ask'
        ? md`Es fehlt, was gebraucht wird: sag, worum du die Abteilung bittest, etwa ${example}.`
        : md`Das Kundenproblem fehlt: beschreib, worauf Kunden stoßen, etwa ${example}.`;
    case 'missing_date':
      return command === 'away'
        ? md`Das Datum fehlt: \`/cx away until YYYY-MM-DD\` nennt deinen letzten Tag der Abwesenheit.`
        : md`Das neue Fälligkeitsdatum fehlt: \`YYYY-MM-DD\` oder \`+Nd\`, etwa ${example}.`;
    case 'missing_user':
      return md`Wer neu zuständig ist, fehlt: wähl die Person aus der @-Liste, etwa ${example}.`;
    case 'missing_dept':
      return md`Die Abteilung fehlt: sag, für welche dieser Kanal ist – ${codes(BINDING_KEYS)} – etwa ${example}.`;
    case 'missing_values':
      return command === 'check'
        ? md`Die Werte fehlen: \`customer=&lt;wert&gt;\` oder \`business=&lt;wert&gt;\`, etwa ${example}.`
        : md`Die Kennzahl fehlt: ihr Name in Anführungszeichen, der Ausgangswert, ein Pfeil und der Zielwert, etwa ${example}.`;
    case 'missing_choice':
      switch (command) {
        case 'away':
          return md`Sag, wie: \`/cx away until YYYY-MM-DD\` pausiert deine Erinnerungen, \`/cx away off\` schaltet sie wieder ein.`;
        case 'setup':
          return md`Sag, was eingerichtet werden soll: \`/cx setup channel &lt;dept|hub&gt;\` ordnet diesen Kanal zu, \`/cx setup show\` zeigt die Zuordnungen.`;
        case 'verdict':
          return md`Das Ergebnis fehlt: pass, partial oder fail, dann der Grund, etwa ${example}.`;
        case 'metric':
          return md`Die Art der Kennzahl fehlt: customer oder business, etwa ${example}.`;
        default:
          return md`Es fehlt etwas: siehe die Verwendung unten.`;
      }
    default:
      switch (command) {
        case 'new':
          return md`Hier braucht es \`lead:&lt;dept&gt;\`: dieser Kanal gehört zu keiner Abteilung, also sag, welche federführend ist – ${LEADS}.`;
        case 'setup':
          return md`Tipp \`/cx setup channel &lt;dept|hub&gt;\` in dem Kanal, den du zuordnen willst.`;
        case 'check':
          return missing('check', 'missing_values');
        default:
          return md`Es fehlt etwas: siehe die Verwendung unten.`;
      }
  }
}

function usageError(e: Extract<DomainError, { code: 'usage' }>): Mrkdwn {
  const { command, detail } = e;
  const text = e.text ?? '';
  switch (detail) {
    case 'invalid_value':
      return e.cause ? valueError(e.cause, command) : md`So wird dieser Befehl nicht verwendet.`;
    case 'too_long':
      return md`${line(LONG_TEXT[command] ?? 'Die Notiz')} ist zu lang: höchstens ${characters(e.max ?? 0)}. Kürz sie.`;
    case 'bad_unit':
      return md`Eine Einheit ist ein kurzes Kürzel nach den Zahlen, etwa \`%\`, \`€\` oder \`Pkt.\`: höchstens ${characters(e.max ?? 0)}, Buchstaben, Ziffern oder Zeichen, ohne Erwähnungen, Links oder Zeilenumbrüche.`;
    case 'extra_args':
      return md`${typed(text)} ist mehr, als dieser Befehl nimmt: lass es weg.`;
    case 'duplicate_option':
      return md`${typed(text)} wiederholt eine schon gegebene Option: gib jede Option nur einmal an.`;
    case 'conflicting_options':
      return md`${typed(text)} widerspricht der schon gegebenen Stufe: eine Initiative ist entweder essential oder important.`;
    case 'bad_option': {
      const choice = CHOICE_OF[command];
      const what = choice
        ? md`${choice.what}: ${choice.use}`
        : md`nichts, was \`/cx ${line(command)}\` nimmt`;
      return md`${typed(text)} ist ${what}.${didYouMean(e.suggestions)}`;
    }
    case 'missing_metric_name':
      return md`Die Kennzahl braucht einen Namen in Anführungszeichen, etwa ${exampleOf('metric')}.`;
    case 'missing_arrow':
      return md`Schreib Ausgangswert und Zielwert mit einem Pfeil dazwischen, \`&lt;ausgangswert&gt; -&gt; &lt;zielwert&gt;\`, etwa ${exampleOf('metric')}.`;
    case 'no_change':
      return md`Ausgangswert und Zielwert sind gleich: eine Kennzahl braucht eine Richtung, also gib einen Zielwert über oder unter dem Ausgangswert an.`;
    case 'conflicting_units':
      return md`Ausgangswert und Zielwert haben verschiedene Einheiten: nimm eine Einheit für beide, etwa \`70% -&gt; 80%\`.`;
    default:
      return missing(command, detail);
  }
}

function valueError(e: ValueError, command?: SubcommandName): Mrkdwn {
  switch (e.code) {
    case 'bad_ref':
      return e.expected
        ? md`${typed(e.text)} ist keine gültige Referenz; erwartet wird \`${line(e.expected)}-&lt;nummer&gt;\`, etwa \`${line(e.expected)}-7\`.`
        : md`${typed(e.text)} ist keine gültige Referenz; nimm \`I-&lt;n&gt;\`, \`A-&lt;n&gt;\` oder \`P-&lt;n&gt;\`.`;
    case 'bad_date': {
      const range = e.latest
        ? md`zwischen ${day(e.earliest)} und ${day(e.latest)}`
        : md`am ${day(e.earliest)} oder später`;
      switch (e.reason) {
        case 'format':
          return e.field === 'due'
            ? md`${typed(e.text)} ist ${line(DATE_FIELD[e.field])}: nimm \`YYYY-MM-DD\` oder \`+Nd\` (z. B. \`+7d\`).`
            : md`${typed(e.text)} ist ${line(DATE_FIELD[e.field])}: nimm \`YYYY-MM-DD\`.`;
        case 'not_a_date':
          return md`${typed(e.text)} ist kein echtes Kalenderdatum: prüf Tag und Monat.`;
        default:
          return md`${line(DATE_NAME[e.field])} ${typed(e.text)} muss ${range} liegen.`;
      }
    }
    case 'unknown_dept': {
      const keys = e.allowHub ? BINDING_KEYS : DEPARTMENTS;
      const use = e.allowHub
        ? md`marketing, sales, service, it oder hub`
        : md`marketing, sales, service oder it`;
      return md`${typed(e.text)} ist keine Abteilung; nimm ${use}.${didYouMean(suggest(e.text, keys))}`;
    }
    case 'bad_number':
      if (e.reason === 'range') {
        return md`${typed(e.text)} muss eine ganze Zahl von ${e.min ?? md``} bis ${e.max ?? md``} sein.`;
      }
      return command === 'snooze'
        ? md`${typed(e.text)} ist keine Anzahl Tage: schreib sie wie \`3d\` oder \`3\`.`
        : md`${typed(e.text)} ist keine Zahl: schreib sie wie \`45\`, \`4,5\` oder \`45%\`.`;
    case 'bad_user':
      return md`${typed(e.text)} ist hier keine Slack-Person: wähl sie aus der @-Liste, damit daraus eine Erwähnung wird.`;
  }
}

function whereToLook(ref: string): Mrkdwn {
  switch (ref.charAt(0)) {
    case 'I':
      return md` \`/cx list\` zeigt die aktiven Initiativen.`;
    case 'A':
      return md` \`/cx mine\` zeigt deine Maßnahmen, \`/cx show I-n\` die einer Initiative.`;
    default:
      return md``;
  }
}

export const errorsDe: typeof enErrors = {
  comingSoon: (name) => md`\`/cx ${line(name)}\` kommt bald. Bis dahin: \`/cx help\` zeigt, was heute geht.`,

  help: helpDe,

  usageHeading: (command) => md`Verwendung von \`/cx ${line(command)}\`:`,
  seeHelp: md`\`/cx help\` zeigt alle Befehle.`,

  error(e: DomainError): Mrkdwn {
    switch (e.code) {
      case 'unknown_subcommand':
        return md`\`/cx ${line(e.text)}\` ist kein CX-Bridge-Befehl.${didYouMean(e.suggestions)}`;
      case 'usage':
        return usageError(e);
      case 'unknown_ref':
        return md`${typed(e.ref)} gibt es nicht.${whereToLook(e.ref)}`;
      case 'forbidden':
        return e.need === 'admin'
          ? md`Das können nur CX-Bridge-Admins (Workspace-Admins oder Personen in CX_ADMINS).`
          : md`Nur ${join(e.owners.map(mention), ' oder ')} oder ein Admin kann das ändern.`;
      case 'essential_limit':
        return md`Höchstens ${e.max} Initiativen können gleichzeitig essenziell sein, und ${join(e.current.map(I), ', ')} sind es schon. Es geht um Fokus: mach zuerst eine davon \`important\` (\`/cx important I-n\`).`;
      case 'bad_transition':
        return lifecycle.badTransition(e);
      case 'not_a_person':
        return lifecycle.notAPerson(e.userId, e.owns);
      case 'unknown_person':
        return lifecycle.unknownPerson(e.userId);
      case 'deactivated_person':
        return lifecycle.deactivatedPerson(e.userId);
      case 'inactive_initiative':
        return md`${I(e.initiativeId)} ist ${line(e.status === 'closed' ? 'abgeschlossen' : e.status)}; sie nimmt keine neuen Maßnahmen oder Änderungen an.`;
      case 'no_metric':
        return metrics.noMetric(e.initiativeId, e.kind);
      case 'already_adopted':
        return rounds.adoptedMeanwhile(e.painPointId, e.initiativeId, e.by);
      case 'ask_refused':
      case 'request_answered':
        return asksDe.error(e);
      default:
        return valueError(e);
    }
  },
};
