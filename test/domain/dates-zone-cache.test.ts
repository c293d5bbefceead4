import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDate, startOfLocalDay, zonedTime } from '../../src/domain/dates.js';

/** Reference: Intl directly, no cache in between. */
function reference(date: Date, zone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
  };
}

describe('zone fields from a per-day offset (issue 13) stay what Intl says', () => {
  it('across a DST jump, midnight, and zones asked in turn, second by second', () => {
    const starts = ['2026-03-29T00:58:00Z', '2026-10-25T00:58:00Z', '2026-12-31T22:58:00Z'];
    const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'UTC'];
    for (const start of starts) {
      for (let s = 0; s < 240; s += 7) {
        const at = new Date(Date.parse(start) + s * 1000);
        for (const zone of zones) {
          const t = zonedTime(at, zone);
          const r = reference(at, zone);
          expect({ ...t, weekday: undefined }).toEqual({ ...r, weekday: undefined });
          expect(localDate(at, zone)).toBe(
            `${r.year}-${String(r.month).padStart(2, '0')}-${String(r.day).padStart(2, '0')}`,
          );
        }
      }
    }
  });

  it('the start of a local day is exact to the millisecond on both sides of a DST change', () => {
    expect(startOfLocalDay('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfLocalDay('2026-03-30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfLocalDay('2026-11-01', 'America/New_York').toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(startOfLocalDay('2026-11-02', 'America/New_York').toISOString()).toBe('2026-11-02T05:00:00.000Z');
  });

  it('at any instant from 1972 to 2100, in zones with odd offsets and half-hour DST', () => {
    const zones = [
      'Europe/Berlin',
      'America/Santiago',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'America/St_Johns',
      'Pacific/Chatham',
      'Africa/Casablanca',
      'Asia/Tehran',
      'UTC',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 63_072_000_000, max: 4_102_444_800_000 }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          const at = new Date(ms);
          const r = reference(at, zone);
          const t = zonedTime(at, zone);
          expect({ ...t, weekday: undefined }, `${at.toISOString()} ${zone}`).toEqual({
            ...r,
            weekday: undefined,
          });
        },
      ),
      { numRuns: 4_000 },
    );
  });

  it('minute by minute through a day with a DST change, and the weekday with it', () => {
    const weekday = (at: Date, zone: string) =>
      new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short' }).format(at);
    const names = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
    for (const [start, zone] of [
      ['2026-10-24T12:00:00Z', 'Europe/Berlin'],
      ['2026-04-04T12:00:00Z', 'Australia/Lord_Howe'],
      ['2026-09-05T12:00:00Z', 'America/Santiago'],
    ] as const) {
      for (let m = 0; m < 36 * 60; m += 7) {
        const at = new Date(Date.parse(start) + m * 60_000);
        const t = zonedTime(at, zone);
        expect({ ...t, weekday: undefined }, `${at.toISOString()} ${zone}`).toEqual({
          ...reference(at, zone),
          weekday: undefined,
        });
        expect(names[t.weekday - 1]).toBe(weekday(at, zone));
      }
    }
  });
});
