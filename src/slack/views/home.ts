/**
 * The App Home tab. Slack allows 100 blocks in a home view however much data there is: each part gets a
 * share, and what does not fit is counted ("…and 480 more").
 */
import type { HomeView, KnownBlock } from '@slack/types';
import type { HomeData, HomeInitiative } from '../../app/home.js';
import type { InitiativeSummary } from '../../app/initiatives.js';
import { iref, progress } from '../messages/en.js';
import { deptName, lifecycle, monthName, msg } from '../messages/index.js';
import { join, line, type Mrkdwn, md, moment } from '../messages/mrkdwn.js';
import { actionButtons } from './action-buttons.js';
import { context, divider, header, LIMITS, linesToSections, section } from './blocks.js';
import { checkStatusLines, decideButtons } from './check.js';
import { actionLineOf } from './replies.js';
import { homeRequestBlocks } from './requests.js';

/** block_id of an action's buttons in the Home tab. */
export const homeButtonsBlockId = (actionId: number) => `home_act_${actionId}`;

/** Two blocks each (the line and its buttons). */
export const HOME_ACTIONS = 20;
/** Sections the viewer's initiatives may take (several initiatives share a section). */
const INITIATIVE_SECTIONS = 4;
/** Verdicts waiting for the viewer's recommit or close shown with their buttons (two blocks each). */
const HOME_DECISIONS = 3;

function actionBlocks(item: HomeData['actions'][number], today: HomeData['today']): KnownBlock[] {
  const { action, initiative } = item;
  return [
    section(
      md`${actionLineOf(action, today, true, true)}\n_${msg.refTitle(iref(initiative.id), initiative.title)}_`,
    ),
    actionButtons(action.id, homeButtonsBlockId(action.id)),
  ];
}

const progressLine = (s: InitiativeSummary) => progress(s.progress);
const depts = (s: InitiativeSummary) =>
  join(
    s.initiative.depts.map((d) => line(deptName(d))),
    ', ',
  );

function initiativeLine(s: HomeInitiative): Mrkdwn {
  const w = msg.metrics.home;
  const i = s.initiative;
  const star = i.tier === 'essential' ? md`:star: ` : md``;
  const lines = [
    md`${star}*I-${i.id}* ${line(i.title)} · ${depts(s)}`,
    progressLine(s),
    w.checkStatus(checkStatusLines(s.checks)),
  ];
  if (s.missingMetrics.length > 0) lines.push(w.noMetricsFlag(s.missingMetrics));
  if (!s.hasNextStep) lines.push(msg.noNextStep);
  return join(lines, '\n');
}

function mine(d: HomeData): KnownBlock[] {
  const w = msg.metrics.home;
  if (d.actions.length === 0) return [section(md`${w.myActions(0)}\n${w.noActions}`)];
  const shown = d.actions.slice(0, HOME_ACTIONS);
  const blocks: KnownBlock[] = [
    section(w.myActions(d.actions.length)),
    ...shown.flatMap((a) => actionBlocks(a, d.today)),
  ];
  if (d.actions.length > shown.length) blocks.push(context(w.moreActions(d.actions.length - shown.length)));
  return blocks;
}

/** What others changed in the viewer's work lately (history entries, old → new): one section, if any. */
function changes(d: HomeData): KnownBlock[] {
  if (!d.changes || d.changes.length === 0) return [];
  const lines = d.changes.map((h) =>
    lifecycle.changeLine(`${h.entity}-${h.entityId}`, moment(h.at, d.zone), h),
  );
  return [section(md`${lifecycle.changesHeading}\n${join(lines, '\n')}`)];
}

/** For an admin: the work of people who left, each with how to hand it on. */
function departed(d: HomeData): KnownBlock[] {
  if (!d.departed || d.departed.length === 0) return [];
  const w = msg.metrics.home;
  const lines = d.departed.map((p) => w.departedLine(p.userId, p.actionIds, p.moreActions, p.initiatives));
  if (d.departedMore) lines.push(w.departedMore(d.departedMore));
  const packed = linesToSections([w.departedHeading, ...lines], 2);
  return [divider(), ...packed.blocks];
}

