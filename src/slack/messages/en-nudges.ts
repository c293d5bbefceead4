/**
 * The words of the scheduled nudges: reminder DMs, Monday department lists and the weekly digest.
 * Attached to the catalogue as `en.nudges`. Self-contained (no import of ./en.js, which imports this
 * file) so either module can be loaded first. User text goes through `safe()`.
 */
import type { StallReason } from '../../domain/reminder-plan.js';
import { neutraliseMentions, progressBar } from '../../domain/text.js';
import { type BindingKey, DEPARTMENT_NAMES, type Department, type Progress } from '../../domain/types.js';

const safe = neutraliseMentions;
const mention = (userId: string) => `<@${userId}>`;
const place = (key: BindingKey) => (key === 'hub' ? 'the hub' : DEPARTMENT_NAMES[key as Department]);
const plural = (n: number, one: string, many: string = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export interface NudgeLineAction {
  id: number;
  title: string;
  ownerId: string;
  dueDate: string | null;
  initiative: { id: number; title: string; tier: 'essential' | 'important' };
  reason: StallReason;
}

function reason(r: StallReason): string {
  switch (r.kind) {
    case 'blocked':
      return r.reason ? `blocked: ${safe(r.reason)}` : 'blocked';
    case 'overdue':
      return `due ${r.dueDate}, ${plural(r.daysLate, 'day')} late`;
    case 'idle':
      return `no update for ${plural(r.idleDays, 'day')}`;
  }
}

const star = (tier: 'essential' | 'important') => (tier === 'essential' ? ':star: ' : '');

/** `*A-12* Draft the FAQ · @owner · no update for 9 days` (owner left out in the owner's own DM). */
function actionLine(a: NudgeLineAction, withOwner: boolean): string {
  return `*A-${a.id}* ${safe(a.title)}${withOwner ? ` · ${mention(a.ownerId)}` : ''} · ${reason(a.reason)}`;
}

const initiativeRef = (i: { id: number; title: string; tier: 'essential' | 'important' }) =>
  `${star(i.tier)}I-${i.id} ${safe(i.title)}`;

const progressLine = (p: Progress) => `${progressBar(p.done, p.total)} (${p.done}/${p.total})`;

export const nudges = {
  reason,
  actionLine,

  reminder: {
    intro: (n: number) =>
      n === 1
        ? 'Good morning! One of your actions has stalled. A small next step keeps it moving:'
        : `Good morning! ${n} of your actions have stalled. A small next step keeps them moving:`,
    introEscalationsOnly: 'Good morning! Some work in initiatives you own has not moved for three weeks:',
    item: (a: NudgeLineAction) => `${actionLine(a, false)}\n_${initiativeRef(a.initiative)}_`,
    more: (n: number) => `…and ${n} more stalled. See them all with \`/cx mine\`.`,
    escalationHeading: (n: number) =>
      `:eyes: *Stalled for three weeks or more in initiatives you own* (${n}). A friendly word with the owner may help:`,
    escalationLine: (a: NudgeLineAction) => `${actionLine(a, true)} · _I-${a.initiative.id}_`,
    escalationMore: (n: number) => `…and ${n} more. See \`/cx list\`.`,
    footer:
      'Snooze quiets one action for 3 days. Away? `/cx away until YYYY-MM-DD` pauses all reminders until you are back.',
    fallback: (own: NudgeLineAction[], ownTotal: number, escalationTotal: number) =>
      [
        ownTotal > 0 ? `${plural(ownTotal, 'action')} of yours need a next step` : null,
        ...own.map((a) => `A-${a.id} ${safe(a.title)} (${reason(a.reason)})`),
        escalationTotal > 0
          ? `${plural(escalationTotal, 'action')} stalled 3+ weeks in initiatives you own`
          : null,
      ]
        .filter((s): s is string => s !== null)
        .join('\n'),
  },

  /** Shown in place of an action's buttons once someone has acted on it from the reminder. */
  outcome: {
    done: (userId: string) => `:white_check_mark: Done, marked by ${mention(userId)}. Nice work!`,
    snoozed: (userId: string, days: number) =>
      `:zzz: Snoozed for ${plural(days, 'day')} by ${mention(userId)}.`,
    updated: (userId: string) =>
      `:memo: Update recorded by ${mention(userId)}; the stall clock starts again.`,
  },

  stalledList: {
    heading: (dept: Department, n: number) =>
      `:hourglass: *Monday check-in for ${DEPARTMENT_NAMES[dept]}*: ${plural(n, 'action')} stalled. ` +
      'A quick `/cx update`, `/cx done` or `/cx block` keeps everyone in the picture.',
    line: (a: NudgeLineAction) => `${actionLine(a, true)} · _I-${a.initiative.id}_`,
    more: (n: number, dept: Department) => `…and ${n} more. See \`/cx list ${dept}\`.`,
    fallback: (dept: Department, n: number) =>
      `Monday check-in for ${DEPARTMENT_NAMES[dept]}: ${plural(n, 'action')} stalled.`,
  },

  digest: {
    title: (scope: BindingKey, week: string) => `Weekly progress · ${place(scope)} · ${week}`,
    range: (from: string, to: string) => `${from} to ${to}`,
    counts: (label: string, c: { done: number; created: number; stalled: number; blocked: number }) =>
      `*${label}*: :white_check_mark: ${c.done} done · :new: ${c.created} new · ` +
      `:hourglass: ${c.stalled} stalled · :no_entry: ${c.blocked} blocked`,
    ownLabel: (dept: Department) => DEPARTMENT_NAMES[dept],
    allLabel: 'Across the company',
    essentialsHeading: ':star: *Essentials*',
    essentialLine: (i: { id: number; title: string }, p: Progress) =>
      `*I-${i.id}* ${safe(i.title)}\n${progressLine(p)}`,
    threadHint:
      ':thread: Wins, stalled and blocked work, next week’s due dates and progress are in the thread.',
    fallback: (
      scope: BindingKey,
      week: string,
      c: { done: number; created: number; stalled: number; blocked: number },
    ) =>
      `Weekly progress for ${place(scope)}, ${week}: ${c.done} done, ${c.created} new, ${c.stalled} stalled, ${c.blocked} blocked. Details in the thread.`,
    heading: {
      wins: ':tada: *Wins of the week*',
      attention: ':hourglass: *Stalled and blocked*',
      due: ':calendar: *Due next week*',
      next_steps:
        ':compass: *No concrete next step yet.* Translate it: log an action with an owner and a due date.',
      no_metrics:
        ':straight_ruler: *How will we know?* These lack a customer or business metric for the 6–12-month test.',
      progress: ':bar_chart: *Progress by initiative*',
    },
    fallbackPart: {
      wins: 'Wins of the week',
      attention: 'Stalled and blocked',
      due: 'Due next week',
      next_steps: 'Initiatives without a concrete next step',
      no_metrics: 'Initiatives without both metrics',
      progress: 'Progress by initiative',
    },
    ownGroup: (dept: Department) => `_In ${DEPARTMENT_NAMES[dept]}_`,
    othersGroup: '_Across the company_',
    winGroup: (i: { id: number; title: string; tier: 'essential' | 'important' }, n: number) =>
      `*${initiativeRef(i)}*: ${plural(n, 'win')}`,
    winLine: (a: { id: number; title: string; ownerId: string }) =>
      `• *A-${a.id}* ${safe(a.title)} · ${mention(a.ownerId)}`,
    winsMore: (n: number) => `  …and ${n} more`,
    attentionLine: (a: NudgeLineAction) => `• ${actionLine(a, true)} · _I-${a.initiative.id}_`,
    dueLine: (a: NudgeLineAction) =>
      `• *A-${a.id}* ${safe(a.title)} · ${mention(a.ownerId)} · due ${a.dueDate ?? ''} · _I-${a.initiative.id}_`,
    nextStepLine: (i: { id: number; title: string; tier: 'essential' | 'important' }) =>
      `• ${star(i.tier)}*I-${i.id}* ${safe(i.title)} → \`/cx log I-${i.id} <next step> due:+7d\``,
    noMetricsLine: (i: { id: number; title: string; tier: 'essential' | 'important' }, missing: string[]) =>
      `• ${star(i.tier)}*I-${i.id}* ${safe(i.title)}: no ${missing.join(' or ')} metric → \`/cx metric I-${i.id} ${missing[0] ?? 'customer'} "<name>" <baseline> -> <target>\``,
    progressLine: (i: { id: number; title: string; tier: 'essential' | 'important' }, p: Progress) =>
      `${star(i.tier)}*I-${i.id}* ${safe(i.title)} ${progressLine(p)}`,
    more: (n: number, scope: BindingKey) =>
      `…and ${n} more. See \`/cx list${scope === 'hub' ? '' : ` ${scope}`}\`.`,
  },
};

export type Nudges = typeof nudges;
