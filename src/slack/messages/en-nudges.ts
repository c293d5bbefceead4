/**
 * The words of the scheduled nudges: reminder DMs, Monday department lists and the weekly digest.
 * Attached to the catalogue as `en.nudges`. Self-contained (no import of ./en.js, which imports this
 * file) so either module can be loaded first. User text goes through `safe()`.
 */

import { DEFAULT_SNOOZE_DAYS } from '../../domain/actions.js';
import type { StallReason } from '../../domain/reminder-plan.js';
import type { PartOfDay } from '../../domain/reminders.js';
import { progressBar } from '../../domain/text.js';
import { type BindingKey, DEPARTMENT_NAMES, type Department, type Progress } from '../../domain/types.js';
import { count, join, line, listAnd, type Mrkdwn, md, mention, num } from './mrkdwn.js';

const place = (key: BindingKey) => line(key === 'hub' ? 'the hub' : DEPARTMENT_NAMES[key as Department]);
const deptLabel = (dept: Department) => line(DEPARTMENT_NAMES[dept]);
const DAYS = { one: '# day', other: '# days' };
const ACTIONS = { one: '# action', other: '# actions' };

/** `358 days late`: how late an overdue action is, wherever it is said. */
const lateBy = (daysLate: number) => count(daysLate, { one: '# day late', other: '# days late' });
/** Overdue reads the same everywhere: `due 2026-12-14, 358 days late`. */
const late = (dueDate: string, daysLate: number) => md`due ${line(dueDate)}, ${lateBy(daysLate)}`;

/**
 * Reminders only go out 09:30–17:30 in the reader's zone, so morning (before 12:00) or afternoon fits every
 * one; a DM queued before the hour was recorded gets the neutral "Hello!".
 */
const greeting = (when: PartOfDay | undefined) =>
  when === 'morning' ? md`Good morning!` : when === 'afternoon' ? md`Good afternoon!` : md`Hello!`;

export interface NudgeLineAction {
  id: number;
  title: string;
  ownerId: string;
  dueDate: string | null;
  initiative: { id: number; title: string; tier: 'essential' | 'important' };
  reason: StallReason;
  ownerLeft?: true;
}

/** The owner, and for someone who left, how to hand the action on: the reader can act, they cannot. */
const ownerOf = (a: NudgeLineAction) =>
  a.ownerLeft ? md`${mention(a.ownerId)} (has left: \`/cx assign A-${a.id} @someone\`)` : mention(a.ownerId);

function reason(r: StallReason): Mrkdwn {
  switch (r.kind) {
    case 'blocked': {
      const blocked = r.reason ? md`blocked: ${line(r.reason)}` : md`blocked`;
      return r.overdue ? md`${blocked} · ${late(r.overdue.dueDate, r.overdue.daysLate)}` : blocked;
    }
    case 'overdue':
      return late(r.dueDate, r.daysLate);
    case 'idle':
      return md`no update for ${count(r.idleDays, DAYS)}`;
  }
}

const star = (tier: 'essential' | 'important') => (tier === 'essential' ? md`:star: ` : md``);

/** `*A-12* Draft the FAQ · @owner · no update for 9 days` (owner left out in the owner's own DM). */
function actionLine(a: NudgeLineAction, withOwner: boolean): Mrkdwn {
  return md`*A-${a.id}* ${line(a.title)}${withOwner ? md` · ${ownerOf(a)}` : md``} · ${reason(a.reason)}`;
}

const initiativeRef = (i: { id: number; title: string; tier: 'essential' | 'important' }) =>
  md`${star(i.tier)}I-${i.id} ${line(i.title)}`;

const progressLine = (p: Progress) => md`${line(progressBar(p.done, p.total))} (${p.done}/${p.total})`;

type Counts = { done: number; created: number; stalled: number; blocked: number; dropped?: number };
type InitiativeRef = { id: number; title: string; tier: 'essential' | 'important' };

/** `due 2026-12-14`, or `due 2026-12-14, 3 days late` once it is overdue: every place says it the same way. */
const due = (dueDate: string, daysLate: number) =>
  daysLate > 0 ? late(dueDate, daysLate) : md`due ${line(dueDate)}`;

