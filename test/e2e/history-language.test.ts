import { afterEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/slack/ids.js';
import { eventually, type Harness, startHarness } from '../support/harness.js';

/**
 * Issue 14, every word in the reader's language: the history lines the app writes itself (a metric set,
 * values checked in, values fed through the API) are stored as data and read in each reader's language,
 * numbers included (`32,5`). A line stored as prose before that still shows, as stored.
 */
const TOKEN = 'api-token-0123456789abcdef';
let h: Harness;

afterEach(async () => {
  await h.stop();
});

async function start() {
  h = await startHarness({ now: new Date('2026-03-02T10:00:00Z'), config: { apiToken: TOKEN } });
  h.emulator.addUser({
    id: 'UGRETA',
    name: 'greta',
    realName: 'Greta Huber',
    tz: 'Europe/Vienna',
    locale: 'de-AT',
  });
  await h.cx('UGRETA', 'new Schnellere Erstattungen lead:service');
  await h.cx('UGRETA', 'metric I-1 customer "NPS" 32,5 -> 45');
}

const json = (x: unknown) => JSON.stringify(x);
const show = async (user: string) => json((await h.cx(user, 'show I-1')).body);

async function feed(value: number, date: string) {
  const res = await fetch(`http://127.0.0.1:${h.bot.port}/api/metrics`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ initiative: 'I-1', metric: 'customer', value, date }),
  });
  expect(res.status).toBe(200);
}

