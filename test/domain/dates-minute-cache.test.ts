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

describe('zone fields are reused within a minute (issue 13) and stay right', () => {
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
});
