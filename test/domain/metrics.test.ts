import { describe, expect, it } from 'vitest';
import {
  answerDeadline,
  type CheckKind,
  dueMetricChecks,
  executionEvidence,
  hasBothMetrics,
  judge,
  latestValue,
  type MetricCheck,
  type MetricOutcome,
  metricCheckDate,
  metricDirection,
  metricOutcome,
  missingMetrics,
  parseMeasurement,
  planScheduledChecks,
  type Reading,
  type Verdict,
  verdict,
} from '../../src/domain/metrics.js';
import type { Metric } from '../../src/domain/types.js';

describe('parseMeasurement', () => {
  it.each([
    ['72', 72, null],
    ['72%', 72, '%'],
    ['-3.5', -3.5, null],
    ['+4', 4, null],
    ['.5', 0.5, null],
    ['4.2 ', 4.2, null],
    ['12k€', 12, 'k€'],
  ])('%j → %d %s', (text, value, unit) => {
    expect(parseMeasurement(text)).toEqual({ ok: true, value: { value, unit } });
  });

  it.each(['', 'abc', '1,5', '1.', '--1', '%', '1.2.3'])('%j is not a number', (text) => {
    expect(parseMeasurement(text)).toMatchObject({
      ok: false,
      error: { code: 'bad_number', reason: 'format' },
    });
  });
});

const up: Metric = { name: 'NPS', baseline: 30, target: 45, unit: null };
const down: Metric = { name: 'Churn', baseline: 5.5, target: 4, unit: '%' };

describe('metricDirection', () => {
  it.each([
    [up, 'increase'],
    [down, 'decrease'],
    [{ baseline: -5, target: -1 }, 'increase'],
    [{ baseline: 0, target: -3 }, 'decrease'],
  ])('%o → %s', (metric, expected) => {
    expect(metricDirection(metric)).toBe(expected);
  });
});

describe('metricOutcome', () => {
  it.each<[Metric | null, number | null, MetricOutcome]>([
    [null, 40, 'no_data'],
    [up, null, 'no_data'],
    [up, 45, 'met'],
    [up, 60, 'met'],
    [up, 31, 'improved'],
    [up, 30, 'not_improved'],
    [up, 10, 'not_improved'],
    [down, 4, 'met'],
    [down, 3.2, 'met'],
    [down, 5, 'improved'],
    [down, 5.5, 'not_improved'],
    [down, 7, 'not_improved'],
  ])('%o at %s → %s', (metric, value, expected) => {
    expect(metricOutcome(metric, value)).toBe(expected);
  });
});

describe('verdict', () => {
  // Issue 5: pass = both moved toward target, partial = one, fail = neither, no data = nothing reported.
  it.each<[MetricOutcome, MetricOutcome, string]>([
    ['met', 'met', 'pass'],
    ['met', 'improved', 'pass'],
    ['improved', 'improved', 'pass'],
    ['met', 'no_data', 'partial'],
    ['no_data', 'met', 'partial'],
    ['improved', 'not_improved', 'partial'],
    ['met', 'not_improved', 'partial'],
    ['not_improved', 'not_improved', 'fail'],
    ['not_improved', 'no_data', 'fail'],
    ['no_data', 'no_data', 'no_data'],
  ])('customer %s, business %s → %s', (customer, business, expected) => {
    expect(verdict(customer, business)).toBe(expected);
  });
});

