import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../src/domain/dates.js';
import {
  digestMoment,
  firstMondayOfMonth,
  isMissedPeriod,
  isoWeekKey,
  isoWeekStart,
  monthKey,
  roundOpenMoment,
  startOfIsoWeek,
} from '../../src/domain/schedule.js';

describe('zonedInstant', () => {
  it.each([
    ['2026-03-10', 9, 30, 'UTC', '2026-03-10T09:30:00.000Z'],
    ['2026-03-10', 9, 30, 'Europe/Berlin', '2026-03-10T08:30:00.000Z'],
    ['2026-07-10', 9, 30, 'Europe/Berlin', '2026-07-10T07:30:00.000Z'],
    ['2026-03-08', 1, 30, 'America/New_York', '2026-03-08T06:30:00.000Z'],
    // 02:30 does not exist on the spring-forward night: it moves forward to 03:30 EDT.
    ['2026-03-08', 2, 30, 'America/New_York', '2026-03-08T07:30:00.000Z'],
    ['2026-03-08', 3, 30, 'America/New_York', '2026-03-08T07:30:00.000Z'],
    // 01:30 happens twice on the fall-back night: the first (EDT) one.
    ['2026-11-01', 1, 30, 'America/New_York', '2026-11-01T05:30:00.000Z'],
    ['2026-11-01', 2, 30, 'America/New_York', '2026-11-01T07:30:00.000Z'],
    ['2026-03-29', 2, 30, 'Europe/Berlin', '2026-03-29T01:30:00.000Z'],
    ['2026-10-25', 2, 30, 'Europe/Berlin', '2026-10-25T00:30:00.000Z'],
    ['2026-03-10', 0, 0, 'Asia/Kolkata', '2026-03-09T18:30:00.000Z'],
  ])('%s %i:%i in %s = %s', (day, hour, minute, zone, expected) => {
    expect(zonedInstant(day, hour, minute, zone).toISOString()).toBe(expected);
  });
});

describe('weeks and months', () => {
  it.each([
    ['2026-03-10', '2026-03-09', '2026-W11'],
    ['2026-03-09', '2026-03-09', '2026-W11'],
    ['2026-03-15', '2026-03-09', '2026-W11'],
    ['2026-01-01', '2025-12-29', '2026-W01'],
    ['2027-01-01', '2026-12-28', '2026-W53'],
    ['2027-01-04', '2027-01-04', '2027-W01'],
    ['2024-12-30', '2024-12-30', '2025-W01'],
    ['2028-02-29', '2028-02-28', '2028-W09'],
  ])('%s: week starts %s, key %s', (day, monday, key) => {
    expect(startOfIsoWeek(day)).toBe(monday);
    expect(isoWeekKey(day)).toBe(key);
  });

  it.each([
    ['2026-03-10', '2026-03', '2026-03-02'],
    ['2026-06-30', '2026-06', '2026-06-01'], // the 1st is a Monday
    ['2026-02-14', '2026-02', '2026-02-02'],
    ['2026-11-05', '2026-11', '2026-11-02'],
    ['2026-08-01', '2026-08', '2026-08-03'], // the 1st is a Saturday
    ['2026-03-31', '2026-03', '2026-03-02'],
  ])('%s: month %s, first Monday %s', (day, key, monday) => {
    expect(monthKey(day)).toBe(key);
    expect(firstMondayOfMonth(day)).toBe(monday);
  });
});

describe('job moments', () => {
  it.each([
    ['2026-03-10', 'Europe/Berlin', '2026-03-13T13:00:00.000Z'],
    ['2026-03-15', 'Europe/Berlin', '2026-03-13T13:00:00.000Z'],
    ['2026-03-30', 'Europe/Berlin', '2026-04-03T12:00:00.000Z'], // summer time from 29 March
    ['2026-03-10', 'UTC', '2026-03-13T14:00:00.000Z'],
  ])('digest for the week of %s in %s is due %s', (day, zone, expected) => {
    expect(digestMoment(day, zone).toISOString()).toBe(expected);
  });

  it.each([
    ['2026-03-10', 'Europe/Berlin', '2026-03-02T09:00:00.000Z'],
    ['2026-08-20', 'America/New_York', '2026-08-03T14:00:00.000Z'],
  ])('round for the month of %s in %s opens %s', (day, zone, expected) => {
    expect(roundOpenMoment(day, zone).toISOString()).toBe(expected);
  });

  const due = new Date('2026-03-13T13:00:00Z');
  it.each([
    ['passed, after first start', '2026-03-14T08:00:00Z', '2026-03-01T00:00:00Z', true],
    ['exactly now', '2026-03-13T13:00:00Z', '2026-03-01T00:00:00Z', true],
    ['not yet', '2026-03-13T12:59:00Z', '2026-03-01T00:00:00Z', false],
    ['before the bot first started (fresh install)', '2026-03-14T08:00:00Z', '2026-03-14T07:00:00Z', false],
    ['bot first started the same instant', '2026-03-14T08:00:00Z', '2026-03-13T13:00:00Z', false],
  ])('isMissedPeriod: %s → %s', (_label, now, firstStarted, expected) => {
    expect(isMissedPeriod(due, new Date(now), new Date(firstStarted))).toBe(expected);
  });
});

describe('isoWeekStart', () => {
  it.each([
    ['2026-W11', '2026-03-09'],
    ['2026-W01', '2025-12-29'],
    ['2026-W53', '2026-12-28'],
    ['2027-W01', '2027-01-04'],
    ['2025-W53', null], // 2025 has 52 weeks
    ['2026-W00', null],
    ['2026-11', null],
    ['', null],
  ])('%j → %s', (key, expected) => {
    expect(isoWeekStart(key)).toBe(expected);
  });

  it('round-trips with isoWeekKey', () => {
    for (const day of ['2026-03-10', '2027-01-01', '2024-12-30', '2028-02-29']) {
      const start = isoWeekStart(isoWeekKey(day));
      expect(start).toBe(startOfIsoWeek(day));
    }
  });
});
