/**
 * Was jeder `/cx`-Befehl tut, auf Deutsch: die Zeile für `/cx help`, Optionen und ein Beispiel für
 * `/cx help <befehl>`. Befehle und Optionen bleiben englisch (CONTRACT: Language); alles andere ist
 * übersetzt. Gleiche Form wie ./en-help.ts (Typ `typeof help`), damit kein Schlüssel fehlen kann.
 */
import { DEFAULT_SNOOZE_DAYS, MAX_SNOOZE_DAYS } from '../../domain/actions.js';
import type { SubcommandName } from '../../domain/errors.js';
import { MAX_ESSENTIAL } from '../../domain/types.js';
import type { help as enHelp, HelpEntry } from './en-help.js';
import { count, join, line, type Mrkdwn, md } from './mrkdwn.js';

const DEPTS = md`marketing, sales, service oder it`;
const days = (n: number) => count(n, { one: '# Tag', other: '# Tage' }, 'de');

export const HELP_DE: Record<SubcommandName, HelpEntry> = {
  help: {
    does: md`jeder Befehl in einer Zeile; mit einem Befehl dieser Befehl ausführlich`,
    example: 'help log',
  },
  new: {
    does: md`eine Initiative anlegen (allein: öffnet ein Formular)`,
    options: [
      ['<title>', md`worum es geht, in wenigen Worten`],
      ['lead:<dept>', md`die federführende Abteilung: ${DEPTS} (Standard: die Abteilung dieses Kanals)`],
      ['with:<dept>,<dept>', md`weitere beteiligte Abteilungen`],
      [
        'essential | important',
        md`ihre Stufe (Standard important; höchstens ${MAX_ESSENTIAL} gleichzeitig essenziell)`,
      ],
      ['owner:@user', md`wer zuständig ist (Standard: du)`],
      ['start:YYYY-MM-DD', md`wann sie begonnen hat (Standard: heute)`],
    ],
    example: 'new Schnellere Erstattungen lead:service with:sales essential',
  },
  log: {
    does: md`einen konkreten nächsten Schritt zu einer Initiative erfassen (allein: öffnet ein Formular)`,
    options: [
      ['<I-n>', md`die Initiative`],
      ['<title>', md`der Schritt, in wenigen Worten`],
      ['@owner', md`wer ihn erledigt, aus der @-Liste gewählt (Standard: du)`],
      ['due:YYYY-MM-DD | due:+Nd', md`wann er fällig ist`],
      ['dept:<dept>', md`die Abteilung, die ihn erledigt (Standard: die federführende der Initiative)`],
    ],
    example: 'log I-3 Die 20 größten Kunden anrufen @maria due:+7d',
  },
  done: {
    does: md`eine Maßnahme abschließen; ihr Fortschritt wird gepostet`,
    options: [['[note]', md`was dabei herausgekommen ist`]],
    example: 'done A-7 FAQ ist online',
  },
  update: {
    does: md`Fortschritt bei einer Maßnahme festhalten (sie gilt dann nicht mehr als stockend)`,
    example: 'update A-7 Entwurf an die Rechtsabteilung geschickt',
  },
  block: {
    does: md`eine Maßnahme als blockiert markieren, mit dem Grund`,
    example: 'block A-7 Wartet auf die rechtliche Prüfung',
  },
  snooze: {
    does: md`die Erinnerungen einer Maßnahme für ein paar Tage pausieren`,
    options: [['[Nd]', md`wie viele Tage: 1 bis ${MAX_SNOOZE_DAYS} (Standard ${days(DEFAULT_SNOOZE_DAYS)})`]],
    example: 'snooze A-7 5d',
  },
  due: {
    does: md`eine Maßnahme verschieben; ihr Verlauf behält das alte Datum und den Grund`,
    options: [
      ['YYYY-MM-DD | +Nd', md`das neue Fälligkeitsdatum oder Tage ab heute`],
      ['[reason]', md`warum es sich verschiebt`],
    ],
    example: 'due A-7 +7d Rechtsabteilung braucht noch eine Woche',
  },
  assign: {
    does: md`eine Maßnahme an jemand anderen übergeben (die Person bekommt eine DM)`,
    options: [['@user', md`wer neu zuständig ist, aus der @-Liste gewählt`]],
    example: 'assign A-7 @maria',
  },
  edit: {
    does: md`eine Initiative oder Maßnahme umbenennen`,
    example: 'edit A-7 Die 30 größten Kunden anrufen',
  },
  unblock: {
    does: md`eine Blockade aufheben`,
    options: [['[note]', md`was sie gelöst hat`]],
    example: 'unblock A-7 Rechtsabteilung hat zugestimmt',
  },
  drop: {
    does: md`eine nicht mehr benötigte Maßnahme beenden (endgültig, kein Fortschritts-Post)`,
    example: 'drop A-7 Der Lieferant hat seine Bedingungen geändert',
  },
  close: {
    does: md`eine Initiative mit ihrem Ergebnis abschließen (zuständige Person oder Admin)`,
    example: 'close I-3 Erstattungen dauern jetzt 2 statt 9 Tage',
  },
  verdict: {
    does: md`das letzte 6/12-Monats-Ergebnis korrigieren (zuständige Person oder Admin)`,
    options: [['pass | partial | fail', md`bestanden, teilweise oder nicht bestanden, danach der Grund`]],
    example: 'verdict I-3 partial NPS ist gestiegen, die Kosten noch nicht gesunken',
  },
  mine: {
    does: md`deine offenen Maßnahmen, die am frühesten fälligen zuerst`,
    example: 'mine',
  },
  away: {
    does: md`alle deine Erinnerungen bis zu einem Datum pausieren oder wieder einschalten`,
    options: [
      ['until YYYY-MM-DD', md`dein letzter Tag der Abwesenheit`],
      ['off', md`Erinnerungen wieder an`],
    ],
    example: 'away until 2026-04-10',
  },
  list: {
    does: md`aktive Initiativen, essenzielle zuerst, jede mit ihrem Fortschritt`,
    options: [['[dept]', md`nur die mit einer bestimmten Abteilung: ${DEPTS}`]],
    example: 'list service',
  },
  show: {
    does: md`eine Initiative, Maßnahme oder ein Kundenproblem vollständig, mit Verlauf (wer für eine Initiative verantwortlich ist und Admins können sie dort übergeben und nach dem 12-Monats-Ergebnis weitermachen oder sie abschließen)`,
    example: 'show I-3',
  },
  essential: {
    does: md`eine Initiative essenziell machen (höchstens ${MAX_ESSENTIAL} gleichzeitig)`,
    example: 'essential I-3',
  },
  important: {
    does: md`eine essenzielle Initiative wieder auf wichtig setzen`,
    example: 'important I-3',
  },
  metric: {
    does: md`festlegen, woran der Erfolg einer Initiative gemessen wird, für Kunden oder das Geschäft`,
    options: [
      ['customer | business', md`welche ihrer beiden Kennzahlen (Kunden- oder Geschäftskennzahl)`],
      ['"<name>"', md`der Name der Kennzahl, in Anführungszeichen`],
      [
        '<baseline> -> <target>',
        md`Ausgangswert und Zielwert, optional mit Einheit wie % oder Pkt.; Dezimalkomma geht (41,5)`,
      ],
    ],
    example: 'metric I-3 customer "NPS" 32 -> 45',
  },
  check: {
    does: md`die aktuellen Werte der Kennzahlen einer Initiative erfassen (allein: öffnet ein Formular)`,
    options: [
      ['customer=<value>', md`die Kundenkennzahl jetzt`],
      ['business=<value>', md`die Geschäftskennzahl jetzt`],
    ],
    example: 'check I-3 customer=38,5',
  },
  pain: {
    does: md`ein Kundenproblem für die nächste Abstimmung erfassen`,
    example: 'pain Kunden warten 9 Tage auf eine Erstattung',
  },
  round: {
    does: md`die monatliche Abstimmung: ihr Stand; öffnen und schließen für Admins`,
    options: [['status | open | close', md`was zu tun ist (Standard status)`]],
    example: 'round status',
  },
  setup: {
    does: md`Admins: diesen Kanal einer Abteilung zuordnen oder Zuordnungen und Zeitpläne zeigen`,
    options: [
      ['channel <dept|hub>', md`den Kanal zuordnen, in dem du es tippst: ${DEPTS} oder hub`],
      ['show', md`die Zuordnungen und die Zeitpläne der Jobs`],
    ],
    example: 'setup channel service',
  },
  ask: {
    does: md`eine andere Abteilung um etwas bitten, das eine Initiative braucht (\`R-n\`); im Kanal der Abteilung zum Übernehmen oder Ablehnen gepostet`,
    options: [
      ['<dept>', md`die gefragte Abteilung: ${DEPTS}`],
      ['<I-n>', md`die Initiative, die es braucht`],
      [
        '<what is needed>',
        md`worum du bittest, in wenigen Worten (es wird die Maßnahme der Person, die es übernimmt)`,
      ],
      ['by:YYYY-MM-DD | by:+Nd', md`bis wann es gebraucht wird (Standard: 7 Tage nach der Übernahme)`],
    ],
    example: 'ask it I-3 Export der Erstattungstickets des letzten Jahres by:+5d',
  },
  asks: {
    does: md`offene Anfragen zwischen Abteilungen: an und von jeder Abteilung, die ältesten zuerst`,
    options: [['[dept]', md`nur die an oder von dieser Abteilung`]],
    example: 'asks service',
  },
  lang: {
    does: md`deine eigene Sprache für Antworten, Formulare, DMs und das App-Home (Kanal-Posts bleiben in der Sprache des Workspace)`,
    options: [['en | de | auto', md`Englisch, Deutsch oder auto: deine Slack-Sprache`]],
    example: 'lang en',
  },
};

