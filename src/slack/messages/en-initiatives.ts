/**
 * The wording of an initiative's life (issue 11): closing it, overriding its verdict, announcing it, and
 * telling the people behind the pain point it came from. English; people's text goes through line()/lines().
 */
import type { CheckKind, Verdict } from '../../domain/metrics.js';
import { DEPARTMENT_NAMES, type Department } from '../../domain/types.js';
import { metrics } from './en-metrics.js';
import { nudges } from './en-nudges.js';
import { count, join, line, md, mention, num } from './mrkdwn.js';

const I = (id: number) => md`I-${id}`;
const A = (id: number) => md`A-${id}`;
const depts = (keys: readonly Department[]) =>
  join(
    keys.map((k) => line(DEPARTMENT_NAMES[k])),
    ', ',
  );
const OPEN_ACTIONS = { one: '# open action', other: '# open actions' };
const ACTIONS_DONE = { one: '# action done', other: '# actions done' };
const check = (kind: CheckKind) => metrics.checkName(kind);
const word = (v: Verdict) => metrics.verdictWord(v);

export const initiativesText = {
  // ---- /cx close -----------------------------------------------------------------------------------
  confirmHeading: (id: number, title: string, open: number) =>
    md`*${I(id)}* ${line(title)} still has ${count(open, OPEN_ACTIONS)}. Closing it drops ${count(open, { one: 'it', other: 'them' })} (no win is posted); nothing changes until you press the button.`,
  openActionLine: (
    id: number,
    title: string,
    ownerId: string,
    status: string,
    due: string | null,
    daysLate: number,
  ) =>
    md`• *${A(id)}* ${line(title)} · ${mention(ownerId)}${due ? md` · ${nudges.due(due, daysLate)}` : md``}${
      status === 'blocked' ? md` · _blocked_` : md``
    }`,
  moreOpen: (n: number) => md`…and ${num(n)} more.`,
  /** A button's plain text: count()'s forms hold no character it would escape. */
  closeAndDrop: (n: number) => `Close and drop ${count(n, OPEN_ACTIONS)}`,
  changedMeanwhile: md`The open actions changed since you were asked, so nothing was closed. Here is the list as it is now:`,
  closed: (id: number, done: number, dropped: number, channels: readonly Department[]) =>
    md`*${I(id)}* is closed: ${count(done, ACTIONS_DONE)}, ${dropped} dropped.${
      channels.length > 0 ? md` Posted in ${depts(channels)}.` : md``
    }`,
  alreadyClosed: (id: number, status: string) =>
    md`*${I(id)}* is already ${line(status)}; nothing was changed.`,
  badButton: md`That button no longer works; run \`/cx close\` again.`,

  // ---- the closing post ------------------------------------------------------------------------------
  closedPostTitle: (id: number, title: string) => md`:checkered_flag: *${I(id)} ${line(title)}* is closed`,
  closedBy: (userId: string) => md`Closed by ${mention(userId)}. Outcome:`,
  finalCounts: (done: number, dropped: number) => md`${count(done, ACTIONS_DONE)} · ${dropped} dropped`,
  closedFallback: (id: number, title: string, outcome: string) =>
    md`I-${id} ${line(title)} is closed: ${line(outcome)}`,
  droppedWithIt: md`Dropped with it:`,
  droppedLine: (id: number, title: string, ownerId: string) =>
    md`*A-${id}* ${line(title)} · ${mention(ownerId)}`,
  droppedMore: (n: number) => md`…and ${num(n)} more`,

  // ---- the announcement ------------------------------------------------------------------------------
  announcedTitle: (id: number, title: string) => md`:rocket: New initiative *${I(id)} ${line(title)}*`,
  announcedFacts: (lead: Department, all: readonly Department[], ownerId: string, tier: string) =>
    md`Led by ${line(DEPARTMENT_NAMES[lead])}${
      all.length > 1 ? md` with ${depts(all.filter((d) => d !== lead))}` : md``
    } · owner ${mention(ownerId)} · ${line(tier)}`,
  adoptedFrom: (painPointId: number, text: string) =>
    md`Adopted from pain point *P-${painPointId}*: ${line(text)}`,
  announcedHint: (id: number) => md`Log the first concrete step with \`/cx log I-${id} …\`.`,
  announcedFallback: (id: number, title: string) => md`New initiative I-${id} ${line(title)}`,

  // ---- /cx verdict -----------------------------------------------------------------------------------
  overridden: (
    id: number,
    kind: CheckKind,
    previous: Verdict,
    next: Verdict,
    channels: readonly Department[],
  ) =>
    md`The ${check(kind)} verdict of *${I(id)}* is now *${word(next)}* (was ${word(previous)}).${
      channels.length > 0 ? md` A correction was posted in ${depts(channels)}.` : md``
    }`,
  unchanged: (id: number, kind: CheckKind, v: Verdict) =>
    md`The ${check(kind)} verdict of *${I(id)}* is already *${word(v)}*; nothing was changed.`,
  noVerdict: (id: number) =>
    md`*${I(id)}* has no 6- or 12-month verdict yet, so there is nothing to override.`,
  correctionTitle: (id: number, title: string, kind: CheckKind) =>
    md`:pencil2: *Correction* — ${check(kind)} of *${I(id)} ${line(title)}*`,
  correctionLine: (previous: Verdict, next: Verdict, by: string) =>
    md`The verdict is *${word(next)}*, not ${word(previous)} (changed by ${mention(by)}). Reason:`,
  correctionFallback: (id: number, next: Verdict) => md`Correction: the verdict of I-${id} is ${word(next)}`,

  // ---- /cx show I-n: its actions -----------------------------------------------------------------------
  openHeading: (n: number) => md`*Open (${num(n)})*, soonest due first:`,
  finishedHeading: (done: number, dropped: number) =>
    md`*Finished* (${num(done)} done, ${num(dropped)} dropped), latest first:`,
  /** The same count in the text read aloud, which lists no finished actions after it. */
  finishedCount: (done: number, dropped: number) => md`Finished: ${num(done)} done, ${num(dropped)} dropped.`,
  /** The finished actions beyond the latest few, by reference only (`/cx show A-n` shows one). */
  earlierFinished: (ids: readonly number[], more: number) =>
    md`Earlier: ${join(
      ids.map((id) => A(id)),
      ', ',
    )}${more > 0 ? md` …and ${num(more)} more` : md``}`,

  // ---- DMs to the people behind a pain point ---------------------------------------------------------
  newsWhy: (role: 'raiser' | 'voter', painPointId: number, text: string) =>
    role === 'raiser'
      ? md`You raised pain point *P-${painPointId}* (${line(text)}).`
      : md`You voted for pain point *P-${painPointId}* (${line(text)}).`,
  newsClosed: (id: number, title: string, by: string) =>
    md`The initiative it became, *${I(id)} ${line(title)}*, was closed by ${mention(by)}. Outcome:`,
  newsVerdict: (id: number, title: string, kind: CheckKind, v: Verdict, by: string | null) =>
    md`The initiative it became, *${I(id)} ${line(title)}*, got its ${check(kind)} verdict: *${word(v)}*${
      by ? md` (set by ${mention(by)})` : md``
    }.`,
  /** What a phone shows: what became of the initiative, not only that there is news. */
  newsClosedFallback: (id: number, title: string, outcome: string) =>
    md`I-${id} ${line(title)}, which came from your pain point, is closed: ${line(outcome)}`,
  newsVerdictFallback: (id: number, title: string, kind: CheckKind, v: Verdict) =>
    md`I-${id} ${line(title)}, which came from your pain point, got its ${check(kind)} verdict: ${word(v)}`,
};
