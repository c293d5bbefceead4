import { describe, expect, it } from 'vitest';
import { languageOfLocale } from '../../src/app/language.js';
import { parseMeasurement } from '../../src/domain/metrics.js';
import { JOBS } from '../../src/jobs/index.js';
import { receiveRequest } from '../../src/log/request.js';
import {
  currentLang,
  inLanguage,
  inRequestLanguage,
  messagesIn,
  msg,
} from '../../src/slack/messages/index.js';
import { count, moment } from '../../src/slack/messages/mrkdwn.js';

/**
 * The German catalogue (issue 14). That it has every key of the English one, with the same parameters, is
 * the compiler's job (`de: Messages`); here: what the compiler cannot see.
 */
const de = messagesIn('de');
const en = messagesIn('en');

/** Every plain string leaf of a catalogue, by its path (`modal.newTitle`). */
function strings(node: unknown, path = ''): [string, string][] {
  if (typeof node === 'string') return [[path, node]];
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
}

describe('the German catalogue', () => {
  it('modal titles fit Slack’s 24 characters', () => {
    const titles = [
      de.modal.newTitle,
      de.modal.logTitle,
      de.modal.updateTitle,
      de.metrics.modal.title,
      de.rounds.modalTitle,
      de.asks.declineTitle,
      ...Object.values(de.menu.title),
    ];
    for (const title of titles) expect(title.length, title).toBeLessThanOrEqual(24);
    // Submit and close buttons have the same limit.
    for (const button of [de.modal.submit, de.modal.cancel, de.rounds.modalSubmit, de.metrics.modal.close])
      expect(button.length, button).toBeLessThanOrEqual(24);
  });

  it('translates every fixed text: no German string is the English one, except names and references', () => {
    const same = new Set(['CX Bridge', 'Initiative', 'metrics.home.title']);
    const english = new Map(strings(en));
    const untranslated = strings(de).filter(
      ([path, text]) => english.get(path) === text && !same.has(text) && !same.has(path),
    );
    expect(untranslated).toEqual([]);
  });

  it('uses German plurals and numbers through count() and moment()', () => {
    expect(count(1, { one: '# Tag', other: '# Tage' }, 'de')).toBe('1 Tag');
    expect(count(1234, { one: '# Tag', other: '# Tage' }, 'de')).toBe('1.234 Tage');
    expect(de.actionSnoozed(7, 1)).toBe('Erinnerungen für *A-7* sind für 1 Tag pausiert.');
    expect(de.actionSnoozed(7, 3)).toBe('Erinnerungen für *A-7* sind für 3 Tage pausiert.');
    expect(de.rounds.resultsIntro(1)).toMatch(/^1 Person hat abgestimmt/);
    expect(de.rounds.resultsIntro(2)).toMatch(/^2 Personen haben abgestimmt/);
    const at = new Date('2026-12-02T09:30:00Z');
    expect(moment(at, 'Europe/Vienna', 'datetime', 'de')).toBe(
      '<!date^1796203800^{date_short_pretty} {time}|Mi., 2. Dez. 2026, 10:30 (Europe/Vienna)>',
    );
    // A moment takes the current language when none is given.
    expect(inLanguage('de', () => moment(at, 'UTC', 'date'))).toContain('|Mi., 2. Dez. 2026>');
    expect(de.metricSet(3, 'customer', 'NPS', 32.5, 45, null)).toContain('NPS: 32,5 → 45 (höher ist besser)');
    expect(de.monthName('2026-03')).toBe('März 2026');
    // Days as German calendars write them (GLOSSARY.md); English keeps the ISO form people type.
    expect(de.lifecycle.rescheduled(7, 'FAQ', '2026-03-01', '2026-03-20')).toBe(
      '*A-7* FAQ ist jetzt fällig am 20.03.2026 (vorher 01.03.2026).',
    );
    expect(en.lifecycle.rescheduled(7, 'FAQ', '2026-03-01', '2026-03-20')).toContain('now due 2026-03-20');
    expect(de.menu.dateRange('2026-03-02', '2031-03-02')).toBe(
      'Wähl ein Datum zwischen 02.03.2026 und 02.03.2031.',
    );
  });

  it('names every job’s schedule in German for /cx setup show', () => {
    for (const job of JOBS.filter((j) => j.when)) {
      expect(de.jobWhen(job.name, job.when ?? ''), job.name).not.toBe(job.when);
    }
  });

  it('`msg` reads the catalogue of the current language; outside any, the installation’s', async () => {
    expect(currentLang()).toBe('en');
    expect(msg.modal.newTitle).toBe('New initiative');
    expect(inLanguage('de', () => msg.modal.newTitle)).toBe('Neue Initiative');
    // A request's language follows its awaits, and ends with it; a synchronous rendering inside wins.
    await expect(
      receiveRequest('r1', () =>
        inRequestLanguage('de', async () => {
          await Promise.resolve();
          const inside = inLanguage('en', () => msg.button.snooze);
          await new Promise((resolve) => setTimeout(resolve, 1));
          return [msg.button.snooze, inside];
        }),
      ),
    ).resolves.toEqual(['Pausieren', 'Snooze']);
    expect(currentLang()).toBe('en');
  });
});