describe('history lines the app writes, in the reader’s language', () => {
  it('a metric set: German words and 32,5 for a German reader, English and 32.5 for an English one', async () => {
    await start();
    const de = await show('UGRETA');
    expect(de).toContain('Kundenkennzahl: NPS 32,5 → 45');
    // (`customer` itself stays in the command syntax the reply teaches.)
    expect(de).not.toContain('customer: NPS');
    expect(de).not.toContain('customer metric');
    expect(de).not.toContain('32.5');
    const en = await show('UALICE');
    expect(en).toContain('customer metric: NPS 32.5 → 45');
    expect(en).not.toContain('Kundenkennzahl');
  });

  it('an action logged and a request sent under an initiative say so, not "action: A-1"', async () => {
    await start();
    await h.cx('UGRETA', 'log I-1 Rückrufe planen');
    await h.cx('UGRETA', 'ask it I-1 Export der Tickets');
    const de = await show('UGRETA');
    expect(de).toContain('Maßnahme A-1 erfasst');
    expect(de).toContain('Anfrage R-1 gestellt');
    const en = await show('UALICE');
    expect(en).toContain('<@UGRETA> · logged A-1');
    expect(en).toContain('<@UGRETA> · sent request R-1');
    expect(en).not.toContain('action: A-1');
  });

  it('a typed check-in shows the value the reader’s way', async () => {
    await start();
    await h.cx('UGRETA', 'check I-1 customer=41,5');
    expect(await show('UGRETA')).toContain('Messung: NPS 41,5');
    expect(await show('UALICE')).toContain('check-in: NPS 41.5');
  });

  it('a value from the API says where it came from in German, in /cx show and the App Home', async () => {
    await start();
    await feed(41.5, '2026-02-15');
    const de = await show('UGRETA');
    expect(de).toContain('NPS 41,5 am 15.02.2026, über die API');
    expect(de).not.toContain('from API');
    // The feed is no Slack user: named, not mentioned as one.
    expect(de).toContain('· die API · Messung');
    expect(de).not.toContain('<@API>');
    const en = await show('UALICE');
    expect(en).toContain('· the API · check-in: NPS 41.5 on 2026-02-15, from API');
    expect(en).not.toContain('<@API>');
    // Greta owns I-1: the API's change shows among her changes by others.
    await h.emulator.openHome('UGRETA');
    const home = json(await eventually(() => h.emulator.homeView('UGRETA')));
    expect(home).toContain('NPS 41,5 am 15.02.2026, über die API');
    expect(home).not.toContain('from API');
  });

  it('the 6-month check asked and judged: the check’s name, its day and the verdict in German', async () => {
    h = await startHarness({ now: new Date('2026-03-02T10:00:00Z') });
    h.emulator.addUser({
      id: 'UGRETA',
      name: 'greta',
      realName: 'Greta Huber',
      tz: 'Europe/Vienna',
      locale: 'de-AT',
    });
    await h.cx('UGRETA', 'new Schnellere Erstattungen start:2026-01-31 lead:service');
    await h.cx('UGRETA', 'metric I-1 customer "NPS" 30 -> 45');
    await h.cx('UGRETA', 'metric I-1 business "Kosten" 12€ -> 9€');
    const asked = new Date('2026-07-31T09:00:00Z');
    h.clock.set(asked);
    await h.bot.scheduler.tick(asked);
    await h.drain();
    h.clock.set(new Date('2026-08-01T10:00:00Z'));
    await h.cx('UGRETA', 'check I-1 customer=46 business=8,5');
    const de = await show('UGRETA');
    expect(de).toContain('6-Monats-Test angefragt (fällig 31.07.2026)');
    expect(de).toContain('6-Monats-Test (fällig 31.07.2026): bestanden');
    expect(de).toContain('Messung: NPS 46, Kosten 8,5€');
    const en = await show('UALICE');
    expect(en).toContain('6-month check asked for (due 2026-07-31)');
    expect(en).toContain('6-month check (due 2026-07-31): pass');

    // An override keeps the verdicts as codes; the reader sees their words, the reason as typed.
    await h.cx('UGRETA', 'verdict I-1 partial Umfrage lief in den Ferien');
    expect(await show('UGRETA')).toContain(
      'Ergebnis korrigiert: 6-Monats-Test (fällig 31.07.2026) bestanden → teilweise: Umfrage lief in den Ferien',
    );
    expect(await show('UALICE')).toContain(
      'verdict override: 6-month check (due 2026-07-31) pass → partial: Umfrage lief in den Ferien',
    );
  });

  it('kept going after the 12-month check: the next check’s day, the German way', async () => {
    h = await startHarness({ now: new Date('2026-03-02T10:00:00Z') });
    h.emulator.addUser({
      id: 'UGRETA',
      name: 'greta',
      realName: 'Greta Huber',
      tz: 'Europe/Vienna',
      locale: 'de-AT',
    });
    await h.cx('UGRETA', 'new Schnellere Erstattungen start:2026-01-31 lead:service');
    await h.cx('UGRETA', 'metric I-1 customer "NPS" 30 -> 45');
    await h.cx('UGRETA', 'metric I-1 business "Kosten" 12€ -> 9€');
    for (const day of ['2026-07-31', '2026-08-14', '2027-01-31']) {
      const at = new Date(`${day}T09:00:00Z`);
      h.clock.set(at);
      await h.bot.scheduler.tick(at);
      await h.drain();
    }
    h.clock.set(new Date('2027-02-01T10:00:00Z'));
    await h.cx('UGRETA', 'check I-1 customer=46 business=8');
    await h.drain();
    const verdictDm = h.emulator
      .dms('UGRETA')
      .findLast((m) => JSON.stringify(m.blocks).includes(ACTION.metricRecommit));
    const seen = h.emulator.ephemerals.length;
    await h.emulator.blockAction({
      userId: 'UGRETA',
      actionId: ACTION.metricRecommit,
      channelId: verdictDm?.channel,
      messageTs: verdictDm?.ts,
    });
    await eventually(() => h.emulator.ephemerals.length > seen);
    expect(await show('UGRETA')).toContain('weitergeführt; nächster Test 01.08.2027');
    expect(await show('UALICE')).toContain('kept going; next check 2027-08-01');
  });

  it('a tier change: the tier in the reader’s words', async () => {
    await start();
    await h.cx('UGRETA', 'essential I-1');
    expect(await show('UGRETA')).toContain('Stufe → essenziell');
    expect(await show('UALICE')).toContain('tier → essential');
  });

  it('a line stored as prose before (an older row) still shows, as stored', async () => {
    await start();
    h.bot.handle.sqlite
      .prepare(
        `insert into history (entity, entity_id, actor_id, at, kind, note) values ('I', 1, 'UGRETA', ?, 'check-in', 'NPS 39 on 2026-01-31, from import')`,
      )
      .run(new Date('2026-03-01T10:00:00Z').getTime());
    expect(await show('UGRETA')).toContain('NPS 39 on 2026-01-31, from import');
    expect(await show('UALICE')).toContain('NPS 39 on 2026-01-31, from import');
  });
});
