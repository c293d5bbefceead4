import { describe, expect, it } from 'vitest';
import { formatUserMention, parseUserMention } from '../../../../src/slack/parse/command/mentions.js';

describe('parseUserMention', () => {
  it.each([
    ['<@U123>', 'U123'],
    ['<@U123|maria>', 'U123'],
    ['<@U123|Maria Schmidt>', 'U123'],
    ['<@W0ABC9>', 'W0ABC9'],
    [' <@U1> ', 'U1'],
  ])('%j → %s', (text, expected) => {
    expect(parseUserMention(text)).toBe(expected);
  });

  it.each([
    '@maria',
    'U123',
    '<@u123>',
    '<#C123|general>',
    '<!channel>',
    '<@U123',
    '<@>',
    '&lt;@U123&gt;',
    'x<@U1>',
  ])('%j is not a user mention', (text) => {
    expect(parseUserMention(text)).toBeNull();
  });

  it('formats a mention that parses back', () => {
    expect(formatUserMention('U9')).toBe('<@U9>');
    expect(parseUserMention(formatUserMention('U9'))).toBe('U9');
  });
});
