/**
 * The weekly digest's rules: the week it covers, what each channel's digest lists, in which order, and how
 * much of it (a digest is read in a minute; the rest is one `/cx list` away). Pure: the app reads the data
 * once and turns what this decides into messages.
 */
import { isOverdue, isStale } from './actions.js';
import { addDays, DAY_MS, localDate, startOfLocalDay } from './dates.js';
import { hasBothMetrics } from './metrics.js';
import { isoWeekStart, startOfIsoWeek } from './schedule.js';
import type { Department, Initiative, LocalDate, Progress, UserId } from './types.js';

/** Items per thread reply. */
export const DIGEST_MAX_ITEMS = 30;
/** Wins shown per initiative. */
export const DIGEST_MAX_WINS_PER_INITIATIVE = 5;

/** An action as the digest sees it. */
export interface DigestActionRow {
  id: number;
  title: string;
  ownerId: UserId;
  dept: Department;
  initiativeId: number;
  dueDate: LocalDate | null;
  status: 'open' | 'blocked' | 'done' | 'dropped';
  blockedReason: string | null;
  lastActivityAt: Date;
  snoozedUntil: Date | null;
}

/** Everything the weekly digests say, read once for all channels. */
export interface DigestData {
  /** Active initiatives, by id. */
  initiatives: Initiative[];
  progress: Map<number, Progress>;
  /** Actions of active initiatives completed within the window. */
  wins: DigestActionRow[];
  /** Actions of active initiatives created within the window, per department. */
  createdByDept: Map<Department, number>;
  /**
   * Actions of active initiatives dropped within the window, per department: counted apart from the done
   * ones (a dropped action is no win). Absent: none.
   */
  droppedByDept?: Map<Department, number>;
  /** Open and blocked actions of active initiatives that are blocked, idle since `staleBefore` or overdue. */
  attention: DigestActionRow[];
  /** Open and blocked actions of active initiatives due within the next week. */
  dueNextWeek: DigestActionRow[];
  /** Active initiatives with an open action that has a due date (a concrete next step). */
  withNextStep: Set<number>;
  /** People known to have left (deactivated, or unknown to Slack): their stalled work is marked. Absent: none. */
  departed?: ReadonlySet<string>;
  /**
   * Active initiatives whose 12-month (or follow-up) verdict waits for recommit or close: the 6–12-month test
   * is only done once someone decides. Absent: none.
   */
  awaitingDecision?: ReadonlySet<number>;
}

/** What the data is read for. */
export interface DigestWindow {
  from: Date;
  to: Date;
  /** Stalled means no activity since this instant (or overdue). */
  staleBefore: Date;
  /** Due dates before this day are overdue (today in CX_TIMEZONE). */
  today: LocalDate;
  nextWeekFrom: LocalDate;
  nextWeekTo: LocalDate;
}

export interface DigestPeriod extends DigestWindow {
  week: string;
  monday: LocalDate;
  sunday: LocalDate;
}

/**
 * The window a digest covers: its ISO week in CX_TIMEZONE, up to `now` (a digest caught up the next
 * Monday still reports the week it is for). "Due next week" is the week after it.
 */
export function digestPeriod(week: string, now: Date, zone: string): DigestPeriod {
  const monday = isoWeekStart(week) ?? startOfIsoWeek(localDate(now, zone));
  const from = startOfLocalDay(monday, zone);
  const end = startOfLocalDay(addDays(monday, 7), zone);
  const to = new Date(Math.max(from.getTime(), Math.min(now.getTime(), end.getTime())));
  return {
    week,
    monday,
    sunday: addDays(monday, 6),
    from,
    to,
    staleBefore: new Date(now.getTime() - 7 * DAY_MS),
    today: localDate(now, zone),
    nextWeekFrom: addDays(monday, 7),
    nextWeekTo: addDays(monday, 13),
  };
}

