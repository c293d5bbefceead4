import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIELD } from '../../src/slack/ids.js';
import { type Harness, openedView, startHarness } from '../support/harness.js';

/**
 * Hostile `/cx` text through signed HTTP (issue 9): text built to make the parser work hard, and values
 * that must be refused. Each is answered with a usage hint, the database is unchanged, the bot stays up.
 */

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ now: new Date('2026-03-02T10:00:00Z') });
});
afterEach(async () => {
  await h.stop();
});

const healthz = async () => (await fetch(`http://127.0.0.1:${h.bot.port}/healthz`)).status;

describe('text built to stall the parser', () => {
  it('five 10,000-character `done A-1 „ „ „ …` at once are all answered in time, and /healthz answers', async () => {
    const text = `done A-1 ${'„ '.repeat(5000)}`.slice(0, 10_000);
    const before = h.snapshot();
    const [health, ...results] = await Promise.all([
      healthz(),
      ...Array.from({ length: 5 }, () => h.cx('UALICE', text)),
    ]);
    expect(health).toBe(200);
    for (const result of results) {
      expect(result.status).toBe(200);
      // Slack gives up on an ack after 3 s; the emulator measures it.
      expect(result.ackedInTime).toBe(true);
      expect(h.replyText(result)).toMatch(/too long/i);
      expect(h.replyText(result)).toContain('/cx done &lt;A-n&gt; [note]');
    }
    expect(await healthz()).toBe(200);
    expect(h.snapshot()).toEqual(before);
  });
});

describe('an option without a value', () => {
  it('`/cx log I-1 Write the FAQ due:` is a usage error naming `due:`, and no action is logged', async () => {
    await h.cx('UALICE', 'new Self-service help lead:service');
    const before = h.snapshot();
    const result = await h.cx('UALICE', 'log I-1 Write the FAQ due:');
    expect(result.status).toBe(200);
    const reply = h.replyText(result);
    expect(reply).toContain('`due:`');
    expect(reply).toContain('/cx log &lt;I-n&gt; &lt;title&gt;');
    expect(h.snapshot()).toEqual(before);
  });

  it.each([
    ['log I-1 Write the FAQ dept:', '`dept:`'],
    ['log I-1 Write the FAQ owner:', '`owner:`'],
    ['new Faster quotes lead:', '`lead:`'],
    ['new Faster quotes with:', '`with:`'],
    ['new Faster quotes start:', '`start:`'],
  ])('%j is refused naming %s, nothing created', async (text, named) => {
    await h.cx('UALICE', 'new Self-service help lead:service');
    const before = h.snapshot();
    const reply = h.replyText(await h.cx('UALICE', text));
    expect(reply).toContain(named);
    expect(h.snapshot()).toEqual(before);
  });
});

describe('a metric unit is a short plain label', () => {
  const metricRow = () =>
    h.bot.handle.sqlite
      .prepare(
        'select customer_metric_name, customer_unit, business_metric_name, business_unit from initiatives',
      )
      .all();

  it.each([
    'metric I-1 customer "CSAT" 70 -> 80 <!channel>',
    'metric I-1 customer "CSAT" 10<!here> -> 5<!here>',
    'metric I-1 customer "CSAT" 70 -> 80 <@UBOB>',
    'metric I-1 business "Cost" 12 -> 9 "€\n:two: *P-99* Fake"',
    'metric I-1 business "Cost" 12 -> 9 €\u202e',
    'metric I-1 business "Cost" 12 -> 9 seventeen-letters',
  ])('%j is refused with a usage hint, nothing stored, nobody pinged', async (text) => {
    await h.cx('UALICE', 'new Faster answers lead:service');
    await h.drain(); // its announcement is posted before the count below
    const before = h.snapshot();
    const posts = h.emulator.callsTo('chat.postMessage').length;
    const result = await h.cx('UALICE', text);
    expect(result.status).toBe(200);
    const reply = h.replyText(result);
    expect(reply).toMatch(/unit/i);
    expect(reply).toContain('/cx metric &lt;I-n&gt;');
    // The refused unit is shown as text, never as live markup.
    expect(reply).not.toMatch(/<!channel>|<!here>|<@UBOB>/);
    await h.drain();
    expect(h.snapshot()).toEqual(before);
    expect(metricRow()).toEqual([
      { customer_metric_name: null, customer_unit: null, business_metric_name: null, business_unit: null },
    ]);
    expect(h.emulator.callsTo('chat.postMessage').length).toBe(posts);
  });

  it('a plain unit is still taken: `70% -> 80%`, `12 -> 9 €`', async () => {
    await h.cx('UALICE', 'new Faster answers lead:service');
    await h.cx('UALICE', 'metric I-1 customer "CSAT" 70% -> 80%');
    await h.cx('UALICE', 'metric I-1 business "Cost" 12 -> 9 €');
    expect(metricRow()).toEqual([
      { customer_metric_name: 'CSAT', customer_unit: '%', business_metric_name: 'Cost', business_unit: '€' },
    ]);
  });

  it('the New initiative modal refuses the same units inline, and creates nothing', async () => {
    const opened = h.emulator.callsTo('views.open').length;
    await h.cx('UALICE', 'new');
    const viewId = await openedView(h.emulator, 'UALICE', opened);
    const before = h.snapshot();
    const result = await h.emulator.viewSubmission({
      userId: 'UALICE',
      viewId,
      values: {
        [FIELD.title]: 'Answer within a day',
        [FIELD.lead]: 'service',
        [FIELD.customerName]: 'CSAT',
        [FIELD.customerBaseline]: '70',
        [FIELD.customerTarget]: '80',
        [FIELD.customerUnit]: '<!channel>',
        [FIELD.businessName]: 'Cost to serve',
        [FIELD.businessBaseline]: '12<!here>',
        [FIELD.businessTarget]: '9',
      },
    });
    expect(result.viewClosed).toBe(false);
    const errors = (result.body as { errors: Record<string, string> }).errors;
    expect(errors[FIELD.customerUnit]).toMatch(/unit/i);
    expect(errors[FIELD.businessUnit] ?? errors[FIELD.businessBaseline]).toMatch(/unit/i);
    expect(h.snapshot()).toEqual(before);
  });
});
