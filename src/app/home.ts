/**
 * The App Home: what the viewer has to do (their open actions, their initiatives and where each stands
 * in the 6–12-month test), then the team picture (the essential initiatives, this month's pain-point
 * round, recent wins). Reads only; the builder in slack/ decides what fits.
 */
import { openActionIdsByOwner } from '../db/repositories/actions-repo.js';
import { recentChangesFor } from '../db/repositories/history-repo.js';
import { recentlyDone } from '../db/repositories/home-repo.js';
import { departedUsers } from '../db/repositories/settings-repo.js';
import { DAY_MS, localDate } from '../domain/dates.js';
import { missingMetrics } from '../domain/metrics.js';
import type { ResultLine } from '../domain/payloads/rounds.js';
import type { Action, HistoryEntry, Initiative, LocalDate, MetricKind, UserId } from '../domain/types.js';
import { type MyAction, myOpenActions } from './actions.js';
import type { AppContext } from './context.js';
import { type InitiativeSummary, initiativesByIds, listInitiatives } from './initiatives.js';
import { type CheckStatus, checkStatuses } from './metric-checks.js';
import { type HomeRequests, homeRequests } from './requests-read.js';
import { roundStatus } from './rounds.js';

/** Wins shown: completed in the last two weeks, newest first. */
export const WIN_DAYS = 14;
export const MAX_WINS = 5;
/** Pain points shown from the round's standings. */
export const ROUND_LINES = 5;
/** Changes others made to the viewer's work shown: within the last two weeks, newest first. */
export const MAX_CHANGES = 5;
/** People who left shown to an admin, and each one's open actions named (the rest counted). */
export const MAX_DEPARTED = 10;
export const DEPARTED_ACTIONS_NAMED = 5;

/** Someone who left (deactivated, or unknown to Slack) and still owns work: what an admin should hand on. */
export interface DepartedWork {
  userId: UserId;
  actionIds: number[];
  moreActions: number;
  initiatives: { id: number; title: string }[];
}

export interface HomeInitiative extends InitiativeSummary {
  checks: CheckStatus[];
  /** "How will we know?": the metrics it still lacks. */
  missingMetrics: MetricKind[];
}

export interface HomeRound {
  month: string;
  open: boolean;
  voters: number;
  lines: ResultLine[];
  total: number;
}

export interface HomeWin {
  action: Action;
  initiative: Initiative;
  day: LocalDate;
}

export interface HomeData {
  userId: UserId;
  today: LocalDate;
  /** When the view was drawn, and CX_TIMEZONE (the fallback zone of moments: history, "Updated …"). */
  now: Date;
  zone: string;
  /** Every open or blocked action of the viewer, soonest due first (the builder shows what fits). */
  actions: MyAction[];
  /** Active initiatives the viewer owns, essentials first. */
  initiatives: HomeInitiative[];
  /** The active essential initiatives (at most 3). */
  essentials: InitiativeSummary[];
  /** This month's pain-point round (live standings, or its results once closed); null when none ran. */
  round: HomeRound | null;
  wins: HomeWin[];
  /** What others changed in the viewer's open actions and active initiatives lately (history entries). */
  changes?: HistoryEntry[];
  /** Requests across departments waiting on the viewer's departments, and their own (issue 15). */
  requests?: HomeRequests;
  /** For an admin: the work of people who left, to hand on (the first MAX_DEPARTED; `departedMore` counts the rest). */
  departed?: DepartedWork[];
  departedMore?: number;
}

/**
 * Everyone the cache knows to have left who still owns an open action or an active initiative. Nobody gets
 * their reminders or checks (Slack refuses the DMs), so until an admin hands the work on, nobody is nudged.
 */
function departedWork(ctx: AppContext, active: InitiativeSummary[]): DepartedWork[] {
  const out: DepartedWork[] = [];
  const departed = [...departedUsers(ctx.handle.db)].sort();
  const openByOwner = openActionIdsByOwner(ctx.handle.db, departed);
  for (const userId of departed) {
    const open = openByOwner.get(userId) ?? [];
    const owned = active
      .filter((s) => s.initiative.ownerId === userId)
      .map((s) => ({ id: s.initiative.id, title: s.initiative.title }));
    if (open.length === 0 && owned.length === 0) continue;
    out.push({
      userId,
      actionIds: open.slice(0, DEPARTED_ACTIONS_NAMED),
      moreActions: Math.max(0, open.length - DEPARTED_ACTIONS_NAMED),
      initiatives: owned,
    });
  }
  return out;
}

function currentRound(ctx: AppContext, today: LocalDate): HomeRound | null {
  const status = roundStatus(ctx);
  if (status.kind === 'none' || status.round.month !== today.slice(0, 7)) return null;
  return {
    month: status.round.month,
    open: status.kind === 'open',
    voters: status.voters,
    lines: status.lines.slice(0, ROUND_LINES),
    total: status.lines.length,
  };
}

/** `admin`: the viewer is an admin, who also sees the work of people who left. */
export function homeData(ctx: AppContext, userId: UserId, opts: { admin?: boolean } = {}): HomeData {
  const now = ctx.clock.now();
  const today = localDate(now, ctx.timeZone);
  const all = listInitiatives(ctx);
  const mine = all.filter((s) => s.initiative.ownerId === userId);
  const checks = checkStatuses(
    ctx,
    mine.map((s) => s.initiative),
  );
  const done = recentlyDone(ctx.handle.db, new Date(now.getTime() - WIN_DAYS * DAY_MS), MAX_WINS);
  const initiatives = initiativesByIds(ctx, [...new Set(done.map((a) => a.initiativeId))]);
  const departed = opts.admin ? departedWork(ctx, all) : [];
  return {
    userId,
    today,
    now,
    zone: ctx.timeZone,
    actions: myOpenActions(ctx, userId),
    initiatives: mine.map((s) => ({
      ...s,
      checks: checks.get(s.initiative.id) ?? [],
      missingMetrics: missingMetrics(s.initiative),
    })),
    essentials: all.filter((s) => s.initiative.tier === 'essential'),
    round: currentRound(ctx, today),
    requests: homeRequests(ctx, userId),
    ...(departed.length > 0
      ? {
          departed: departed.slice(0, MAX_DEPARTED),
          departedMore: Math.max(0, departed.length - MAX_DEPARTED),
        }
      : {}),
    changes: recentChangesFor(
      ctx.handle.db,
      userId,
      new Date(now.getTime() - WIN_DAYS * DAY_MS),
      MAX_CHANGES,
    ),
    wins: done.flatMap((action) => {
      const initiative = initiatives.get(action.initiativeId);
      return initiative && action.completedAt
        ? [{ action, initiative, day: localDate(action.completedAt, ctx.timeZone) }]
        : [];
    }),
  };
}
