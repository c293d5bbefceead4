import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  daysBetween,
  isValidLocalDate,
  isValidTimeZone,
  localDate,
  parseDue,
  parseFutureDate,
  parseLocalDate,
  parseStart,
  startOfLocalDay,
  weekdayOf,
  zonedTime,
} from '../../src/domain/dates.js';

const at = (iso: string) => new Date(iso);

describe('localDate', () => {
  it.each([
    ['2026-03-10T12:00:00Z', 'UTC', '2026-03-10'],
    // Late evening UTC is already tomorrow in Berlin and still today in New York.
    ['2026-03-10T23:30:00Z', 'Europe/Berlin', '2026-03-11'],
    ['2026-03-10T23:30:00Z', 'America/New_York', '2026-03-10'],
    ['2026-03-11T03:00:00Z', 'America/Los_Angeles', '2026-03-10'],
    ['2026-03-10T18:29:59Z', 'Asia/Kolkata', '2026-03-10'],
    ['2026-03-10T18:30:00Z', 'Asia/Kolkata', '2026-03-11'],
    // Around the DST switches: the date changes at local midnight, whatever the offset.
    ['2026-03-08T04:59:59Z', 'America/New_York', '2026-03-07'],
    ['2026-03-08T05:00:00Z', 'America/New_York', '2026-03-08'],
    ['2026-03-09T03:59:59Z', 'America/New_York', '2026-03-08'],
    ['2026-03-09T04:00:00Z', 'America/New_York', '2026-03-09'],
    ['2026-11-01T03:59:59Z', 'America/New_York', '2026-10-31'],
    ['2026-11-02T04:59:59Z', 'America/New_York', '2026-11-01'],
    ['2026-11-02T05:00:00Z', 'America/New_York', '2026-11-02'],
    ['2026-03-28T22:59:59Z', 'Europe/Berlin', '2026-03-28'],
    ['2026-03-28T23:00:00Z', 'Europe/Berlin', '2026-03-29'],
    ['2026-03-29T22:00:00Z', 'Europe/Berlin', '2026-03-30'],
    ['2026-10-25T22:59:59Z', 'Europe/Berlin', '2026-10-25'],
    ['2026-10-25T23:00:00Z', 'Europe/Berlin', '2026-10-26'],
    ['2028-02-29T12:00:00Z', 'UTC', '2028-02-29'],
  ])('%s in %s is %s', (iso, zone, expected) => {
    expect(localDate(at(iso), zone)).toBe(expected);
  });
});

describe('startOfLocalDay', () => {
  it.each([
    ['2026-03-10', 'UTC', '2026-03-10T00:00:00.000Z'],
    ['2026-03-08', 'America/New_York', '2026-03-08T05:00:00.000Z'], // still EST at midnight
    ['2026-03-09', 'America/New_York', '2026-03-09T04:00:00.000Z'], // EDT: a 23-hour day before it
    ['2026-11-01', 'America/New_York', '2026-11-01T04:00:00.000Z'], // still EDT at midnight
    ['2026-11-02', 'America/New_York', '2026-11-02T05:00:00.000Z'], // EST: a 25-hour day before it
    ['2026-03-29', 'Europe/Berlin', '2026-03-28T23:00:00.000Z'],
    ['2026-03-30', 'Europe/Berlin', '2026-03-29T22:00:00.000Z'],
    ['2026-10-25', 'Europe/Berlin', '2026-10-24T22:00:00.000Z'],
    ['2026-10-26', 'Europe/Berlin', '2026-10-25T23:00:00.000Z'],
    ['2026-03-10', 'Asia/Kolkata', '2026-03-09T18:30:00.000Z'],
    ['2026-03-10', 'Pacific/Chatham', '2026-03-09T10:15:00.000Z'],
    // Chile springs forward at midnight: 00:00 never happens, the day starts at 01:00 local.
    ['2026-09-06', 'America/Santiago', '2026-09-06T04:00:00.000Z'],
    ['2028-02-29', 'Europe/Berlin', '2028-02-28T23:00:00.000Z'],
  ])('%s in %s starts at %s', (day, zone, expected) => {
    expect(startOfLocalDay(day, zone).toISOString()).toBe(expected);
  });

  it.each([
    ['2026-03-08', 'America/New_York', 23],
    ['2026-11-01', 'America/New_York', 25],
    ['2026-03-29', 'Europe/Berlin', 23],
    ['2026-10-25', 'Europe/Berlin', 25],
    ['2026-06-15', 'Europe/Berlin', 24],
  ])('%s in %s is %i hours long', (day, zone, hours) => {
    const length = startOfLocalDay(addDays(day, 1), zone).getTime() - startOfLocalDay(day, zone).getTime();
    expect(length).toBe(hours * 3_600_000);
  });

  it('round-trips with localDate for every day of 2026 in Berlin and New York', () => {
    for (const zone of ['Europe/Berlin', 'America/New_York']) {
      for (let i = 0; i < 365; i++) {
        const day = addDays('2026-01-01', i);
        const start = startOfLocalDay(day, zone);
        expect(localDate(start, zone)).toBe(day);
        expect(localDate(new Date(start.getTime() - 1), zone)).toBe(addDays(day, -1));
      }
    }
  });
});

