import { describe, expect, it } from 'vitest';
import {
  dueMetricChecks,
  type MetricCheck,
  type MetricOutcome,
  metricCheckDate,
  metricDirection,
  metricOutcome,
  parseMeasurement,
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
  it.each<[MetricOutcome, MetricOutcome, string]>([
    ['met', 'met', 'pass'],
    ['met', 'improved', 'partial'],
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
