/**
 * The page's logic that needs no browser: what the composer makes of typed mentions, how `<!date^…>`
 * reads in each person's zone, that every emoji the bot writes has a glyph, and the app's shortcuts as
 * read from its manifest. The page's modules are plain JavaScript, imported here as they are served.
 */

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { VOTE_REACTIONS } from '../../src/domain/rounds.js';
import { ReadState, tsAfter } from '../../src/sandbox/reads.js';
import { MANIFEST_PATH, messageShortcuts, shortcutsOf } from '../../src/sandbox/shortcuts.js';
import { SANDBOX_CHANNEL_INPUTS, SANDBOX_USERS } from '../../src/sandbox/workspace.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const pageModule = async <T>(name: string): Promise<T> =>
  (await import(pathToFileURL(path.join(REPO, 'src/sandbox/page', name)).href)) as T;

const { linkMentions } = await pageModule<{
  linkMentions(text: string, users: unknown[], channels: unknown[]): string;
}>('compose.js');
const { formatSlackDate } = await pageModule<{
  formatSlackDate(
    seconds: string | number,
    format: string,
    zone: string,
    nowMs: number,
    locale?: string,
  ): string | null;
}>('slack-date.js');
const { STRINGS, languageOf, translate } = await pageModule<{
  STRINGS: Record<string, Record<string, string>>;
  languageOf(locale: string | undefined): string;
  translate(lang: string, key: string, params?: Record<string, unknown>): string;
}>('i18n.js');
const { EMOJI } = await pageModule<{ EMOJI: Record<string, string> }>('mrkdwn.js');

describe('the composer: typed @name / #channel become mentions, as Slack’s autocomplete makes them', () => {
  const users = SANDBOX_USERS.map((u) => ({ id: u.id, name: u.name }));
  const channels = SANDBOX_CHANNEL_INPUTS.map((c) => ({ id: c.id, name: c.name, kind: 'channel' }));
  const link = (text: string) => linkMentions(text, users, channels);

  it('links a mention right after ":" or any other non-word character, not only after a space', () => {
    expect(link('/cx list owner:@june')).toBe('/cx list owner:<@UJUNE>');
    expect(link('/cx new Title owner:@maya lead:sales')).toBe('/cx new Title owner:<@UMAYA> lead:sales');
    expect(link('@liam,(@priya) [@tomas]')).toBe('<@ULIAM>,(<@UPRIYA>) [<@UTOMAS>]');
    expect(link('in:#cx-sales and #cx-it.')).toBe('in:<#CSALES> and <#CIT>.');
  });

  it('keeps sentence punctuation after a name out of it', () => {
    expect(link('thanks @june.')).toBe('thanks <@UJUNE>.');
    expect(link('ask @june-')).toBe('ask <@UJUNE>-');
  });

  it('leaves addresses, unknown names and words with @ inside alone', () => {
    expect(link('mail june@example.com')).toBe('mail june@example.com');
    expect(link('@nobody and #no-such-channel')).toBe('@nobody and #no-such-channel');
    expect(link('a#cx-sales b@june')).toBe('a#cx-sales b@june');
  });
});

