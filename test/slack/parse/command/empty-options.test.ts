import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../../src/slack/parse/command/index.js';

// Issue 9 item 9: `/cx log I-1 Write the FAQ due:` logged an action titled "Write the FAQ due:".
const ctx = { now: new Date('2026-03-10T11:00:00Z'), zone: 'Europe/Berlin' };
const parse = (text: string) => parseCommand(text, ctx);

describe('an option without a value is a usage error naming the option', () => {
  it.each([
    ['log I-1 Write the FAQ due:', 'log', 'due:', 'bad_date'],
    ['log I-1 Write the FAQ DUE:', 'log', 'DUE:', 'bad_date'],
    ['log I-1 Write the FAQ dept:', 'log', 'dept:', 'unknown_dept'],
    ['log I-1 Write the FAQ owner:', 'log', 'owner:', 'bad_user'],
    ['new Faster quotes lead:', 'new', 'lead:', 'unknown_dept'],
    ['new Faster quotes with:', 'new', 'with:', 'unknown_dept'],
    ['new Faster quotes with:,', 'new', 'with:,', 'unknown_dept'],
    ['new Faster quotes owner:', 'new', 'owner:', 'bad_user'],
    ['new Faster quotes start:', 'new', 'start:', 'bad_date'],
    ['new Faster quotes due:', 'new', 'due:', null],
    ['log I-1 Write the FAQ due: dept:it', 'log', 'due:', 'bad_date'],
    ['new Faster quotes lead: essential', 'new', 'lead:', 'unknown_dept'],
  ])('%j', (text, command, option, cause) => {
    const result = parse(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // An option `new` does not take is refused as such, empty or not.
    if (cause === null) {
      expect(result.error).toEqual({ code: 'usage', command, detail: 'bad_option', text: option });
      return;
    }
    expect(result.error).toMatchObject({
      code: 'usage',
      command,
      detail: 'invalid_value',
      text: option,
      cause: { code: cause, text: option },
    });
  });

  it('the due date bounds are still those of a due date', () => {
    expect(parse('log I-1 x due:')).toMatchObject({
      ok: false,
      error: { cause: { code: 'bad_date', field: 'due', reason: 'format', earliest: '2026-03-10' } },
    });
  });

  it('a quoted "due:" is title text, and an option with a value still works', () => {
    expect(parse('log I-1 Write the "due:" FAQ')).toMatchObject({
      ok: true,
      value: { title: 'Write the "due:" FAQ' },
    });
    expect(parse('log I-1 Write the FAQ due:+7d')).toMatchObject({ ok: true, value: { due: '2026-03-17' } });
  });
});
