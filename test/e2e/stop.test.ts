/**
 * Stopping the bot (SIGTERM during a deploy) finishes what Slack already had an answer for. Bolt acknowledges
 * an event before its listener runs, so the work after the ack must not meet a closed database: the bot waits
 * for it, a bounded while, before it closes. Through the real bot and the emulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('stopping the bot', () => {
  it('finishes a delivery it acknowledged before stopping: the Home tab opened just before is still published', async () => {
    h = await startHarness();
    // The Home of someone not looked up yet asks Slack who they are (admin or not) before it draws anything.
    h.emulator.setLatency('users.info', 300);
    const opened = await h.emulator.openHome('UALICE');
    expect(opened.status).toBe(200);
    expect(h.emulator.homeViews('UALICE')).toHaveLength(0);

    const harness = h;
    h = undefined;
    await harness.stop();
    expect(harness.emulator.homeViews('UALICE')).toHaveLength(1);
    expect(harness.emulator.callsTo('views.publish').map((c) => c.ok)).toEqual([true]);
  });
});
