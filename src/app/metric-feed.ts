/**
 * Metric values from other systems: `POST /api/metrics` and `cx metrics import` both end here. All or
 * nothing: every item is checked (shape, then its initiative) before anything is stored, and a bad item
 * is named with its problem. Stored values are check-ins like those typed with `/cx check`, with their
 * source; one that completes an open check judges it, as a typed one would.
 */
import type { Db } from '../db/client.js';
import { appendHistory } from '../db/repositories/history-repo.js';
import { getInitiative } from '../db/repositories/initiatives-repo.js';
import { checkinsOf, openCheckOf, upsertFedValue } from '../db/repositories/metrics-repo.js';
import { addDays, localDate, startOfLocalDay } from '../domain/dates.js';
import { storeFact } from '../domain/history-facts.js';
import {
  type FeedItem,
  type FeedProblem,
  type FeedSource,
  lastPerDay,
  parseFeed,
} from '../domain/metric-feed.js';
import { judge } from '../domain/metrics.js';
import type { Initiative, LocalDate } from '../domain/types.js';
import { judgeAndPost } from './metric-checks/verdict.js';

export type FeedOutcome = { ok: true; stored: number } | { ok: false; problems: FeedProblem[] };

/** Who recorded a fed value, as history and check-ins show it. */
export const FEED_ACTOR: Record<FeedSource, string> = { api: 'API', import: 'import' };

/** The second problem an item can have: its initiative (unknown, not active, or without that metric). */
function initiativeProblem(initiative: Initiative | null, item: FeedItem): string | null {
  const ref = `I-${item.initiativeId}`;
  if (!initiative) return `${ref} does not exist`;
  if (initiative.status !== 'active') return `${ref} is ${initiative.status}: it takes no more values`;
  const metric = item.kind === 'customer' ? initiative.customerMetric : initiative.businessMetric;
  if (!metric) {
    return `${ref} has no ${item.kind} metric yet (set it with /cx metric ${ref} ${item.kind} "<name>" <baseline> -> <target>)`;
  }
  return null;
}

/** The moment a value stands for: now for today's, the last moment of its day for an earlier one. */
function momentOf(day: LocalDate, today: LocalDate, now: Date, zone: string): Date {
  return day >= today ? now : new Date(startOfLocalDay(addDays(day, 1), zone).getTime() - 1);
}

/**
 * Checks `body` (one item or a list) and stores every value, or none. `now` and `zone` decide "today" for
 * items without a date. Returns the number stored (duplicates in one batch count once).
 */
export function feedMetrics(db: Db, body: unknown, source: FeedSource, now: Date, zone: string): FeedOutcome {
  const parsed = parseFeed(body, localDate(now, zone));
  return parsed.ok ? storeFeed(db, parsed.items, source, now, zone) : parsed;
}

/** Stores checked items, or none when one's initiative refuses it (problems by the item's position). */
export function storeFeed(
  db: Db,
  fed: readonly FeedItem[],
  source: FeedSource,
  now: Date,
  zone: string,
): FeedOutcome {
  const today = localDate(now, zone);
  return db.transaction((tx) => {
    const initiatives = new Map<number, Initiative | null>();
    const problems: FeedProblem[] = [];
    fed.forEach((item, i) => {
      if (!initiatives.has(item.initiativeId)) {
        initiatives.set(item.initiativeId, getInitiative(tx, item.initiativeId));
      }
      const problem = initiativeProblem(initiatives.get(item.initiativeId) ?? null, item);
      if (problem) problems.push({ item: i, problem });
    });
    if (problems.length > 0) return { ok: false as const, problems };

    const items = lastPerDay(fed);
    for (const item of items) {
      const initiative = initiatives.get(item.initiativeId) as Initiative;
      const metric = (item.kind === 'customer' ? initiative.customerMetric : initiative.businessMetric)!;
      upsertFedValue(tx, {
        initiativeId: item.initiativeId,
        kind: item.kind,
        value: item.value,
        metricName: metric.name,
        valueDate: item.date,
        source,
        recordedBy: FEED_ACTOR[source],
        recordedAt: momentOf(item.date, today, now, zone),
      });
    }
    // One history line per initiative, naming each value, its day and where it came from.
    for (const [id, initiative] of initiatives) {
      const mine = items.filter((item) => item.initiativeId === id);
      if (!initiative || mine.length === 0) continue;
      const values = mine.map((item) => {
        const m = (item.kind === 'customer' ? initiative.customerMetric : initiative.businessMetric)!;
        return { name: m.name, value: item.value, unit: m.unit, date: item.date };
      });
      appendHistory(
        tx,
        {
          entity: 'I',
          entityId: id,
          actorId: FEED_ACTOR[source],
          kind: 'check-in',
          // Data, not words: each reader sees it in their language.
          newValue: storeFact({ fact: 'values', source, values }),
        },
        now,
      );
      // Values that complete a check already asked judge it, as a typed check-in would.
      const open = openCheckOf(tx, id);
      if (open && judge(initiative, checkinsOf(tx, id, open.askedAt ?? undefined)).complete) {
        judgeAndPost(tx, zone, open, initiative, now);
      }
    }
    return { ok: true as const, stored: items.length };
  });
}