describe('<!date^…> in the reader’s zone, with Slack’s tokens', () => {
  // Tuesday 8 September 2026, 16:30:05 UTC.
  const at = Date.UTC(2026, 8, 8, 16, 30, 5) / 1000;
  const now = Date.UTC(2026, 8, 8, 12, 0, 0);
  const f = (format: string, zone = 'UTC', nowMs = now) => formatSlackDate(at, format, zone, nowMs);

  it('writes each token as Slack does', () => {
    expect(f('{date_num}')).toBe('2026-09-08');
    expect(f('{date}')).toBe('September 8th, 2026');
    expect(f('{date_short}')).toBe('Sep 8, 2026');
    expect(f('{date_long}')).toBe('Tuesday, September 8th, 2026');
    expect(f('{time}')).toBe('4:30 PM');
    expect(f('{time_secs}')).toBe('4:30:05 PM');
    expect(f('due {date_short} at {time}!')).toBe('due Sep 8, 2026 at 4:30 PM!');
    expect(f('{ago}')).toBe('in 4 hours');
  });

  it('says Today / Yesterday / Tomorrow in the pretty forms, counted in the reader’s own day', () => {
    expect(f('{date_short_pretty} {time}')).toBe('Today 4:30 PM');
    expect(f('{date_pretty}', 'UTC', now + 86_400_000)).toBe('Yesterday');
    expect(f('{date_long_pretty}', 'UTC', now - 86_400_000)).toBe('Tomorrow');
    expect(f('{date_pretty}', 'UTC', now + 3 * 86_400_000)).toBe('September 8th, 2026');
    // 16:30 UTC is already Wednesday 01:30 in Tokyo, where "now" (21:00) is still Tuesday.
    expect(f('{date_short_pretty} {time}', 'Asia/Tokyo')).toBe('Tomorrow 1:30 AM');
    expect(f('{date_short_pretty} {time}', 'America/Los_Angeles')).toBe('Today 9:30 AM');
    expect(f('{date_long}', 'Asia/Kolkata')).toBe('Tuesday, September 8th, 2026');
    expect(f('{time}', 'Asia/Kolkata')).toBe('10:00 PM');
  });

  it('writes ordinals the English way', () => {
    const day = (d: number) => formatSlackDate(Date.UTC(2026, 0, d, 12) / 1000, '{date}', 'UTC', 0);
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31].map(day)).toEqual([
      'January 1st, 2026',
      'January 2nd, 2026',
      'January 3rd, 2026',
      'January 4th, 2026',
      'January 11th, 2026',
      'January 12th, 2026',
      'January 13th, 2026',
      'January 21st, 2026',
      'January 22nd, 2026',
      'January 23rd, 2026',
      'January 31st, 2026',
    ]);
  });

  it('gives null (so the fallback shows) for an unknown token, a bad moment or a bad zone', () => {
    expect(f('{date_short} {weekday}')).toBeNull();
    expect(f('{}')).toBeNull();
    expect(formatSlackDate('soon', '{date}', 'UTC', now)).toBeNull();
    expect(formatSlackDate(at, '{date}', 'Mars/Olympus', now)).toBeNull();
    expect(f('no tokens at all')).toBe('no tokens at all');
  });
});

describe('<!date^…> in a German reader’s words (issue 14: the viewer’s locale, as in Slack)', () => {
  // Tuesday 8 September 2026, 16:30:05 UTC; Lena reads in Vienna (UTC+2 in September).
  const at = Date.UTC(2026, 8, 8, 16, 30, 5) / 1000;
  const now = Date.UTC(2026, 8, 8, 12, 0, 0);
  const de = (format: string, nowMs = now, locale = 'de-AT') =>
    formatSlackDate(at, format, 'Europe/Vienna', nowMs, locale);

  it('says Heute / Gestern / Morgen and writes the time on the 24-hour clock', () => {
    expect(de('{date_short_pretty} {time}')).toBe('Heute 18:30');
    expect(de('{date_pretty}', now + 86_400_000)).toBe('Gestern');
    expect(de('{date_long_pretty}', now - 86_400_000)).toBe('Morgen');
    expect(de('{time_secs}')).toBe('18:30:05');
  });

  it('names weekdays and months in German through Intl, Austrian in de-AT', () => {
    expect(de('{date}')).toBe('8. September 2026');
    expect(de('{date_long}')).toBe('Dienstag, 8. September 2026');
    expect(de('{date_pretty}', now + 3 * 86_400_000)).toBe('8. September 2026');
    expect(de('{date_num}')).toBe('2026-09-08');
    const january = Date.UTC(2026, 0, 5, 12) / 1000;
    expect(formatSlackDate(january, '{date}', 'Europe/Vienna', 0, 'de-AT')).toBe('5. Jänner 2026');
    expect(formatSlackDate(january, '{date}', 'Europe/Berlin', 0, 'de-DE')).toBe('5. Januar 2026');
    expect(formatSlackDate(january, '{date_long}', 'Europe/Berlin', 0, 'de-DE')).toBe(
      'Montag, 5. Januar 2026',
    );
  });

  it('says how long ago in German, and still falls back on an unknown token', () => {
    expect(de('{ago}')).toBe('in 4 Stunden');
    expect(de('{ago}', now + 5 * 86_400_000)).toBe('vor 4 Tagen');
    expect(de('{date} {weekday}')).toBeNull();
  });

  it('stays English for an English reader: no locale, en-US or a language without a table', () => {
    const en = (locale?: string) =>
      formatSlackDate(at, '{date_short_pretty} {time} · {date_long}', 'Europe/Vienna', now, locale);
    expect(en()).toBe('Today 6:30 PM · Tuesday, September 8th, 2026');
    expect(en('en-US')).toBe(en());
    expect(en('fr-FR')).toBe(en());
  });
});