function initiatives(d: HomeData): KnownBlock[] {
  const w = msg.metrics.home;
  if (d.initiatives.length === 0) return [section(md`${w.myInitiatives(0)}\n${w.noInitiatives}`)];
  const packed = linesToSections(d.initiatives.map(initiativeLine), INITIATIVE_SECTIONS);
  const blocks = [section(w.myInitiatives(d.initiatives.length)), ...packed.blocks];
  if (packed.omitted > 0) blocks.push(context(w.moreInitiatives(packed.omitted)));
  return blocks;
}

/**
 * The viewer's initiatives whose 12-month (or follow-up) verdict waits for them: the question and Recommit /
 * Close, so the owner decides where they already see that it waits. Rare (one per initiative a year at most).
 */
function decisions(d: HomeData): KnownBlock[] {
  const w = msg.metrics.home;
  const waiting = d.initiatives.flatMap((s) => {
    const check = s.checks.findLast((c) => c.awaitingDecision);
    return check ? [{ initiative: s.initiative, dueDate: check.dueDate }] : [];
  });
  const blocks = waiting
    .slice(0, HOME_DECISIONS)
    .flatMap(({ initiative: i, dueDate }) => [
      section(w.decide(i.id, i.title)),
      decideButtons(i.id, dueDate),
    ]);
  if (waiting.length > HOME_DECISIONS) blocks.push(context(w.moreDecisions(waiting.length - HOME_DECISIONS)));
  return blocks;
}

function team(d: HomeData): KnownBlock[] {
  const w = msg.metrics.home;
  const essentials =
    d.essentials.length === 0
      ? w.noEssentials
      : join(
          d.essentials.map(
            (s) => md`:star: *I-${s.initiative.id}* ${line(s.initiative.title)} · ${progressLine(s)}`,
          ),
          '\n',
        );
  // The pain-point round's slot: this month's standings (or results), when a round ran this month.
  const r = d.round;
  const round = r
    ? join(
        [
          w.roundHeading(monthName(r.month), r.open, r.voters),
          ...(r.lines.length === 0
            ? [w.roundEmpty]
            : r.lines.map((l) => msg.rounds.resultLine(l.rank, l.painPointId, l.text, l.votes, l.dept))),
          ...(r.total > r.lines.length ? [w.moreRound(r.total - r.lines.length)] : []),
        ],
        '\n',
      )
    : md`${w.round}\n${w.noRound}`;
  const wins =
    d.wins.length === 0
      ? w.noWins
      : join(
          d.wins.map((x) => w.win(x.action.id, x.action.title, x.action.ownerId, x.initiative.id, x.day)),
          '\n',
        );
  return [
    header(w.teamHeading),
    section(md`${w.essentials}\n${essentials}`),
    section(round),
    section(md`${w.wins}\n${wins}`),
  ];
}

/** The home view for `d.userId`; `notice` (the outcome of a button pressed in it) shows at the top. */
export function homeView(d: HomeData, notice?: Mrkdwn): HomeView {
  const w = msg.metrics.home;
  const top: KnownBlock[] = [
    header(w.title),
    context(notice ? w.notice(notice) : w.updated(moment(d.now, d.zone))),
  ];
  const blocks = [
    ...top,
    ...mine(d),
    ...changes(d),
    ...homeRequestBlocks(d.requests),
    ...departed(d),
    divider(),
    ...initiatives(d),
    ...decisions(d),
    divider(),
    ...team(d),
  ];
  // Shares are sized to fit; this only guards against a future part growing past Slack's limit.
  const fitted =
    blocks.length <= LIMITS.viewBlocks
      ? blocks
      : [...blocks.slice(0, LIMITS.viewBlocks - 1), context(w.cut(blocks.length - LIMITS.viewBlocks + 1))];
  return { type: 'home', blocks: fitted };
}
