import { describe, expect, it } from 'vitest';
import type { HomeData } from '../../src/app/home.js';
import type { MetricsPicture } from '../../src/app/metric-checks.js';
import type { MetricVerdictPayload } from '../../src/domain/payloads/metrics.js';
import type { Action, Initiative, Metric } from '../../src/domain/types.js';
import { validateBlocks, validateView } from '../../src/sandbox/emulator/index.js';
import { line } from '../../src/slack/messages/mrkdwn.js';
import {
  checkAskMessage,
  checkModal,
  metricBlocks,
  sparkline,
  verdictMessage,
  verdictOwnerMessage,
} from '../../src/slack/views/check.js';
import { HOME_ACTIONS, homeView } from '../../src/slack/views/home.js';

const at = new Date('2026-03-02T10:00:00Z');
const huge = (s: string, n: number) => s.repeat(Math.ceil(n / s.length)).slice(0, n);
const nps: Metric = {
  name: huge('Net promoter score <!channel> ', 100),
  baseline: 30,
  target: 45,
  unit: 'pts',
};
const cost: Metric = { name: 'Cost to serve', baseline: 12, target: 9, unit: '€' };

function initiative(id: number, over: Partial<Initiative> = {}): Initiative {
  return {
    id,
    title: huge(`Initiative ${id} <@UBOB> *bold* `, 200),
    tier: id <= 3 ? 'essential' : 'important',
    status: 'active',
    leadDept: 'sales',
    depts: ['sales', 'it', 'service', 'marketing'],
    ownerId: 'UALICE',
    startDate: '2026-01-31',
    customerMetric: nps,
    businessMetric: cost,
    createdBy: 'UALICE',
    createdAt: at,
    ...over,
  };
}

function action(id: number): Action {
  return {
    id,
    initiativeId: 1,
    title: huge(`Action ${id} & <!here> `, 200),
    ownerId: 'UALICE',
    dept: 'it',
    dueDate: '2026-03-10',
    status: id % 5 === 0 ? 'blocked' : 'open',
    blockedReason: null,
    snoozedUntil: null,
    lastActivityAt: at,
    createdBy: 'UALICE',
    createdAt: at,
    completedAt: null,
  };
}

describe('sparkline', () => {
  it.each<[number[], string]>([
    [[], ''],
    [[5], '▄'],
    [[3, 3, 3], '▄▄▄'],
    [[0, 7], '▁█'],
    [[30, 33, 38, 41, 45], '▁▂▅▆█'],
    [[12, 11, 10.2], '█▄▁'],
  ])('%o → %s', (values, expected) => {
    expect(sparkline(values)).toBe(expected);
  });
});

