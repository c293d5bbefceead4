/**
 * Die monatliche Kundenproblem-Abstimmung auf Deutsch: Kundenprobleme erfassen, die Abstimmung, Stimmen,
 * Ergebnisse, Stand. Gleiche Form wie ./en-rounds.ts.
 */
import type { Department } from '../../domain/types.js';
import { count, DEPT } from './de-common.js';
import { historyKind } from './de-lifecycle.js';
import { LINE_TEXT_MAX, type RoundMessages } from './en-rounds.js';
import { clip as clipMrkdwn, join, line, type Mrkdwn, md, mention, monthOf } from './mrkdwn.js';

const clip = (text: string, max: number) => clipMrkdwn(line(text), max);
const votesOf = (n: number) => count(n, { one: '# Stimme', other: '# Stimmen' });
const votersOf = (n: number) =>
  count(n, { one: '# Person hat abgestimmt', other: '# Personen haben abgestimmt' });
/** "bisher" goes after the verb: "4 Personen haben bisher abgestimmt", not "bisher 4 Personen haben…". */
const votersSoFar = (n: number) =>
  count(n, { one: '# Person hat bisher abgestimmt', other: '# Personen haben bisher abgestimmt' });
const painPoints = (n: number) => count(n, { one: '# Kundenproblem', other: '# Kundenprobleme' });
/** After `mit`, `von`: `mit 3 Kundenproblemen`. */
const painPointsDative = (n: number) => count(n, { one: '# Kundenproblem', other: '# Kundenproblemen' });
const list = (items: Mrkdwn[]) =>
  items.length <= 1 ? (items[0] ?? md``) : md`${join(items.slice(0, -1), ', ')} und ${items.at(-1) ?? md``}`;

const ref = (id: number) => md`P-${id}`;
const deptLabel = (dept: string | null) => (dept && dept in DEPT ? line(DEPT[dept as Department]) : null);
const channelsLabel = (keys: string[]) =>
  list(keys.map((k) => (k === 'hub' ? md`den Hub` : (deptLabel(k) ?? line(k)))));
const month = (m: string) => line(monthNameDe(m));

/** `März 2026` aus `2026-03`. */
export const monthNameDe = (month: string): string => monthOf(month, 'de');

const deptSuffix = (dept: string | null) => {
  const label = deptLabel(dept);
  return label ? md` · _${label}_` : md``;
};

const LOGGED_VIA: Record<string, Mrkdwn> = {
  command: md`erfasst mit \`/cx pain\``,
  shortcut: md`aus einer Nachricht erfasst`,
  modal: md`im Formular für Kundenprobleme erfasst`,
};

