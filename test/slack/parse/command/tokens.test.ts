import { describe, expect, it } from 'vitest';
import { joinText, restOf, tokenize } from '../../../../src/slack/parse/command/tokens.js';

const values = (text: string) => tokenize(text).map((t) => t.value);

describe('tokenize', () => {
  it.each([
    ['', []],
    ['  a   b  ', ['a', 'b']],
    ['a\tb\nc', ['a', 'b', 'c']],
    ['a\u00a0b', ['a', 'b']], // no-break space, as some keyboards insert
    ['"two words" x', ['two words', 'x']],
    ['“two words” x', ['two words', 'x']],
    ['„zwei Wörter“ x', ['zwei Wörter', 'x']],
    ['""', ['']],
    ['"unclosed quote', ['"unclosed', 'quote']],
    ["it's fine", ["it's", 'fine']],
    ['owner:<@U1|Maria Schmidt> x', ['owner:<@U1|Maria Schmidt>', 'x']],
    ['<#C1|general> <!here>', ['<#C1|general>', '<!here>']],
    ['<https://ex.com|a link> x', ['<https://ex.com|a link>', 'x']],
    // A raw `<` that is not Slack markup (e.g. from a test client) is an ordinary character.
    ['a < b > c', ['a', '<', 'b', '>', 'c']],
    ['<@U1 never closed', ['<@U1', 'never', 'closed']],
    ['"a""b"', ['a', 'b']],
  ])('%j → %o', (text, expected) => {
    expect(values(text)).toEqual(expected);
  });

  it('keeps offsets into the original text', () => {
    const [first, second] = tokenize('  done "A-1" ');
    expect(first).toEqual({ raw: 'done', value: 'done', quoted: false, start: 2, end: 6 });
    expect(second).toEqual({ raw: '"A-1"', value: 'A-1', quoted: true, start: 7, end: 12 });
  });
});

describe('joinText', () => {
  it.each([
    ['a  b   c', 'a b c'],
    ['"only quoted"', 'only quoted'],
    ['"  padded  "', 'padded'],
    ['Fix the "Contact us" page', 'Fix the "Contact us" page'],
    ['Q&amp;A &lt;b&gt;', 'Q&A <b>'],
    ['', ''],
  ])('%j → %j', (text, expected) => {
    expect(joinText(tokenize(text))).toBe(expected);
  });
});

describe('restOf', () => {
  it('keeps spacing and line breaks, trims the ends, unescapes', () => {
    expect(restOf('done A-1   two  spaces\nnext &amp; line  ', 8)).toBe('two  spaces\nnext & line');
  });
});
