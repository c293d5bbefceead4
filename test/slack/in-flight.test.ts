import { afterEach, describe, expect, it, vi } from 'vitest';
import { createInFlight } from '../../src/slack/respond/in-flight.js';

/** What stopping the bot waits for (slack/respond/in-flight.ts); the bot's own use: test/e2e/stop.test.ts. */
afterEach(() => {
  vi.useRealTimers();
});

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('deliveries in flight', () => {
  it('settles at once when nothing is in flight, and once the last one is done, failed or not', async () => {
    const inFlight = createInFlight();
    expect(await inFlight.settled(1000)).toBe(true);
    const [a, b] = [deferred(), deferred()];
    const tracked = inFlight.track(a.promise);
    inFlight.track(b.promise).catch(() => undefined);
    expect(inFlight.count).toBe(2);
    let settled: boolean | null = null;
    const waiting = inFlight.settled(60_000).then((s) => {
      settled = s;
    });
    a.resolve();
    await tracked;
    expect(inFlight.count).toBe(1);
    expect(settled).toBeNull();
    b.reject(new Error('the listener failed'));
    await waiting;
    expect(settled).toBe(true);
    expect(inFlight.count).toBe(0);
  });

  it('gives up waiting after the timeout when a delivery never ends', async () => {
    vi.useFakeTimers();
    const inFlight = createInFlight();
    inFlight.track(new Promise<void>(() => undefined));
    const waiting = inFlight.settled(8_000);
    await vi.advanceTimersByTimeAsync(7_999);
    let settled: boolean | null = null;
    void waiting.then((s) => {
      settled = s;
    });
    await Promise.resolve();
    expect(settled).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(await waiting).toBe(false);
    expect(inFlight.count).toBe(1);
  });
});
