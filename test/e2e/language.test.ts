import { afterEach, describe, expect, it } from 'vitest';
import type { EmuMessage } from '../../src/sandbox/emulator/index.js';
import { CHANNELS, eventually, type Harness, openedView, startHarness } from '../support/harness.js';

/**
 * Issue 14: each person in their own language. Everything through signed deliveries from the emulator:
 * a person whose Slack locale is German gets German replies, modals, DMs and App Home; `/cx lang` switches;
 * posts in shared channels follow CX_LANGUAGE whoever caused them; a German decimal is accepted.
 */
let h: Harness;

afterEach(async () => {
  await h.stop();
});

async function start(language?: 'en' | 'de') {
  h = await startHarness({
    now: new Date('2026-03-02T10:00:00Z'),
    ...(language ? { config: { language } } : {}),
  });
  // Greta's Slack is set to German; Pierre's to French (no catalogue: CX_LANGUAGE applies).
  h.emulator.addUser({
    id: 'UGRETA',
    name: 'greta',
    realName: 'Greta Huber',
    tz: 'Europe/Vienna',
    locale: 'de-AT',
  });
  h.emulator.addUser({
    id: 'UPIERRE',
    name: 'pierre',
    realName: 'Pierre Roux',
    tz: 'Europe/Paris',
    locale: 'fr-FR',
  });
}

const json = (x: unknown) => JSON.stringify(x);
const posts = (channel: string) =>
  h.emulator.messages(channel).map((m: EmuMessage) => json([m.text, m.blocks]));
const lookups = () => h.emulator.callsTo('users.info').length;

describe('a person whose Slack is German', () => {
  it('gets German replies, help and errors from the first command on; one users.info call, then none', async () => {
    await start();
    const before = lookups();
    const created = h.replyText(await h.cx('UGRETA', 'new Schnellere Erstattungen lead:service'));
    expect(created).toContain('*I-1* Schnellere Erstattungen angelegt (wichtig)');
    expect(lookups()).toBe(before + 1);
    const help = json((await h.cx('UGRETA', 'help')).body);
    expect(help).toContain('die CX-Strategie in nächste Schritte übersetzen');
    expect(help).toContain('/cx lang en|de|auto');
    const error = h.replyText(await h.cx('UGRETA', 'dne A-1'));
    expect(error).toContain('ist kein CX-Bridge-Befehl');
    expect(error).toContain('Meintest du');
    // Alice (en-US) in the same workspace keeps English.
    expect(h.replyText(await h.cx('UALICE', 'new Faster answers lead:sales'))).toContain('Created *I-2*');
    expect(lookups()).toBe(before + 2);
    // Greta's next requests cost no look-up.
    await h.cx('UGRETA', 'mine');
    expect(lookups()).toBe(before + 2);
  });

  it('someone cached before Slack locales were asked for is looked up once more, then reads German', async () => {
    await start();
    await h.cx('UGRETA', 'mine');
    // As a row written before migration 0012: no locale, fetched long ago.
    h.bot.handle.sqlite
      .prepare(`update slack_users set locale = null, fetched_at = 0 where user_id = 'UGRETA'`)
      .run();
    h.clock.set(new Date('2026-03-02T10:06:00Z')); // past the in-memory 5 minutes
    const before = lookups();
    expect(h.replyText(await h.cx('UGRETA', 'mine'))).toContain('Du hast keine offenen Maßnahmen');
    expect(lookups()).toBe(before + 1);
    h.clock.set(new Date('2026-03-02T10:12:00Z'));
    await h.cx('UGRETA', 'mine');
    expect(lookups()).toBe(before + 1);
  });

  it('gets German modals and a German App Home', async () => {
    await start();
    await h.cx('UGRETA', 'new Schnellere Erstattungen lead:service');
    const opened = h.emulator.callsTo('views.open').length;
    await h.cx('UGRETA', 'log');
    const view = h.emulator.view(await openedView(h.emulator, 'UGRETA', opened));
    expect(json(view?.title)).toContain('"text":"Maßnahme erfassen"');
    expect(json(view)).toContain('Konkreter nächster Schritt');
    expect(json(view)).toContain('Fälligkeitsdatum');

    await h.cx('UGRETA', 'log I-1 Top-20-Kunden anrufen due:+7d');
    await h.emulator.openHome('UGRETA');
    const home = json(await eventually(() => h.emulator.homeView('UGRETA')));
    expect(home).toContain('Deine offenen Maßnahmen');
    expect(home).toContain('Initiativen, für die du zuständig bist');
    expect(home).toContain('Erledigt');
    expect(home).not.toContain('Your open actions');
  });

  it('gets a DM about work given to them in German, while the giver reads English', async () => {
    await start();
    await h.cx('UGRETA', 'new Schnellere Erstattungen lead:service');
    const reply = h.replyText(await h.cx('UALICE', 'log I-1 Call the top 20 accounts <@UGRETA> due:+7d'));
    expect(reply).toContain('<@UGRETA> gets a DM');
    await h.drain();
    const dm = json(h.emulator.dms('UGRETA').at(-1));
    expect(dm).toContain('<@UALICE> hat eine Maßnahme für dich erfasst');
    expect(dm).toContain('Fällig am 09.03.2026');
  });

  it('`/cx lang en` switches to English at once, `/cx lang auto` back to Slack’s German; bad words are refused', async () => {
    await start();
    const en = h.replyText(await h.cx('UGRETA', 'lang en'));
    expect(en).toContain('From now on I write to you in English');
    expect(h.replyText(await h.cx('UGRETA', 'new Faster refunds lead:service'))).toContain('Created *I-1*');
    expect(h.replyText(await h.cx('UGRETA', 'lang'))).toContain('I write to you in English (your choice)');
    const auto = h.replyText(await h.cx('UGRETA', 'lang auto'));
    expect(auto).toContain('Deine Sprache folgt wieder deiner Slack-Sprache');
    expect(auto).toContain(': Deutsch.');
    expect(h.replyText(await h.cx('UGRETA', 'mine'))).toContain('keine offenen Maßnahmen');

    const before = h.snapshot();
    const bad = h.replyText(await h.cx('UGRETA', 'lang fr'));
    expect(bad).toContain('`fr` ist keine Sprache: nimm en, de oder auto');
    expect(h.snapshot()).toEqual(before);
    // English speakers can choose German too.
    expect(h.replyText(await h.cx('UALICE', 'lang deutsch'))).toContain(
      'Ab jetzt schreibe ich dir auf Deutsch',
    );
    expect(h.replyText(await h.cx('UALICE', 'mine'))).toContain('Du hast keine offenen Maßnahmen');
  });

  it('may type `41,5`: German decimals in /cx metric and /cx check; an English speaker is still refused', async () => {
    await start();
    await h.cx('UGRETA', 'new Schnellere Erstattungen lead:service');
    const set = h.replyText(await h.cx('UGRETA', 'metric I-1 customer "NPS" 32,5 -> 45'));
    expect(set).toContain('Die Kundenkennzahl von *I-1* ist NPS: 32,5 → 45 (höher ist besser).');
    const checked = h.replyText(await h.cx('UGRETA', 'check I-1 customer=41,5'));
    expect(checked).toContain('NPS 41,5 (Ausgangswert 32,5, Ziel 45)');
    const stored = h.bot.handle.sqlite.prepare('select customer_value from metric_checkins').all();
    expect(stored).toEqual([{ customer_value: 41.5 }]);

    const refused = h.replyText(await h.cx('UALICE', 'check I-1 customer=41,5'));
    expect(refused).toContain('`41,5` is not a number');
    expect(h.bot.handle.sqlite.prepare('select count(*) as n from metric_checkins').get()).toEqual({ n: 1 });
  });
});

