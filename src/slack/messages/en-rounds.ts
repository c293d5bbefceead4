/**
 * The words of the monthly pain-point round: logging pain points, the poll, votes, results, status.
 * Attached to the catalogue as `en.rounds`. Self-contained (no import of ./en.js, which imports this file)
 * so either module can be loaded first. User text always goes through `line()` (./mrkdwn.ts) and is clipped
 * with `clip()` after escaping, so an entity is never cut in half.
 */
import { DEPARTMENT_NAMES, type Department } from '../../domain/types.js';
import {
  clip as clipMrkdwn,
  count,
  join,
  line,
  link,
  type Mrkdwn,
  md,
  mention,
  moment,
  monthOf,
} from './mrkdwn.js';

/** A person's text, neutralised and clipped: at most `max` characters as shown (an entity is never cut). */
const clip = (text: string, max: number) => clipMrkdwn(line(text), max);
const votesOf = (n: number) => count(n, { one: '# vote', other: '# votes' });
const votersOf = (n: number) => count(n, { one: '# voter', other: '# voters' });
const painPoints = (n: number) => count(n, { one: '# pain point', other: '# pain points' });
const list = (items: Mrkdwn[]) =>
  items.length <= 1 ? (items[0] ?? md``) : md`${join(items.slice(0, -1), ', ')} and ${items.at(-1) ?? md``}`;

const ref = (id: number) => md`P-${id}`;
export const pref = (id: number) => `P-${id}`;
const deptLabel = (dept: string | null) =>
  dept && dept in DEPARTMENT_NAMES ? line(DEPARTMENT_NAMES[dept as Department]) : null;
const channelsLabel = (keys: string[]) =>
  list(keys.map((k) => (k === 'hub' ? md`the hub` : (deptLabel(k) ?? line(k)))));
const month = (m: string) => line(monthName(m));

/** `March 2026` from `2026-03`. */
export const monthName = (month: string): string => monthOf(month, 'en');

/**
 * When the vote closes, in each reader's own time zone (Slack's date formatting; the fallback is written in
 * CX_TIMEZONE and names it).
 */
export const closingMoment = (at: Date | string, timeZone: string): Mrkdwn =>
  moment(typeof at === 'string' ? new Date(at) : at, timeZone);

/** A Slack permalink is a plain https URL; anything else is not made a link (it could smuggle markup). */
export const linkTo = (url: string | null, label: Mrkdwn): Mrkdwn | null => link(url, label);

/** How much of a pain point's text a poll or result line shows; `/cx show P-n` shows all of it. */
export const LINE_TEXT_MAX = 300;

const deptSuffix = (dept: string | null) => {
  const label = deptLabel(dept);
  return label ? md` · _${label}_` : md``;
};

/** How a pain point came in, as its history says it. */
const LOGGED_VIA: Record<string, Mrkdwn> = {
  command: md`logged with \`/cx pain\``,
  shortcut: md`logged from a message`,
  modal: md`logged in the pain point form`,
};

