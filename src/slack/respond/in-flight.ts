/**
 * The Slack deliveries being handled right now. Bolt answers an event before its listener runs (and the
 * bot answers a button at once), so once the server stops taking requests, work Slack already had an
 * answer for may still be running: stopping waits for it, a bounded while, before the database closes —
 * else it would fail on a closed connection (a Home not published, a press answered to nobody).
 */
export interface InFlight {
  /** Counts a delivery (Bolt's `processEvent`) from its start until its listeners are done. */
  track<T>(handling: Promise<T>): Promise<T>;
  readonly count: number;
  /** Resolves true once nothing is in flight, or false when `timeoutMs` (real time) passed first. */
  settled(timeoutMs: number): Promise<boolean>;
}

export function createInFlight(): InFlight {
  let count = 0;
  let waiting: (() => void)[] = [];
  const finished = () => {
    count--;
    if (count > 0) return;
    const wake = waiting;
    waiting = [];
    for (const resolve of wake) resolve();
  };
  return {
    track(handling) {
      count++;
      handling.then(finished, finished);
      return handling;
    },
    get count() {
      return count;
    },
    settled(timeoutMs) {
      if (count === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        waiting.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
  };
}
