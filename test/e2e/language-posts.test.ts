import { afterEach, describe, expect, it } from 'vitest';
import type { EmuMessage } from '../../src/sandbox/emulator/index.js';
import { CHANNELS, type Harness, startHarness } from '../support/harness.js';

/**
 * Issue 14: every kind of post and DM the bot sends, in a German workspace (CX_LANGUAGE=de) — the Slack
 * emulator refuses blocks beyond Block Kit's limits, so a German word too long for a field shows up as a
 * post that could not be delivered. Channel posts are German; a DM is in its reader's language.
 */
let h: Harness;
afterEach(async () => {
  await h.stop();
});

const json = (x: unknown) => JSON.stringify(x);
const textOf = (m: EmuMessage) => json([m.text, m.blocks]);
const channelText = (channel: string) => h.emulator.messages(channel).map(textOf).join('\n');
const sql = (q: string) => h.bot.handle.sqlite.prepare(q).all();

describe('a German workspace (CX_LANGUAGE=de)', () => {
  it('posts every kind of channel post in German and each DM in its reader’s language, all within Block Kit limits', async () => {
    h = await startHarness({ now: new Date('2026-03-02T10:00:00Z'), config: { language: 'de' } });
    h.emulator.addUser({
      id: 'UGRETA',
      name: 'greta',
      realName: 'Greta Huber',
      tz: 'Europe/Vienna',
      locale: 'de-AT',
    });
    const run = (job: string, at: string) => h.bot.scheduler.runNow(job, new Date(at));

    // An initiative with both metrics, started 6 months ago, and work in two departments.
    await h.cx('UGRETA', 'new Schnellere Erstattungen lead:service with:sales essential start:2025-09-02');
    await h.cx('UGRETA', 'metric I-1 customer "Zufriedenheit mit Erstattungen" 32,5 -> 45');
    await h.cx('UGRETA', 'metric I-1 business "Kosten pro Erstattung" 18 -> 12 €');
    await h.cx('UGRETA', 'log I-1 FAQ zu Erstattungen schreiben due:+3d');
    await h.cx('UGRETA', 'log I-1 Top-20-Kunden anrufen <@UALICE> due:+2d dept:sales');
    await h.cx('UGRETA', 'log I-1 Rückerstattungsformular vereinfachen <@UBOB> due:+10d');
    await h.cx('UGRETA', 'log I-1 Newsletter-Text prüfen due:+1d');
    await h.cx('UBOB', 'block A-3 Wartet auf die Freigabe der Rechtsabteilung <@UGRETA>');
    await h.cx('UGRETA', 'done A-1 FAQ ist online');
    await h.cx('UALICE', 'new Faster answers lead:sales');
    await h.cx('UALICE', 'close I-2 Merged into I-1');
    await h.cx('UGRETA', 'ask it I-1 Export der Erstattungstickets by:+5d');
    await h.cx('UGRETA', 'pain Kunden warten 9 Tage auf eine Erstattung');
    await h.cx('UALICE', 'pain Customers cannot find the returns form');

    // The round: the poll, votes, results with the department breakdown.
    await run('round-open', '2026-03-02T10:00:00Z');
    await h.drain();
    const poll = h.emulator
      .messages(CHANNELS.service)
      .find((m) => textOf(m).includes('Kundenproblem-Abstimmung'));
    expect(poll).toBeDefined();
    await h.emulator.react('UGRETA', CHANNELS.service, poll?.ts ?? '', 'one');
    await h.emulator.react('UBOB', CHANNELS.service, poll?.ts ?? '', 'two');
    await run('digest', '2026-03-06T14:00:00Z');
    await run('round-close', '2026-03-07T11:00:00Z');
    // A week later: the Monday list and reminders for the overdue work, then the 6-month check.
    // 15:00 UTC is working time for Greta (Vienna) and Alice (New York).
    h.clock.set(new Date('2026-03-09T15:00:00Z'));
    await run('reminders', '2026-03-09T15:00:00Z');
    await run('metric-checks', '2026-03-09T15:00:00Z');
    await h.drain();
    await h.cx('UGRETA', 'check I-1 customer=41,5 business=13,5');
    await h.drain();

    // Nothing was refused by Slack (a too-long German text would leave a dead or held post).
    expect(sql(`select kind, last_error from outbox where status in ('dead', 'held', 'pending')`)).toEqual(
      [],
    );
    const kinds = new Set((sql('select kind from outbox') as { kind: string }[]).map((r) => r.kind));
    for (const kind of [
      'initiative_announced',
      'win',
      'initiative_closed',
      'action_assigned',
      'action_blocked',
      'poll',
      'round_results',
      'round_breakdown',
      'digest',
      'digest_detail',
      'stalled_list',
      'reminder',
      'metric_check',
      'metric_verdict',
      'request_posted',
    ]) {
      expect(kinds, kind).toContain(kind);
    }

    const service = channelText(CHANNELS.service);
    for (const words of [
      'Neue Initiative',
      ':tada: Fortschritt',
      'Kundenproblem-Abstimmung',
      'Ergebnis der Kundenproblem-Abstimmung',
      'Stimmen nach Abteilung',
      'Wochenrückblick',
      'Fortschritte der Woche',
      'Montags-Check für Service',
      '6-Monats-Test',
      'Als Initiative übernehmen',
    ]) {
      expect(service, words).toContain(words);
    }
    expect(channelText(CHANNELS.sales)).toContain('ist abgeschlossen');
    expect(channelText(CHANNELS.it)).toContain('fragt IT an');
    for (const english of [
      'Progress win',
      'Weekly progress',
      'Pain-point vote',
      'New initiative',
      'Monday check-in',
    ]) {
      expect(service + channelText(CHANNELS.sales), english).not.toContain(english);
    }

    // DMs: Greta (Slack in German) reads German, Alice and Bob (English) read English.
    const greta = h.emulator.dms('UGRETA').map(textOf).join('\n');
    expect(greta).toContain('Zeit für den 6-Monats-Test');
    expect(greta).toContain('hat *A-3*');
    const alice = h.emulator.dms('UALICE').map(textOf).join('\n');
    expect(alice).toContain('logged an action for you');
    expect(alice).toMatch(/stalled|Good morning|Hello/);
  });
});