describe('metric builders stay within Block Kit limits', () => {
  const verdict: MetricVerdictPayload = {
    initiative: { ...initiative(1), depts: ['sales', 'it'] },
    kind: '12m',
    dueDate: '2027-01-31',
    verdict: 'fail',
    customer: { metric: nps, value: 29, outcome: 'not_improved' },
    business: { metric: null, value: null, outcome: 'no_data' },
    evidence: {
      open: 500,
      overdue: 300,
      stalled: 200,
      doneWithDue: 10,
      doneOnTime: 3,
      daysSinceProgress: 40,
      deptsWithoutAction: ['marketing', 'service'],
    },
  };

  it('verdict post, owner DM with decision buttons, and the ask DM', () => {
    for (const m of [
      verdictMessage(verdict),
      verdictOwnerMessage({ ...verdict, decide: true }),
      checkAskMessage({
        initiative: verdict.initiative,
        kind: '6m',
        dueDate: '2026-07-31',
        deadline: '2026-08-14',
        last: { customer: 31, business: null },
      }),
    ]) {
      expect(validateBlocks(m.blocks, 'message')).toEqual([]);
      expect(JSON.stringify(m)).not.toContain('<!channel>');
      expect(JSON.stringify(m)).not.toMatch(/<!channel>|<!here>|<@UBOB\|/);
    }
    const owner = JSON.stringify(verdictOwnerMessage({ ...verdict, decide: true }).blocks);
    expect(owner).toContain('cx_metric_recommit');
    expect(owner).toContain('"value":"I-1:2027-01-31"');
    expect(JSON.stringify(verdictMessage(verdict).blocks)).toContain('30% of actions done on time (3 of 10');
  });

  it('check modal: both metrics, one, or none', () => {
    const last = { customer: 33, business: null };
    expect(validateView(checkModal({ initiative: initiative(1), last, channelId: 'C1' }))).toEqual([]);
    expect(
      validateView(
        checkModal({ initiative: initiative(1, { businessMetric: null }), last, channelId: null }),
      ),
    ).toEqual([]);
    const none = checkModal({
      initiative: initiative(1, { customerMetric: null, businessMetric: null }),
      last,
      channelId: null,
    });
    expect(validateView(none)).toEqual([]);
    expect(none.submit).toBeUndefined();
  });

  it('/cx show metric blocks with long histories', () => {
    const points = Array.from({ length: 200 }, (_, i) => ({ day: '2026-03-02', value: i }));
    const picture: MetricsPicture = {
      missing: ['business'],
      series: [{ kind: 'customer', metric: nps, points }],
      checks: [
        { kind: '6m', dueDate: '2026-07-31', state: 'judged', verdict: 'partial', decision: null },
        { kind: '12m', dueDate: '2027-01-31', state: 'upcoming', verdict: null, decision: null },
      ],
    };
    const blocks = metricBlocks(picture, 1);
    expect(validateBlocks(blocks, 'message')).toEqual([]);
    expect(JSON.stringify(blocks)).toContain('…192 earlier');
  });

  it('App Home with everything at once: 500 actions, 100 own initiatives (each awaiting a decision), a full round, wins', () => {
    const initiatives = Array.from({ length: 100 }, (_, i) => initiative(i + 1));
    const data: HomeData = {
      userId: 'UALICE',
      today: '2026-03-02',
      now: at,
      zone: 'UTC',
      actions: Array.from({ length: 500 }, (_, i) => ({ action: action(i + 1), initiative: initiative(1) })),
      initiatives: initiatives.map((i) => ({
        initiative: i,
        progress: { done: 3, total: 9 },
        hasNextStep: false,
        missingMetrics: ['customer', 'business'],
        checks: [
          { kind: '6m', dueDate: '2025-07-31', state: 'judged', verdict: 'pass', decision: null },
          {
            kind: '12m',
            dueDate: '2026-01-31',
            state: 'judged',
            verdict: 'pass',
            decision: null,
            awaitingDecision: true,
          },
        ],
      })),
      essentials: initiatives
        .slice(0, 3)
        .map((i) => ({ initiative: i, progress: { done: 1, total: 2 }, hasNextStep: true })),
      round: {
        month: '2026-03',
        open: true,
        voters: 40,
        total: 10,
        lines: Array.from({ length: 5 }, (_, i) => ({
          rank: i + 1,
          painPointId: i + 1,
          text: huge('Customers wait <!channel> ', 2000),
          dept: 'service',
          votes: 10 - i,
          adoptable: false,
        })),
      },
      wins: Array.from({ length: 5 }, (_, i) => ({
        action: { ...action(i + 1), status: 'done', completedAt: at },
        initiative: initiative(1),
        day: '2026-03-01',
      })),
    };
    const view = homeView(data, line(huge('Done: *A-1* ', 5000)));
    expect(validateView(view)).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const text = JSON.stringify(view);
    expect(text).toContain(`…and ${500 - HOME_ACTIONS} more open actions`);
    expect(text).toMatch(/…and \d+ more initiatives not shown/);
    // The first three verdicts waiting for the owner, with their buttons; the rest counted.
    expect(text.match(/"decide_\d+"/g)).toEqual(['"decide_1"', '"decide_2"', '"decide_3"']);
    expect(text).toContain('…and 97 more initiatives wait for your decision');
    expect(text).not.toContain('did not fit here');
    expect(text).not.toContain('<!channel>');
  });
});
