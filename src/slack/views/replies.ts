import type { KnownBlock } from '@slack/types';
import type { ActionDetail, MyAction } from '../../app/actions.js';
import type { InitiativeDetail, InitiativeSummary } from '../../app/initiatives.js';
import type { MetricsPicture } from '../../app/metric-checks.js';
import type { DateContext } from '../../app/read.js';
import { daysLate, splitForPage } from '../../domain/actions.js';
import type { DomainError } from '../../domain/errors.js';
import {
  type Action,
  BINDING_KEYS,
  type BindingKey,
  type Department,
  type HistoryEntry,
  type LocalDate,
} from '../../domain/types.js';
import { aref, iref, progress, progressSpoken } from '../messages/en.js';
import { deptName, lifecycle, msg } from '../messages/index.js';
import { channel, join, line, type Mrkdwn, md, moment } from '../messages/mrkdwn.js';
import { SUBCOMMANDS, type SubcommandName } from '../parse/command/index.js';
import { actionButtons } from './action-buttons.js';
import { type BuiltMessage, context, divider, LIMITS, linesToSections, message, section } from './blocks.js';
import { metricBlocks } from './check.js';

/** Every reply to a command is a message body; the adapter sends it ephemerally unless it says otherwise. */
export const textReply = (text: Mrkdwn): BuiltMessage => message(text, [section(text)]);

function synopses(name?: SubcommandName): Mrkdwn[] {
  return SUBCOMMANDS.filter((c) => !name || c.name === name).flatMap((c) =>
    c.synopsis.map((s) => md`\`${line(s)}\``),
  );
}

/** One paragraph: what is wrong, then the correct usage of the command concerned. */
export function errorReply(error: DomainError, command?: SubcommandName): BuiltMessage {
  const reason = msg.error(error);
  const name = error.code === 'usage' ? error.command : command;
  const usage = name ? usageText(name) : msg.seeHelp;
  const text = md`${reason}\n${usage}`;
  return message(text, [section(text)]);
}

const usageText = (name: SubcommandName) => md`${msg.usageHeading(name)}\n${join(synopses(name), '\n')}`;

/**
 * One action in a list: `*A-7* Title · @owner · due 2026-03-10`, or `· due 2026-03-01, 3 days late` once it is
 * overdue. `why`: a blocked action says why (where no line of its own does). `own`: the reader's own actions
 * (`/cx mine`, the App Home), where their name on every line says nothing, so it is left out.
 */
export const actionLineOf = (a: Action, today: LocalDate, why = false, own = false): Mrkdwn =>
  msg.actionLine(
    a.id,
    a.title,
    a.status,
    a.dueDate,
    own ? null : a.ownerId,
    daysLate(a, today),
    why ? a.blockedReason : null,
  );

/** block_id of an action's buttons in `/cx mine` (the menu's listener knows the list from it). */
export const mineButtonsBlockId = (actionId: number) => `act_${actionId}`;

/**
 * `/cx mine`: each action with Done / Add update / Snooze and the menu; beyond what fits, a count.
 * `notice` (what the person just changed from the list) shows on top when the list is redrawn.
 */
export function mineReply(items: MyAction[], dates: DateContext, notice?: Mrkdwn): BuiltMessage {
  const top = notice ? [context(notice)] : [];
  if (items.length === 0) return message(msg.mineEmpty, [...top, section(msg.mineEmpty)]);
  const heading = msg.mineHeading(items.length);
  const blocks: KnownBlock[] = [...top, section(heading)];
  // Two blocks per action; keep room for the notice, the heading and the "…and N more" line.
  const fit = Math.min(items.length, Math.floor((LIMITS.messageBlocks - 3) / 2));
  const lines: Mrkdwn[] = [];
  for (const { action, initiative } of items.slice(0, fit)) {
    const lineOf = actionLineOf(action, dates.today, true, true);
    lines.push(lineOf);
    blocks.push(
      section(md`${lineOf}\n_${msg.refTitle(iref(initiative.id), initiative.title)}_`),
      actionButtons(action.id, mineButtonsBlockId(action.id)),
    );
  }
  const more = items.length > fit ? [msg.truncated(items.length - fit, md``)] : [];
  blocks.push(...more.map((m) => context(m)));
  // Read aloud instead of the blocks: the notice, then what is shown with how late or blocked each is (what
  // this list is for), and the count of the rest — not a list of hundreds.
  return message(join([...(notice ? [notice] : []), heading, ...lines, ...more], '\n'), blocks);
}

