/**
 * The fast paths of the text neutraliser (issue 13: most titles hold no `&`, `<`, `>`, control or bidi
 * character, and are returned as they are) give exactly what the full rules give, for any text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escapeSlack,
  keepPeopleAndChannels,
  neutraliseMentions,
  visibleLine,
  visibleLines,
} from '../../src/domain/text.js';

// The rules as they were before the fast paths, written out here as the reference.
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const drop = (t: string) => t.replace(INVISIBLE, (c) => (c >= '\ud800' && c <= '\udfff' ? '\ufffd' : ''));
const refEscape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const refLine = (t: string) => drop(t).replace(/(?:\r\n|[\n\r\v\f\u0085\u2028\u2029\t])+/g, ' ');
function refLines(text: string): string[] {
  const out: string[] = [];
  for (const l of drop(text)
    .replace(/\t/g, ' ')
    .split(/\r\n|[\n\r\v\f\u0085\u2028\u2029]/g)) {
    const blank = l.trim() === '';
    if (blank && (out.length === 0 || (out.at(-1) ?? '').trim() === '')) continue;
    out.push(l);
  }
  while (out.length > 0 && (out.at(-1) ?? '').trim() === '') out.pop();
  return out;
}
const PERSON_OR_CHANNEL = /<([@#])([UWCG][A-Z0-9]{1,30})(?:\|[^<>]*)?>/g;
function refKeep(text: string): string {
  let out = '';
  let from = 0;
  for (const m of text.matchAll(PERSON_OR_CHANNEL)) {
    const [whole, sigil, id] = m;
    const ok = sigil === '@' ? id?.[0] === 'U' || id?.[0] === 'W' : id?.[0] === 'C' || id?.[0] === 'G';
    if (!ok) continue;
    out += `${refEscape(text.slice(from, m.index))}<${sigil}${id}>`;
    from = (m.index ?? 0) + whole.length;
  }
  return out + refEscape(text.slice(from));
}

/** Plain titles (the fast path) and anything at all (the slow one), mixed. */
const PIECES = [
  'Churn down',
  ' ',
  'é',
  '😀',
  '<@U123|x>',
  '<#C1>',
  '&',
  '<',
  '>',
  '\n',
  '\t',
  '\u202e',
  '\ud800',
];
const texts = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((p) => p.join('')),
);

describe('text fast paths', () => {
  it('give the same result as the full rules, for any text', () => {
    fc.assert(
      fc.property(texts, (t) => {
        expect(escapeSlack(t)).toBe(refEscape(t));
        expect(visibleLine(t)).toBe(refLine(t));
        expect(keepPeopleAndChannels(t)).toBe(refKeep(t));
        expect(neutraliseMentions(t)).toBe(refKeep(refLine(t)));
        expect(visibleLines(t)).toEqual(refLines(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('return a plain title as it is', () => {
    const title = 'Call back every customer who waited too long (Q3), 100% of them';
    expect(neutraliseMentions(title)).toBe(title);
    expect(neutraliseMentions('Tom & Jerry <3')).toBe('Tom &amp; Jerry &lt;3');
  });
});
