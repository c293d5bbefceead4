import { type DigestActionRow, type DigestData, readDigestData } from '../db/repositories/digest-repo.js';
import { listBindings } from '../db/repositories/settings-repo.js';
import { isOverdue, isStale } from '../domain/actions.js';
import { addDays, DAY_MS, localDate, startOfLocalDay } from '../domain/dates.js';
import { hasBothMetrics, missingMetrics } from '../domain/metrics.js';
import { stallReason } from '../domain/reminder-plan.js';
import { isoWeekStart, startOfIsoWeek } from '../domain/schedule.js';
import type { BindingKey, Department, Initiative, LocalDate } from '../domain/types.js';
import type { AppContext } from './context.js';
import type { Notification } from './notifications.js';
import type {
  DigestCounts,
  DigestDetailPayload,
  DigestPayload,
  DigestSection,
  DigestWin,
  NudgeAction,
  NudgeInitiative,
} from './nudge-types.js';
import { enqueue } from './outbox.js';

/** Items per thread reply: a digest is read in a minute; the rest is one `/cx list` away. */
export const DIGEST_MAX_ITEMS = 30;
/** Wins shown per initiative. */
export const DIGEST_MAX_WINS_PER_INITIATIVE = 5;

export const digestKey = (week: string, scope: BindingKey) => `digest:${week}:${scope}`;
export const digestDetailKey = (week: string, scope: BindingKey, part: DigestSection['part']) =>
  `digest:${week}:${scope}:${part}`;

