/**
 * Every word CX Bridge says to people, in one place (English; other languages are siblings of this file).
 * Text a user typed goes through `safe()` before it is placed in mrkdwn, so it never pings anyone.
 */
import type { DomainError, ValueError } from '../../domain/errors.js';
import { neutraliseMentions, progressBar } from '../../domain/text.js';
import {
  type BindingKey,
  DEPARTMENT_NAMES,
  type Department,
  type Initiative,
  MAX_ESSENTIAL,
  type Metric,
  type MetricKind,
  type Tier,
} from '../../domain/types.js';
import { metrics } from './en-metrics.js';
import { nudges } from './en-nudges.js';
import { rounds } from './en-rounds.js';

export const safe = neutraliseMentions;
export const mention = (userId: string) => `<@${userId}>`;
export const iref = (id: number) => `I-${id}`;
export const aref = (id: number) => `A-${id}`;
export const deptName = (key: Department | BindingKey) =>
  key === 'hub' ? 'Hub' : DEPARTMENT_NAMES[key as Department];
export const bar = progressBar;

const DATE_FIELD = { due: 'due date', start: 'start date', until: '"away until" date' } as const;

function valueError(e: ValueError): string {
  switch (e.code) {
    case 'bad_ref':
      return e.expected
        ? `\`${safe(e.text)}\` is not a valid reference; expected \`${e.expected}-<number>\`, like \`${e.expected}-7\`.`
        : `\`${safe(e.text)}\` is not a valid reference; use \`I-<n>\`, \`A-<n>\` or \`P-<n>\`.`;
    case 'bad_date': {
      const what = DATE_FIELD[e.field];
      const range = e.latest ? `between ${e.earliest} and ${e.latest}` : `after ${e.earliest}`;
      switch (e.reason) {
        case 'format':
          return e.field === 'due'
            ? `\`${safe(e.text)}\` is not a ${what}: use \`YYYY-MM-DD\` or \`+Nd\` (e.g. \`+7d\`).`
            : `\`${safe(e.text)}\` is not a ${what}: use \`YYYY-MM-DD\`.`;
        case 'not_a_date':
          return `\`${safe(e.text)}\` is not a real calendar date.`;
        default:
          return `The ${what} \`${safe(e.text)}\` must lie ${range}.`;
      }
    }
    case 'unknown_dept':
      return `\`${safe(e.text)}\` is not a department; use ${e.allowHub ? 'marketing, sales, service, it or hub' : 'marketing, sales, service or it'}.`;
    case 'bad_number':
      return e.reason === 'range'
        ? `\`${safe(e.text)}\` must be a whole number from ${e.min} to ${e.max}.`
        : `\`${safe(e.text)}\` is not a number.`;
    case 'bad_user':
      return `\`${safe(e.text)}\` is not a Slack user: pick the person from the @-mention list so it becomes a mention.`;
  }
}

const USAGE_DETAIL: Record<string, string> = {
  missing_ref: 'A reference is missing.',
  missing_title: 'A title is missing.',
  missing_note: 'A note is missing.',
  missing_reason: 'Say why it is blocked.',
  missing_text: 'The text is missing.',
  missing_args: 'Something is missing.',
  missing_metric_name: 'The metric needs a name in quotes.',
  missing_arrow: 'Write baseline and target as `<baseline> -> <target>`.',
  extra_args: 'There is more than this command takes.',
  duplicate_option: 'An option is given twice.',
  conflicting_options: 'Two options contradict each other.',
  bad_option: 'An option is not one this command knows.',
  no_change: 'Baseline and target are equal: a metric needs a direction.',
  conflicting_units: 'Baseline and target carry different units.',
};