describe('metric checks', () => {
  it.each<[string, MetricCheck, string]>([
    ['2026-01-31', 6, '2026-07-31'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2026-03-10', 12, '2027-03-10'],
  ])('from %s, the %i-month check is on %s', (start, months, expected) => {
    expect(metricCheckDate(start, months)).toBe(expected);
  });

  it.each<[string, string, MetricCheck[], MetricCheck[]]>([
    ['2026-01-15', '2026-07-14', [], []],
    ['2026-01-15', '2026-07-15', [], [6]],
    ['2026-01-15', '2026-09-01', [], [6]], // missed runs: asked on the first run after its date
    ['2026-01-15', '2026-09-01', [6], []],
    ['2026-01-15', '2027-01-15', [6], [12]],
    ['2026-01-15', '2027-01-15', [6, 12], []],
    ['2021-06-01', '2026-03-10', [], [6, 12]], // entered with an old start: both are owed
  ])('start %s, today %s, asked %o → %o', (start, today, asked, expected) => {
    expect(dueMetricChecks(start, today, asked)).toEqual(expected);
  });
});

describe('missing metrics: "how will we know?"', () => {
  it.each<[Metric | null, Metric | null, string[]]>([
    [up, down, []],
    [up, null, ['business']],
    [null, down, ['customer']],
    [null, null, ['customer', 'business']],
  ])('%o / %o → %o', (customerMetric, businessMetric, expected) => {
    expect(missingMetrics({ customerMetric, businessMetric })).toEqual(expected);
    expect(hasBothMetrics({ customerMetric, businessMetric })).toBe(expected.length === 0);
  });
});

describe('planScheduledChecks', () => {
  it.each<[string, string, CheckKind[], MetricCheck | null, MetricCheck[]]>([
    ['2026-01-31', '2026-07-30', [], null, []],
    ['2026-01-31', '2026-07-31', [], 6, []],
    ['2026-01-31', '2026-07-31', ['6m'], null, []],
    ['2026-08-31', '2027-02-28', [], 6, []],
    ['2026-08-31', '2027-02-27', [], null, []],
    ['2026-01-31', '2026-09-15', [], 6, []], // down on the day: caught up once
    ['2026-01-31', '2027-01-31', ['6m'], 12, []],
    ['2026-01-31', '2027-01-31', ['6m', '12m'], null, []],
    ['2026-01-31', '2027-01-31', ['6m', '12m', 'recommit'], null, []],
    ['2021-06-01', '2026-03-10', [], 12, [6]], // old start: one question about now, the older one skipped
    ['2025-06-01', '2026-03-10', [], 6, []],
  ])('start %s, today %s, existing %o → ask %s, skip %o', (start, today, existing, ask, skip) => {
    expect(planScheduledChecks(start, today, existing)).toEqual({ ask, skip });
  });

  it('the answer deadline is 14 days after asking', () => {
    expect(answerDeadline('2026-07-31')).toBe('2026-08-14');
    expect(answerDeadline('2026-12-25')).toBe('2027-01-08');
  });
});

const reading = (r: Partial<Reading>): Reading => ({
  customer: null,
  customerMetric: null,
  business: null,
  businessMetric: null,
  ...r,
});

describe('judge: the verdict from the readings since a check was asked', () => {
  const nps: Metric = { name: 'NPS', baseline: 30, target: 45, unit: null };
  const cost: Metric = { name: 'Cost to serve', baseline: 12, target: 9, unit: '€' };
  const csat: Metric = { name: 'CSAT', baseline: 70, target: 80, unit: '%' };
  const flat: Metric = { name: 'Retention', baseline: 90, target: 90, unit: '%' };

  it.each<[string, Metric | null, Metric | null, Reading[], Verdict, boolean]>([
    [
      'both higher-is-better and lower-is-better moved toward target',
      nps,
      cost,
      [reading({ customer: 35, customerMetric: 'NPS', business: 11, businessMetric: 'Cost to serve' })],
      'pass',
      true,
    ],
    [
      'both reached target',
      nps,
      cost,
      [reading({ customer: 50, customerMetric: 'NPS', business: 8, businessMetric: 'Cost to serve' })],
      'pass',
      true,
    ],
    [
      'customer up, cost went up (wrong way for lower-is-better)',
      nps,
      cost,
      [reading({ customer: 35, customerMetric: 'NPS', business: 13, businessMetric: 'Cost to serve' })],
      'partial',
      true,
    ],
    [
      'equal to baseline is no movement, both ways',
      nps,
      cost,
      [reading({ customer: 30, customerMetric: 'NPS', business: 12, businessMetric: 'Cost to serve' })],
      'fail',
      true,
    ],
    [
      'one value missing: partial when the other moved, and not complete yet',
      nps,
      cost,
      [reading({ customer: 40, customerMetric: 'NPS' })],
      'partial',
      false,
    ],
    [
      'one value missing, the other did not move: fail',
      nps,
      cost,
      [reading({ business: 12.5, businessMetric: 'Cost to serve' })],
      'fail',
      false,
    ],
    ['no readings at all: no data', nps, cost, [], 'no_data', false],
    ['no metrics at all: no data, never complete', null, null, [], 'no_data', false],
    [
      'target already met at baseline: holding the level counts as met',
      flat,
      nps,
      [reading({ customer: 90, customerMetric: 'Retention', business: 31, businessMetric: 'NPS' })],
      'pass',
      true,
    ],
    [
      'target already met at baseline: dropping below it does not',
      flat,
      nps,
      [reading({ customer: 89, customerMetric: 'Retention', business: 31, businessMetric: 'NPS' })],
      'partial',
      true,
    ],
    [
      'metric replaced after the reading: the old value is not evidence about the new metric',
      csat,
      cost,
      [reading({ customer: 40, customerMetric: 'NPS', business: 10, businessMetric: 'Cost to serve' })],
      'partial',
      false,
    ],
    [
      'same metric, target changed after the start: judged against the current target',
      { ...nps, target: 35 },
      cost,
      [reading({ customer: 36, customerMetric: 'nps', business: 9, businessMetric: 'Cost to serve' })],
      'pass',
      true,
    ],
    [
      'the newest value per metric counts, across readings',
      nps,
      cost,
      [
        reading({ customer: 20, customerMetric: 'NPS', business: 11, businessMetric: 'Cost to serve' }),
        reading({ customer: 33, customerMetric: 'NPS' }),
      ],
      'pass',
      true,
    ],
    [
      'only the customer metric is set and reported: complete',
      nps,
      null,
      [reading({ customer: 33, customerMetric: 'NPS' })],
      'partial',
      true,
    ],
  ])('%s', (_name, customerMetric, businessMetric, readings, expected, complete) => {
    const j = judge({ customerMetric, businessMetric }, readings);
    expect(j.verdict).toBe(expected);
    expect(j.complete).toBe(complete);
  });

  it('latestValue ignores values recorded against another metric', () => {
    const readings = [
      reading({ customer: 40, customerMetric: 'NPS' }),
      reading({ customer: 75, customerMetric: 'CSAT' }),
    ];
    expect(latestValue(nps, 'customer', readings)).toBe(40);
    expect(latestValue(csat, 'customer', readings)).toBe(75);
    expect(latestValue(null, 'customer', readings)).toBeNull();
  });
});

describe('executionEvidence', () => {
  const now = new Date('2026-07-31T09:00:00Z');
  const day = (d: string) => new Date(`${d}T12:00:00Z`);
  const base = { dueDate: null, completedAt: null, lastActivityAt: day('2026-07-30') };
  it('counts open, overdue, stalled, on-time share, idle days and departments without action', () => {
    const e = executionEvidence(
      { depts: ['service', 'sales', 'it'] },
      [
        {
          ...base,
          status: 'open',
          dept: 'service',
          dueDate: '2026-07-01',
          lastActivityAt: day('2026-07-10'),
        },
        { ...base, status: 'blocked', dept: 'service' },
        { ...base, status: 'done', dept: 'sales', dueDate: '2026-06-01', completedAt: day('2026-05-30') },
        { ...base, status: 'done', dept: 'sales', dueDate: '2026-06-01', completedAt: day('2026-06-02') },
        { ...base, status: 'done', dept: 'sales', completedAt: day('2026-06-02') },
        { ...base, status: 'dropped', dept: 'it', lastActivityAt: day('2026-07-31') },
      ],
      now,
      'UTC',
    );
    expect(e).toEqual({
      open: 2,
      overdue: 1,
      stalled: 1,
      doneWithDue: 2,
      doneOnTime: 1,
      daysSinceProgress: 0,
      deptsWithoutAction: ['it'],
    });
  });

  it('without any action: nothing counted, no progress ever, every department without action', () => {
    expect(executionEvidence({ depts: ['marketing'] }, [], now, 'UTC')).toEqual({
      open: 0,
      overdue: 0,
      stalled: 0,
      doneWithDue: 0,
      doneOnTime: 0,
      daysSinceProgress: null,
      deptsWithoutAction: ['marketing'],
    });
  });

  it('done on time is judged in the zone: 23:30 in Berlin on the due date is on time', () => {
    const e = executionEvidence(
      { depts: ['it'] },
      [
        {
          ...base,
          status: 'done',
          dept: 'it',
          dueDate: '2026-06-01',
          completedAt: new Date('2026-06-01T21:30:00Z'),
        },
      ],
      now,
      'Europe/Berlin',
    );
    expect(e.doneOnTime).toBe(1);
  });
});
