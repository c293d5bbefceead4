/**
 * The words of the monthly pain-point round: logging pain points, the poll, votes, results, status.
 * Attached to the catalogue as `en.rounds`. Self-contained (no import of ./en.js, which imports this file)
 * so either module can be loaded first. User text always goes through `safe()` and is clipped with `clip()`
 * after escaping, so an entity is never cut in half.
 */
import { neutraliseMentions, truncate } from '../../domain/text.js';
import { DEPARTMENT_NAMES, type Department } from '../../domain/types.js';

const safe = neutraliseMentions;
const mention = (userId: string) => `<@${userId}>`;
/** Escaped and clipped: at most `max` characters as shown. */
const clip = (text: string, max: number) => truncate(safe(text), max);
const plural = (n: number, one: string, many: string = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const list = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

export const pref = (id: number) => `P-${id}`;
const deptLabel = (dept: string | null) =>
  dept && dept in DEPARTMENT_NAMES ? DEPARTMENT_NAMES[dept as Department] : null;
const channelsLabel = (keys: string[]) =>
  list(keys.map((k) => (k === 'hub' ? 'the hub' : (deptLabel(k) ?? k))));

/** `March 2026` from `2026-03`. */
export function monthName(month: string): string {
  const [year = '', m = '1'] = month.split('-');
  const name = new Date(Date.UTC(2000, Number(m) - 1, 1)).toLocaleString('en-GB', {
    month: 'long',
    timeZone: 'UTC',
  });
  return `${name} ${year}`;
}

/** `Sat 7 Mar, 10:00 (Europe/Berlin)`: when the vote closes, where the team is. */
export function closingLabel(iso: string, timeZone: string): string {
  const when = new Date(iso).toLocaleString('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  return `${when} (${timeZone})`;
}

/** A Slack permalink is a plain https URL; anything else is not made a link (it could smuggle markup). */
export function linkTo(url: string | null, label: string): string | null {
  return url && /^https?:\/\/[^\s|<>]+$/.test(url) ? `<${url}|${label}>` : null;
}

/** How much of a pain point's text a poll or result line shows; `/cx show P-n` shows all of it. */
export const LINE_TEXT_MAX = 300;

export const rounds = {
  // ---- logging -----------------------------------------------------------------------------------------
  logged: (id: number, text: string, similar: { id: number; text: string } | null) =>
    `Logged *${pref(id)}*: ${clip(text, LINE_TEXT_MAX)}\nIt will be on the next monthly pain-point vote.` +
    (similar
      ? `\n:mag: A similar pain point is already open: *${pref(similar.id)}* ${clip(similar.text, LINE_TEXT_MAX)} ` +
        '(both stay; the vote will show which matters more).'
      : ''),
  modalTitle: 'Log pain point',
  modalSubmit: 'Log it',
  modalLabel: 'What is the customer struggling with?',
  modalHint: 'It goes on the next monthly vote, where every department picks what to tackle next.',
  modalSource: (link: string | null) =>
    link ? `From ${link}.` : 'From a Slack message (no link could be made to it).',

  // ---- the poll ----------------------------------------------------------------------------------------
  pollTitle: (month: string) => `Pain-point vote: ${monthName(month)}`,
  pollHowTo: (max: number, closes: string) =>
    `Which customer pain points should we tackle next? *React with the number* of up to ${max} pain points ` +
    `(one vote per pain point; the same vote in another channel counts once). Removing your reaction removes ` +
    `your vote. Voting closes *${closes}*.`,
  pollOption: (emoji: string, id: number, text: string, dept: string | null) =>
    `:${emoji}: *${pref(id)}* ${clip(text, LINE_TEXT_MAX)}${deptLabel(dept) ? ` · _${deptLabel(dept)}_` : ''}`,
  pollFooter:
    'New pain points can be logged any time with `/cx pain <text>` or the message shortcut *Log as pain point*; ' +
    'they join the next vote.',
  pollFallback: (month: string, n: number, closes: string) =>
    `Pain-point vote for ${monthName(month)}: react with the numbers of up to 3 of ${plural(n, 'pain point')}; closes ${closes}.`,
  inviteTitle: (month: string) => `Pain-point vote: ${monthName(month)}`,
  invite: (month: string) =>
    `No pain points are open for the ${monthName(month)} vote. What do customers struggle with? ` +
    'Log it with `/cx pain <text>`, or use the message shortcut *Log as pain point* on any message; ' +
    'an admin can then open the vote with `/cx round open`.',

  // ---- votes -------------------------------------------------------------------------------------------
  overLimit: (id: number, max: number, votedFor: number[]) =>
    `Your vote for *${pref(id)}* was not counted: each person can vote for at most ${max} pain points per ` +
    `round, and you already vote for ${list(votedFor.map(pref))}. To change your mind, remove your reaction ` +
    'from one of those, then remove and add this reaction again.',

  // ---- results -----------------------------------------------------------------------------------------
  resultsTitle: (month: string) => `Pain-point vote results: ${monthName(month)}`,
  resultsIntro: (voters: number) =>
    voters === 0
      ? 'Nobody voted this time. All pain points stay open for the next vote.'
      : `${plural(voters, 'person', 'people')} voted. Ranked by votes; a tie goes to the pain point raised first.`,
  resultLine: (rank: number, id: number, text: string, votes: number, dept: string | null) =>
    `*${rank}.* *${pref(id)}* ${clip(text, LINE_TEXT_MAX)} · *${plural(votes, 'vote')}*` +
    (deptLabel(dept) ? ` · _${deptLabel(dept)}_` : ''),
  resultsFooter:
    'Pain points that are not adopted stay open and carry over to next month. Votes by department are in the thread.',
  resultsFallback: (month: string, lines: { rank: number; id: number; votes: number }[]) =>
    `Pain-point vote results for ${monthName(month)}: ` +
    (lines.length ? lines.map((l) => `${l.rank}. ${pref(l.id)} (${l.votes})`).join(', ') : 'no pain points'),
  adoptButton: 'Adopt as initiative',
  breakdownTitle: (month: string) => `Votes by department, ${monthName(month)}`,
  breakdownLine: (id: number, text: string, votes: number, byDept: { dept: string; votes: number }[]) =>
    `*${pref(id)}* ${clip(text, 80)}: ${plural(votes, 'vote')}` +
    (byDept.length ? ` (${byDept.map((d) => `${deptLabel(d.dept) ?? d.dept} ${d.votes}`).join(' · ')})` : ''),

  // ---- commands ----------------------------------------------------------------------------------------
  opened: (month: string, options: number, channels: string[], closes: string) =>
    `Opened the ${monthName(month)} vote with ${plural(options, 'pain point')} in ${channelsLabel(channels)}; ` +
    `it closes ${closes}.`,
  closedFirst: (month: string) => `The ${monthName(month)} vote was still open, so it was closed first.`,
  exists: (month: string, status: 'open' | 'closed') =>
    status === 'open'
      ? `The ${monthName(month)} vote is already open (one vote per month). \`/cx round status\` shows the standings.`
      : `The ${monthName(month)} vote already took place (one vote per month); the next one opens next month.`,
  empty: (month: string, channels: string[]) =>
    `No pain points are open, so there is no ${monthName(month)} vote; ${channelsLabel(channels)} got an ` +
    'invitation to log some. Open the vote once there are some.',
  noChannels:
    'No department channel is bound, so there is nowhere to hold the vote: bind one with `/cx setup channel <dept>` first.',
  closed: (month: string, voters: number, channels: string[]) =>
    `Closed the ${monthName(month)} vote (${plural(voters, 'voter')}); the results go to ${channelsLabel(channels) || 'no channel (none is bound)'}.`,
  noneOpen: (last: string | null) =>
    last
      ? `No vote is open. The last one (${monthName(last)}) is closed: \`/cx round status\` shows its results.`
      : 'No vote is open, and none has run yet.',
  statusOpen: (month: string, voters: number, closes: string) =>
    `*Live standings of the ${monthName(month)} vote* (${plural(voters, 'voter')} so far, closes ${closes}):`,
  statusClosed: (month: string, voters: number) =>
    `*Results of the ${monthName(month)} vote* (${plural(voters, 'voter')}). No vote is open now.`,
  statusNone:
    'No pain-point vote has run yet. Log pain points with `/cx pain <text>`; the vote opens on the first Monday of the month.',

  // ---- /cx show P-n ------------------------------------------------------------------------------------
  showFacts: (p: {
    raisedBy: string;
    dept: string | null;
    createdAt: string;
    status: 'open' | 'adopted';
    initiativeId: number | null;
  }) =>
    `Raised by ${mention(p.raisedBy)}${deptLabel(p.dept) ? ` in ${deptLabel(p.dept)}` : ''} on ${p.createdAt} · ` +
    (p.status === 'adopted'
      ? `adopted${p.initiativeId ? ` as *I-${p.initiativeId}*` : ''}`
      : 'open: it goes on the next vote'),
  showSource: (link: string) => `Logged from ${link}.`,
  showRoundsHeading: 'Votes',
  showRound: (month: string, status: 'open' | 'closed', position: number, votes: number | null) =>
    status === 'open'
      ? `${monthName(month)}: option ${position} on the open vote`
      : `${monthName(month)}: ${plural(votes ?? 0, 'vote')}`,
  showNoRounds: 'Not on a vote yet.',
  originalMessage: 'the original message',

  // ---- adoption ----------------------------------------------------------------------------------------
  adopted: (initiativeId: number, painPointId: number) =>
    `*I-${initiativeId}* is adopted from *${pref(painPointId)}*, which leaves the vote.`,
  alreadyAdopted: (painPointId: number, initiativeId: number | null) =>
    `*${pref(painPointId)}* was already adopted${initiativeId ? ` as *I-${initiativeId}*` : ''}.`,
  adoptedMeanwhile: (painPointId: number, initiativeId: number | null, by: string | null) =>
    `*${pref(painPointId)}* was already adopted${initiativeId ? ` as *I-${initiativeId}*` : ''}` +
    `${by ? ` by <@${by}>` : ''} a moment ago, so no second initiative was created.`,
  notAPainPoint: 'That pain point no longer exists.',
};

export type RoundMessages = typeof rounds;
