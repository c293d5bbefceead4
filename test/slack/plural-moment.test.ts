/** The two primitives issue 12 builds every count and every moment on: `count()` and `moment()`. */
import { describe, expect, it } from 'vitest';
import { count, line, md, moment } from '../../src/slack/messages/mrkdwn.js';

describe('count(): plurals through the language’s rules', () => {
  const days = { one: '# day', other: '# days' };
  it.each([
    [0, '0 days'],
    [1, '1 day'],
    [2, '2 days'],
    [1234, '1,234 days'],
  ])('%d → %s', (n, expected) => expect(count(n, days)).toBe(expected));

  it('German: its own forms and number format', () => {
    expect(count(1, { one: '# Tag', other: '# Tage' }, 'de')).toBe('1 Tag');
    expect(count(1234, { one: '# Tag', other: '# Tage' }, 'de')).toBe('1.234 Tage');
  });

  it('falls back to `other` and escapes its own text', () => {
    expect(count(1, { other: '# <x>' })).toBe('1 &lt;x&gt;');
  });
});

describe('moment(): a time each reader sees in their own zone', () => {
  const at = new Date('2026-12-07T01:48:00Z');
  it('is Slack date formatting with a fallback naming the zone it is written in', () => {
    expect(moment(at, 'America/Los_Angeles')).toBe(
      '<!date^1796608080^{date_short_pretty} {time}|Sun, 6 Dec 2026, 17:48 (America/Los_Angeles)>',
    );
    expect(moment(at, 'UTC', 'date')).toBe('<!date^1796608080^{date_short_pretty}|Mon, 7 Dec 2026>');
  });

  it('survives line(): not a person’s text, so it is never escaped on the way', () => {
    expect(moment(at, 'UTC')).not.toContain('&lt;');
    expect(line(String(moment(at, 'UTC')))).toContain('&lt;!date^');
  });
});

describe('num(): a bare count as the language writes it', () => {
  it('groups thousands for the reader', async () => {
    const { num } = await import('../../src/slack/messages/mrkdwn.js');
    expect(num(1234)).toBe('1,234');
    expect(num(1234, 'de')).toBe('1.234');
    const { en } = await import('../../src/slack/messages/en.js');
    expect(en.truncated(1234, md`x`)).toContain('…and 1,234 more.');
  });
});