describe('zonedTime', () => {
  it.each([
    [
      '2026-03-08T06:59:00Z',
      'America/New_York',
      { year: 2026, month: 3, day: 8, hour: 1, minute: 59, weekday: 7 },
    ],
    [
      '2026-03-08T07:00:00Z',
      'America/New_York',
      { year: 2026, month: 3, day: 8, hour: 3, minute: 0, weekday: 7 },
    ],
    [
      '2026-11-01T05:30:00Z',
      'America/New_York',
      { year: 2026, month: 11, day: 1, hour: 1, minute: 30, weekday: 7 },
    ],
    [
      '2026-11-01T06:30:00Z',
      'America/New_York',
      { year: 2026, month: 11, day: 1, hour: 1, minute: 30, weekday: 7 },
    ],
    [
      '2026-03-29T00:59:00Z',
      'Europe/Berlin',
      { year: 2026, month: 3, day: 29, hour: 1, minute: 59, weekday: 7 },
    ],
    [
      '2026-03-29T01:00:00Z',
      'Europe/Berlin',
      { year: 2026, month: 3, day: 29, hour: 3, minute: 0, weekday: 7 },
    ],
    [
      '2026-10-25T00:30:00Z',
      'Europe/Berlin',
      { year: 2026, month: 10, day: 25, hour: 2, minute: 30, weekday: 7 },
    ],
    [
      '2026-10-25T01:30:00Z',
      'Europe/Berlin',
      { year: 2026, month: 10, day: 25, hour: 2, minute: 30, weekday: 7 },
    ],
    // Midnight is hour 0, never 24.
    [
      '2026-03-09T23:00:00Z',
      'Europe/Berlin',
      { year: 2026, month: 3, day: 10, hour: 0, minute: 0, weekday: 2 },
    ],
    ['2026-03-09T08:30:00Z', 'UTC', { year: 2026, month: 3, day: 9, hour: 8, minute: 30, weekday: 1 }],
    ['2026-03-14T12:00:00Z', 'UTC', { year: 2026, month: 3, day: 14, hour: 12, minute: 0, weekday: 6 }],
    [
      '2028-02-29T10:00:00Z',
      'Asia/Tokyo',
      { year: 2028, month: 2, day: 29, hour: 19, minute: 0, weekday: 2 },
    ],
  ])('%s in %s', (iso, zone, expected) => {
    expect(zonedTime(at(iso), zone)).toEqual(expected);
  });
});

