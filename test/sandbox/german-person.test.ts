import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_CHANNELS } from '../../src/sandbox/workspace.js';
import { type SandboxState, startTestSandbox, type TestSandbox } from '../support/sandbox.js';

/**
 * Issue 14 in the sandbox: Lena's Slack is German. Switching to her shows the bot's German replies; the
 * channels stay in CX_LANGUAGE (English by default, German with CX_LANGUAGE=de).
 */
let t: TestSandbox;
afterEach(async () => {
  await t.stop();
});

const C = SANDBOX_CHANNELS;
const eph = (s: SandboxState) => s.ephemerals.map((e) => e.text).join('\n');

async function until<T>(check: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('the German person of the sandbox', () => {
  it.each([
    ['en', 'New initiative'],
    ['de', 'Neue Initiative'],
  ] as const)(
    'with CX_LANGUAGE=%s: Lena reads German, the channel post is in %o, Liam reads English',
    async (language, post) => {
      t = await startTestSandbox({ now: new Date('2026-03-02T10:00:00Z'), language });
      const cx = (user: string, text: string) =>
        t.call('/_sandbox/command', { user, channel: C.service, text: `/cx ${text}` });
      expect((await cx('ULENA', 'new Schnellere Erstattungen lead:service')).json.ok).toBe(true);
      expect(eph(await t.state('ULENA'))).toContain('Schnellere Erstattungen angelegt');
      const channel = await until(async () => {
        const messages = JSON.stringify((await t.state('ULIAM')).messages[C.service] ?? []);
        return messages.includes('I-1') ? messages : undefined;
      });
      expect(channel).toContain(post);
      expect((await cx('ULIAM', 'mine')).json.ok).toBe(true);
      expect(eph(await t.state('ULIAM'))).toContain('You have no open actions');
    },
  );
});
