import { describe, expect, it } from 'vitest';
import { formatRef, parseRef, parseRefOfKind } from '../../src/domain/refs.js';

describe('parseRef', () => {
  it.each([
    ['I-7', 'I', 7],
    ['i-7', 'I', 7],
    ['a-7', 'A', 7],
    ['A-7', 'A', 7],
    ['P-12', 'P', 12],
    ['p-12', 'P', 12],
    ['  A-3  ', 'A', 3],
    ['A-123456789012345', 'A', 123456789012345],
  ])('%j → %s-%i', (text, kind, n) => {
    expect(parseRef(text)).toEqual({ ok: true, value: { kind, n } });
  });

  it.each([
    'A-0',
    'A-',
    'A-1x',
    'A-01',
    'A7',
    'A 7',
    'X-7',
    '-7',
    '',
    'A--7',
    'A-7-',
    'A-1234567890123456',
    'A-+7',
  ])('%j is a bad ref', (text) => {
    expect(parseRef(text)).toEqual({
      ok: false,
      error: { code: 'bad_ref', text: text.trim(), expected: null },
    });
  });
});

describe('parseRefOfKind', () => {
  it.each([
    ['a-7', 'A'],
    ['I-2', 'I'],
    ['p-1', 'P'],
  ] as const)('%s is a %s', (text, kind) => {
    expect(parseRefOfKind(text, kind)).toMatchObject({ ok: true, value: { kind } });
  });

  it.each([
    ['I-7', 'A'],
    ['A-7', 'I'],
    ['P-7', 'I'],
    ['A-0', 'A'],
    ['nonsense', 'P'],
  ] as const)('%s is refused where a %s is expected', (text, kind) => {
    expect(parseRefOfKind(text, kind)).toEqual({
      ok: false,
      error: { code: 'bad_ref', text, expected: kind },
    });
  });
});

describe('formatRef', () => {
  it('prints upper-case from a ref or kind and number', () => {
    expect(formatRef({ kind: 'A', n: 7 })).toBe('A-7');
    expect(formatRef('P', 12)).toBe('P-12');
  });

  it('round-trips with parseRef', () => {
    const parsed = parseRef('i-42');
    expect(parsed.ok && formatRef(parsed.value)).toBe('I-42');
  });
});
