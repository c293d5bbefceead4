import { describe, expect, it } from 'vitest';
import {
  type CheckRecord,
  checkStatusesOf,
  metricSeries,
  verdictDepartments,
} from '../../src/domain/metric-checks.js';
import type { Metric } from '../../src/domain/types.js';

const csat: Metric = { name: 'CSAT', baseline: 70, target: 80, unit: '%' };
const cost: Metric = { name: 'Cost per ticket', baseline: 12, target: 9, unit: null };
const initiative = {
  startDate: '2026-01-15',
  status: 'active' as const,
  customerMetric: csat,
  businessMetric: cost,
};

describe('checkStatusesOf', () => {
  it('shows the 6- and 12-month checks as upcoming before any is asked, oldest first', () => {
    expect(checkStatusesOf(initiative, [])).toEqual([
      { kind: '6m', dueDate: '2026-07-15', state: 'upcoming', verdict: null, decision: null },
      { kind: '12m', dueDate: '2027-01-15', state: 'upcoming', verdict: null, decision: null },
    ]);
  });

  it('takes stored checks as they are, adds the missing scheduled one, and a closed initiative is not asked', () => {
    const judged: CheckRecord = {
      kind: '6m',
      dueDate: '2026-07-15',
      status: 'judged',
      verdict: 'pass',
      decision: null,
    };
    const followUp: CheckRecord = {
      kind: 'recommit',
      dueDate: '2027-08-01',
      status: 'scheduled',
      verdict: null,
      decision: null,
    };
    expect(
      checkStatusesOf({ ...initiative, status: 'closed' }, [followUp, judged]).map((c) => [c.kind, c.state]),
    ).toEqual([
      ['6m', 'judged'],
      ['12m', 'not_asked'],
      ['recommit', 'scheduled'],
    ]);
  });

  it('marks a 12-month or follow-up verdict of an active initiative that nobody answered as awaiting a decision', () => {
    const twelve = (decision: 'recommit' | null): CheckRecord => ({
      kind: '12m',
      dueDate: '2027-01-15',
      status: 'judged',
      verdict: 'partial',
      decision,
    });
    const sixJudged: CheckRecord = { ...twelve(null), kind: '6m', dueDate: '2026-07-15' };
    const awaiting = (i: Parameters<typeof checkStatusesOf>[0], records: CheckRecord[]) =>
      checkStatusesOf(i, records).map((c) => [c.kind, c.awaitingDecision ?? false]);
    expect(awaiting(initiative, [sixJudged, twelve(null)])).toEqual([
      ['6m', false],
      ['12m', true],
    ]);
    expect(awaiting(initiative, [sixJudged, twelve('recommit')])).toEqual([
      ['6m', false],
      ['12m', false],
    ]);
    expect(awaiting({ ...initiative, status: 'closed' }, [sixJudged, twelve(null)])).toEqual([
      ['6m', false],
      ['12m', false],
    ]);
  });
});

describe('metricSeries', () => {
  const at = (
    iso: string,
    customer: number | null,
    customerMetric: string | null,
    business: number | null,
  ) => ({
    recordedAt: new Date(iso),
    customer,
    customerMetric,
    business,
    businessMetric: business === null ? null : 'cost per ticket ',
  });

  it('keeps the values of each metric under its current name, on local days', () => {
    const series = metricSeries(
      initiative,
      [
        at('2026-02-01T23:30:00Z', 71, 'CSAT', null),
        at('2026-03-01T10:00:00Z', 50, 'NPS', 11),
        at('2026-04-01T10:00:00Z', 75, 'csat', 10),
      ],
      'Europe/Berlin',
    );
    expect(series).toEqual([
      {
        kind: 'customer',
        metric: csat,
        points: [
          { day: '2026-02-02', value: 71 },
          { day: '2026-04-01', value: 75 },
        ],
      },
      {
        kind: 'business',
        metric: cost,
        points: [
          { day: '2026-03-01', value: 11 },
          { day: '2026-04-01', value: 10 },
        ],
      },
    ]);
  });

  it('has no series for a metric not defined', () => {
    expect(metricSeries({ ...initiative, businessMetric: null }, [], 'UTC').map((s) => s.kind)).toEqual([
      'customer',
    ]);
  });
});

describe('verdictDepartments', () => {
  it('one post per bound channel: unbound departments get none, two sharing a channel get one', () => {
    const bindings = [
      { key: 'sales', channelId: 'C1' },
      { key: 'service', channelId: 'C1' },
      { key: 'it', channelId: 'C2' },
      { key: 'hub', channelId: 'C3' },
    ];
    expect(verdictDepartments(['marketing', 'service', 'sales', 'it'], bindings)).toEqual(['service', 'it']);
  });
});
