import type { DeliveryProblemPayload } from '../../domain/payloads/delivery.js';
import { progressBar, progressPercent } from '../../domain/text.js';
import {
  type BindingKey,
  DEPARTMENT_NAMES,
  type Department,
  type Initiative,
  type Metric,
  type MetricKind,
  type Tier,
} from '../../domain/types.js';
import { asks } from './en-asks.js';
import { errors } from './en-errors.js';
import { initiativesText } from './en-initiatives.js';
import { lifecycle } from './en-lifecycle.js';
import { menu } from './en-menu.js';
import { metrics } from './en-metrics.js';
import { nudges } from './en-nudges.js';
import { monthName, rounds } from './en-rounds.js';
import { actionRefs, channel, count, join, line, lines, type Mrkdwn, md, mention, num } from './mrkdwn.js';

export { line, lines, type Mrkdwn, md, mention };
/** A person's text within a line of ours (the name `safe` predates ./mrkdwn.ts). */
export const safe = line;
export const iref = (id: number) => `I-${id}`;
export const aref = (id: number) => `A-${id}`;
const I = (id: number) => md`I-${id}`;
/** How someone left: their account was deactivated, or Slack knows no such person any more. */
export type LeftHow = 'deactivated' | 'unknown';
const leftWords = (how: LeftHow) =>
  how === 'unknown' ? md`Slack no longer knows them` : md`their Slack account is deactivated`;
const A = (id: number) => md`A-${id}`;
export const deptName = (key: Department | BindingKey) =>
  key === 'hub' ? 'Hub' : DEPARTMENT_NAMES[key as Department];
const dept = (key: Department | BindingKey) => line(deptName(key));
export const bar = (done: number, total: number) => line(progressBar(done, total));
/** `▓▓▓▓░░░░░░ 40% (2/5)` */
export const progress = (p: { done: number; total: number }) =>
  md`${bar(p.done, p.total)} (${p.done}/${p.total})`;
/** `40% (2/5)`: the same without the bar, for text read aloud (a screen reader spells out each ▓). */
export const progressSpoken = (p: { done: number; total: number }) =>
  md`${progressPercent(p.done, p.total)}% (${p.done}/${p.total})`;

/** What a channel post is, for the admin told it could not be delivered. */
const POST_NAMES: Record<string, string> = {
  win: 'a progress win',
  digest: 'the weekly digest',
  digest_detail: 'a part of the weekly digest',
  stalled_list: 'the Monday list of stalled actions',
  poll: 'the pain-point poll',
  poll_reactions: 'the voting reactions of the pain-point poll',
  round_invite: 'the invitation to the pain-point round',
  round_results: 'the results of the pain-point round',
  round_results_update: 'an update of the pain-point round’s results',
  round_no_votes: 'the note that nobody voted in the pain-point round',
  round_breakdown: 'the department breakdown of the pain-point round',
  metric_verdict: 'a 6–12-month verdict',
  initiative_announced: 'the announcement of a new initiative',
  initiative_closed: 'the closing post of an initiative',
  verdict_correction: 'a verdict correction',
  request_posted: 'a request from another department',
  request_update: 'the answer to a request from another department',
  request_bump: 'a reminder of an unanswered request',
  request_escalation: 'an unanswered request passed on to the hub',
  digest_requests: 'the open requests of the weekly digest',
};

/** What a DM is, for the admin told it could not be sent. */
const DM_NAMES: Record<string, string> = {
  reminder: 'a reminder of their stalled actions',
  metric_check: 'the 6/12-month metric check of an initiative they own',
  metric_verdict_owner: 'a 6–12-month verdict of an initiative they own',
  pain_point_news: 'news of a pain point they raised or voted for',
  action_assigned: 'the news of an action given to them',
  action_unassigned: 'the news that an action of theirs went to someone else',
  initiative_handed_over: 'the news of an initiative handed over',
  action_blocked: 'the news of a blocked action',
  request_answered: 'the answer to their request',
  request_escalation: 'an unanswered request passed on to them',
};

export { actionRefs };

/**
 * Owner, due date and status of an action; an overdue one says how late, as the reminder does, and a
 * blocked one why, when `blockedReason` is given.
 */
function actionFacts(
  status: string,
  due: string | null,
  ownerId: string | null,
  daysLate: number,
  blockedReason?: string | null,
): Mrkdwn {
  const when = !due
    ? md``
    : daysLate > 0
      ? nudges.reason({ kind: 'overdue', dueDate: due, daysLate, idleDays: 0 })
      : md`due ${line(due)}`;
  const why = status === 'blocked' && blockedReason ? md`: ${line(blockedReason)}` : md``;
  // No owner (null): a list of the reader's own actions, where their name on every line says nothing.
  const who = ownerId === null ? [] : [mention(ownerId)];
  const state = status === 'open' ? [] : [md`_${line(status)}_${why}`];
  return join([...who, ...(when ? [when] : []), ...state], ' · ');
}