export const en = {
  /** Reminder DMs, Monday department lists and the weekly digest (./en-nudges.ts). */
  nudges,
  /** The monthly pain-point round: pain points, poll, votes, results (./en-rounds.ts). */
  rounds,
  genericFailure: 'Something went wrong on our side, and nothing was changed. Please try again in a moment.',
  duplicate: 'That request was already handled.',
  comingSoon: (name: string) =>
    `\`/cx ${name}\` is coming soon. For now: \`/cx help\` lists what works today.`,

  help: {
    title: 'CX Bridge: turn the CX strategy into next steps',
    intro:
      'Initiatives (`I-n`) are broken into concrete actions (`A-n`) with an owner and a due date. ' +
      `At most ${MAX_ESSENTIAL} initiatives are *essential* at once; they always come first.`,
    footer: 'References are case-insensitive (`a-7` works). Dates: `YYYY-MM-DD` or `+Nd`.',
  },

  usageHeading: (command: string) => `Usage of \`/cx ${command}\`:`,
  seeHelp: 'Type `/cx help` for every command.',

  error(e: DomainError): string {
    switch (e.code) {
      case 'unknown_subcommand':
        return `\`/cx ${safe(e.text)}\` is not a CX Bridge command.`;
      case 'usage':
        if (e.detail === 'invalid_value' && e.cause) return valueError(e.cause);
        if (e.detail === 'too_long') return `That is too long: at most ${e.max ?? ''} characters.`;
        return USAGE_DETAIL[e.detail] ?? 'That is not how this command is used.';
      case 'unknown_ref':
        return `There is no \`${safe(e.ref)}\`.`;
      case 'forbidden':
        return e.need === 'admin'
          ? 'Only CX Bridge admins can do that (workspace admins, or people listed in CX_ADMINS).'
          : `Only ${e.owners.map(mention).join(' or ')} or an admin can change that.`;
      case 'essential_limit':
        return (
          `At most ${e.max} initiatives can be essential at once, and ${e.current.map(iref).join(', ')} already are. ` +
          'Focus is the point: make one of them `important` first (`/cx important I-n`).'
        );
      case 'bad_transition':
        return e.from === 'done'
          ? `${aref(e.actionId)} is already done.`
          : e.from === 'dropped'
            ? `${aref(e.actionId)} was dropped and can't be changed.`
            : `${aref(e.actionId)} is ${e.from}; that can't be done now.`;
      case 'inactive_initiative':
        return `${iref(e.initiativeId)} is ${e.status}; it takes no new actions or changes.`;
      case 'no_metric':
        return metrics.noMetric(e.initiativeId, e.kind);
      case 'already_adopted':
        return rounds.adoptedMeanwhile(e.painPointId, e.initiativeId, e.by);
      default:
        return valueError(e);
    }
  },

  tier: (tier: Tier) => (tier === 'essential' ? 'essential' : 'important'),
  tierBadge: (tier: Tier) => (tier === 'essential' ? ':star: essential' : 'important'),

  initiativeCreated: (id: number, title: string, tier: Tier) =>
    `Created *${iref(id)}* ${safe(title)} (${tier}). Next: translate it into a concrete step with \`/cx log ${iref(id)} <what> due:+7d\`.`,
  actionLogged: (id: number, title: string, ownerId: string, initiativeId: number, due: string | null) =>
    `Logged *${aref(id)}* ${safe(title)} for ${mention(ownerId)} under ${iref(initiativeId)}${due ? `, due ${due}` : ' (no due date yet: add one so it counts as a concrete next step)'}.`,
  actionDone: (id: number, title: string, done: number, total: number, announced: string[]) =>
    `Done: *${aref(id)}* ${safe(title)}. ${progressBar(done, total)}` +
    (announced.length > 0
      ? ` The win goes to ${announced.map((k) => deptName(k as BindingKey)).join(', ')}.`
      : ' (No department channel is bound yet, so no win post: an admin can run `/cx setup channel <dept>`.)'),
  actionUpdated: (id: number) => `Progress on *${aref(id)}* recorded; its stall clock starts again.`,
  actionBlocked: (id: number, reason: string) => `*${aref(id)}* is marked blocked: ${safe(reason)}`,
  actionSnoozed: (id: number, days: number) => `Reminders for *${aref(id)}* are snoozed for ${days} day(s).`,
  awayOn: (until: string) => `Enjoy your time off. No reminders until ${until} (inclusive).`,
  awayOff: 'Welcome back: reminders are on again.',
  tierChanged: (id: number, tier: Tier, changed: boolean) =>
    changed ? `*${iref(id)}* is now ${tier}.` : `*${iref(id)}* was already ${tier}.`,
  metricSet: (
    id: number,
    kind: string,
    name: string,
    baseline: number,
    target: number,
    unit: string | null,
  ) =>
    `The ${kind} metric of *${iref(id)}* is ${safe(name)}: ${baseline}${unit ?? ''} → ${target}${unit ?? ''} (${target > baseline ? 'higher' : 'lower'} is better).`,

  mineEmpty: 'You have no open actions. :tada:',
  mineHeading: (n: number) => `Your open actions (${n}), soonest due first:`,
  listEmpty: (dept?: Department) =>
    dept
      ? `No active initiatives involve ${DEPARTMENT_NAMES[dept]}.`
      : 'No active initiatives yet. Start with `/cx new <title>`.',
  listHeading: (n: number, dept?: Department) =>
    `${n} active initiative(s)${dept ? ` involving ${DEPARTMENT_NAMES[dept]}` : ''}, essentials first:`,
  noNextStep: ':warning: no concrete next step: translate it, log an action with an owner and a due date',
  truncated: (n: number, hint: string) => `…and ${n} more. ${hint}`,

  actionLine: (id: number, title: string, status: string, due: string | null, ownerId: string) =>
    `*${aref(id)}* ${safe(title)} · ${mention(ownerId)}${due ? ` · due ${due}` : ''}${status === 'open' ? '' : ` · _${status}_`}`,
  historyHeading: 'History',
  listFilterHint: 'Filter with `/cx list <dept>`.',
  blockedBecause: (reason: string) => `Blocked: ${safe(reason)}`,
  initiativeFacts: (i: Initiative) =>
    `${i.tier === 'essential' ? ':star: essential' : 'important'} · ${i.status} · lead ${deptName(i.leadDept)} · with ${i.depts.map(deptName).join(', ')}\n` +
    `Owner ${mention(i.ownerId)} · started ${i.startDate}`,
  metricLine: (kind: MetricKind, m: Metric | null) => {
    const label = kind === 'customer' ? 'Customer metric' : 'Business metric';
    return m
      ? `${label}: ${safe(m.name)} ${m.baseline}${m.unit ?? ''} → ${m.target}${m.unit ?? ''}`
      : `${label}: _not set_ (how will we know it worked?)`;
  },
  historyLine: (at: string, actorId: string, kind: string, note: string | null) =>
    `${at} · ${mention(actorId)} · ${kind}${note ? `: ${safe(note)}` : ''}`,

  setupBound: (key: BindingKey, channelId: string) => `<#${channelId}> is now the ${deptName(key)} channel.`,
  setupPrivate:
    'This is a private channel: invite me with `/invite @cx-bridge`, or nothing can be posted here.',
  setupNotAChannel: 'Run `/cx setup channel <dept|hub>` inside the channel you want to bind, not in a DM.',
  setupShowHeading: 'Channel bindings',
  setupUnbound: 'not bound',
  schedulesHeading: 'Schedules',

  winTitle: ':tada: Progress win',
  win: (actorId: string, actionId: number, title: string, initiativeId: number, initiativeTitle: string) =>
    `${mention(actorId)} finished *${aref(actionId)}* ${safe(title)} for *${iref(initiativeId)}* ${safe(initiativeTitle)}.`,
  winFallback: (actionId: number, title: string, initiativeId: number) =>
    `Progress win: ${aref(actionId)} ${safe(title)} is done (${iref(initiativeId)}).`,

  deliveryProblem: (kind: string, target: string, error: string) =>
    `:warning: I could not post a ${kind} to ${target} (${error}). It is kept and will be delivered once the channel is fixed: invite me there, or bind another channel with \`/cx setup channel\`.`,

  modal: {
    newTitle: 'New initiative',
    logTitle: 'Log action',
    submit: 'Save',
    cancel: 'Cancel',
    title: 'Title',
    titleHint: 'What will change for customers, in a few words',
    lead: 'Lead department',
    with: 'Also involved',
    tier: 'Tier',
    owner: 'Owner',
    start: 'Start date',
    initiative: 'Initiative',
    actionTitle: 'Concrete next step',
    actionHint: 'e.g. "Draft the monthly feedback format"',
    due: 'Due date',
    dept: 'Department',
    required: 'Please fill this in.',
    tooLong: (max: number) => `At most ${max} characters, please.`,
    badDate: 'Pick a date between today and 5 years ahead (start dates: up to 5 years back, 1 year ahead).',
    unknownChoice: 'Pick one of the options.',
    updateTitle: 'Add update',
    note: 'What moved?',
    noInitiatives: 'There are no active initiatives yet: create one with `/cx new` first.',
  },
  button: { done: 'Done', update: 'Add update', snooze: 'Snooze' },
  metrics,
};

export type Messages = typeof en;