/** `/cx <Beispiel>` als Code. */
export const exampleOfDe = (name: SubcommandName): Mrkdwn => md`\`/cx ${line(HELP_DE[name].example)}\``;

/** `a`, `a oder b`, `a, b oder c`. */
export function orListDe(items: readonly Mrkdwn[]): Mrkdwn {
  if (items.length <= 1) return items[0] ?? md``;
  const head = join(items.slice(0, -1), ', ');
  return md`${head} oder ${items.at(-1) ?? md``}`;
}

export const helpDe: typeof enHelp = {
  entry: (name) => HELP_DE[name],
  title: 'CX Bridge: die CX-Strategie in nächste Schritte übersetzen',
  intro: md`Initiativen (\`I-n\`) werden in konkrete Maßnahmen (\`A-n\`) mit zuständiger Person und Fälligkeitsdatum zerlegt. Höchstens ${MAX_ESSENTIAL} Initiativen sind gleichzeitig *essenziell*; sie kommen immer zuerst.`,
  footer: md`Ein Befehl ausführlich: \`/cx help &lt;befehl&gt;\`. Groß-/Kleinschreibung der Referenzen ist egal (\`a-7\` geht). Daten: \`YYYY-MM-DD\` oder \`+Nd\`. Sprache: \`/cx lang de|en|auto\`.`,
  line: (forms, name) =>
    md`${join(
      forms.map((f) => md`\`${line(f)}\``),
      ' · ',
    )} – ${HELP_DE[name].does}`,
  detailHeading: (name) => md`*\`/cx ${line(name)}\`*: ${HELP_DE[name].does}.`,
  forms: md`*Formen*`,
  options: md`*Optionen*`,
  option: (syntax, meaning) => md`• \`${line(syntax)}\` – ${meaning}`,
  example: (name) => md`*Beispiel:* ${exampleOfDe(name)}`,
  everyCommand: md`\`/cx help\` zeigt alle Befehle.`,
  unknownTopic: (text, suggestions) =>
    md`\`${line(text)}\` ist kein Befehl${suggestions.length > 0 ? md` (meintest du ${orListDe(suggestions.map((s) => md`\`${line(s)}\``))}?)` : md``}; hier sind alle Befehle:`,
};
