import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_COMMAND_TEXT } from '../../../../src/slack/parse/command/grammar.js';
import { parseCommand, SUBCOMMAND_NAMES, tokenize } from '../../../../src/slack/parse/command/index.js';
import { costRatio } from '../../../support/complexity.js';

// The characters the tokenizer and grammar treat specially, so random text hits their edge cases often.
const HOSTILE = [
  ...'"“„”<>@#!|&;:=,-+.%→ \n\t\u00a0\u202e',
  'https:',
  'mailto:',
  '&lt;',
  '&gt;',
  '&amp;',
  '->',
  '-&gt;',
  'A-1',
  'I-1',
  'due:',
  'owner:',
  'with:',
  '<@U1>',
  '<!channel>',
  'a',
  '7',
];
const hostile = fc.string({ unit: fc.constantFrom(...HOSTILE), maxLength: 60 });
const anyText = fc.oneof(hostile, fc.string({ unit: 'binary', maxLength: 80 }));
// A few structural characters followed by white space: repeated, it makes many tokens that each open
// something (a quote, Slack markup) without closing it — the shape that made scanning quadratic.
const STRUCTURAL = [...'"“„”<>@#!|&;:a', 'https:', 'mailto:', '&lt;'];
const pattern = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(...STRUCTURAL), minLength: 1, maxLength: 6 }),
    fc.constantFrom(' ', '\n', '\t'),
  )
  .map(([word, space]) => word + space);
const ctx = { now: new Date('2026-03-10T11:00:00Z'), zone: 'Europe/Berlin' };

describe('tokenize (property-based)', () => {
  it('never throws, and every token is the exact slice of the text it came from', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        let previousEnd = 0;
        for (const t of tokenize(text)) {
          expect(t.start).toBeGreaterThanOrEqual(previousEnd);
          expect(t.end).toBeGreaterThan(t.start);
          expect(text.slice(t.start, t.end)).toBe(t.raw);
          // Between tokens there is only white space: nothing typed is lost.
          expect(text.slice(previousEnd, t.start).trim()).toBe('');
          expect(t.value).toBe(t.quoted ? t.raw.slice(1, -1) : t.raw);
          previousEnd = t.end;
        }
        expect(text.slice(previousEnd).trim()).toBe('');
      }),
      { numRuns: 2000 },
    );
  });

  it('takes time linear in the text for any repeated pattern', () => {
    const plain = 'a '.repeat(10_000);
    fc.assert(
      fc.property(pattern, (unit) => {
        const text = unit.repeat(Math.ceil(plain.length / unit.length)).slice(0, plain.length);
        expect(costRatio(tokenize, text, plain)).toBeLessThan(10);
      }),
      { numRuns: 50, examples: [['„ '], ['“a '], ['<@ '], ['<https://a|b ']] },
    );
  });
});

describe('parseCommand (property-based)', () => {
  const command = fc
    .tuple(fc.constantFrom(...SUBCOMMAND_NAMES), fc.constantFrom(' ', '\n', ' I-1 ', ' A-1 '), anyText)
    .map(([name, sep, rest]) => `${name}${sep}${rest}`);

  it('never throws: any text is a command or a typed error', () => {
    fc.assert(
      fc.property(fc.oneof(command, anyText), (text) => {
        const result = parseCommand(text, ctx);
        if (result.ok) expect(SUBCOMMAND_NAMES).toContain(result.value.name);
        else expect(['usage', 'unknown_subcommand']).toContain(result.error.code);
      }),
      { numRuns: 3000 },
    );
  });

  it('takes time linear in the text, up to the longest text it reads', () => {
    const plain = `done A-1 ${'a '.repeat(MAX_COMMAND_TEXT / 2 - 10)}`;
    fc.assert(
      fc.property(fc.constantFrom(...SUBCOMMAND_NAMES), pattern, (name, unit) => {
        const body = unit.repeat(Math.ceil(plain.length / unit.length));
        const text = `${name} I-1 ${body}`.slice(0, plain.length);
        expect(costRatio((t) => parseCommand(t, ctx), text, plain)).toBeLessThan(10);
      }),
      {
        numRuns: 40,
        examples: [
          ['done', '„ '],
          ['pain', '„ '],
          ['new', '<@ '],
        ],
      },
    );
  });
});