describe('the page’s own words: English and German tables (issue 14)', () => {
  const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  const en = STRINGS.en as Record<string, string>;
  const de = STRINGS.de as Record<string, string>;

  it('has every English key in German, with the same {parameters}, and nothing German-only', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      expect(de[key]?.trim(), key).toBeTruthy();
      expect(params(de[key] as string), key).toEqual(params(text));
    }
  });

  it('has German words where a person reads them', () => {
    expect(translate('de', 'composer.channel', { channel: 'cx-service' })).toBe(
      'Nachricht an #cx-service – oder /cx help',
    );
    expect(translate('de', 'msg.onlyYou')).toBe('Nur für dich sichtbar');
    expect(translate('de', 'clock.day')).toBe('+1 Tag');
    expect(translate('en', 'composer.channel', { channel: 'cx-service' })).toBe(
      'Message #cx-service — or /cx help',
    );
  });

  it('picks the table from the acting person’s Slack locale, English for anything else', () => {
    expect(languageOf('de-AT')).toBe('de');
    expect(languageOf('de-DE')).toBe('de');
    expect(languageOf('de_CH')).toBe('de');
    expect(languageOf('en-US')).toBe('en');
    expect(languageOf('fr-FR')).toBe('en');
    expect(languageOf(undefined)).toBe('en');
  });

  it('index.html names only keys of the table, and its English text is the table’s (so English is unchanged)', () => {
    const html = fs.readFileSync(path.join(REPO, 'src/sandbox/page/index.html'), 'utf8');
    const tagged = [...html.matchAll(/<(\w+)[^>]*\sdata-i18n="([^"]+)"[^>]*>([^<]*)</g)];
    expect(tagged.length).toBeGreaterThan(15);
    for (const [, , key, text] of tagged) expect(text, key).toBe(en[key as string]);
    const attrs = [...html.matchAll(/data-i18n-(?:aria|placeholder)="([^"]+)"/g)].map((m) => m[1] as string);
    for (const key of attrs) expect(Object.hasOwn(en, key), key).toBe(true);
    for (const m of html.matchAll(/aria-label="([^"]+)" data-i18n-aria="([^"]+)"/g)) {
      expect(m[1], m[2]).toBe(en[m[2] as string]);
    }
  });
});

