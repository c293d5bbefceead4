/**
 * The text neutraliser, property-based (issue 9 items 1, 5 and 6): whatever a person types, the mrkdwn we
 * make of it never throws, never holds a Slack control sequence, a line break (in a single-line field),
 * a bidi or control character or half a surrogate pair, and unescaped by Slack's rules gives back exactly
 * the text a reader sees. In linear time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutraliseMentions, unescapeSlack, visibleLine, visibleLines } from '../../src/domain/text.js';
import { clip, line, lines, md, mention } from '../../src/slack/messages/mrkdwn.js';
import { growthRatio } from '../support/complexity.js';

/** Pieces an attacker would reach for, mixed with anything at all (UTF-16 code units, lone surrogates too). */
const HOSTILE = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!subteam^S123|@team>',
  '<@U123|maria>',
  '<#C123|general>',
  '<https://evil.example|click>',
  '<!date^1392734382^{date}|x>',
  '<',
  '>',
  '&',
  '&amp;',
  '&lt;',
  '&gt;',
  '\n',
  '\r\n',
  '\r',
  '\u2028',
  '\u2029',
  '\u0085',
  '\v',
  '\f',
  '\t',
  '\u202e',
  '\u202d',
  '\u2066',
  '\u2069',
  '\u200f',
  '\u061c',
  '\u0000',
  '\u001b',
  '\u009b',
  '\ud83d',
  '\ude00',
  '😀',
  ':two: *P-99* ',
  '> ',
  'a',
  ' ',
];
const codeUnit = fc.nat(0xffff).map((c) => String.fromCharCode(c));
const text = fc.oneof(
  fc.string({ unit: fc.constantFrom(...HOSTILE), maxLength: 40 }),
  fc.string({ unit: fc.oneof(fc.constantFrom(...HOSTILE), codeUnit), maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

const BREAK = /[\n\r\v\f\u0085\u2028\u2029]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const BARE_AMPERSAND = /&(?!amp;|lt;|gt;)/;

const RUNS = { numRuns: 3000 };

/** What line() keeps of a typed user mention or channel link: the id, label dropped. */
const KEPT = /<[@#][UWCG][A-Z0-9]{1,30}>/g;
const kept = (t: string) =>
  t.replace(/<([@#])([UWCG][A-Z0-9]{1,30})(?:\|[^<>]*)?>/g, (whole, sigil: string, id: string) =>
    (sigil === '@') === (id[0] === 'U' || id[0] === 'W') ? `<${sigil}${id}>` : whole,
  );

describe('line(): a person’s text inside a line of ours', () => {
  it('never throws and never holds `<`, `>`, a bare `&`, a line break, a control, a bidi mark or half a pair', () => {
    fc.assert(
      fc.property(text, (t) => {
        const out = line(t).replace(KEPT, '');
        expect(out).not.toMatch(/[<>]/);
        expect(out).not.toMatch(BARE_AMPERSAND);
        expect(out).not.toMatch(BREAK);
        expect(out).not.toMatch(/\t/);
        expect(out).not.toMatch(CONTROL);
        expect(out).not.toMatch(BIDI);
        expect(out).not.toMatch(LONE_SURROGATE);
      }),
      RUNS,
    );
  });

  it('round-trips: Slack’s unescaping gives back the visible text, and printable text exactly', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(unescapeSlack(line(t))).toBe(kept(visibleLine(t)));
        expect(visibleLine(visibleLine(t))).toBe(visibleLine(t));
      }),
      RUNS,
    );
    const printable = fc.string({
      unit: fc.constantFrom(...Array.from('<>&!@#|^*_~`:;ab 😀é'), '<!channel>', '&amp;', 'ü'),
      maxLength: 60,
    });
    fc.assert(
      fc.property(printable, (t) => {
        expect(unescapeSlack(line(t))).toBe(t);
      }),
      RUNS,
    );
  });

  it('is the same path as neutraliseMentions, and never longer than its escaping needs', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(line(t)).toBe(neutraliseMentions(t));
        const specials = (t.match(/[&<>]/g) ?? []).length;
        expect(line(t).length).toBeLessThanOrEqual(t.length + 4 * specials);
      }),
      RUNS,
    );
  });

  it('folds line breaks into one line: no forged poll line', () => {
    expect(line('Invoices unreadable\n:two: *P-99* Fake option')).toBe(
      'Invoices unreadable :two: *P-99* Fake option',
    );
    expect(line('a\r\n\r\nb\u2028c\u2029d\u0085e\tf')).toBe('a b c d e f');
    expect(line('Refunds \u202eeton tuo\u202c fast\u0007')).toBe('Refunds eton tuo fast');
    expect(line('\ud83d broken')).toBe('\ufffd broken');
    expect(line('70<!channel>')).toBe('70&lt;!channel&gt;');
  });

  it('takes linear time on a hostile text', () => {
    // Against its own growth, not against plain text: escaping costs a hostile text a constant factor more
    // per character (seen at 62× on a busy machine), which says nothing about being linear.
    const hostile = (n: number) => '\n \t<!here>\u202e&'.repeat(Math.ceil(n / 12)).slice(0, n);
    expect(growthRatio(line, hostile, 50_000)).toBeLessThan(40);
    expect(growthRatio(lines, hostile, 50_000)).toBeLessThan(40);
  });
});

