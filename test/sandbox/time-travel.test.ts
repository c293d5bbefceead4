import { describe, expect, it } from 'vitest';
import { JOBS } from '../../src/jobs/index.js';
import type { Job } from '../../src/jobs/job.js';
import { LONG_JUMP_MS, scheduledMoments, THIN_MS } from '../../src/runtime/time-travel.js';
import { localParts, travelTarget, zonedInstant } from '../../src/sandbox/zone-time.js';

const at = (iso: string) => new Date(iso);
const job = (name: string, schedule: string): Job => ({
  name,
  schedule,
  periodOf: (d) => d.toISOString(),
  run: async () => '',
});

describe('time-travel buttons (the sandbox’s own zone maths)', () => {
  it.each([
    ['day', '2026-03-02T10:00:00Z', 'UTC', '2026-03-03T10:00:00.000Z'],
    ['week', '2026-03-02T10:00:00Z', 'UTC', '2026-03-09T10:00:00.000Z'],
    // Monday → that week's Friday 14:00; Friday after 14:00 → the next one; Friday before → today.
    ['friday', '2026-03-02T10:00:00Z', 'UTC', '2026-03-06T14:00:00.000Z'],
    ['friday', '2026-03-06T15:00:00Z', 'UTC', '2026-03-13T14:00:00.000Z'],
    ['friday', '2026-03-06T13:59:00Z', 'UTC', '2026-03-06T14:00:00.000Z'],
    // 14:00 on the wall clock in Berlin, before and after the change to summer time on 29 March.
    ['friday', '2026-03-23T10:00:00Z', 'Europe/Berlin', '2026-03-27T13:00:00.000Z'],
    ['friday', '2026-03-28T10:00:00Z', 'Europe/Berlin', '2026-04-03T12:00:00.000Z'],
    // A week across the DST change keeps the local time (10:00 Berlin).
    ['week', '2026-03-23T09:00:00Z', 'Europe/Berlin', '2026-03-30T08:00:00.000Z'],
    // Six calendar months, clamped to the month's last day.
    ['half-year', '2026-08-31T09:00:00Z', 'UTC', '2027-02-28T09:00:00.000Z'],
    // 05:00 in New York stays 05:00 (EST in March, EDT in September).
    ['half-year', '2026-03-02T10:00:00Z', 'America/New_York', '2026-09-02T09:00:00.000Z'],
  ] as const)('%s from %s in %s → %s', (travel, from, zone, expected) => {
    expect(travelTarget(travel, at(from), zone).toISOString()).toBe(expected);
  });

  it('reads and builds wall-clock times in a zone', () => {
    expect(localParts(at('2026-03-06T13:00:00Z'), 'Europe/Berlin')).toEqual({
      year: 2026,
      month: 3,
      day: 6,
      hour: 14,
      minute: 0,
      weekday: 5,
    });
    expect(zonedInstant(2026, 7, 1, 9, 30, 'Asia/Kolkata').toISOString()).toBe('2026-07-01T04:00:00.000Z');
  });
});

describe('scheduledMoments: where the clock stops on its way', () => {
  it('stops at each fire time in (from, to], in the zone, oldest first', () => {
    const digest = job('digest', '0 14 * * 5');
    const daily = job('daily', '0 9 * * *');
    const moments = scheduledMoments(
      [digest, daily],
      at('2026-03-04T09:00:00Z'),
      at('2026-03-07T09:00:00Z'),
      'Europe/Berlin',
    ).map((d) => d.toISOString());
    expect(moments).toEqual([
      '2026-03-05T08:00:00.000Z',
      '2026-03-06T08:00:00.000Z',
      '2026-03-06T13:00:00.000Z',
      '2026-03-07T08:00:00.000Z',
    ]);
  });

  it('keeps every half hour on a short jump and thins frequent jobs on a long one', () => {
    const halfHourly = job('reminders', '*/30 * * * *');
    const day = scheduledMoments([halfHourly], at('2026-03-02T10:00:00Z'), at('2026-03-03T10:00:00Z'), 'UTC');
    expect(day).toHaveLength(48);
    const from = at('2026-03-02T10:00:00Z');
    const to = new Date(from.getTime() + LONG_JUMP_MS + 86_400_000);
    const long = scheduledMoments([halfHourly, job('digest', '0 14 * * 5')], from, to, 'UTC');
    const gaps = long.slice(1).map((d, i) => d.getTime() - (long[i] as Date).getTime());
    // Thinned reminders every 6 hours, plus the Friday digest in between: nothing dropped but frequency.
    expect(Math.min(...gaps)).toBeGreaterThan(0);
    expect(long.length).toBeLessThan((to.getTime() - from.getTime()) / THIN_MS + 3);
    expect(long.map((d) => d.toISOString())).toContain('2026-03-06T14:00:00.000Z');
    expect(long.at(-1)?.getTime()).toBe(to.getTime());
  });

  it('every job of the bot has a schedule it understands', () => {
    const moments = scheduledMoments(JOBS, at('2026-03-01T00:00:00Z'), at('2026-03-08T00:00:00Z'), 'UTC');
    expect(moments.length).toBeGreaterThan(7 * 48 - 1);
  });
});
