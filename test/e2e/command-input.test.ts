import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

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