describe('lines(): a note on lines of its own', () => {
  it('quotes every line, so none starts where a line of ours does; nothing else gets through', () => {
    fc.assert(
      fc.property(text, (t) => {
        const out = lines(t);
        if (out === '') {
          expect(visibleLines(t)).toEqual([]);
          return;
        }
        for (const l of out.split('\n')) expect(l === '>' || l.startsWith('> ')).toBe(true);
        expect(out.replace(KEPT, '')).not.toMatch(/[<]/);
        expect(out.replace(KEPT, '').replace(/^>/gm, '')).not.toMatch(/>/);
        expect(out).not.toMatch(BARE_AMPERSAND);
        expect(out).not.toMatch(/[\r\v\f\u0085\u2028\u2029\t]/);
        expect(out).not.toMatch(CONTROL);
        expect(out).not.toMatch(BIDI);
        expect(out).not.toMatch(LONE_SURROGATE);
        // Unquoted and unescaped, it is the visible lines of the note.
        const back = out.split('\n').map((l) => unescapeSlack(l.replace(/^> ?/, '')));
        expect(back).toEqual(visibleLines(t).map((l) => (l.trim() === '' ? '' : kept(l))));
      }),
      RUNS,
    );
  });

  it('keeps at most one blank line in a row and none at either end', () => {
    expect(lines('\n\nWent well\n\n\n\n:rotating_light: second\n\n')).toBe(
      '> Went well\n>\n> :rotating_light: second',
    );
    expect(lines(' \n\t\n')).toBe('');
  });
});

describe('clip(): mrkdwn cut to a limit', () => {
  const parts = fc.array(
    fc.oneof(
      text.map((t) => line(t)),
      fc.constantFrom(mention('UALICE'), md`*bold*`, md`\n`, md`<https://x.example/a|link>`),
    ),
    { maxLength: 12 },
  );
  it('never exceeds the limit, cuts no entity, no surrogate pair and none of our `<…>`', () => {
    fc.assert(
      fc.property(parts, fc.nat(200), (ps, max) => {
        const whole = md`${ps.reduce((a, p) => md`${a}${p}`, md``)}`;
        const out = clip(whole, max);
        expect(out.length).toBeLessThanOrEqual(Math.max(max, 0));
        if (whole.length <= max) {
          expect(out).toBe(whole);
          return;
        }
        expect(out).not.toMatch(/&(?!amp;|lt;|gt;)/);
        expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
        const open = out.lastIndexOf('<');
        expect(open < 0 || out.indexOf('>', open) > open).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('mention(): only a real user id becomes a mention', () => {
  it.each([
    ['UALICE', '<@UALICE>'],
    ['W123', '<@W123>'],
    ['!channel', '!channel'],
    ['U1>|<!here', 'U1&gt;|&lt;!here'],
    ['', ''],
  ])('%j → %j', (id, expected) => {
    expect(mention(id)).toBe(expected);
  });
});
