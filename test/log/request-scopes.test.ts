import { afterEach, describe, expect, it } from 'vitest';
import { currentRequest, newRequestId, requestScopesOn, scopeEveryRequest } from '../../src/log/request.js';
import { currentLang, inRequestLanguage, msg } from '../../src/slack/messages/index.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Without debug logging a delivery gets a request scope only when it is answered in another language than
 * CX_LANGUAGE, and the storage is off again once none is in flight (log/request.ts, issue 13).
 */
describe('request scopes without debug logging', () => {
  afterEach(() => scopeEveryRequest(true));

  it('keeps each concurrent delivery in its own language across awaits, and switches off after', async () => {
    scopeEveryRequest(false);
    expect(requestScopesOn()).toBe(false);
    const german = inRequestLanguage(
      'de',
      async () => {
        await tick(5);
        const first = msg.button.snooze;
        await tick(10);
        return [first, msg.button.snooze, currentRequest()?.id];
      },
      'r-de',
    );
    const english = inRequestLanguage('en', async () => {
      await tick(8);
      return [msg.button.snooze, currentRequest()];
    });
    expect(requestScopesOn()).toBe(true);
    await expect(german).resolves.toEqual(['Pausieren', 'Pausieren', 'r-de']);
    // The installation's language needed no scope at all.
    await expect(english).resolves.toEqual(['Snooze', undefined]);
    await tick(0);
    expect(requestScopesOn()).toBe(false);
    expect(currentLang()).toBe('en');
    // Switched on again for the next delivery that needs it, and off after a failure too.
    await expect(
      inRequestLanguage('de', async () => {
        await tick(1);
        throw new Error(msg.button.snooze);
      }),
    ).rejects.toThrow('Pausieren');
    await tick(0);
    expect(requestScopesOn()).toBe(false);
  });

  it('with debug logging every delivery keeps its scope, whatever its language', async () => {
    scopeEveryRequest(true);
    expect(requestScopesOn()).toBe(true);
    await expect(
      inRequestLanguage('de', async () => {
        await tick(1);
        return msg.button.snooze;
      }),
    ).resolves.toBe('Pausieren');
    expect(requestScopesOn()).toBe(true);
  });
});

describe('request ids', () => {
  it('are 8 hex digits, and never repeat within a process', () => {
    const ids = Array.from({ length: 100_000 }, () => newRequestId());
    for (const id of ids.slice(0, 50)) expect(id).toMatch(/^[0-9a-f]{8}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
