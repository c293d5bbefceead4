import { describe, expect, it } from 'vitest';
import { MAX_UNIT_LENGTH } from '../../../../src/domain/limits.js';
import { parseCommand } from '../../../../src/slack/parse/command/index.js';

// Issue 9 item 1: a unit arrived as `<!channel>` and was printed raw into DMs and public posts.
const ctx = { now: new Date('2026-03-10T11:00:00Z'), zone: 'UTC' };
const parse = (text: string) => parseCommand(text, ctx);

describe('/cx metric refuses a unit that is not a short plain label', () => {
  it.each([
    ['a special after the target', 'metric I-2 customer "CSAT" 70 -&gt; 80 <!channel>', '<!channel>'],
    ['specials glued to both numbers', 'metric I-2 customer "CSAT" 10<!here> -&gt; 5<!here>', '<!here>'],
    ['a special glued to one number', 'metric I-2 customer "CSAT" 10 -&gt; 5<!everyone>', '<!everyone>'],
    ['a user mention', 'metric I-2 customer "CSAT" 70 -&gt; 80 <@U123>', '<@U123>'],
    ['a labelled user mention', 'metric I-2 customer "CSAT" 70 -&gt; 80 <@U123|maria>', '<@U123|maria>'],
    ['a channel', 'metric I-2 customer "CSAT" 70 -&gt; 80 <#C1|general>', '<#C1|general>'],
    ['a link', 'metric I-2 customer "CSAT" 70 -&gt; 80 <https://evil.example|%>', '<https://evil.example|%>'],
    ['typed angle brackets', 'metric I-2 customer "CSAT" 70 -&gt; 80 &lt;b&gt;', '<b>'],
    ['a plain @channel', 'metric I-2 customer "CSAT" 70 -&gt; 80 @channel', '@channel'],
    ['a right-to-left override', 'metric I-2 customer "CSAT" 70 -&gt; 80 %\u202e', '%\u202e'],
    ['a zero-width space', 'metric I-2 customer "CSAT" 70% -&gt; 80\u200b%', '\u200b%'],
    ['a control character', 'metric I-2 customer "CSAT" 70 -&gt; 80 %\u0007', '%\u0007'],
    [
      'a quoted unit with a line break',
      'metric I-2 customer "CSAT" 70 -&gt; 80 "%\n:two: *P-99*"',
      '%\n:two: *P-99*',
    ],
    [
      'a unit over the limit',
      `metric I-2 customer "CSAT" 70 -&gt; 80 ${'u'.repeat(MAX_UNIT_LENGTH + 1)}`,
      'u'.repeat(MAX_UNIT_LENGTH + 1),
    ],
  ])('%s', (_name, text, unit) => {
    expect(parse(text)).toEqual({
      ok: false,
      error: { code: 'usage', command: 'metric', detail: 'bad_unit', text: unit, max: MAX_UNIT_LENGTH },
    });
  });

  it.each([
    ['70% -&gt; 80%', '%'],
    ['12€ -&gt; 9€', '€'],
    ['4.2pts -&gt; 5pts', 'pts'],
    ['30 -&gt; 20 days', 'days'],
    ['30 -&gt; 20 "per 1,000 users"', 'per 1,000 users'],
    ['1 -&gt; 2 "m/s²"', 'm/s²'],
    ['1 -&gt; 2 R&amp;D-hours', 'R&D-hours'],
    ['1 -&gt; 2 Kunden·Tage', 'Kunden·Tage'],
    [`1 -&gt; 2 ${'u'.repeat(MAX_UNIT_LENGTH)}`, 'u'.repeat(MAX_UNIT_LENGTH)],
  ])('%s keeps the unit %j', (numbers, unit) => {
    expect(parse(`metric I-2 customer "CSAT" ${numbers}`)).toMatchObject({
      ok: true,
      value: { metric: { unit } },
    });
  });
});
