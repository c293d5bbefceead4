import cron from 'node-cron';
import { describe, expect, it } from 'vitest';
import { cronMatches, halfHourKey, instantsAt, parseCron, previousFire } from '../../src/domain/cron.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('parseCron', () => {
  it('reads the schedules of the contract', () => {
    expect(parseCron('*/30 * * * *').minutes).toEqual([0, 30]);
    expect(parseCron('0 14 * * 5').weekdays).toEqual(new Set([5]));
    expect(parseCron('0 14 * * fri').weekdays).toEqual(new Set([5]));
    expect(parseCron('0 10 * * 1#1').nthWeekdays).toEqual([[1, 1]]);
    expect(parseCron('0 * * * *').hours).toHaveLength(24);
    expect(parseCron('0 9 * * 0,7').weekdays).toEqual(new Set([0]));
    expect(parseCron('5-20/5 1-3 * jan-mar mon-fri').minutes).toEqual([5, 10, 15, 20]);
  });

  it.each([
    '',
    '* * * *',
    '* * * * * *',
    '60 * * * *',
    '* 24 * * *',
    '* * 0 * *',
    '*/0 * * * *',
    '5-1 * * * *',
    'x * * * *',
  ])('rejects %j', (expr) => {
    expect(() => parseCron(expr)).toThrow(SyntaxError);
  });
});

describe('halfHourKey', () => {
  it.each([
    ['2026-03-02T09:30:00Z', '2026-03-02T09:30Z'],
    ['2026-03-02T09:59:59.999Z', '2026-03-02T09:30Z'],
    ['2026-03-02T10:00:00Z', '2026-03-02T10:00Z'],
    // The repeated 01:xx hour in New York on 1 November 2026 gets distinct keys.
    ['2026-11-01T05:30:00Z', '2026-11-01T05:30Z'],
    ['2026-11-01T06:30:00Z', '2026-11-01T06:30Z'],
  ])('%s → %s', (at, key) => {
    expect(halfHourKey(new Date(at))).toBe(key);
  });
});

describe('instantsAt', () => {
  it.each([
    ['2026-03-10', 9, 30, 'Europe/Berlin', ['2026-03-10T08:30:00.000Z']],
    ['2026-07-10', 9, 30, 'Europe/Berlin', ['2026-07-10T07:30:00.000Z']],
    // Skipped by the spring-forward jump: never happens.
    ['2026-03-08', 2, 30, 'America/New_York', []],
    ['2026-03-29', 2, 30, 'Europe/Berlin', []],
    // Repeated at the fall-back: happens twice, latest first.
    ['2026-11-01', 1, 30, 'America/New_York', ['2026-11-01T06:30:00.000Z', '2026-11-01T05:30:00.000Z']],
    ['2026-10-25', 2, 30, 'Europe/Berlin', ['2026-10-25T01:30:00.000Z', '2026-10-25T00:30:00.000Z']],
    ['2026-03-10', 0, 0, 'Asia/Kathmandu', ['2026-03-09T18:15:00.000Z']],
  ])('%s %i:%i in %s', (day, hour, minute, zone, expected) => {
    expect(instantsAt(day, hour, minute, zone).map((d) => d.toISOString())).toEqual(expected);
  });
});

