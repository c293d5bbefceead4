import { describe, expect, it } from 'vitest';
import {
  neutraliseMentions,
  progressBar,
  truncate,
  unescapeSlack,
  visibleLine,
  visibleLines,
} from '../../src/domain/text.js';

describe('unescapeSlack', () => {
  it.each([
    ['Q&amp;A', 'Q&A'],
    ['a &lt; b &gt; c', 'a < b > c'],
    ['-&gt;', '->'],
    // A user who typed the entity `&lt;` sees it kept: unescaping happens once.
    ['&amp;lt;', '&lt;'],
    ['&amp;amp;', '&amp;'],
    ['&quot; &nbsp; &', '&quot; &nbsp; &'],
    ['plain', 'plain'],
    ['', ''],
  ])('%j → %j', (text, expected) => {
    expect(unescapeSlack(text)).toBe(expected);
  });
});

describe('neutraliseMentions', () => {
  it.each([
    ['<!channel>', '&lt;!channel&gt;'],
    ['<!here> <!everyone>', '&lt;!here&gt; &lt;!everyone&gt;'],
    // Typed mentions and channel links stay mentions and links (label dropped: Slack shows the name).
    ['ping <@U1>', 'ping <@U1>'],
    ['<@U1|maria>', '<@U1>'],
    ['<@W1|maria> & <#C1|general> <#G2>', '<@W1> &amp; <#C1> <#G2>'],
    [
      '<@C1|not-a-person> <#U1|not-a-channel> <@u1>',
      '&lt;@C1|not-a-person&gt; &lt;#U1|not-a-channel&gt; &lt;@u1&gt;',
    ],
    ['<@U1<!channel>>', '&lt;@U1&lt;!channel&gt;&gt;'],
    ['<!subteam^S1>', '&lt;!subteam^S1&gt;'],
    ['<https://evil.example|click>', '&lt;https://evil.example|click&gt;'],
    ['Q&A', 'Q&amp;A'],
    ['&lt;', '&amp;lt;'],
    ['a < b > c', 'a &lt; b &gt; c'],
    ['*bold* _it_ ~s~ `code`', '*bold* _it_ ~s~ `code`'],
    [':tada: done', ':tada: done'],
    ['Grüße 👋🏽', 'Grüße 👋🏽'],
    ['', ''],
  ])('%j → %j', (text, expected) => {
    expect(neutraliseMentions(text)).toBe(expected);
  });

  it('leaves no `<` or `>` but kept mentions in a long hostile text and keeps its length accountable', () => {
    const text = '<!channel> <@U1> & '.repeat(158); // 3,002 characters
    expect(text.length).toBeGreaterThanOrEqual(3000);
    const safe = neutraliseMentions(text);
    expect(safe.replaceAll('<@U1>', '')).not.toMatch(/[<>]/);
    expect(safe).not.toMatch(/&(?!amp;|lt;|gt;)/);
    expect(unescapeSlack(safe)).toBe(text);
  });
});

describe('visibleLine (single-line fields: titles, pain points, names, units, reasons)', () => {
  it.each([
    ['Invoices unreadable\n:two: *P-99* Fake option', 'Invoices unreadable :two: *P-99* Fake option'],
    ['a\r\nb\rc\u2028d\u2029e\u0085f\vg\fh\ti', 'a b c d e f g h i'],
    ['two\n\n\nbreaks', 'two breaks'],
    ['txt.\u202eexe', 'txt.exe'],
    ['\u2066isolated\u2069 \u200fmarks\u200e \u061c', 'isolated marks '],
    ['bell\u0007 esc\u001b del\u007f csi\u009b', 'bell esc del csi'],
    ['half \ud83d pair', 'half \ufffd pair'],
    ['😀 👋🏽 ok', '😀 👋🏽 ok'],
    ['family 👨\u200d👩\u200d👧', 'family 👨\u200d👩\u200d👧'],
    ['', ''],
  ])('%j → %j', (text, expected) => {
    expect(visibleLine(text)).toBe(expected);
  });
});

describe('visibleLines (a note shown on its own)', () => {
  it.each([
    ['one\ntwo', ['one', 'two']],
    ['\n\none\n\n\n\ntwo\n\n', ['one', '', 'two']],
    ['a\r\nb\u2028c', ['a', 'b', 'c']],
    ['tab\there \u202e', ['tab here ']],
    [' \n ', []],
  ])('%j → %j', (text, expected) => {
    expect(visibleLines(text)).toEqual(expected);
  });
});

describe('truncate', () => {
  it.each([
    ['short', 10, 'short'],
    ['exactly10!', 10, 'exactly10!'],
    ['hello world', 8, 'hello w…'],
    ['hello world', 7, 'hello…'], // trailing space dropped before the ellipsis
    ['hello', 1, '…'],
    ['hello', 0, ''],
    ['', 0, ''],
    // 😀 is two UTF-16 units; cutting between them would leave half a character.
    ['ab😀cd', 4, 'ab…'],
    ['ab😀cd', 5, 'ab😀…'],
    // An entity is never split.
    ['ab&amp;cd', 5, 'ab…'],
    ['ab&amp;cd', 8, 'ab&amp;…'],
    ['ab&lt;cd', 6, 'ab…'],
    ['ab&gt;cd', 7, 'ab&gt;…'],
    ['ab&cd efgh', 5, 'ab&c…'], // a lone `&` is just a character
  ])('truncate(%j, %i) = %j', (text, max, expected) => {
    expect(truncate(text, max)).toBe(expected);
  });

  it('never exceeds max on a 3,000-character text of emoji and entities', () => {
    const text = '😀&amp;x'.repeat(500);
    for (let max = 1; max < 60; max++) {
      const out = truncate(text, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out.endsWith('…')).toBe(true);
      expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
      expect(out).not.toMatch(/&(?!amp;)/);
    }
  });
});

describe('progressBar', () => {
  it.each([
    [0, 0, 10, '░░░░░░░░░░ 0%'],
    [0, 5, 10, '░░░░░░░░░░ 0%'],
    [2, 5, 10, '▓▓▓▓░░░░░░ 40%'],
    [5, 5, 10, '▓▓▓▓▓▓▓▓▓▓ 100%'],
    [1, 3, 10, '▓▓▓░░░░░░░ 33%'],
    [2, 3, 10, '▓▓▓▓▓▓░░░░ 66%'],
    // Not complete until complete: 199/200 does not round up to a full bar.
    [199, 200, 10, '▓▓▓▓▓▓▓▓▓░ 99%'],
    [29, 100, 10, '▓▓░░░░░░░░ 29%'],
    [1, 2, 4, '▓▓░░ 50%'],
    [7, 5, 10, '▓▓▓▓▓▓▓▓▓▓ 100%'],
    [-1, 5, 10, '░░░░░░░░░░ 0%'],
    [3, 0, 5, '░░░░░ 0%'],
  ])('progressBar(%i, %i, %i) = %s', (done, total, width, expected) => {
    expect(progressBar(done, total, width)).toBe(expected);
  });

  it('defaults to ten cells', () => {
    expect(progressBar(1, 10)).toBe('▓░░░░░░░░░ 10%');
  });
});
