/**
 * Every word CX Bridge says to people, in one place (English; other languages are siblings of this file).
 * Whatever goes into mrkdwn is `Mrkdwn` (./mrkdwn.ts): text a user typed goes through `line()` or
 * `lines()` before it is placed there, so it never pings anyone nor starts a line of ours.
 */
import type { DomainError, ValueError } from '../../domain/errors.js';
import { progressBar } from '../../domain/text.js';
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
import { lifecycle } from './en-lifecycle.js';
import { metrics } from './en-metrics.js';
import { nudges } from './en-nudges.js';
import { rounds } from './en-rounds.js';
import { channel, join, line, lines, type Mrkdwn, md, mention } from './mrkdwn.js';

export { line, lines, type Mrkdwn, md, mention };
/** A person's text within a line of ours (the name `safe` predates ./mrkdwn.ts). */
export const safe = line;
export const iref = (id: number) => `I-${id}`;
export const aref = (id: number) => `A-${id}`;
const I = (id: number) => md`I-${id}`;
const A = (id: number) => md`A-${id}`;
export const deptName = (key: Department | BindingKey) =>
  key === 'hub' ? 'Hub' : DEPARTMENT_NAMES[key as Department];
const dept = (key: Department | BindingKey) => line(deptName(key));
export const bar = (done: number, total: number) => line(progressBar(done, total));
/** `▓▓▓▓░░░░░░ 40% (2/5)` */
export const progress = (p: { done: number; total: number }) =>
  md`${bar(p.done, p.total)} (${p.done}/${p.total})`;

const DATE_FIELD = { due: 'due date', start: 'start date', until: '"away until" date' } as const;
/** What the user typed, quoted back as code. */
const typed = (text: string) => md`\`${line(text)}\``;

function valueError(e: ValueError): Mrkdwn {
  switch (e.code) {
    case 'bad_ref':
      return e.expected
        ? md`${typed(e.text)} is not a valid reference; expected \`${line(e.expected)}-&lt;number&gt;\`, like \`${line(e.expected)}-7\`.`
        : md`${typed(e.text)} is not a valid reference; use \`I-&lt;n&gt;\`, \`A-&lt;n&gt;\` or \`P-&lt;n&gt;\`.`;
    case 'bad_date': {
      const what = line(DATE_FIELD[e.field]);
      const range = e.latest
        ? md`between ${line(e.earliest)} and ${line(e.latest)}`
        : md`after ${line(e.earliest)}`;
      switch (e.reason) {
        case 'format':
          return e.field === 'due'
            ? md`${typed(e.text)} is not a ${what}: use \`YYYY-MM-DD\` or \`+Nd\` (e.g. \`+7d\`).`
            : md`${typed(e.text)} is not a ${what}: use \`YYYY-MM-DD\`.`;
        case 'not_a_date':
          return md`${typed(e.text)} is not a real calendar date.`;
        default:
          return md`The ${what} ${typed(e.text)} must lie ${range}.`;
      }
    }
    case 'unknown_dept':
      return e.allowHub
        ? md`${typed(e.text)} is not a department; use marketing, sales, service, it or hub.`
        : md`${typed(e.text)} is not a department; use marketing, sales, service or it.`;
    case 'bad_number':
      return e.reason === 'range'
        ? md`${typed(e.text)} must be a whole number from ${e.min ?? md``} to ${e.max ?? md``}.`
        : md`${typed(e.text)} is not a number.`;
    case 'bad_user':
      return md`${typed(e.text)} is not a Slack user: pick the person from the @-mention list so it becomes a mention.`;
  }
}

const USAGE_DETAIL: Record<string, Mrkdwn> = {
  missing_ref: md`A reference is missing.`,
  missing_title: md`A title is missing.`,
  missing_note: md`A note is missing.`,
  missing_reason: md`Say why it is blocked.`,
  missing_text: md`The text is missing.`,
  missing_args: md`Something is missing.`,
  missing_metric_name: md`The metric needs a name in quotes.`,
  missing_arrow: md`Write baseline and target as \`&lt;baseline&gt; -&gt; &lt;target&gt;\`.`,
  extra_args: md`There is more than this command takes.`,
  duplicate_option: md`An option is given twice.`,
  conflicting_options: md`Two options contradict each other.`,
  bad_option: md`An option is not one this command knows.`,
  no_change: md`Baseline and target are equal: a metric needs a direction.`,
  conflicting_units: md`Baseline and target carry different units.`,
  bad_unit: md`A unit is a short label like \`%\`, \`pts\` or \`€\`, without mentions, markup or line breaks.`,
};