export const rounds = {
  // ---- logging -----------------------------------------------------------------------------------------
  logged: (id: number, text: string, similar: { id: number; text: string } | null) =>
    md`Logged *${ref(id)}*: ${clip(text, LINE_TEXT_MAX)}\nIt will be on the next monthly pain-point vote.${
      similar
        ? md`\n:mag: A similar pain point is already open: *${ref(similar.id)}* ${clip(similar.text, LINE_TEXT_MAX)} (both stay; the vote will show which matters more).`
        : md``
    }`,
  modalTitle: 'Log pain point',
  modalSubmit: 'Log it',
  modalLabel: 'What is the customer struggling with?',
  modalHint: 'It goes on the next monthly vote, where every department picks what to tackle next.',
  modalSource: (source: Mrkdwn | null) =>
    source ? md`From ${source}.` : md`From a Slack message (no link could be made to it).`,

  // ---- the poll ----------------------------------------------------------------------------------------
  pollTitle: (m: string) => `Pain-point vote: ${monthName(m)}`,
  pollHowTo: (max: number, closes: Mrkdwn) =>
    md`Which customer pain points should we tackle next? *React with the number* of up to ${painPoints(max)} (one vote per pain point; the same vote in another channel counts once). Removing your reaction removes your vote. Voting closes *${closes}*.`,
  pollOption: (emoji: string, id: number, text: string, dept: string | null) =>
    md`:${line(emoji)}: *${ref(id)}* ${clip(text, LINE_TEXT_MAX)}${deptSuffix(dept)}`,
  pollFooter: md`New pain points can be logged any time with \`/cx pain &lt;text&gt;\` or the message shortcut *Log as pain point*; they join the next vote.`,
  pollFallback: (m: string, n: number, max: number, closes: Mrkdwn) =>
    md`Pain-point vote for ${month(m)}: react with the numbers of up to ${max} of ${painPoints(n)}; closes ${closes}.`,
  inviteTitle: (m: string) => `Pain-point vote: ${monthName(m)}`,
  invite: (m: string) =>
    md`No pain points are open for the ${month(m)} vote. What do customers struggle with? Log it with \`/cx pain &lt;text&gt;\`, or use the message shortcut *Log as pain point* on any message; an admin can then open the vote with \`/cx round open\`.`,

  // ---- votes -------------------------------------------------------------------------------------------
  overLimit: (id: number, max: number, votedFor: number[]) =>
    md`Your vote for *${ref(id)}* was not counted: each person can vote for at most ${painPoints(max)} per round, and you already vote for ${list(votedFor.map(ref))}. To change your mind, remove your reaction from one of those, then remove and add this reaction again.`,

  // ---- results -----------------------------------------------------------------------------------------
  resultsTitle: (m: string) => `Pain-point vote results: ${monthName(m)}`,
  resultsIntro: (n: number) =>
    md`${count(n, { one: '# person', other: '# people' })} voted. Ranked by votes; a tie goes to the pain point raised first (the lower P-number).`,
  resultLine: (
    rank: number,
    id: number,
    text: string,
    n: number,
    dept: string | null,
    adoptedAs: number | null = null,
  ) =>
    md`*${rank}.* *${ref(id)}* ${clip(text, LINE_TEXT_MAX)} · *${votesOf(n)}*${deptSuffix(dept)}${
      adoptedAs === null ? md`` : md` · :white_check_mark: adopted as *I-${adoptedAs}*`
    }`,
  /** A round nobody voted in: this one line is all that is posted. */
  noVotes: (m: string, carried: number) =>
    md`No votes in the ${month(m)} pain-point vote: ${count(carried, {
      one: 'its # pain point carries',
      other: 'all # pain points carry',
    })} over to the next one.`,
  resultsFooter: md`Pain points that are not adopted stay open and carry over to next month. Votes by department are in the thread.`,
  resultsFallback: (m: string, lines: { rank: number; id: number; votes: number }[]) =>
    md`Pain-point vote results for ${month(m)}: ${
      lines.length
        ? join(
            lines.map((l) => md`${l.rank}. ${ref(l.id)} (${l.votes})`),
            ', ',
          )
        : md`no pain points`
    }`,
  adoptButton: 'Adopt as initiative',
  breakdownTitle: (m: string) => md`Votes by department, ${month(m)}`,
  breakdownLine: (id: number, text: string, votes: number, byDept: { dept: string; votes: number }[]) =>
    md`*${ref(id)}* ${clip(text, 80)}: ${votesOf(votes)}${
      byDept.length
        ? md` (${join(
            byDept.map((d) => md`${deptLabel(d.dept) ?? line(d.dept)} ${d.votes}`),
            ' · ',
          )})`
        : md``
    }`,

  // ---- commands ----------------------------------------------------------------------------------------
  opened: (m: string, options: number, channels: string[], closes: Mrkdwn) =>
    md`Opened the ${month(m)} vote with ${painPoints(options)} in ${channelsLabel(channels)}; it closes ${closes}.`,
  closedFirst: (m: string) => md`The ${month(m)} vote was still open, so it was closed first.`,
  exists: (m: string, status: 'open' | 'closed') =>
    status === 'open'
      ? md`The ${month(m)} vote is already open (one vote per month). \`/cx round status\` shows the standings.`
      : md`The ${month(m)} vote already took place (one vote per month); the next one opens next month.`,
  empty: (m: string, channels: string[]) =>
    md`No pain points are open, so there is no ${month(m)} vote; ${channelsLabel(channels)} got an invitation to log some. Open the vote once there are some.`,
  noChannels: md`No department channel is bound, so there is nowhere to hold the vote: bind one with \`/cx setup channel &lt;dept&gt;\` first.`,
  closed: (m: string, n: number, channels: string[]) =>
    md`Closed the ${month(m)} vote (${votersOf(n)}); the results go to ${
      channels.length > 0 ? channelsLabel(channels) : md`no channel (none is bound)`
    }.`,
  closedNoVotes: (m: string, carried: number, channels: string[]) =>
    md`Closed the ${month(m)} vote: nobody voted, so ${count(carried, {
      one: 'its # pain point carries',
      other: 'all # pain points carry',
    })} over to the next one. ${
      channels.length > 0
        ? md`${channelsLabel(channels)} are told in one line.`
        : md`No channel is bound to tell.`
    }`,
  noneOpen: (last: string | null) =>
    last
      ? md`No vote is open. The last one (${month(last)}) is closed: \`/cx round status\` shows its results.`
      : md`No vote is open, and none has run yet.`,
  statusOpen: (m: string, n: number, closes: Mrkdwn) =>
    md`*Live standings of the ${month(m)} vote* (${votersOf(n)} so far, closes ${closes}):`,
  statusClosed: (m: string, n: number) =>
    md`*Results of the ${month(m)} vote* (${votersOf(n)}). No vote is open now.`,
  statusNone: md`No pain-point vote has run yet. Log pain points with \`/cx pain &lt;text&gt;\`; the vote opens on the first Monday of the month.`,

  // ---- /cx show P-n ------------------------------------------------------------------------------------
  showFacts: (p: {
    raisedBy: string;
    dept: string | null;
    /** The moment it was raised (`moment()`): each reader sees their own day. */
    createdAt: Mrkdwn;
    status: 'open' | 'adopted';
    initiativeId: number | null;
  }) => {
    const where = deptLabel(p.dept);
    const status =
      p.status === 'adopted'
        ? md`adopted${p.initiativeId ? md` as *I-${p.initiativeId}*` : md``}`
        : md`open: it goes on the next vote`;
    return md`Raised by ${mention(p.raisedBy)}${where ? md` in ${where}` : md``} on ${p.createdAt} · ${status}`;
  },
  showSource: (source: Mrkdwn) => md`Logged from ${source}.`,
  showRoundsHeading: md`Votes`,
  showRound: (m: string, status: 'open' | 'closed', position: number, votes: number | null) =>
    status === 'open'
      ? md`${month(m)}: option ${position} on the open vote`
      : md`${month(m)}: ${votesOf(votes ?? 0)}`,
  showNoRounds: md`Not on a vote yet.`,
  /** One history entry of a pain point; `at` is a `moment()`, in the reader's zone. */
  showHistoryLine: (at: Mrkdwn, actorId: string, kind: string, note: string | null) => {
    // Its creation notes how it came in (`command`, `shortcut`, `modal`): said in words, not as the code.
    const via = kind === 'created' && note ? LOGGED_VIA[note] : undefined;
    return via
      ? md`${at} · ${mention(actorId)} · ${via}`
      : md`${at} · ${mention(actorId)} · ${line(kind)}${note ? md`: ${line(note)}` : md``}`;
  },
  originalMessage: md`the original message`,
  /** A text of nothing but line breaks and invisible characters (Slack refuses an empty section). */
  nothingVisible: md`_(no visible text)_`,

  // ---- adoption ----------------------------------------------------------------------------------------
  adopted: (initiativeId: number, painPointId: number) =>
    md`*I-${initiativeId}* is adopted from *${ref(painPointId)}*, which leaves the vote.`,
  alreadyAdopted: (painPointId: number, initiativeId: number | null) =>
    md`*${ref(painPointId)}* was already adopted${initiativeId ? md` as *I-${initiativeId}*` : md``}.`,
  adoptedMeanwhile: (painPointId: number, initiativeId: number | null, by: string | null) =>
    md`*${ref(painPointId)}* was already adopted${initiativeId ? md` as *I-${initiativeId}*` : md``}${
      by ? md` by ${mention(by)}` : md``
    } a moment ago, so no second initiative was created.`,
  notAPainPoint: md`That pain point no longer exists.`,
};

export type RoundMessages = typeof rounds;