describe('isValidTimeZone', () => {
  it.each([
    ['UTC', true],
    ['Europe/Berlin', true],
    ['America/New_York', true],
    ['Mars/Olympus', false],
    ['', false],
    ['   ', false],
    ['Europe/Berlin ', false],
  ])('%j → %s', (zone, expected) => {
    expect(isValidTimeZone(zone)).toBe(expected);
  });
});

describe('calendar arithmetic', () => {
  it.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-07', 1, '2026-03-08'], // DST day in New York: calendar days don't care
    ['2026-01-01', 365, '2027-01-01'],
    ['2026-01-01', 0, '2026-01-01'],
  ])('addDays(%s, %i) = %s', (day, n, expected) => {
    expect(addDays(day, n)).toBe(expected);
  });

  it.each([
    ['2026-01-31', 6, '2026-07-31'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2028-02-29', 48, '2032-02-29'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-03-15', -60, '2021-03-15'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-01-15', -13, '2024-12-15'],
    ['2026-05-31', 0, '2026-05-31'],
  ])('addMonthsClamped(%s, %i) = %s', (day, n, expected) => {
    expect(addMonthsClamped(day, n)).toBe(expected);
  });

  it.each([
    ['2026-03-01', '2026-03-08', 7],
    ['2026-03-08', '2026-03-01', -7],
    ['2026-03-01', '2026-03-01', 0],
    ['2028-02-01', '2028-03-01', 29],
    ['2026-02-01', '2026-03-01', 28],
    ['2026-01-01', '2027-01-01', 365],
  ])('daysBetween(%s, %s) = %i', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  it.each([
    ['2026-03-09', 1],
    ['2026-03-13', 5],
    ['2026-03-14', 6],
    ['2026-03-15', 7],
    ['2028-02-29', 2],
  ])('weekdayOf(%s) = %i', (day, expected) => {
    expect(weekdayOf(day)).toBe(expected);
  });

  it.each([
    ['2026-02-28', true],
    ['2028-02-29', true],
    ['2000-02-29', true],
    ['2026-02-29', false],
    ['2100-02-29', false],
    ['2026-02-30', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-1-5', false],
    ['26-01-05', false],
    ['2026/01/05', false],
    [' 2026-01-05', false],
    ['2026-01-05x', false],
  ])('isValidLocalDate(%j) = %s', (text, expected) => {
    expect(isValidLocalDate(text)).toBe(expected);
    expect(parseLocalDate(text)).toBe(expected ? text : null);
  });
});

describe('parseDue', () => {
  const noon = at('2026-03-10T12:00:00Z');
  it.each([
    ['2026-03-10', '2026-03-10'], // today is allowed
    ['2026-03-11', '2026-03-11'],
    [' 2026-04-01 ', '2026-04-01'],
    ['2031-03-10', '2031-03-10'], // exactly 5 years ahead
    ['+1d', '2026-03-11'],
    ['+7D', '2026-03-17'],
    ['+30d', '2026-04-09'],
    ['+1826d', '2031-03-10'],
  ])('%j → %s (UTC noon)', (text, expected) => {
    expect(parseDue(text, noon, 'UTC')).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'format'],
    ['tomorrow', 'format'],
    ['+0d', 'format'],
    ['+d', 'format'],
    ['+3', 'format'],
    ['3d', 'format'],
    ['-3d', 'format'],
    ['+3w', 'format'],
    ['2026-3-10', 'format'],
    ['2026-02-30', 'not_a_date'],
    ['2026-02-29', 'not_a_date'],
    ['2026-03-09', 'past'],
    ['2025-12-31', 'past'],
    ['2031-03-11', 'too_far'],
    ['+1827d', 'too_far'],
    ['+99999999999999999999d', 'too_far'],
  ])('%j → bad_date %s', (text, reason) => {
    expect(parseDue(text, noon, 'UTC')).toEqual({
      ok: false,
      error: {
        code: 'bad_date',
        text: text.trim(),
        field: 'due',
        reason,
        earliest: '2026-03-10',
        latest: '2031-03-10',
      },
    });
  });

  // Today is the zone's today, not UTC's: 23:30 UTC on the 10th is already the 11th in Berlin.
  it.each([
    ['2026-03-10T23:30:00Z', 'Europe/Berlin', '+1d', '2026-03-12'],
    ['2026-03-10T23:30:00Z', 'UTC', '+1d', '2026-03-11'],
    ['2026-03-11T03:00:00Z', 'America/Los_Angeles', '+1d', '2026-03-11'],
    ['2026-03-11T03:00:00Z', 'America/Los_Angeles', '2026-03-10', '2026-03-10'],
    ['2026-03-10T11:30:00Z', 'Pacific/Auckland', '+1d', '2026-03-12'], // 00:30 on the 11th, UTC+13,
    ['2026-03-07T23:30:00Z', 'America/New_York', '+1d', '2026-03-08'],
  ])('at %s in %s, %s → %s', (iso, zone, text, expected) => {
    expect(parseDue(text, at(iso), zone)).toEqual({ ok: true, value: expected });
  });

  it('rejects yesterday in the zone even though it is still that day in UTC', () => {
    const result = parseDue('2026-03-10', at('2026-03-10T23:30:00Z'), 'Europe/Berlin');
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatchObject({ code: 'bad_date', reason: 'past', earliest: '2026-03-11' });
  });

  it('clamps five years from a leap day to 28 February', () => {
    const leap = at('2028-02-29T12:00:00Z');
    expect(parseDue('2033-02-28', leap, 'UTC')).toEqual({ ok: true, value: '2033-02-28' });
    expect(parseDue('2033-03-01', leap, 'UTC')).toMatchObject({ ok: false, error: { reason: 'too_far' } });
  });
});

