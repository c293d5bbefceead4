import { describe, expect, it } from 'vitest';
import { MAX_METRIC_NAME_LENGTH, MAX_NOTE_LENGTH, MAX_TITLE_LENGTH } from '../../../../src/domain/limits.js';
import { MAX_COMMAND_TEXT } from '../../../../src/slack/parse/command/grammar.js';
import { parseCommand, tokenize } from '../../../../src/slack/parse/command/index.js';
import { costRatio } from '../../../support/complexity.js';

// Issue 9 item 5: `/cx done A-1 „ „ „ …` scanned to the end of the text for every opening quote.
const N = 20_000;
const ctx = { now: new Date('2026-03-10T11:00:00Z'), zone: 'UTC' };
// One token per two characters: the densest plain input, so the baseline is the costliest linear case.
const plain = (prefix: string) => prefix + 'a '.repeat((N - prefix.length) / 2);
const repeated = (prefix: string, unit: string) =>
  prefix + unit.repeat(Math.ceil((N - prefix.length) / unit.length)).slice(0, N - prefix.length);

describe('tokenizing costs time linear in the text', () => {
  it.each([
    ['unclosed opening quotes', '„ '],
    ['German opening quotes without space', '„'],
    ['straight quotes, odd count', '"a '],
    ['Slack markup openers', '<@U1|x '],
    ['markup openers without a close', '<@'],
    ['links without a close', '<https://x '],
    ['escaped angle brackets', '&lt;'],
  ])('%s', (_name, unit) => {
    expect(costRatio(tokenize, repeated('', unit), plain(''))).toBeLessThan(10);
  });

  it('parsing `done A-1 „ „ „ …` as long as a command may be costs about what plain words cost', () => {
    const parse = (text: string) => parseCommand(text, ctx);
    const hard = `done A-1 ${'„ '.repeat(MAX_COMMAND_TEXT)}`.slice(0, MAX_COMMAND_TEXT);
    const easy = `done A-1 ${'a '.repeat(MAX_COMMAND_TEXT)}`.slice(0, MAX_COMMAND_TEXT);
    expect(costRatio(parse, hard, easy)).toBeLessThan(10);
  });
});

describe('text longer than any valid command', () => {
  const parse = (text: string) => parseCommand(text, ctx);

  it('a note escaped to the limit still parses (and is then too long as a note)', () => {
    const note = '&amp;'.repeat(MAX_NOTE_LENGTH);
    expect(`done A-1 ${note}`.length).toBeLessThanOrEqual(MAX_COMMAND_TEXT);
    expect(parse(`done A-1 ${note}`)).toEqual({
      ok: true,
      value: { name: 'done', actionId: 1, note: '&'.repeat(MAX_NOTE_LENGTH) },
    });
  });

  it.each([
    ['done A-1 ', 'done', MAX_NOTE_LENGTH],
    ['  pain ', 'pain', MAX_NOTE_LENGTH],
    ['new ', 'new', MAX_TITLE_LENGTH],
    ['log I-1 ', 'log', MAX_TITLE_LENGTH],
    ['metric I-1 customer ', 'metric', MAX_METRIC_NAME_LENGTH],
  ])('%j + %s more characters is too long for that subcommand', (prefix, command, max) => {
    const text = prefix + '„ '.repeat(MAX_COMMAND_TEXT);
    expect(parse(text)).toEqual({ ok: false, error: { code: 'usage', command, detail: 'too_long', max } });
  });

  it('an unknown subcommand stays unknown however long the text', () => {
    expect(parse(`frobnicate ${'x'.repeat(MAX_COMMAND_TEXT)}`)).toEqual({
      ok: false,
      error: { code: 'unknown_subcommand', text: 'frobnicate' },
    });
  });
});