export const roundsDe: RoundMessages = {
  logged: (id, text, similar) =>
    md`*${ref(id)}* erfasst: ${clip(text, LINE_TEXT_MAX)}\nEs kommt in die nächste monatliche Kundenproblem-Abstimmung.${
      similar
        ? md`\n:mag: Ein ähnliches Kundenproblem ist schon offen: *${ref(similar.id)}* ${clip(similar.text, LINE_TEXT_MAX)} (beide bleiben; die Abstimmung zeigt, was wichtiger ist).`
        : md``
    }`,
  modalTitle: 'Kundenproblem erfassen',
  modalSubmit: 'Erfassen',
  modalLabel: 'Womit kämpfen die Kunden?',
  modalHint:
    'Es kommt in die nächste monatliche Abstimmung, in der alle Abteilungen wählen, was als Nächstes angepackt wird.',
  modalSource: (source) =>
    source ? md`Aus ${source}.` : md`Aus einer Slack-Nachricht (es ließ sich kein Link darauf erstellen).`,

  pollTitle: (m) => `Kundenproblem-Abstimmung: ${monthNameDe(m)}`,
  pollHowTo: (max, closes) =>
    md`Welche Kundenprobleme sollen wir als Nächstes angehen? *Reagiere mit der Nummer* von bis zu ${painPointsDative(max)} (eine Stimme pro Kundenproblem; dieselbe Stimme in einem anderen Kanal zählt einmal). Entfernst du deine Reaktion, ist die Stimme weg. Abstimmung endet *${closes}*.`,
  pollOption: (emoji, id, text, dept) =>
    md`:${line(emoji)}: *${ref(id)}* ${clip(text, LINE_TEXT_MAX)}${deptSuffix(dept)}`,
  pollFooter: md`Neue Kundenprobleme kannst du jederzeit mit \`/cx pain &lt;text&gt;\` oder dem Nachrichten-Shortcut *Log as pain point* erfassen; sie kommen in die nächste Abstimmung.`,
  pollFallback: (m, n, max, closes) =>
    md`Kundenproblem-Abstimmung ${month(m)}: reagiere mit den Nummern von bis zu ${max} von ${painPointsDative(n)}; endet ${closes}.`,
  inviteTitle: (m) => `Kundenproblem-Abstimmung: ${monthNameDe(m)}`,
  invite: (m) =>
    md`Für die Abstimmung ${month(m)} ist kein Kundenproblem offen. Womit kämpfen Kunden? Erfasse es mit \`/cx pain &lt;text&gt;\` oder mit dem Nachrichten-Shortcut *Log as pain point* an einer beliebigen Nachricht; ein Admin kann die Abstimmung dann mit \`/cx round open\` öffnen.`,

  overLimit: (id, max, votedFor) =>
    md`Deine Stimme für *${ref(id)}* wurde nicht gezählt: jede Person kann pro Abstimmung für höchstens ${painPoints(max)} stimmen, und du stimmst schon für ${list(votedFor.map(ref))}. Um umzuentscheiden, entferne deine Reaktion bei einem davon, dann entferne diese Reaktion und setz sie neu.`,

  resultsTitle: (m) => `Ergebnis der Kundenproblem-Abstimmung: ${monthNameDe(m)}`,
  resultsIntro: (n) =>
    md`${count(n, { one: '# Person hat', other: '# Personen haben' })} abgestimmt. Nach Stimmen geordnet; bei Gleichstand gewinnt das zuerst erfasste Kundenproblem (die kleinere P-Nummer).`,
  resultLine: (rank, id, text, n, dept, adoptedAs = null) =>
    md`*${rank}.* *${ref(id)}* ${clip(text, LINE_TEXT_MAX)} · *${votesOf(n)}*${deptSuffix(dept)}${
      adoptedAs === null ? md`` : md` · :white_check_mark: als *I-${adoptedAs}* übernommen`
    }`,
  noVotes: (m, carried) =>
    md`Keine Stimmen in der Kundenproblem-Abstimmung ${month(m)}: ${count(carried, {
      one: 'ihr einziges Kundenproblem geht',
      other: 'alle # Kundenprobleme gehen',
    })} in die nächste Abstimmung.`,
  resultsFooter: md`Nicht übernommene Kundenprobleme bleiben offen und gehen in den nächsten Monat. Die Stimmen nach Abteilung stehen im Thread.`,
  resultsFallback: (m, lines) =>
    md`Ergebnis der Kundenproblem-Abstimmung ${month(m)}: ${
      lines.length
        ? join(
            lines.map((l) => md`${l.rank}. ${ref(l.id)} (${l.votes})`),
            ', ',
          )
        : md`keine Kundenprobleme`
    }`,
  adoptButton: 'Als Initiative übernehmen',
  breakdownTitle: (m) => md`Stimmen nach Abteilung, ${month(m)}`,
  breakdownLine: (id, text, votes, byDept) =>
    md`*${ref(id)}* ${clip(text, 80)}: ${votesOf(votes)}${
      byDept.length
        ? md` (${join(
            byDept.map((d) => md`${deptLabel(d.dept) ?? line(d.dept)} ${d.votes}`),
            ' · ',
          )})`
        : md``
    }`,

  opened: (m, options, channels, closes) =>
    md`Abstimmung ${month(m)} mit ${painPointsDative(options)} in ${channelsLabel(channels)} geöffnet; sie endet ${closes}.`,
  closedFirst: (m) => md`Die Abstimmung ${month(m)} war noch offen und wurde daher zuerst geschlossen.`,
  exists: (m, status) =>
    status === 'open'
      ? md`Die Abstimmung ${month(m)} ist schon offen (eine Abstimmung pro Monat). \`/cx round status\` zeigt den Stand.`
      : md`Die Abstimmung ${month(m)} hat schon stattgefunden (eine pro Monat); die nächste öffnet nächsten Monat.`,
  empty: (m, channels) =>
    md`Es ist kein Kundenproblem offen, daher gibt es keine Abstimmung ${month(m)}; ${channelsLabel(channels)} ${channels.length > 1 ? md`wurden` : md`wurde`} eingeladen, welche zu erfassen. Öffne die Abstimmung, sobald es welche gibt.`,
  noChannels: md`Kein Abteilungskanal ist zugeordnet, also gibt es keinen Ort für die Abstimmung: ordne zuerst einen zu mit \`/cx setup channel &lt;dept&gt;\`.`,
  closed: (m, n, channels) =>
    md`Abstimmung ${month(m)} geschlossen (${votersOf(n)}); das Ergebnis geht an ${
      channels.length > 0 ? channelsLabel(channels) : md`keinen Kanal (keiner ist zugeordnet)`
    }.`,
  closedNoVotes: (m, carried, channels) =>
    md`Abstimmung ${month(m)} geschlossen: niemand hat abgestimmt, daher ${count(carried, {
      one: 'geht ihr einziges Kundenproblem',
      other: 'gehen alle # Kundenprobleme',
    })} in die nächste Abstimmung. ${
      channels.length > 0
        ? md`${channelsLabel(channels)} ${channels.length > 1 ? md`erfahren` : md`erfährt`} es in einer Zeile.`
        : md`Kein Kanal ist zugeordnet, dem man es sagen könnte.`
    }`,
  noneOpen: (last) =>
    last
      ? md`Keine Abstimmung ist offen. Die letzte (${month(last)}) ist geschlossen: \`/cx round status\` zeigt ihr Ergebnis.`
      : md`Keine Abstimmung ist offen, und es gab noch keine.`,
  statusOpen: (m, n, closes) =>
    md`*Aktueller Stand der Abstimmung ${month(m)}* (${votersSoFar(n)}, endet ${closes}):`,
  statusClosed: (m, n) =>
    md`*Ergebnis der Abstimmung ${month(m)}* (${votersOf(n)}). Gerade ist keine Abstimmung offen.`,
  statusNone: md`Es gab noch keine Kundenproblem-Abstimmung. Erfasse Kundenprobleme mit \`/cx pain &lt;text&gt;\`; die Abstimmung öffnet am ersten Montag des Monats.`,

  showFacts: (p) => {
    const where = deptLabel(p.dept);
    const status =
      p.status === 'adopted'
        ? md`übernommen${p.initiativeId ? md` als *I-${p.initiativeId}*` : md``}`
        : md`offen: es kommt in die nächste Abstimmung`;
    return md`Erfasst von ${mention(p.raisedBy)}${where ? md` in ${where}` : md``} am ${p.createdAt} · ${status}`;
  },
  showSource: (source) => md`Erfasst aus ${source}.`,
  showRoundsHeading: md`Abstimmungen`,
  showRound: (m, status, position, votes) =>
    status === 'open'
      ? md`${month(m)}: Option ${position} der offenen Abstimmung`
      : md`${month(m)}: ${votesOf(votes ?? 0)}`,
  showNoRounds: md`Noch in keiner Abstimmung.`,
  showHistoryLine: (at, actorId, kind, note) => {
    const via = kind === 'created' && note ? LOGGED_VIA[note] : undefined;
    return via
      ? md`${at} · ${mention(actorId)} · ${via}`
      : md`${at} · ${mention(actorId)} · ${historyKind(kind)}${note ? md`: ${line(note)}` : md``}`;
  },
  originalMessage: md`der ursprünglichen Nachricht`,
  nothingVisible: md`_(kein sichtbarer Text)_`,

  adopted: (initiativeId, painPointId) =>
    md`*I-${initiativeId}* ist aus *${ref(painPointId)}* übernommen, das damit aus der Abstimmung ausscheidet.`,
  alreadyAdopted: (painPointId, initiativeId) =>
    md`*${ref(painPointId)}* wurde schon übernommen${initiativeId ? md` als *I-${initiativeId}*` : md``}.`,
  adoptedMeanwhile: (painPointId, initiativeId, by) =>
    md`*${ref(painPointId)}* wurde gerade schon übernommen${initiativeId ? md` als *I-${initiativeId}*` : md``}${
      by ? md` von ${mention(by)}` : md``
    }, daher wurde keine zweite Initiative angelegt.`,
  notAPainPoint: md`Dieses Kundenproblem gibt es nicht mehr.`,
};
