import { describe, expect, it } from 'vitest';
import {
  type ActionChange,
  applyChange,
  isActive,
  isOverdue,
  isSnoozed,
  isStale,
  isStalled,
  snoozeUntil,
  sortByDue,
  transition,
} from '../../src/domain/actions.js';
import type { ActionEvent } from '../../src/domain/errors.js';
import type { Action, ActionStatus } from '../../src/domain/types.js';

const NOW = new Date('2026-03-10T12:00:00Z');
const TODAY = '2026-03-10';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function action(overrides: Partial<Action> = {}): Action {
  return {
    id: 7,
    initiativeId: 1,
    title: 'Draft FAQ',
    ownerId: 'U1',
    dept: 'service',
    dueDate: null,
    status: 'open',
    blockedReason: null,
    snoozedUntil: null,
    lastActivityAt: NOW,
    createdBy: 'U1',
    createdAt: NOW,
    completedAt: null,
    ...overrides,
  };
}

describe('transition', () => {
  it.each<[ActionStatus, ActionEvent, ActionStatus]>([
    ['open', 'done', 'done'],
    ['open', 'block', 'blocked'],
    ['open', 'update', 'open'],
    ['open', 'drop', 'dropped'],
    ['open', 'snooze', 'open'],
    ['blocked', 'done', 'done'],
    ['blocked', 'block', 'blocked'],
    // Issue 11: an update keeps the block; only unblock lifts it.
    ['blocked', 'update', 'blocked'],
    ['blocked', 'unblock', 'open'],
    ['open', 'reschedule', 'open'],
    ['blocked', 'reschedule', 'blocked'],
    ['open', 'assign', 'open'],
    ['blocked', 'assign', 'blocked'],
    ['open', 'rename', 'open'],
    ['blocked', 'rename', 'blocked'],
    ['blocked', 'drop', 'dropped'],
    ['blocked', 'snooze', 'blocked'],
  ])('%s + %s → %s', (from, event, to) => {
    expect(transition(action({ status: from }), event)).toEqual({ ok: true, value: to });
  });

  it.each<[ActionStatus, ActionEvent]>([
    ['open', 'unblock'],
    ['done', 'done'],
    ['done', 'update'],
    ['done', 'block'],
    ['done', 'unblock'],
    ['done', 'drop'],
    ['done', 'snooze'],
    ['dropped', 'done'],
    ['dropped', 'update'],
    ['dropped', 'block'],
    ['dropped', 'drop'],
    ['dropped', 'snooze'],
    ['dropped', 'unblock'],
    ['done', 'reschedule'],
    ['done', 'assign'],
    ['done', 'rename'],
    ['dropped', 'reschedule'],
    ['dropped', 'assign'],
    ['dropped', 'rename'],
  ])('%s + %s is a bad transition', (from, event) => {
    expect(transition(action({ status: from }), event)).toEqual({
      ok: false,
      error: { code: 'bad_transition', actionId: 7, from, event },
    });
  });
});

describe('applyChange', () => {
  const later = new Date(NOW.getTime() + HOUR);
  it.each<[ActionStatus, ActionChange, Record<string, unknown>]>([
    [
      'open',
      { event: 'done' },
      { status: 'done', completedAt: later, lastActivityAt: later, blockedReason: null },
    ],
    [
      'blocked',
      { event: 'done' },
      { status: 'done', completedAt: later, lastActivityAt: later, blockedReason: null },
    ],
    // An update is activity; on a blocked action it keeps the block and its reason (issue 11).
    ['open', { event: 'update' }, { status: 'open', lastActivityAt: later }],
    ['blocked', { event: 'update' }, { status: 'blocked', lastActivityAt: later }],
    ['blocked', { event: 'unblock' }, { status: 'open', lastActivityAt: later, blockedReason: null }],
    ['open', { event: 'drop' }, { status: 'dropped', lastActivityAt: later, blockedReason: null }],
    [
      'open',
      { event: 'block', reason: 'waiting for legal' },
      { status: 'blocked', lastActivityAt: later, blockedReason: 'waiting for legal' },
    ],
    [
      'blocked',
      { event: 'block', reason: 'now waiting for IT' },
      { status: 'blocked', lastActivityAt: later, blockedReason: 'now waiting for IT' },
    ],
    // A snooze is not activity: the stall clock keeps running.
    ['open', { event: 'snooze', days: 3 }, { snoozedUntil: new Date(later.getTime() + 3 * DAY) }],
    ['blocked', { event: 'snooze', days: 90 }, { snoozedUntil: new Date(later.getTime() + 90 * DAY) }],
    [
      'open',
      { event: 'reschedule', dueDate: '2026-04-01' },
      { dueDate: '2026-04-01', lastActivityAt: later },
    ],
    // A new owner starts with a fresh stall clock.
    ['blocked', { event: 'assign', ownerId: 'UBOB' }, { ownerId: 'UBOB', lastActivityAt: later }],
    // A rename only fixes words: not activity.
    ['open', { event: 'rename', title: 'Better words' }, { title: 'Better words' }],
  ])('%s + %o', (status, change, patch) => {
    expect(
      applyChange(action({ status, blockedReason: status === 'blocked' ? 'x' : null }), change, later),
    ).toEqual({
      ok: true,
      value: patch,
    });
  });

  it.each([0, 91, 2.5, -1])('refuses a snooze of %d days', (days) => {
    expect(applyChange(action(), { event: 'snooze', days }, NOW)).toMatchObject({
      ok: false,
      error: { code: 'bad_number', reason: 'range', min: 1, max: 90 },
    });
  });

  it('refuses to complete a done action', () => {
    expect(applyChange(action({ status: 'done' }), { event: 'done' }, NOW)).toEqual({
      ok: false,
      error: { code: 'bad_transition', actionId: 7, from: 'done', event: 'done' },
    });
  });
});