describe('whose language', () => {
  it.each([
    ['de-DE', 'de'],
    ['de-AT', 'de'],
    ['de_CH', 'de'],
    ['en-GB', 'en'],
    ['fr-FR', null],
    [null, null],
    ['', null],
  ])('Slack locale %o → %o', (locale, lang) => {
    expect(languageOfLocale(locale)).toBe(lang);
  });

  it('`41,5` is a German decimal only for a German speaker', () => {
    expect(parseMeasurement('41,5', { decimalComma: true })).toEqual({
      ok: true,
      value: { value: 41.5, unit: null },
    });
    expect(parseMeasurement('-3,5%', { decimalComma: true })).toEqual({
      ok: true,
      value: { value: -3.5, unit: '%' },
    });
    expect(parseMeasurement('41.5', { decimalComma: true })).toEqual({
      ok: true,
      value: { value: 41.5, unit: null },
    });
    expect(parseMeasurement('41,5').ok).toBe(false);
    expect(parseMeasurement('1,2,3', { decimalComma: true }).ok).toBe(false);
  });
});

describe('builders read the current language', () => {
  /** Language-neutral helpers the English files also export (references, the progress bar, menu keys). */
  const NEUTRAL = new Set([
    'iref',
    'aref',
    'progress',
    'progressSpoken',
    'bar',
    'MENU_CHOICES',
    'MenuChoice',
    'pref',
    'linkTo',
    'closingMoment',
    // mrkdwn.ts's own, re-exported by en.ts
    'md',
    'line',
    'lines',
    'mention',
    'safe',
    'Mrkdwn',
  ]);

  it('no code outside src/slack/messages imports words from an English catalogue directly', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const path = await import('node:path');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) {
          if (!file.endsWith(path.join('slack', 'messages'))) walk(file);
          continue;
        }
        if (!file.endsWith('.ts')) continue;
        const source = readFileSync(file, 'utf8');
        for (const m of source.matchAll(
          /import (?:type )?\{([^}]*)\} from '[./]*(?:slack\/)?messages\/en[-a-z]*\.js'/g,
        )) {
          const names = (m[1] ?? '')
            .split(',')
            .map(
              (n) =>
                n
                  .replace(/^\s*type\s+/, '')
                  .trim()
                  .split(/\s+as\s+/)[0] ?? '',
            )
            .filter(Boolean);
          for (const n of names) if (!NEUTRAL.has(n)) offenders.push(`${path.relative('.', file)}: ${n}`);
        }
      }
    };
    walk('src');
    expect(offenders).toEqual([]);
  });
});