export const nudges = {
  reason,
  actionLine,
  due,
  lateBy,

  reminder: {
    intro: (n: number, when?: PartOfDay) =>
      md`${greeting(when)} ${count(n, {
        one: 'One of your actions has stalled. A small next step keeps it moving:',
        other: '# of your actions have stalled. A small next step keeps them moving:',
      })}`,
    /** A DM of escalations only: the greeting and the escalations' heading in one (said once, not twice). */
    introEscalationsOnly: (n: number, when?: PartOfDay) =>
      md`${greeting(when)} *Work in initiatives you own got no reply to three reminders* (${num(n)}). Its owner gets no more reminders; a friendly word may help:`,
    item: (a: NudgeLineAction) => md`${actionLine(a, false)}\n_${initiativeRef(a.initiative)}_`,
    more: (n: number) => md`…and ${num(n)} more stalled. See them all with \`/cx mine\`.`,
    escalationHeading: (n: number) =>
      md`:eyes: *No reply to three reminders, in initiatives you own* (${num(n)}). Its owner gets no more reminders; a friendly word may help. You hear about each one once:`,
    escalationLine: (a: NudgeLineAction) => md`${actionLine(a, true)} · _I-${a.initiative.id}_`,
    escalationMore: (n: number) => md`…and ${num(n)} more. See \`/cx list\`.`,
    escalationsFooter: md`You hear about each action once, in your working hours (09:30–17:30, Monday to Friday). Away? \`/cx away until YYYY-MM-DD\` pauses these too until you are back.`,
    footer: md`Reminders come in your working hours (09:30–17:30, Monday to Friday), at most three per action until something moves. Snooze quiets one action for ${count(DEFAULT_SNOOZE_DAYS, DAYS)}. Away? \`/cx away until YYYY-MM-DD\` pauses all reminders until you are back.`,
    fallback: (own: NudgeLineAction[], ownTotal: number, escalationTotal: number) =>
      join(
        [
          ...(ownTotal > 0
            ? [
                count(ownTotal, {
                  one: '# action of yours needs a next step',
                  other: '# actions of yours need a next step',
                }),
              ]
            : []),
          ...own.map((a) => md`A-${a.id} ${line(a.title)} (${reason(a.reason)})`),
          ...(escalationTotal > 0
            ? [md`${count(escalationTotal, ACTIONS)} in initiatives you own got no reply to three reminders`]
            : []),
        ],
        '\n',
      ),
  },

  /** Shown in place of an action's buttons once someone has acted on it from the reminder. */
  outcome: {
    done: (userId: string) => md`:white_check_mark: Done, marked by ${mention(userId)}. Nice work!`,
    snoozed: (userId: string, days: number) =>
      md`:zzz: Snoozed for ${count(days, DAYS)} by ${mention(userId)}.`,
    updated: (userId: string) =>
      md`:memo: Update recorded by ${mention(userId)}; the stall clock starts again.`,
  },

  stalledList: {
    heading: (dept: Department, n: number) =>
      md`:hourglass: *Monday check-in for ${deptLabel(dept)}*: ${count(n, ACTIONS)} stalled. A quick \`/cx update\`, \`/cx done\` or \`/cx block\` keeps everyone in the picture.`,
    line: (a: NudgeLineAction) => md`${actionLine(a, true)} · _I-${a.initiative.id}_`,
    more: (n: number, dept: Department) => md`…and ${num(n)} more. See \`/cx list ${line(dept)}\`.`,
    fallback: (dept: Department, n: number) =>
      md`Monday check-in for ${deptLabel(dept)}: ${count(n, ACTIONS)} stalled.`,
  },

  digest: {
    title: (scope: BindingKey, week: string) => `Weekly progress · ${place(scope)} · ${week}`,
    range: (from: string, to: string) => md`${line(from)} to ${line(to)}`,
    counts: (label: Mrkdwn, c: Counts) =>
      md`*${label}*: :white_check_mark: ${c.done} done · :new: ${c.created} new · :hourglass: ${c.stalled} stalled · :no_entry: ${c.blocked} blocked${
        c.dropped ? md` · :wastebasket: ${c.dropped} dropped` : md``
      }`,
    ownLabel: (dept: Department) => deptLabel(dept),
    allLabel: md`Across the company`,
    essentialsHeading: md`:star: *Essentials*`,
    essentialLine: (i: { id: number; title: string }, p: Progress) =>
      md`*I-${i.id}* ${line(i.title)}\n${progressLine(p)}`,
    threadHint: md`:thread: Wins, stalled and blocked work, next week’s due dates and progress are in the thread.`,
    /** The thread's parts with their totals, as the top post names them. */
    threadParts: (parts: Mrkdwn[]) => md`:thread: In the thread: ${listAnd(parts)}.`,
    threadPart: {
      wins: (n: number) => count(n, { one: '# win', other: '# wins' }),
      attention: (n: number) => md`${num(n)} stalled or blocked`,
      due: (n: number) => md`${num(n)} due next week`,
      next_steps: (n: number) =>
        count(n, { one: '# initiative without a next step', other: '# initiatives without a next step' }),
      decisions: (n: number) => md`*${count(n, { one: '# decision', other: '# decisions' })} due*`,
      no_metrics: (n: number) =>
        count(n, { one: '# initiative without both metrics', other: '# initiatives without both metrics' }),
      progress: (_n: number) => md`progress by initiative`,
    },
    fallback: (scope: BindingKey, week: string, c: Counts) =>
      md`Weekly progress for ${place(scope)}, ${line(week)}: ${c.done} done, ${c.created} new, ${c.stalled} stalled, ${c.blocked} blocked${
        c.dropped ? md`, ${c.dropped} dropped` : md``
      }. Details in the thread.`,
    heading: {
      wins: md`:tada: *Wins of the week*`,
      attention: md`:hourglass: *Stalled and blocked*`,
      due: md`:calendar: *Due next week*`,
      next_steps: md`:compass: *No concrete next step yet.* Translate it: log an action with an owner and a due date.`,
      decisions: md`:scales: *A decision is due.* The 12-month test is in: its owner recommits or closes the initiative.`,
      no_metrics: md`:straight_ruler: *How will we know?* These lack a customer or business metric for the 6–12-month test.`,
      progress: md`:bar_chart: *Progress by initiative*`,
    },
    fallbackPart: {
      wins: md`Wins of the week`,
      attention: md`Stalled and blocked`,
      due: md`Due next week`,
      next_steps: md`Initiatives without a concrete next step`,
      decisions: md`Initiatives waiting for a decision after their 12-month check`,
      no_metrics: md`Initiatives without both metrics`,
      progress: md`Progress by initiative`,
    },
    ownGroup: (dept: Department) => md`_In ${deptLabel(dept)}_`,
    othersGroup: md`_Across the company_`,
    winGroup: (i: InitiativeRef, n: number) =>
      md`*${initiativeRef(i)}*: ${count(n, { one: '# win', other: '# wins' })}`,
    winLine: (a: { id: number; title: string; ownerId: string }) =>
      md`• *A-${a.id}* ${line(a.title)} · ${mention(a.ownerId)}`,
    winsMore: (n: number) => md`  …and ${num(n)} more`,
    attentionLine: (a: NudgeLineAction) => md`• ${actionLine(a, true)} · _I-${a.initiative.id}_`,
    dueLine: (a: NudgeLineAction) =>
      md`• *A-${a.id}* ${line(a.title)} · ${ownerOf(a)} · due ${line(a.dueDate ?? '')} · _I-${a.initiative.id}_`,
    nextStepLine: (i: InitiativeRef) =>
      md`• ${star(i.tier)}*I-${i.id}* ${line(i.title)} → \`/cx log I-${i.id} &lt;next step&gt; due:+7d\``,
    decisionLine: (i: InitiativeRef & { ownerId: string; ownerLeft?: true }) =>
      md`• ${star(i.tier)}*I-${i.id}* ${line(i.title)} · ${
        i.ownerLeft
          ? md`${mention(i.ownerId)} (has left: an admin decides or hands it over)`
          : mention(i.ownerId)
      } → \`/cx show I-${i.id}\``,
    noMetricsLine: (i: InitiativeRef, missing: string[]) =>
      md`• ${star(i.tier)}*I-${i.id}* ${line(i.title)}: no ${line(missing.join(' or '))} metric → \`/cx metric I-${i.id} ${line(missing[0] ?? 'customer')} "&lt;name&gt;" &lt;baseline&gt; -&gt; &lt;target&gt;\``,
    progressLine: (i: InitiativeRef, p: Progress) =>
      md`${star(i.tier)}*I-${i.id}* ${line(i.title)} ${progressLine(p)}`,
    more: (n: number, scope: BindingKey) =>
      md`…and ${num(n)} more. See \`/cx list${scope === 'hub' ? md`` : md` ${line(scope)}`}\`.`,
  },
};

export type Nudges = typeof nudges;
