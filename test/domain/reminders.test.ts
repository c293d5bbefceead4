import { describe, expect, it } from 'vitest';
import { isAway, isReminderTime, mayDmOwner, mayRemindAction } from '../../src/domain/reminders.js';

describe('isReminderTime', () => {
  it.each([
    ['2026-03-10T09:29:00Z', 'UTC', false], // Tuesday, before 09:30
    ['2026-03-10T09:30:00Z', 'UTC', true],
    ['2026-03-10T17:00:00Z', 'UTC', true],
    ['2026-03-10T23:59:00Z', 'UTC', true],
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
