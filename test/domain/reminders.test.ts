import { describe, expect, it } from 'vitest';
import { deferredUntil } from '../../src/domain/outbox.js';
import {
  isAway,
  isReminderTime,
  mayDmOwner,
  mayRemindAction,
  nextWorkingStart,
  partOfDay,
  reminderWindowEnd,
} from '../../src/domain/reminders.js';

describe('isReminderTime: working hours 09:30–17:30, Monday to Friday, in the owner’s zone', () => {
  it.each([
    ['2026-03-10T09:29:00Z', 'UTC', false], // Tuesday, before 09:30
    ['2026-03-10T09:30:00Z', 'UTC', true],
    ['2026-03-10T17:00:00Z', 'UTC', true],
    ['2026-03-10T17:30:00Z', 'UTC', true], // the 17:30 run still counts
    ['2026-03-10T17:31:00Z', 'UTC', false],
    ['2026-03-10T21:00:00Z', 'UTC', false], // the evening: the hours have an end
    ['2026-03-10T23:59:00Z', 'UTC', false],
    // 21:00 in New York (Liam, issue 12) is 02:00 UTC the next day.
    ['2026-03-11T02:00:00Z', 'America/New_York', false],
    // 23:00 in São Paulo (Tomás) and 18:00 in Los Angeles (June).
    ['2026-03-11T02:00:00Z', 'America/Sao_Paulo', false],
    ['2026-03-11T01:00:00Z', 'America/Los_Angeles', false],
    ['2026-03-10T14:30:00Z', 'America/New_York', true], // 10:30 there
    ['2026-03-14T10:00:00Z', 'UTC', false], // Saturday
    ['2026-03-15T10:00:00Z', 'UTC', false], // Sunday
    ['2026-03-13T10:00:00Z', 'UTC', true], // Friday
    // The owner's own zone decides: 08:45 UTC is 09:45 in Berlin but 03:45 in New York.
    ['2026-03-10T08:45:00Z', 'Europe/Berlin', true],
    ['2026-03-10T08:45:00Z', 'America/New_York', false],
    // Monday 01:00 UTC is still Sunday evening in New York.
    ['2026-03-16T01:00:00Z', 'America/New_York', false],
    // Saturday 00:30 in Tokyo is Friday 15:30 UTC.
    ['2026-03-13T15:30:00Z', 'Asia/Tokyo', false],
  ])('%s in %s → %s', (iso, zone, expected) => {
    expect(isReminderTime(new Date(iso), zone)).toBe(expected);
  });
});

describe('reminderWindowEnd: a queued reminder DM is worth delivering until 17:31 of its local day', () => {
  it.each([
    ['2026-03-10T09:30:00Z', 'UTC', '2026-03-10T17:31:00.000Z'],
    ['2026-03-10T17:30:00Z', 'UTC', '2026-03-10T17:31:00.000Z'],
    // 17:30 in Berlin (CET) is 16:30 UTC.
    ['2026-03-03T16:30:00Z', 'Europe/Berlin', '2026-03-03T16:31:00.000Z'],
    // New York on the Monday after summer time began (EDT, UTC−4) and the Friday before (EST, UTC−5).
    ['2026-03-09T13:31:00Z', 'America/New_York', '2026-03-09T21:31:00.000Z'],
    ['2026-03-06T14:30:00Z', 'America/New_York', '2026-03-06T22:31:00.000Z'],
    // Tokyo's 09:30 is 00:30 UTC: the end is 17:31 there, 08:31 UTC.
    ['2026-03-10T00:30:00Z', 'Asia/Tokyo', '2026-03-10T08:31:00.000Z'],
  ])('queued %s in %s → %s', (iso, zone, expected) => {
    const end = reminderWindowEnd(new Date(iso), zone);
    expect(end.toISOString()).toBe(expected);
    // The first minute outside the hours, and the minute before it still inside.
    expect(isReminderTime(end, zone)).toBe(false);
    expect(isReminderTime(new Date(end.getTime() - 60_000), zone)).toBe(true);
  });
});

