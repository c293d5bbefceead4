import { describe, expect, it } from 'vitest';
import {
  DIGEST_MAX_ITEMS,
  type DigestActionRow,
  type DigestData,
  digestCounts,
  digestPeriod,
  planDigest,
} from '../../src/domain/digest.js';
import { buildDigests } from '../../src/domain/digest-messages.js';
import type { Department, Initiative } from '../../src/domain/types.js';

const NOW = new Date('2026-03-06T13:00:00Z');

const initiative = (id: number, depts: Department[], tier: Initiative['tier'] = 'important'): Initiative => ({
  id,
  title: `I${id}`,
  tier,
  leadDept: depts[0] ?? 'sales',
  depts,
  ownerId: 'UOWNER',
  status: 'active',
  startDate: '2026-01-01',
  customerMetric: id % 2 ? { name: 'CSAT', baseline: 70, target: 80, unit: '%' } : null,
  businessMetric: id % 2 ? { name: 'Cost', baseline: 9, target: 7, unit: null } : null,
  createdBy: 'UOWNER',
  createdAt: NOW,
});

const action = (id: number, initiativeId: number, dept: Department, over: Partial<DigestActionRow> = {}) => ({
  id,
  title: `A${id}`,
  ownerId: 'UBOB',
  dept,
  initiativeId,
  dueDate: null,
  status: 'open' as const,
  blockedReason: null,
  lastActivityAt: NOW,
  snoozedUntil: null,
  ...over,
});

const data = (over: Partial<DigestData> = {}): DigestData => ({
  initiatives: [initiative(1, ['sales']), initiative(2, ['it'], 'essential'), initiative(3, ['it', 'sales'])],
  progress: new Map(),
  wins: [],
  createdByDept: new Map(),
  attention: [],
  dueNextWeek: [],
  withNextStep: new Set([1]),
  ...over,
});

describe('digestPeriod', () => {
  it('is the ISO week in the zone, up to now, with the week after it as "due next week"', () => {
    const p = digestPeriod('2026-W10', NOW, 'Europe/Berlin');
    expect(p).toMatchObject({
      monday: '2026-03-02',
      sunday: '2026-03-08',
      today: '2026-03-06',
      nextWeekFrom: '2026-03-09',
      nextWeekTo: '2026-03-15',
    });
    expect(p.from.toISOString()).toBe('2026-03-01T23:00:00.000Z');
    expect(p.to).toEqual(NOW);
  });
});

describe('planDigest', () => {
  it('a department digest lists its own initiatives first, essentials next, then by id; the hub has no own', () => {
    expect(planDigest(data(), 'sales').progress.items.map((i) => i.id)).toEqual([1, 3, 2]);
    expect(planDigest(data(), 'it').progress.items.map((i) => i.id)).toEqual([2, 3, 1]);
    const hub = planDigest(data(), null);
    expect(hub.progress.items.map((i) => i.id)).toEqual([2, 1, 3]);
    expect(hub.ownInitiative(data().initiatives[0])).toBe(false);
  });

  it('lists what lacks a next step or a metric, and own actions first', () => {
    const attention = [action(10, 1, 'sales'), action(11, 2, 'it'), action(12, 3, 'sales')];
    const plan = planDigest(data({ attention }), 'it');
    expect(plan.noNextStep.items.map((i) => i.id)).toEqual([2, 3]);
    expect(plan.noMetrics.items.map((i) => i.id)).toEqual([2]);
    expect(plan.attention.items.map((a) => a.id)).toEqual([11, 10, 12]);
  });

  it('cuts every list at thirty and says how many there were; wins at five per initiative', () => {
    const wins = Array.from({ length: 40 }, (_, k) =>
      action(k + 1, (k % 3) + 1, 'sales', { status: 'done' }),
    );
    const due = Array.from({ length: 45 }, (_, k) => action(100 + k, 1, 'it'));
    const plan = planDigest(data({ wins, dueNextWeek: due }), 'sales');
    expect(plan.due.items).toHaveLength(DIGEST_MAX_ITEMS);
    expect(plan.due.total).toBe(45);
    expect(plan.wins.total).toBe(40);
    expect(plan.wins.items.map((w) => [w.initiative.id, w.shown.length, w.total])).toEqual([
      [1, 5, 14],
      [3, 5, 13],
      [2, 5, 13],
    ]);
  });
});

describe('digestCounts', () => {
  it('counts a department’s wins, new actions, stalled and blocked ones; null counts everything', () => {
    const d = data({
      wins: [action(1, 1, 'sales', { status: 'done' }), action(2, 2, 'it', { status: 'done' })],
      createdByDept: new Map([
        ['sales', 3],
        ['it', 2],
      ]),
      attention: [
        action(3, 1, 'sales', { status: 'blocked' }),
        action(4, 1, 'sales', { lastActivityAt: new Date('2026-02-01T00:00:00Z') }),
        action(5, 2, 'it', { dueDate: '2026-03-01' }),
      ],
    });
    const today = { today: '2026-03-06' };
    expect(digestCounts(d, 'sales', today, NOW)).toEqual({ done: 1, created: 3, stalled: 1, blocked: 1 });
    expect(digestCounts(d, null, today, NOW)).toEqual({ done: 2, created: 5, stalled: 2, blocked: 1 });
  });
});

describe('buildDigests', () => {
  it('one parent per channel and its replies threaded under it, keyed by week, channel and part', () => {
    const period = digestPeriod('2026-W10', NOW, 'Europe/Berlin');
    const messages = buildDigests(data(), ['sales', 'hub'], period, NOW);
    expect(messages.map((m) => [m.kind, m.key, m.threadOf ?? null])).toEqual([
      ['digest', 'digest:2026-W10:sales', null],
      ['digest_detail', 'digest:2026-W10:sales:next_steps', 'digest:2026-W10:sales'],
      ['digest_detail', 'digest:2026-W10:sales:no_metrics', 'digest:2026-W10:sales'],
      ['digest_detail', 'digest:2026-W10:sales:progress', 'digest:2026-W10:sales'],
      ['digest', 'digest:2026-W10:hub', null],
      ['digest_detail', 'digest:2026-W10:hub:next_steps', 'digest:2026-W10:hub'],
      ['digest_detail', 'digest:2026-W10:hub:no_metrics', 'digest:2026-W10:hub'],
      ['digest_detail', 'digest:2026-W10:hub:progress', 'digest:2026-W10:hub'],
    ]);
  });

  it('says nothing when no initiative is active', () => {
    expect(
      buildDigests(data({ initiatives: [] }), ['sales'], digestPeriod('2026-W10', NOW, 'UTC'), NOW),
    ).toEqual([]);
  });
});