describe('parseStart', () => {
  const noon = at('2026-03-10T12:00:00Z');
  it.each([
    ['2026-03-10', '2026-03-10'],
    ['2021-03-10', '2021-03-10'], // exactly 5 years back
    ['2027-03-10', '2027-03-10'], // exactly 1 year ahead
    ['2024-02-29', '2024-02-29'],
  ])('%s accepted', (text, expected) => {
    expect(parseStart(text, noon, 'UTC')).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['2021-03-09', 'too_early'],
    ['2027-03-11', 'too_far'],
    ['2025-02-29', 'not_a_date'],
    ['+3d', 'format'],
    ['today', 'format'],
    ['', 'format'],
  ])('%j → %s', (text, reason) => {
    expect(parseStart(text, noon, 'UTC')).toEqual({
      ok: false,
      error: { code: 'bad_date', text, field: 'start', reason, earliest: '2021-03-10', latest: '2027-03-10' },
    });
  });
});

describe('parseFutureDate', () => {
  const noon = at('2026-03-10T12:00:00Z');
  it.each([
    ['2026-03-11', '2026-03-11'],
    ['2030-01-01', '2030-01-01'],
    ['2099-12-31', '2099-12-31'],
  ])('%s accepted', (text, expected) => {
    expect(parseFutureDate(text, noon, 'UTC')).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['2026-03-10', 'not_future'],
    ['2026-03-01', 'not_future'],
    ['2026-02-30', 'not_a_date'],
    ['+3d', 'format'],
    ['soon', 'format'],
  ])('%j → %s', (text, reason) => {
    expect(parseFutureDate(text, noon, 'UTC')).toEqual({
      ok: false,
      error: { code: 'bad_date', text, field: 'until', reason, earliest: '2026-03-11', latest: null },
    });
  });

  it("uses the zone's today", () => {
    // 23:30 UTC on the 10th is the 11th in Berlin, so the 11th is not in the future there.
    expect(parseFutureDate('2026-03-11', at('2026-03-10T23:30:00Z'), 'Europe/Berlin').ok).toBe(false);
    expect(parseFutureDate('2026-03-11', at('2026-03-10T23:30:00Z'), 'UTC').ok).toBe(true);
  });
});
