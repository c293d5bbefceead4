import { describe, expect, it } from 'vitest';
import type { DomainError } from '../../../../src/domain/errors.js';
import { parseCommand } from '../../../../src/slack/parse/command/index.js';
import { strayAtName } from '../../../../src/slack/parse/command/mentions.js';

/** Issue 12: near-miss words get "did you mean", and a plain `@name` in a title is nobody. */

const ctx = { now: new Date('2026-03-10T11:00:00Z'), zone: 'Europe/Berlin' };

function failed(text: string): DomainError {
  const result = parseCommand(text, ctx);
  if (result.ok)
    throw new Error(`expected ${JSON.stringify(text)} to fail, got ${JSON.stringify(result.value)}`);
  return result.error;
}

describe('bad_option names the word and what is close to it', () => {
  it.each<[string, string, string[] | undefined]>([
    ['log I-1 x deu:+3d', 'deu:+3d', ['due:']],
    ['log I-1 x Dpt:it', 'Dpt:it', ['dept:']],
    ['new X laed:it', 'laed:it', ['lead:']],
    ['new X strat:2026-01-01', 'strat:2026-01-01', ['start:']],
    ['new X due:+3d', 'due:+3d', undefined],
    ['log I-1 X lead:it', 'lead:it', undefined],
    ['metric I-1 revenue "Cost" 1 -&gt; 2', 'revenue', ['business']],
    ['metric I-1 revnue', 'revnue', ['business']],
    ['metric I-1 custmer "NPS" 1 -&gt; 2', 'custmer', ['customer']],
    ['metric I-1 NPS 1 -&gt; 2', 'NPS', ['customer']],
    ['metric I-1 happiness "NPS" 1 -&gt; 2', 'happiness', undefined],
    ['check I-1 custmer=38', 'custmer=38', ['customer=']],
    ['check I-1 busines:2', 'busines:2', ['business=']],
    ['round foo', 'foo', undefined],
    ['round opne', 'opne', ['open']],
    ['round start', 'start', ['open']],
    ['away unitl 2026-04-01', 'unitl', ['until']],
    ['away of', 'of', ['off']],
    ['setup chanel it', 'chanel', ['channel']],
    ['verdict I-1 pas because', 'pas', ['pass']],
    ['verdict I-1 failed because', 'failed', ['fail']],
  ])('%j → `%s`, did you mean %j', (text, word, suggestions) => {
    const error = failed(text);
    expect(error).toMatchObject({ code: 'usage', detail: 'bad_option', text: word });
    expect(error.code === 'usage' ? error.suggestions : null).toEqual(suggestions);
  });

  it.each([
    ['log I-1 Fix: the login page', 'Fix: the login page'],
    ['log I-1 Review time:10:30 slot', 'Review time:10:30 slot'],
    ['new Re:launch the refund page lead:it', 'Re:launch the refund page'],
    ['log I-1 Read https://example.com/a', 'Read https://example.com/a'],
  ])('%j: a colon far from any option stays title text', (text, title) => {
    const result = parseCommand(text, ctx);
    expect(result.ok && 'title' in result.value ? result.value.title : result).toBe(title);
  });
});

describe('a plain @name in a title is nobody', () => {
  it.each([
    ['Call the top 20 accounts @nobody', '@nobody'],
    ['@maria.', '@maria'],
    ['Ask (@legal-team) first', '@legal-team'],
    ['“Call @nobody”', '@nobody'],
    ['two @a and @b', '@a'],
  ])('%j → %s', (text, name) => {
    expect(strayAtName(text)).toBe(name);
  });

  it.each([
    'Mail refunds@example.com',
    'Ask <@U1|maria> and <@U2>',
    'Ping <!subteam^S1|@support>',
    'Read <mailto:a@b.com|a@b.com>',
    'Meet @ 10',
    'Meet @10am',
    'about @-mentions',
    'x/@y',
  ])('%j has none', (text) => {
    expect(strayAtName(text)).toBeNull();
  });

  it.each([
    ['new Call @nobody lead:it', 'new'],
    ['log I-1 Call the top 20 accounts @nobody', 'log'],
    ['log I-1 "Call @nobody" due:+3d', 'log'],
    ['edit A-1 Call @nobody', 'edit'],
  ])('%j is a bad_user of %s', (text, command) => {
    expect(failed(text)).toEqual({
      code: 'usage',
      command,
      detail: 'invalid_value',
      text: '@nobody',
      cause: { code: 'bad_user', text: '@nobody' },
    });
  });
});