function summaryLine(s: InitiativeSummary): Mrkdwn {
  const i = s.initiative;
  const star = i.tier === 'essential' ? md`:star: ` : md``;
  const depts = join(
    i.depts.map((d) => line(deptName(d))),
    ', ',
  );
  const next = s.hasNextStep ? md`` : md`\n${msg.noNextStep}`;
  return md`${star}*I-${i.id}* ${line(i.title)} · ${depts}\n${progress(s.progress)}${next}`;
}

/**
 * How many initiatives the whole-company `/cx list` shows (essentials first); the rest are counted, with
 * how to see them: a department's list shows all of its own. A hundred initiatives made a 19 KB answer that
 * nobody reads to the end (issue 13).
 */
const LIST_PAGE = 20;

export function listReply(items: InitiativeSummary[], dept?: Department): BuiltMessage {
  if (items.length === 0) return textReply(msg.listEmpty(dept));
  const heading = msg.listHeading(items.length, dept);
  const page = dept ? items : items.slice(0, LIST_PAGE);
  const { blocks, omitted } = linesToSections(page.map(summaryLine), LIMITS.messageBlocks - 2);
  const more = omitted + items.length - page.length;
  const all = [section(heading), ...blocks];
  if (more > 0) all.push(context(msg.truncated(more, msg.listFilterHint)));
  // Read aloud instead of the blocks: what the stars, bars and warnings show, in words.
  const spoken = page.map((s) =>
    msg.listLineSpoken(
      iref(s.initiative.id),
      s.initiative.title,
      s.initiative.tier === 'essential',
      s.progress,
      s.hasNextStep,
    ),
  );
  return message(join([heading, ...spoken], '\n'), all);
}

/** History entries, each at its moment in the reader's own time zone (`zone`: the fallback's). */
function historyLines(entries: HistoryEntry[], zone: string): Mrkdwn[] {
  return entries.map((h) => {
    const at = moment(h.at, zone);
    // Changes of one value (due date, owner, title…) show old → new; the rest: kind and note.
    return lifecycle.historyLine(at, h) ?? msg.historyEntry(at, h.actorId, h.kind, h.note);
  });
}

/** How many finished actions `/cx show I-n` writes out in full, and how many more it names by reference. */
const FINISHED_IN_FULL = 5;
const FINISHED_BY_REF = 200;

/**
 * An initiative's actions: the open ones in full, soonest due first; of the finished ones the latest few in
 * full and the rest by reference. Every action written out made a year-old initiative's page 11 KB, most of
 * it finished work between the few lines its reader came for (issue 13).
 */
function initiativeActionBlocks(
  actions: readonly Action[],
  today: LocalDate,
): { blocks: KnownBlock[]; fallback: Mrkdwn[] } {
  const { open, finished } = splitForPage(actions);
  const blocks: KnownBlock[] = [];
  // Read aloud instead of the blocks (screen readers read a message's text): the open actions shown, by
  // reference and title, and how many finished; not the finished ones, which would double the answer.
  const fallback: Mrkdwn[] = [];
  if (open.length > 0) {
    const lines = [msg.initiatives.openHeading(open.length), ...open.map((a) => actionLineOf(a, today))];
    const acts = linesToSections(lines, 15);
    blocks.push(...acts.blocks);
    const shown = open.slice(0, lines.length - 1 - acts.omitted);
    fallback.push(
      msg.initiatives.openHeading(open.length),
      ...shown.map((a) => msg.refTitle(aref(a.id), a.title)),
    );
    if (acts.omitted > 0) {
      blocks.push(context(msg.truncated(acts.omitted, md``)));
      fallback.push(msg.truncated(acts.omitted, md``));
    }
  }
  if (finished.length > 0) {
    const done = finished.filter((a) => a.status === 'done').length;
    fallback.push(msg.initiatives.finishedCount(done, finished.length - done));
    const rest = finished.slice(FINISHED_IN_FULL).map((a) => a.id);
    rest.sort((a, b) => a - b);
    const lines = [
      msg.initiatives.finishedHeading(done, finished.length - done),
      ...finished.slice(0, FINISHED_IN_FULL).map((a) => actionLineOf(a, today)),
    ];
    if (rest.length > 0) {
      lines.push(
        msg.initiatives.earlierFinished(
          rest.slice(0, FINISHED_BY_REF),
          Math.max(0, rest.length - FINISHED_BY_REF),
        ),
      );
    }
    blocks.push(...linesToSections(lines, 3).blocks);
  }
  return { blocks, fallback };
}

