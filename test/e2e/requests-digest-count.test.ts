/**
 * Issue 15: the digest's "Open requests" reply counts the same requests in its fallback text as in its
 * "who waits on whom" table — also in a channel whose department neither asked nor is asked (a German
 * digest once said "0 Anfragen warten" above a table with one open request).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { digestJob } from '../../src/jobs/digest.js';
import type { EmuMessage } from '../../src/sandbox/emulator/index.js';
import { CHANNELS, type Harness, startHarness } from '../support/harness.js';

let h: Harness;
afterEach(async () => {
  await h.stop();
});

const keyOf = (m: EmuMessage) => String(m.metadata?.event_payload?.key ?? '');

/** One open request, Sales → IT; the digest of that week; every channel's requests reply. */
async function digestWithOneRequest(language: 'en' | 'de'): Promise<EmuMessage[]> {
  h = await startHarness({ now: new Date('2026-03-02T10:00:00Z'), jobs: [digestJob], config: { language } });
  await h.bot.scheduler.idle();
  await h.cx('UALICE', 'new Faster refunds lead:marketing');
  await h.cx('UBOB', 'ask it I-1 A refund status page', CHANNELS.sales);
  await h.drain();
  const friday = new Date('2026-03-06T14:00:00Z');
  h.clock.set(friday);
  expect(await h.bot.scheduler.runNow('digest', friday)).toMatchObject({ status: 'done' });
  await h.drain();
  const replies = Object.values(CHANNELS).flatMap((c) =>
    h.emulator.messages(c).filter((m) => keyOf(m).endsWith(':requests')),
  );
  // Every bound channel (four departments and the hub), the uninvolved Marketing and Service included.
  expect(replies).toHaveLength(5);
  return replies;
}

describe('the digest’s open requests, one open request', () => {
  it('says one request in the fallback and in the table, in every channel (English)', async () => {
    for (const m of await digestWithOneRequest('en')) {
      expect(m.text, m.channel).toBe('Open requests: 1 request waits for an answer');
      expect(JSON.stringify(m.blocks), m.channel).toContain('Sales waits on IT: 1 request,');
    }
  });

  it('says one request in the fallback and in the table, in every channel (German)', async () => {
    for (const m of await digestWithOneRequest('de')) {
      expect(m.text, m.channel).toBe('Offene Anfragen: 1 Anfrage wartet auf eine Antwort');
      expect(JSON.stringify(m.blocks), m.channel).toMatch(/wartet auf IT: 1 Anfrage,/);
    }
  });
});