describe('every emoji the bot writes has a glyph on the page', () => {
  /** Every `:shortcode:` in the bot's words and views, read from the source, and its poll reactions. */
  function emojiInSource(): Map<string, string> {
    const found = new Map<string, string>();
    for (const dir of ['src/slack/messages', 'src/slack/views']) {
      for (const file of fs.readdirSync(path.join(REPO, dir)).filter((f) => f.endsWith('.ts'))) {
        const text = fs.readFileSync(path.join(REPO, dir, file), 'utf8');
        for (const m of text.matchAll(/:([a-z0-9_+-]+):/g)) found.set(m[1] as string, `${dir}/${file}`);
      }
    }
    for (const name of VOTE_REACTIONS) found.set(name, 'src/domain/rounds.ts');
    return found;
  }

  it('finds the emoji the bot is known to use (the scan itself works)', () => {
    const names = [...emojiInSource().keys()];
    expect(names).toEqual(expect.arrayContaining(['straight_ruler', 'hourglass', 'tada', 'keycap_ten']));
    expect(names.length).toBeGreaterThan(20);
  });

  it('has each of them in the page’s emoji table', () => {
    const missing = [...emojiInSource()].filter(([name]) => !Object.hasOwn(EMOJI, name));
    expect(missing.map(([name, file]) => `:${name}: (${file})`)).toEqual([]);
  });
});

describe('the app’s shortcuts, read from manifest.yml as Slack reads them', () => {
  it('match what a YAML parser reads from the manifest', () => {
    const manifest = fs.readFileSync(MANIFEST_PATH, 'utf8');
    const parsed = parse(manifest) as {
      features: { shortcuts: { name: string; type: string; callback_id: string; description: string }[] };
    };
    expect(shortcutsOf(manifest)).toEqual(
      parsed.features.shortcuts.map((s) => ({
        name: s.name,
        type: s.type,
        callbackId: s.callback_id,
        description: s.description,
      })),
    );
    expect(messageShortcuts().map((s) => s.name)).toContain('Log as pain point');
  });

  it('reads several shortcuts, quoted values and comments, and nothing outside features.shortcuts', () => {
    const manifest = [
      'display_information:',
      '  name: X',
      'features:',
      '  bot_user:',
      '    display_name: x',
      '  shortcuts:',
      '    # the first',
      '    - name: "Log it"',
      '      type: message',
      '      callback_id: log_it # why',
      '      description: Logs it',
      '    - name: New thing',
      '      type: global',
      '      callback_id: new_thing',
      '      description: Starts one',
      '  slash_commands:',
      '    - command: /x',
      '      description: not a shortcut',
      'settings:',
      '  shortcuts:',
      '    - name: Not here',
      '      type: message',
      '      callback_id: nope',
    ].join('\n');
    expect(shortcutsOf(manifest)).toEqual([
      { name: 'Log it', type: 'message', callbackId: 'log_it', description: 'Logs it' },
      { name: 'New thing', type: 'global', callbackId: 'new_thing', description: 'Starts one' },
    ]);
    expect(messageShortcuts('/no/such/manifest.yml')).toEqual([]);
  });
});

describe('read positions', () => {
  it('compares Slack timestamps exactly, beyond a float’s precision', () => {
    expect(tsAfter('1796608080.000002', '1796608080.000001')).toBe(true);
    expect(tsAfter('1796608080.000001', '1796608080.000002')).toBe(false);
    expect(tsAfter('1796608081.000000', '1796608080.999999')).toBe(true);
    expect(tsAfter('1796608080.000001', '0')).toBe(true);
  });

  it('counts, per person, what others posted after their read position, never moving it back', () => {
    const reads = new ReadState();
    const msgs = [
      { ts: '100.000001', user: 'UBOT' },
      { ts: '100.000002', user: 'UMAYA' },
      { ts: '100.000003', user: 'UBOT', thread_ts: '100.000001' },
      { ts: '100.000004', user: 'ULIAM' },
    ];
    expect(reads.unread('UMAYA', 'C1', msgs)).toBe(2);
    expect(reads.unread('ULIAM', 'C1', msgs)).toBe(2);
    reads.mark('UMAYA', 'C1', '100.000002');
    expect(reads.unread('UMAYA', 'C1', msgs)).toBe(1);
    expect(reads.unread('ULIAM', 'C1', msgs)).toBe(2);
    reads.mark('UMAYA', 'C1', '100.000001');
    expect(reads.lastRead('UMAYA', 'C1')).toBe('100.000002');
  });
});