export interface DigestPeriod {
  week: string;
  monday: LocalDate;
  sunday: LocalDate;
  from: Date;
  to: Date;
  staleBefore: Date;
  today: LocalDate;
  nextWeekFrom: LocalDate;
  nextWeekTo: LocalDate;
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

const rankTier = (i: Pick<Initiative, 'tier'>) => (i.tier === 'essential' ? 0 : 1);
const toNudgeInitiative = (i: Initiative): NudgeInitiative => ({ id: i.id, title: i.title, tier: i.tier });

/**
 * Builds the digest of every scope (bound department channels and the hub) from one read of the data:
 * a short parent message per scope and its thread replies. Pure: no I/O, so it is benchmarked on its own.
 */
export function buildDigests(
  data: DigestData,
  scopes: readonly BindingKey[],
  period: DigestPeriod,
  now: Date,
): Notification[] {
  const byId = new Map(data.initiatives.map((i) => [i.id, i]));
  if (byId.size === 0) return [];
  const involves = (initiative: Initiative | undefined, dept: Department | null) =>
    dept !== null && initiative?.depts.includes(dept) === true;

  const stalledOpen = (a: DigestActionRow) =>
    a.status === 'open' && (isStale(a, now) || isOverdue(a, period.today));
  const counts = (dept: Department | null): DigestCounts => {
    const mine = (a: { dept: Department }) => dept === null || a.dept === dept;
    let created = 0;
    for (const [d, n] of data.createdByDept) if (dept === null || d === dept) created += n;
    return {
      done: data.wins.filter(mine).length,
      created,
      stalled: data.attention.filter((a) => mine(a) && stalledOpen(a)).length,
      blocked: data.attention.filter((a) => mine(a) && a.status === 'blocked').length,
    };
  };
  const essentials = data.initiatives
    .filter((i) => i.tier === 'essential')
    .map((i) => ({ ...toNudgeInitiative(i), progress: data.progress.get(i.id) ?? { done: 0, total: 0 } }));

  const nudge = (a: DigestActionRow): NudgeAction => {
    const i = byId.get(a.initiativeId);
    return {
      id: a.id,
      title: a.title,
      ownerId: a.ownerId,
      dueDate: a.dueDate,
      initiative: i ? toNudgeInitiative(i) : { id: a.initiativeId, title: '', tier: 'important' },
      reason: stallReason(a, now, period.today),
    };
  };

  const messages: Notification[] = [];
  for (const scope of scopes) {
    const dept: Department | null = scope === 'hub' ? null : scope;
    const ownAction = (a: DigestActionRow) => dept !== null && a.dept === dept;
    const ownInitiative = (i: Initiative | undefined) => involves(i, dept);
    // Own department first, essentials first, then the order the query gave (oldest, soonest).
    const initiativeOrder = (a: Initiative, b: Initiative) =>
      Number(ownInitiative(b)) - Number(ownInitiative(a)) || rankTier(a) - rankTier(b) || a.id - b.id;
    const actionOrder = (a: DigestActionRow, b: DigestActionRow) => {
      const ia = byId.get(a.initiativeId);
      const ib = byId.get(b.initiativeId);
      return Number(ownAction(b)) - Number(ownAction(a)) || (ia && ib ? rankTier(ia) - rankTier(ib) : 0);
    };
    const initiativesInOrder = [...data.initiatives].sort(initiativeOrder);

    const sections: DigestSection[] = [];

    const winsByInitiative = new Map<number, DigestActionRow[]>();
    for (const w of data.wins) {
      const list = winsByInitiative.get(w.initiativeId) ?? [];
      list.push(w);
      winsByInitiative.set(w.initiativeId, list);
    }
    const wins: DigestWin[] = [];
    let shownWins = 0;
    for (const i of initiativesInOrder) {
      const list = winsByInitiative.get(i.id);
      if (!list || shownWins >= DIGEST_MAX_ITEMS) continue;
      const shown = list.slice(0, Math.min(DIGEST_MAX_WINS_PER_INITIATIVE, DIGEST_MAX_ITEMS - shownWins));
      shownWins += shown.length;
      wins.push({
        initiative: toNudgeInitiative(i),
        actions: shown.map((a) => ({ id: a.id, title: a.title, ownerId: a.ownerId })),
        total: list.length,
        own: ownInitiative(i),
      });
    }
    if (data.wins.length > 0) sections.push({ part: 'wins', items: wins, total: data.wins.length });

    const attention = [...data.attention].sort(actionOrder);
    if (attention.length > 0) {
      sections.push({
        part: 'attention',
        items: attention.slice(0, DIGEST_MAX_ITEMS).map((a) => ({ ...nudge(a), own: ownAction(a) })),
        total: attention.length,
      });
    }

    const due = [...data.dueNextWeek].sort(actionOrder);
    if (due.length > 0) {
      sections.push({
        part: 'due',
        items: due.slice(0, DIGEST_MAX_ITEMS).map((a) => ({ ...nudge(a), own: ownAction(a) })),
        total: due.length,
      });
    }

    const noNextStep = initiativesInOrder.filter((i) => !data.withNextStep.has(i.id));
    if (noNextStep.length > 0) {
      sections.push({
        part: 'next_steps',
        items: noNextStep
          .slice(0, DIGEST_MAX_ITEMS)
          .map((i) => ({ ...toNudgeInitiative(i), own: ownInitiative(i) })),
        total: noNextStep.length,
      });
    }

    // The 6–12-month test needs both metrics: an initiative without them can't be judged.
    const noMetrics = initiativesInOrder.filter((i) => !hasBothMetrics(i));
    if (noMetrics.length > 0) {
      sections.push({
        part: 'no_metrics',
        items: noMetrics
          .slice(0, DIGEST_MAX_ITEMS)
          .map((i) => ({ ...toNudgeInitiative(i), own: ownInitiative(i), missing: missingMetrics(i) })),
        total: noMetrics.length,
      });
    }

    sections.push({
      part: 'progress',
      items: initiativesInOrder.slice(0, DIGEST_MAX_ITEMS).map((i) => ({
        ...toNudgeInitiative(i),
        own: ownInitiative(i),
        progress: data.progress.get(i.id) ?? { done: 0, total: 0 },
      })),
      total: initiativesInOrder.length,
    });

    const parentKey = digestKey(period.week, scope);
    const parent: DigestPayload = {
      week: period.week,
      from: period.monday,
      to: period.sunday,
      scope,
      own: dept === null ? null : counts(dept),
      all: counts(null),
      essentials,
    };
    messages.push({
      kind: 'digest',
      key: parentKey,
      recipient: { type: 'binding', key: scope },
      payload: parent,
    });
    for (const section of sections) {
      const payload: DigestDetailPayload = { week: period.week, scope, ...section };
      messages.push({
        kind: 'digest_detail',
        key: digestDetailKey(period.week, scope, section.part),
        recipient: { type: 'binding', key: scope },
        payload,
        threadOf: parentKey,
      });
    }
  }
  return messages;
}

/** Reads the data once (a consistent snapshot) and builds every bound channel's digest. */
export function collectDigests(ctx: AppContext, week: string, now: Date): Notification[] {
  const period = digestPeriod(week, now, ctx.timeZone);
  return ctx.handle.db.transaction((tx) => {
    const scopes = listBindings(tx).map((b) => b.key);
    if (scopes.length === 0) return [];
    const data = readDigestData(tx, period);
    return buildDigests(data, scopes, period, now);
  });
}

/**
 * The `digest` job for one ISO week: every bound department channel and the hub get a parent message and
 * its thread, queued in one transaction under keys per week and channel, so a second run queues nothing.
 */
export function postWeeklyDigest(ctx: AppContext, week: string, now: Date): { queued: number } {
  const messages = collectDigests(ctx, week, now);
  if (messages.length === 0) return { queued: 0 };
  const queued = ctx.handle.db.transaction((tx) => enqueue(tx, messages, now));
  if (queued > 0) ctx.afterCommit();
  return { queued };
}