describe('snoozeUntil', () => {
  it('is N × 24 hours later, even across a DST switch', () => {
    const before = new Date('2026-03-28T09:00:00Z');
    expect(snoozeUntil(before, 3).toISOString()).toBe('2026-03-31T09:00:00.000Z');
  });
});

describe('stall rules', () => {
  it.each<[ActionStatus, boolean]>([
    ['open', true],
    ['blocked', true],
    ['done', false],
    ['dropped', false],
  ])('isActive(%s) = %s', (status, expected) => {
    expect(isActive({ status })).toBe(expected);
  });

  it.each<[ActionStatus, string | null, boolean]>([
    ['open', '2026-03-09', true],
    ['blocked', '2026-03-09', true],
    ['open', TODAY, false], // due today is not late yet
    ['open', '2026-03-11', false],
    ['open', null, false],
    ['done', '2026-03-01', false],
    ['dropped', '2026-03-01', false],
  ])('isOverdue(%s, due %s) = %s', (status, dueDate, expected) => {
    expect(isOverdue({ status, dueDate }, TODAY)).toBe(expected);
  });

  it.each<[ActionStatus, number, boolean]>([
    ['open', 7 * DAY, true],
    ['open', 7 * DAY - 1, false],
    ['open', 30 * DAY, true],
    ['blocked', 7 * DAY, true],
    ['done', 30 * DAY, false],
    ['dropped', 30 * DAY, false],
    ['open', 0, false],
  ])('isStale(%s, idle %i ms) = %s', (status, idle, expected) => {
    expect(isStale({ status, lastActivityAt: new Date(NOW.getTime() - idle) }, NOW)).toBe(expected);
  });

  it.each<[Date | null, boolean]>([
    [null, false],
    [new Date(NOW.getTime() + 1), true],
    [NOW, false], // the snooze ends at that instant
    [new Date(NOW.getTime() - DAY), false],
  ])('isSnoozed(until %s) = %s', (snoozedUntil, expected) => {
    expect(isSnoozed({ snoozedUntil }, NOW)).toBe(expected);
  });

  const idle = new Date(NOW.getTime() - 8 * DAY);
  const snoozed = new Date(NOW.getTime() + DAY);
  it.each<[string, Partial<Action>, boolean]>([
    ['fresh, no due date', {}, false],
    ['idle 8 days', { lastActivityAt: idle }, true],
    ['fresh but overdue', { dueDate: '2026-03-09' }, true],
    ['due today', { dueDate: TODAY }, false],
    ['blocked and idle', { status: 'blocked', lastActivityAt: idle }, true],
    ['idle but snoozed', { lastActivityAt: idle, snoozedUntil: snoozed }, false],
    ['overdue but snoozed', { dueDate: '2026-03-01', snoozedUntil: snoozed }, false],
    ['idle, snooze over', { lastActivityAt: idle, snoozedUntil: new Date(NOW.getTime() - 1) }, true],
    ['done long ago and overdue', { status: 'done', lastActivityAt: idle, dueDate: '2026-03-01' }, false],
    ['dropped and idle', { status: 'dropped', lastActivityAt: idle }, false],
  ])('isStalled: %s → %s', (_label, overrides, expected) => {
    expect(isStalled(action(overrides), NOW, TODAY)).toBe(expected);
  });
});

describe('sortByDue', () => {
  it('puts the soonest due first, undated last, ties by id', () => {
    const sorted = sortByDue([
      { id: 1, dueDate: null },
      { id: 2, dueDate: '2026-04-01' },
      { id: 3, dueDate: '2026-03-15' },
      { id: 4, dueDate: null },
      { id: 5, dueDate: '2026-03-15' },
      { id: 0, dueDate: '2026-03-15' },
    ]);
    expect(sorted.map((a) => a.id)).toEqual([0, 3, 5, 2, 1, 4]);
  });

  it('does not reorder its input', () => {
    const input = [
      { id: 2, dueDate: null },
      { id: 1, dueDate: '2026-03-15' },
    ];
    sortByDue(input);
    expect(input.map((a) => a.id)).toEqual([2, 1]);
  });
});