describe('previousFire', () => {
  const digest = '0 14 * * 5';
  const halfHourly = '*/30 * * * *';
  const roundOpen = '0 10 * * 1#1';

  it.each([
    // The digest: Fridays 14:00 in the zone, across both 2026 DST changes.
    [digest, '2026-03-13T13:00:00Z', 'Europe/Berlin', '2026-03-13T13:00:00.000Z'],
    [digest, '2026-03-13T12:59:59Z', 'Europe/Berlin', '2026-03-06T13:00:00.000Z'],
    [digest, '2026-04-06T00:00:00Z', 'Europe/Berlin', '2026-04-03T12:00:00.000Z'],
    [digest, '2026-10-30T13:00:00Z', 'Europe/Berlin', '2026-10-30T13:00:00.000Z'],
    [digest, '2026-03-13T18:00:00Z', 'America/New_York', '2026-03-13T18:00:00.000Z'],
    [digest, '2026-03-13T17:59:00Z', 'America/New_York', '2026-03-06T19:00:00.000Z'],
    [digest, '2026-11-06T19:00:00Z', 'America/New_York', '2026-11-06T19:00:00.000Z'],
    // Every half hour, to the minute, including across the repeated and the skipped hour.
    [halfHourly, '2026-03-02T09:44:10Z', 'UTC', '2026-03-02T09:30:00.000Z'],
    [halfHourly, '2026-03-02T09:30:00Z', 'UTC', '2026-03-02T09:30:00.000Z'],
    [halfHourly, '2026-11-01T06:10:00Z', 'America/New_York', '2026-11-01T06:00:00.000Z'],
    [halfHourly, '2026-11-01T05:50:00Z', 'America/New_York', '2026-11-01T05:30:00.000Z'],
    [halfHourly, '2026-03-08T07:10:00Z', 'America/New_York', '2026-03-08T07:00:00.000Z'],
    [halfHourly, '2026-03-10T04:40:00Z', 'Asia/Kathmandu', '2026-03-10T04:15:00.000Z'],
    // The first Monday of the month.
    [roundOpen, '2026-03-20T00:00:00Z', 'UTC', '2026-03-02T10:00:00.000Z'],
    [roundOpen, '2026-03-02T09:59:00Z', 'UTC', '2026-02-02T10:00:00.000Z'],
    [roundOpen, '2026-08-20T00:00:00Z', 'America/New_York', '2026-08-03T14:00:00.000Z'],
  ])('%s before %s in %s → %s', (expr, now, zone, expected) => {
    expect(iso(previousFire(parseCron(expr), new Date(now), zone))).toBe(expected);
  });

  it('finds nothing for a date that never comes', () => {
    expect(previousFire(parseCron('0 0 30 2 *'), new Date('2026-03-01T00:00:00Z'), 'UTC')).toBeNull();
  });

  it('agrees with node-cron on when a schedule fires', () => {
    const cases: Array<[string, string]> = [
      ['0 14 * * 5', 'Europe/Berlin'],
      ['*/30 * * * *', 'America/New_York'],
      ['0 10 * * 1#1', 'Europe/Berlin'],
      ['0 9 * * *', 'Asia/Kolkata'],
      ['0 * * * *', 'America/New_York'],
    ];
    for (const [expr, zone] of cases) {
      const task = cron.createTask(expr, () => undefined, { timezone: zone });
      try {
        const ours = parseCron(expr);
        // Every minute of the DST weeks and a month boundary: the two matchers agree on each.
        for (const start of ['2026-03-06T00:00:00Z', '2026-10-23T00:00:00Z', '2026-07-30T00:00:00Z']) {
          const from = new Date(start).getTime();
          for (let t = from; t < from + 4 * 86_400_000; t += 60_000) {
            const at = new Date(t);
            if (task.match(at) !== cronMatches(ours, at, zone)) {
              throw new Error(`${expr} in ${zone} disagrees at ${at.toISOString()}`);
            }
          }
        }
      } finally {
        task.destroy();
      }
    }
  });

  it('is the latest matching minute, checked against a minute-by-minute scan', () => {
    const c = parseCron('0 14 * * 5');
    for (const zone of ['Europe/Berlin', 'America/New_York']) {
      let t = new Date('2026-03-27T00:00:00Z').getTime();
      const end = new Date('2026-04-06T00:00:00Z').getTime();
      let last: number | null = null;
      for (; t < end; t += 60_000) {
        if (cronMatches(c, new Date(t), zone)) last = t;
        if (t % (6 * 3_600_000) === 0 && last !== null) {
          expect(previousFire(c, new Date(t), zone)?.getTime()).toBe(last);
        }
      }
    }
  });
});