describe('votes', () => {
  it('cost no users.info call, even from someone never seen; a German voter’s over-limit note is German', async () => {
    await start();
    await h.cx('UGRETA', 'new Schnellere Erstattungen lead:service');
    for (const n of [1, 2, 3, 4]) await h.cx('UALICE', `pain Problem number ${n}`);
    await h.bot.scheduler.runNow('round-open', new Date('2026-03-02T10:00:00Z'));
    await h.drain();
    const poll = h.emulator.messages(CHANNELS.service).find((m) => json(m.text).includes('Pain-point vote'));
    const ts = poll?.ts ?? '';
    h.emulator.addUser({
      id: 'UKARL',
      name: 'karl',
      realName: 'Karl Brandt',
      tz: 'Europe/Berlin',
      locale: 'de-DE',
    });
    h.emulator.joinChannel(CHANNELS.service, 'UGRETA');
    const before = lookups();
    await h.emulator.react('UKARL', CHANNELS.service, ts, 'one');
    for (const emoji of ['one', 'two', 'three', 'four'])
      await h.emulator.react('UGRETA', CHANNELS.service, ts, emoji);
    const note = await eventually(() =>
      h.emulator.ephemerals.find((e) => e.user === 'UGRETA' && e.channel === CHANNELS.service),
    );
    expect(json(note)).toContain('Deine Stimme für *P-4* wurde nicht gezählt');
    expect(lookups()).toBe(before);
  });
});

describe('posts in shared channels follow CX_LANGUAGE', () => {
  it('in English by default, even when a German speaker finished the work', async () => {
    await start();
    await h.cx('UGRETA', 'new Schnellere Erstattungen lead:service');
    await h.cx('UGRETA', 'log I-1 FAQ schreiben due:+7d');
    const done = h.replyText(await h.cx('UGRETA', 'done A-1'));
    expect(done).toContain('Erledigt: *A-1* FAQ schreiben.');
    expect(done).toContain('Der Fortschritt geht an Service.');
    await h.drain();
    const service = posts(CHANNELS.service).join('\n');
    expect(service).toContain('New initiative');
    expect(service).toContain('Progress win');
    expect(service).not.toContain('Fortschritt');
  });

  it('in German with CX_LANGUAGE=de; an English speaker’s replies and DMs stay English, a French one gets German', async () => {
    await start('de');
    const created = h.replyText(await h.cx('UALICE', 'new Faster refunds lead:service'));
    expect(created).toContain('Created *I-1*');
    await h.cx('UALICE', 'log I-1 Write the FAQ due:+7d');
    await h.cx('UALICE', 'done A-1');
    await h.cx('UALICE', 'log I-1 Call the top 20 accounts <@UBOB> due:+7d');
    await h.drain();
    const service = posts(CHANNELS.service).join('\n');
    expect(service).toContain('Neue Initiative');
    expect(service).toContain(':tada: Fortschritt');
    expect(json(h.emulator.dms('UBOB').at(-1))).toContain('logged an action for you');
    expect(h.replyText(await h.cx('UPIERRE', 'mine'))).toContain('Du hast keine offenen Maßnahmen');
  });
});