describe('nextWorkingStart: the next 09:30 on a working day, in the zone', () => {
  it.each([
    ['2026-03-10T08:00:00Z', 'UTC', '2026-03-10T09:30:00.000Z'], // Tuesday morning: today
    ['2026-03-10T09:30:00Z', 'UTC', '2026-03-11T09:30:00.000Z'], // at 09:30: the next one
    ['2026-03-10T20:00:00Z', 'UTC', '2026-03-11T09:30:00.000Z'], // Tuesday evening
    ['2026-03-13T18:00:00Z', 'UTC', '2026-03-16T09:30:00.000Z'], // Friday evening: Monday
    ['2026-03-14T12:00:00Z', 'UTC', '2026-03-16T09:30:00.000Z'], // Saturday
    // New York's Friday evening before summer time: Monday 09:30 EDT is 13:30 UTC.
    ['2026-03-06T23:00:00Z', 'America/New_York', '2026-03-09T13:30:00.000Z'],
  ])('after %s in %s → %s', (iso, zone, expected) => {
    expect(nextWorkingStart(new Date(iso), zone).toISOString()).toBe(expected);
  });

  it('deferredUntil: only a message kept to working hours, and only outside them', () => {
    const evening = new Date('2026-03-10T20:00:00Z');
    expect(deferredUntil({}, evening)).toBeNull();
    expect(deferredUntil({ hoursZone: 'UTC' }, new Date('2026-03-10T11:00:00Z'))).toBeNull();
    expect(deferredUntil({ hoursZone: 'UTC' }, evening)?.toISOString()).toBe('2026-03-11T09:30:00.000Z');
  });
});

describe('isAway', () => {
  it.each([
    [null, '2026-03-10', false],
    ['2026-03-12', '2026-03-10', true],
    ['2026-03-12', '2026-03-12', true], // through the end of that day
    ['2026-03-12', '2026-03-13', false],
  ])('away until %s, today %s → %s', (until, today, expected) => {
    expect(isAway(until, today)).toBe(expected);
  });
});

describe('mayRemindAction', () => {
  const now = new Date('2026-03-10T10:00:00Z');
  it.each([
    [null, true],
    ['2026-03-03T10:00:00Z', true],
    ['2026-03-03T10:00:01Z', false],
    ['2026-03-09T10:00:00Z', false],
  ])('last reminded %s → %s', (last, expected) => {
    expect(mayRemindAction(last ? new Date(last) : null, now)).toBe(expected);
  });
});

describe('mayDmOwner', () => {
  const now = new Date('2026-03-10T10:00:00Z'); // Tuesday
  const base = { ownerZone: 'UTC', ownerToday: '2026-03-10', awayUntil: null, lastDmDay: null };
  it.each([
    ['nothing in the way', {}, true],
    ['already DMed today', { lastDmDay: '2026-03-10' }, false],
    ['DMed yesterday', { lastDmDay: '2026-03-09' }, true],
    ['away', { awayUntil: '2026-03-11' }, false],
    ['back from away', { awayUntil: '2026-03-09' }, true],
    ['before 09:30 in their zone', { ownerZone: 'America/New_York', ownerToday: '2026-03-10' }, false],
  ])('%s → %s', (_label, overrides, expected) => {
    expect(mayDmOwner({ ...base, ...overrides }, now)).toBe(expected);
  });
});

describe('partOfDay: the greeting fits the reader’s hour', () => {
  it.each([
    ['2026-03-10T09:30:00Z', 'UTC', 'morning'],
    ['2026-03-10T11:59:00Z', 'UTC', 'morning'],
    ['2026-03-10T12:00:00Z', 'UTC', 'afternoon'],
    ['2026-03-10T15:00:00Z', 'UTC', 'afternoon'],
    // 15:00 UTC is 10:00 in New York: their morning.
    ['2026-03-10T15:00:00Z', 'America/New_York', 'morning'],
  ])('%s in %s → %s', (iso, zone, expected) => {
    expect(partOfDay(new Date(iso), zone)).toBe(expected);
  });
});
