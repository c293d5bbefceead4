import { describe, expect, it } from 'vitest';
import {
  checkEssentialLimit,
  finalTally,
  hasConcreteNextStep,
  openActionsFingerprint,
  progress,
  resolveDepartments,
  sortForList,
} from '../../src/domain/initiatives.js';
import type { Action, ActionStatus, Department, Tier } from '../../src/domain/types.js';

const s = (...statuses: ActionStatus[]) => statuses.map((status) => ({ status }));

describe('progress', () => {
  it.each([
    [s(), { done: 0, total: 0 }],
    [s('open'), { done: 0, total: 1 }],
    [s('done'), { done: 1, total: 1 }],
    [s('done', 'open', 'blocked'), { done: 1, total: 3 }],
    [s('done', 'dropped'), { done: 1, total: 1 }],
    [s('dropped', 'dropped'), { done: 0, total: 0 }],
    [s('done', 'done', 'open', 'dropped', 'blocked'), { done: 2, total: 4 }],
  ])('%o → %o', (actions, expected) => {
    expect(progress(actions)).toEqual(expected);
  });
});

describe('hasConcreteNextStep', () => {
  type Step = Pick<Action, 'status' | 'ownerId' | 'dueDate'>;
  const open: Step = { status: 'open', ownerId: 'U1', dueDate: '2026-03-20' };
  it.each<[string, Step[], boolean]>([
    ['no actions', [], false],
    ['an open action with owner and due date', [open], true],
    ['an overdue open action still names a next step', [{ ...open, dueDate: '2020-01-01' }], true],
    ['open but undated', [{ ...open, dueDate: null }], false],
    ['open without owner', [{ ...open, ownerId: '' }], false],
    ['blocked with owner and due date', [{ ...open, status: 'blocked' }], false],
    ['only done ones', [{ ...open, status: 'done' }], false],
    ['only dropped ones', [{ ...open, status: 'dropped' }], false],
    ['one good among others', [{ ...open, status: 'done' }, { ...open, dueDate: null }, open], true],
  ])('%s → %s', (_label, actions, expected) => {
    expect(hasConcreteNextStep(actions)).toBe(expected);
  });
});

describe('checkEssentialLimit', () => {
  it.each<[number[], number | null]>([
    [[], null],
    [[], 5],
    [[1], 5],
    [[1, 2], 5],
    [[1, 2], null],
    // Making an already-essential initiative essential again is a no-op, even at the limit.
    [[1, 2, 3], 2],
  ])('essentials %o + %s is allowed', (current, id) => {
    expect(checkEssentialLimit(current, id)).toEqual({ ok: true, value: undefined });
  });

  it.each<[number[], number | null, number[]]>([
    [[3, 1, 2], 5, [1, 2, 3]],
    [[1, 2, 3], null, [1, 2, 3]],
    [[4, 5, 6, 7], 8, [4, 5, 6, 7]],
  ])('essentials %o + %s is refused naming %o', (current, id, named) => {
    expect(checkEssentialLimit(current, id)).toEqual({
      ok: false,
      error: { code: 'essential_limit', current: named, max: 3 },
    });
  });

  it('does not reorder the caller’s list', () => {
    const current = [3, 1, 2];
    checkEssentialLimit(current, 9);
    expect(current).toEqual([3, 1, 2]);
  });
});

describe('sortForList', () => {
  it('lists essentials first, then by id', () => {
    const items: { id: number; tier: Tier }[] = [
      { id: 4, tier: 'important' },
      { id: 2, tier: 'essential' },
      { id: 1, tier: 'important' },
      { id: 9, tier: 'essential' },
      { id: 3, tier: 'important' },
    ];
    expect(sortForList(items).map((i) => i.id)).toEqual([2, 9, 1, 3, 4]);
    expect(items.map((i) => i.id)).toEqual([4, 2, 1, 9, 3]);
  });

  it('handles an empty list', () => {
    expect(sortForList([])).toEqual([]);
  });
});

describe('resolveDepartments', () => {
  it.each<[Department, Department[], Department[]]>([
    ['service', [], ['service']],
    ['service', ['sales', 'it'], ['service', 'sales', 'it']],
    ['service', ['sales', 'service', 'it'], ['service', 'sales', 'it']],
    ['it', ['it'], ['it']],
    ['marketing', ['sales', 'sales'], ['marketing', 'sales']],
  ])('lead %s with %o → %o', (lead, withDepts, expected) => {
    expect(resolveDepartments(lead, withDepts)).toEqual(expected);
  });
});

describe('openActionsFingerprint', () => {
  it('is the same for the same ids in any order, and differs when one is added, removed or swapped', () => {
    const base = openActionsFingerprint([3, 1, 2]);
    expect(openActionsFingerprint([1, 2, 3])).toBe(base);
    expect(openActionsFingerprint([1, 2, 3, 4])).not.toBe(base);
    expect(openActionsFingerprint([1, 2])).not.toBe(base);
    expect(openActionsFingerprint([1, 2, 4])).not.toBe(base);
    expect(openActionsFingerprint([12, 3])).not.toBe(openActionsFingerprint([1, 23]));
    expect(base).toMatch(/^3\.[0-9a-z]+$/);
  });
});

describe('finalTally', () => {
  it('counts done and dropped; the bar is done out of done plus what this close dropped', () => {
    const after = [
      { status: 'done' },
      { status: 'done' },
      { status: 'dropped' },
      { status: 'dropped' },
    ] as const;
    // One of the dropped ones was dropped earlier (it never counted), one by this close.
    expect(finalTally(after, 1)).toEqual({ done: 2, dropped: 2, progress: { done: 2, total: 3 } });
    expect(finalTally([], 0)).toEqual({ done: 0, dropped: 0, progress: { done: 0, total: 0 } });
  });
});