export const en = {
  /** Reminder DMs, Monday department lists and the weekly digest (./en-nudges.ts). */
  nudges,
  /** The monthly pain-point round: pain points, poll, votes, results (./en-rounds.ts). */
  rounds,
  genericFailure: md`Something went wrong on our side, and nothing was changed. Please try again in a moment.`,
  duplicate: md`That request was already handled.`,
  comingSoon: (name: string) =>
    md`\`/cx ${line(name)}\` is coming soon. For now: \`/cx help\` lists what works today.`,

  help: {
    title: 'CX Bridge: turn the CX strategy into next steps',
    intro: md`Initiatives (\`I-n\`) are broken into concrete actions (\`A-n\`) with an owner and a due date. At most ${MAX_ESSENTIAL} initiatives are *essential* at once; they always come first.`,
    footer: md`References are case-insensitive (\`a-7\` works). Dates: \`YYYY-MM-DD\` or \`+Nd\`.`,
  },

  usageHeading: (command: string) => md`Usage of \`/cx ${line(command)}\`:`,
  seeHelp: md`Type \`/cx help\` for every command.`,

  error(e: DomainError): Mrkdwn {
    switch (e.code) {
      case 'unknown_subcommand':
        return md`\`/cx ${line(e.text)}\` is not a CX Bridge command.`;
      case 'usage':
        if (e.detail === 'invalid_value' && e.cause) return valueError(e.cause);
        if (e.command === 'drop' && e.detail === 'missing_reason') return lifecycle.dropNeedsReason;
        if (e.detail === 'too_long') return md`That is too long: at most ${e.max ?? md``} characters.`;
        if (e.detail === 'bad_unit')
          return md`A unit is a short label after the numbers, like \`%\`, \`€\` or \`pts\`: at most ${e.max ?? md``} letters, digits or signs, without mentions, links or line breaks.`;
        return USAGE_DETAIL[e.detail] ?? md`That is not how this command is used.`;
      case 'unknown_ref':
        return md`There is no ${typed(e.ref)}.`;
      case 'forbidden':
        return e.need === 'admin'
          ? md`Only CX Bridge admins can do that (workspace admins, or people listed in CX_ADMINS).`
          : md`Only ${join(e.owners.map(mention), ' or ')} or an admin can change that.`;
      case 'essential_limit':
        return md`At most ${e.max} initiatives can be essential at once, and ${join(e.current.map(I), ', ')} already are. Focus is the point: make one of them \`important\` first (\`/cx important I-n\`).`;
      case 'bad_transition':
        return lifecycle.badTransition(e);
      case 'not_a_person':
        return lifecycle.notAPerson(e.userId);
      case 'inactive_initiative':
        return md`${I(e.initiativeId)} is ${line(e.status)}; it takes no new actions or changes.`;
      case 'no_metric':
        return metrics.noMetric(e.initiativeId, e.kind);
      case 'already_adopted':
        return rounds.adoptedMeanwhile(e.painPointId, e.initiativeId, e.by);
      default:
        return valueError(e);
    }
  },

  tier: (tier: Tier) => (tier === 'essential' ? 'essential' : 'important'),
  tierBadge: (tier: Tier) => (tier === 'essential' ? md`:star: essential` : md`important`),

  initiativeCreated: (id: number, title: string, tier: Tier) =>
    md`Created *${I(id)}* ${line(title)} (${line(tier)}). Next: translate it into a concrete step with \`/cx log ${I(id)} &lt;what&gt; due:+7d\`.`,
  actionLogged: (id: number, title: string, ownerId: string, initiativeId: number, due: string | null) =>
    md`Logged *${A(id)}* ${line(title)} for ${mention(ownerId)} under ${I(initiativeId)}${
      due ? md`, due ${line(due)}` : md` (no due date yet: add one so it counts as a concrete next step)`
    }.`,
  actionDone: (id: number, title: string, done: number, total: number, announced: string[]) =>
    md`Done: *${A(id)}* ${line(title)}. ${bar(done, total)}${
      announced.length > 0
        ? md` The win goes to ${join(
            announced.map((k) => dept(k as BindingKey)),
            ', ',
          )}.`
        : md` (No department channel is bound yet, so no win post: an admin can run \`/cx setup channel &lt;dept&gt;\`.)`
    }`,
  actionUpdated: (id: number) => md`Progress on *${A(id)}* recorded; its stall clock starts again.`,
  actionBlocked: (id: number, reason: string) => md`*${A(id)}* is marked blocked: ${line(reason)}`,
  actionSnoozed: (id: number, days: number) => md`Reminders for *${A(id)}* are snoozed for ${days} day(s).`,
  awayOn: (until: string) => md`Enjoy your time off. No reminders until ${line(until)} (inclusive).`,
  awayOff: md`Welcome back: reminders are on again.`,
  tierChanged: (id: number, tier: Tier, changed: boolean) =>
    changed ? md`*${I(id)}* is now ${line(tier)}.` : md`*${I(id)}* was already ${line(tier)}.`,
  metricSet: (
    id: number,
    kind: string,
    name: string,
    baseline: number,
    target: number,
    unit: string | null,
  ) =>
    md`The ${line(kind)} metric of *${I(id)}* is ${line(name)}: ${baseline}${line(unit ?? '')} → ${target}${line(unit ?? '')} (${target > baseline ? md`higher` : md`lower`} is better).`,

  mineEmpty: md`You have no open actions. :tada:`,
  mineHeading: (n: number) => md`Your open actions (${n}), soonest due first:`,
  listEmpty: (d?: Department) =>
    d
      ? md`No active initiatives involve ${dept(d)}.`
      : md`No active initiatives yet. Start with \`/cx new &lt;title&gt;\`.`,
  listHeading: (n: number, d?: Department) =>
    md`${n} active initiative(s)${d ? md` involving ${dept(d)}` : md``}, essentials first:`,
  noNextStep: md`:warning: no concrete next step: translate it, log an action with an owner and a due date`,
  truncated: (n: number, hint: Mrkdwn) => md`…and ${n} more. ${hint}`,

  actionLine: (id: number, title: string, status: string, due: string | null, ownerId: string) =>
    md`*${A(id)}* ${line(title)} · ${mention(ownerId)}${due ? md` · due ${line(due)}` : md``}${
      status === 'open' ? md`` : md` · _${line(status)}_`
    }`,
  /** `I-3 Faster answers` (or `A-7 …`), a reference followed by a person's title. */
  refTitle: (ref: string, title: string) => md`${line(ref)} ${line(title)}`,
  historyHeading: md`History`,
  listFilterHint: md`Filter with \`/cx list &lt;dept&gt;\`.`,
  blockedBecause: (reason: string) => md`Blocked: ${line(reason)}`,
  initiativeFacts: (i: Initiative) =>
    md`${i.tier === 'essential' ? md`:star: essential` : md`important`} · ${line(i.status)} · lead ${dept(i.leadDept)} · with ${join(i.depts.map(dept), ', ')}\nOwner ${mention(i.ownerId)} · started ${line(i.startDate)}`,
  metricLine: (kind: MetricKind, m: Metric | null) => {
    const label = kind === 'customer' ? md`Customer metric` : md`Business metric`;
    return m
      ? md`${label}: ${line(m.name)} ${m.baseline}${line(m.unit ?? '')} → ${m.target}${line(m.unit ?? '')}`
      : md`${label}: _not set_ (how will we know it worked?)`;
  },
  historyLine: (at: string, actorId: string, kind: string, note: string | null) =>
    md`${line(at)} · ${mention(actorId)} · ${line(kind)}${note ? md`: ${line(note)}` : md``}`,

  setupBound: (key: BindingKey, channelId: string) =>
    md`${channel(channelId)} is now the ${dept(key)} channel.`,
  setupPrivate: md`This is a private channel: invite me with \`/invite @cx-bridge\`, or nothing can be posted here.`,
  setupNotAChannel: md`Run \`/cx setup channel &lt;dept|hub&gt;\` inside the channel you want to bind, not in a DM.`,
  setupShowHeading: md`Channel bindings`,
  setupUnbound: md`not bound`,
  schedulesHeading: md`Schedules`,

  winTitle: md`:tada: Progress win`,
  win: (actorId: string, actionId: number, title: string, initiativeId: number, initiativeTitle: string) =>
    md`${mention(actorId)} finished *${A(actionId)}* ${line(title)} for *${I(initiativeId)}* ${line(initiativeTitle)}.`,
  winFallback: (actionId: number, title: string, initiativeId: number) =>
    md`Progress win: ${A(actionId)} ${line(title)} is done (${I(initiativeId)}).`,

  deliveryProblem: (kind: string, target: string, error: string) =>
    md`:warning: I could not post a ${line(kind)} to ${line(target)} (${line(error)}). It is kept and will be delivered once the channel is fixed: invite me there, or bind another channel with \`/cx setup channel\`.`,

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
    noInitiatives: md`There are no active initiatives yet: create one with \`/cx new\` first.`,
  },
  button: { done: 'Done', update: 'Add update', snooze: 'Snooze' },
  metrics,
};

export type Messages = typeof en;