/**
 * `/cx show I-n`; `metrics` adds the "how will we know?" flag, the metric trend and the 6/12-month checks.
 * The title is shown once, in mrkdwn (a header is plain text, where a typed mention would show raw).
 */
export function initiativeReply(
  d: InitiativeDetail,
  dates: DateContext,
  metrics?: MetricsPicture,
): BuiltMessage {
  const i = d.initiative;
  const next = d.hasNextStep ? md`` : md`\n${msg.noNextStep}`;
  const facts = d.ownerLeft
    ? md`${msg.initiativeFacts(i)}\n${msg.initiativeOwnerLeft(i.ownerId, d.ownerLeft)}`
    : msg.initiativeFacts(i);
  const blocks: KnownBlock[] = [
    section(md`*${msg.refTitle(iref(i.id), i.title)}*\n${facts}\n${progress(d.progress)}${next}`),
    context(msg.metricLine('customer', i.customerMetric), msg.metricLine('business', i.businessMetric)),
    ...(metrics ? metricBlocks(metrics, i.id) : []),
    divider(),
  ];
  const acts = initiativeActionBlocks(d.actions, dates.today);
  blocks.push(...acts.blocks);
  const hist = linesToSections(historyLines(d.history.slice(-50), dates.zone), 10);
  // No actions yet: one divider, not two around nothing.
  if (acts.blocks.length > 0) blocks.push(divider());
  blocks.push(section(md`*${msg.historyHeading}*`), ...hist.blocks);
  const spoken = md`${msg.refTitle(iref(i.id), i.title)}\n${facts}\n${progressSpoken(d.progress)}${next}`;
  return message(join([spoken, ...acts.fallback], '\n'), blocks);
}

/** block_id of the buttons in `/cx show A-n` (the menu's listener redraws the reply from it). */
export const showButtonsBlockId = (actionId: number) => `show_act_${actionId}`;

/**
 * `/cx show A-n`. `buttons`: the viewer may change this open action, so it carries Done / Add update /
 * Snooze and the menu; `notice` (a change just made from this reply) shows on top when it is redrawn.
 */
export function actionReply(
  d: ActionDetail,
  dates: DateContext,
  opts: { buttons?: boolean; notice?: Mrkdwn } = {},
): BuiltMessage {
  const a = d.action;
  // The title once (it was a header and again in the first line): in mrkdwn, so typed mentions render.
  const lines = [
    actionLineOf(a, dates.today),
    md`${msg.refTitle(iref(d.initiative.id), d.initiative.title)} · ${line(deptName(a.dept))}`,
  ];
  if (a.blockedReason && a.status === 'blocked') lines.push(msg.blockedBecause(a.blockedReason));
  if (d.ownerLeft) lines.push(msg.ownerLeft(a.ownerId, a.id, d.ownerLeft));
  const hist = linesToSections(historyLines(d.history.slice(-60), dates.zone), 20);
  // The text is what a screen reader reads (not the blocks): the notice and the facts, not only the title.
  const spoken = join([...(opts.notice ? [opts.notice] : []), ...lines], '\n');
  return message(spoken, [
    ...(opts.notice ? [context(opts.notice)] : []),
    section(join(lines, '\n')),
    ...(opts.buttons ? [actionButtons(a.id, showButtonsBlockId(a.id))] : []),
    divider(),
    section(md`*${msg.historyHeading}*`),
    ...hist.blocks,
  ]);
}

export interface ScheduleLine {
  job: string;
  schedule: string;
}

export function setupShowReply(
  bindings: { key: BindingKey; channelId: string }[],
  schedules: ScheduleLine[],
  timeZone: string,
): BuiltMessage {
  const lines = BINDING_KEYS.map((key) => {
    const b = bindings.find((x) => x.key === key);
    return md`${line(deptName(key))}: ${b ? channel(b.channelId) : md`_${msg.setupUnbound}_`}`;
  });
  const jobs = schedules.map((s) => md`\`${line(s.job)}\` ${line(s.schedule)}`);
  const text = md`*${msg.setupShowHeading}*\n${join(lines, '\n')}\n*${msg.schedulesHeading}* (${line(timeZone)})\n${join(jobs, '\n')}`;
  return message(text, [section(text)]);
}