/** The week's numbers of one department (or, for null, the whole company). */
export function digestCounts(
  data: DigestData,
  dept: Department | null,
  period: Pick<DigestPeriod, 'today'>,
  now: Date,
): { done: number; created: number; stalled: number; blocked: number; dropped?: number } {
  const mine = (a: { dept: Department }) => dept === null || a.dept === dept;
  const stalledOpen = (a: DigestActionRow) =>
    a.status === 'open' && (isStale(a, now) || isOverdue(a, period.today));
  let created = 0;
  for (const [d, n] of data.createdByDept) if (dept === null || d === dept) created += n;
  let dropped = 0;
  for (const [d, n] of data.droppedByDept ?? []) if (dept === null || d === dept) dropped += n;
  return {
    done: data.wins.filter(mine).length,
    created,
    stalled: data.attention.filter((a) => mine(a) && stalledOpen(a)).length,
    blocked: data.attention.filter((a) => mine(a) && a.status === 'blocked').length,
    // Only when there were some: a digest without drops reads as before.
    ...(dropped > 0 ? { dropped } : {}),
  };
}

/** A list cut to what a reply shows; `total` says how many there were. */
export interface Cut<T> {
  items: T[];
  total: number;
}

const cut = <T>(all: readonly T[]): Cut<T> => ({ items: all.slice(0, DIGEST_MAX_ITEMS), total: all.length });

export interface DigestWinGroup {
  initiative: Initiative;
  shown: DigestActionRow[];
  /** Wins of this initiative this week, shown or not. */
  total: number;
}

/** What one channel's digest lists, in its order. Empty lists are left out of the thread. */
export interface DigestPlan {
  /** In the channel's own department (department digests list their own work first). */
  ownInitiative: (i: Initiative | undefined) => boolean;
  ownAction: (a: DigestActionRow) => boolean;
  wins: Cut<DigestWinGroup>;
  attention: Cut<DigestActionRow>;
  due: Cut<DigestActionRow>;
  noNextStep: Cut<Initiative>;
  /** Judged at 12 months (or after a recommit) and nobody has recommitted or closed it yet. */
  decisions: Cut<Initiative>;
  /** The 6–12-month test needs both metrics: an initiative without them can't be judged. */
  noMetrics: Cut<Initiative>;
  progress: Cut<Initiative>;
}

const rankTier = (i: Pick<Initiative, 'tier'>) => (i.tier === 'essential' ? 0 : 1);

/**
 * The digest of one channel (`dept` null: the hub). Own department first, essentials first, then the order
 * the data came in (oldest, soonest). Wins: at most five per initiative and thirty in all.
 */
export function planDigest(data: DigestData, dept: Department | null): DigestPlan {
  const byId = new Map(data.initiatives.map((i) => [i.id, i]));
  const ownAction = (a: DigestActionRow) => dept !== null && a.dept === dept;
  const ownInitiative = (i: Initiative | undefined) => dept !== null && i?.depts.includes(dept) === true;
  const initiativeOrder = (a: Initiative, b: Initiative) =>
    Number(ownInitiative(b)) - Number(ownInitiative(a)) || rankTier(a) - rankTier(b) || a.id - b.id;
  const actionOrder = (a: DigestActionRow, b: DigestActionRow) => {
    const ia = byId.get(a.initiativeId);
    const ib = byId.get(b.initiativeId);
    return Number(ownAction(b)) - Number(ownAction(a)) || (ia && ib ? rankTier(ia) - rankTier(ib) : 0);
  };
  const initiatives = [...data.initiatives].sort(initiativeOrder);

  const winsByInitiative = new Map<number, DigestActionRow[]>();
  for (const w of data.wins) {
    const list = winsByInitiative.get(w.initiativeId) ?? [];
    list.push(w);
    winsByInitiative.set(w.initiativeId, list);
  }
  const wins: DigestWinGroup[] = [];
  let shownWins = 0;
  for (const initiative of initiatives) {
    const list = winsByInitiative.get(initiative.id);
    if (!list || shownWins >= DIGEST_MAX_ITEMS) continue;
    const shown = list.slice(0, Math.min(DIGEST_MAX_WINS_PER_INITIATIVE, DIGEST_MAX_ITEMS - shownWins));
    shownWins += shown.length;
    wins.push({ initiative, shown, total: list.length });
  }

  return {
    ownInitiative,
    ownAction,
    wins: { items: wins, total: data.wins.length },
    attention: cut([...data.attention].sort(actionOrder)),
    due: cut([...data.dueNextWeek].sort(actionOrder)),
    noNextStep: cut(initiatives.filter((i) => !data.withNextStep.has(i.id))),
    decisions: cut(initiatives.filter((i) => data.awaitingDecision?.has(i.id) === true)),
    noMetrics: cut(initiatives.filter((i) => !hasBothMetrics(i))),
    progress: cut(initiatives),
  };
}