export const en = {
  /** Reminder DMs, Monday department lists and the weekly digest (./en-nudges.ts). */
  nudges,
  /** The monthly pain-point round: pain points, poll, votes, results (./en-rounds.ts). */
  rounds,
  genericFailure: md`Something went wrong on our side, and nothing was changed. Please try again in a moment.`,
  duplicate: md`That request was already handled.`,
  /** Help, usage and every error a command can answer (./en-errors.ts). */
  ...errors,
  /** Changing work after it was logged: due, assign, edit, unblock, drop, their DMs (./en-lifecycle.ts). */
  lifecycle,
  /** Closing, announcing and correcting initiatives (./en-initiatives.ts). */
  initiatives: initiativesText,
  /** An action's menu and its modals (./en-menu.ts). */
  menu,
  /** Requests across departments (./en-asks.ts). */
  asks,
  /** `March 2026` from `2026-03`. */
  monthName,
  /** A department's (or the hub's) name as people read it. */
  deptName: (key: Department | BindingKey): string => deptName(key),
  /** A job's schedule in words for `/cx setup show` (the job's own `when` is English). */
  jobWhen: (_job: string, when: string): string => when,
  /** A plain-text language name, for `/cx lang`. */
  languageName: (lang: 'en' | 'de'): string => (lang === 'de' ? 'German' : 'English'),
  /** `/cx lang de`: said in the language just chosen. */
  langSet: (lang: 'en' | 'de', auto: boolean) =>
    auto
      ? md`Your language follows Slack's again (or, without one I know, the workspace's): ${line(lang === 'de' ? 'German' : 'English')}. Channel posts stay in the workspace's language.`
      : md`From now on I write to you in ${line(lang === 'de' ? 'German' : 'English')}: replies, forms, DMs and your App Home. Channel posts stay in the workspace's language. \`/cx lang auto\` follows Slack's language again.`,
  /** `/cx lang` alone. */
  langShow: (lang: 'en' | 'de', auto: boolean) =>
    md`I write to you in ${line(lang === 'de' ? 'German' : 'English')}${auto ? md` (Slack's language for you, or the workspace's)` : md` (your choice)`}. Change it with \`/cx lang en\`, \`/cx lang de\` or \`/cx lang auto\`.`,

  tier: (tier: Tier): string => (tier === 'essential' ? 'essential' : 'important'),
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
  actionSnoozed: (id: number, days: number) =>
    md`Reminders for *${A(id)}* are snoozed for ${count(days, { one: '# day', other: '# days' })}.`,
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
  mineHeading: (n: number) => md`Your open actions (${num(n)}), soonest due first:`,
  listEmpty: (d?: Department) =>
    d
      ? md`No active initiatives involve ${dept(d)}.`
      : md`No active initiatives yet. Start with \`/cx new &lt;title&gt;\`.`,
  listHeading: (n: number, d?: Department) =>
    md`${count(n, { one: '# active initiative', other: '# active initiatives' })}${d ? md` involving ${dept(d)}` : md``}, essentials first:`,
  noNextStep: md`:warning: no concrete next step: translate it, log an action with an owner and a due date`,
  /** One initiative of `/cx list` as read aloud: `I-3 Title · essential · 40% (2/5) · no concrete next step`. */
  listLineSpoken: (
    ref: string,
    title: string,
    essential: boolean,
    p: { done: number; total: number },
    next: boolean,
  ) =>
    md`${line(ref)} ${line(title)}${essential ? md` · essential` : md``} · ${progressSpoken(p)}${next ? md`` : md` · no concrete next step`}`,
  truncated: (n: number, hint: Mrkdwn) => md`…and ${num(n)} more. ${hint}`,

  /** `*A-7* Title · @owner · due 2026-03-10` — late: the reminder's own words, `due …, 3 days late`. */
  actionLine: (
    id: number,
    title: string,
    status: string,
    due: string | null,
    ownerId: string | null,
    daysLate = 0,
    blockedReason: string | null = null,
  ) => {
    const facts = actionFacts(status, due, ownerId, daysLate, blockedReason);
    return facts ? md`*${A(id)}* ${line(title)} · ${facts}` : md`*${A(id)}* ${line(title)}`;
  },
  /** `I-3 Faster answers` (or `A-7 …`), a reference followed by a person's title. */
  refTitle: (ref: string, title: string) => md`${line(ref)} ${line(title)}`,
  historyHeading: md`History`,
  listFilterHint: md`Filter with \`/cx list &lt;dept&gt;\`.`,
  blockedBecause: (reason: string) => md`Blocked: ${line(reason)}`,
  /** `/cx show I-n` of an active initiative whose owner left. */
  initiativeOwnerLeft: (ownerId: string, how: LeftHow) =>
    md`:warning: ${mention(ownerId)} has left (${leftWords(how)}): its checks and escalations reach nobody. An admin can give it a new owner with *Hand over*.`,
  /** `/cx show A-n` of an open action whose owner left. */
  ownerLeft: (ownerId: string, actionId: number, how: LeftHow) =>
    md`:warning: ${mention(ownerId)} has left (${leftWords(how)}): hand it on with \`/cx assign A-${actionId} @someone\`.`,
  initiativeFacts: (i: Initiative) =>
    md`${i.tier === 'essential' ? md`:star: essential` : md`important`} · ${line(i.status)} · lead ${dept(i.leadDept)} · with ${join(i.depts.map(dept), ', ')}\nOwner ${mention(i.ownerId)} · started ${line(i.startDate)}`,
  metricLine: (kind: MetricKind, m: Metric | null) => {
    const label = kind === 'customer' ? md`Customer metric` : md`Business metric`;
    return m
      ? md`${label}: ${line(m.name)} ${m.baseline}${line(m.unit ?? '')} → ${m.target}${line(m.unit ?? '')}`
      : md`${label}: _not set_`; // the warning under it asks how we will know, with the command
  },
  /** A history entry: `when` is a moment() (the reader's own time zone). */
  historyEntry: (when: Mrkdwn, actorId: string, kind: string, note: string | null) =>
    md`${when} · ${mention(actorId)} · ${line(kind)}${note ? md`: ${line(note)}` : md``}`,

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
  /** A burst of wins to one channel, merged into one post by the outbox (two or more). */
  winsTitle: (n: number) => md`:tada: ${count(n, { one: '# progress win', other: '# progress wins' })}`,
  winsFallback: (n: number, actionIds: readonly number[]) =>
    md`${count(n, { one: '# progress win', other: '# progress wins' })}: ${join(actionIds.map(A), ', ')}.`,

  /** A DM Slack would not take; `person.deactivated`: they left, so their open actions need a new owner. */
  dmProblem: (kind: string, person: NonNullable<DeliveryProblemPayload['person']>, error: string) => {
    const what = line(DM_NAMES[kind] ?? 'a message');
    if (!person.deactivated)
      return md`:warning: I could not send ${mention(person.id)} ${what} (${line(error)}). It is tried again later; if this keeps coming, check that they can receive messages from CX Bridge.`;
    const refs = actionRefs(person.openActions, person.moreActions, 'and', (n) => md`${num(n)} more`);
    const own =
      person.openActions.length > 0
        ? md` They still own ${refs}: give each to someone else with \`/cx assign A-n @someone\`.`
        : md``;
    const i = person.initiativeId;
    const check = i
      ? md` They own ${I(i)}: record its values yourself with \`/cx check ${I(i)} customer=&lt;value&gt; business=&lt;value&gt;\`, and give it a new owner with *Hand over* in \`/cx show ${I(i)}\`.`
      : md``;
    const d = person.decideInitiativeId;
    const decide = d
      ? md` The verdict of ${I(d)} waits for their decision: recommit or close it yourself in \`/cx show ${I(d)}\`, or give it a new owner with *Hand over* there.`
      : md``;
    const gone = leftWords(person.unknown ? 'unknown' : 'deactivated');
    return md`:warning: I could not send ${mention(person.id)} ${what}: ${gone}.${own}${check}${decide}`;
  },
  /** To each admin, once per post held back: `kind` is the outbox's (a code), named here in words. */
  deliveryProblem: (kind: string, target: string, error: string) =>
    md`:warning: I could not post ${line(POST_NAMES[kind] ?? 'a message')} to ${line(target)} (${line(error)}). It is kept and will be delivered once the channel is fixed: invite me there, or bind another channel with \`/cx setup channel\`.`,

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
    /** The inline error of a due date (Log action); `badStart` is the New initiative's start date. */
    badDate: 'Pick a due date between today and 5 years ahead.',
    badStart: 'Pick a start date between 5 years ago and 1 year ahead.',
    unknownChoice: 'Pick one of the options.',
    updateTitle: 'Add update',
    note: 'What moved?',
    noInitiatives: md`There are no active initiatives yet: create one with \`/cx new\` first.`,
  },
  button: { done: 'Done', update: 'Add update', snooze: 'Snooze' },
  metrics,
};

export type Messages = typeof en;
