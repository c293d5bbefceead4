import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { count } from '../support/count.js';
import { CHANNELS, eventually, type Harness, openedView, startHarness, tempDir } from '../support/harness.js';

/**
 * One guard answers every listener kind's failure (src/slack/respond/guard.ts): a repeated delivery is
 * answered quietly, anything else with the generic "nothing was changed" text in the place that kind of
 * listener answers — the ack of a command, the presser's ephemeral for a button, the field of a modal.
 * A database folder deleted under the running bot is a failure that any write meets.
 */
let h: Harness;
afterEach(async () => {
  await h.stop();
});

async function startInDataFolder(): Promise<string> {
  const dataDir = path.join(tempDir(), 'data');
  h = await startHarness({
    now: new Date('2026-03-02T10:00:00Z'),
    databasePath: path.join(dataDir, 'cx.sqlite'),
  });
  return dataDir;
}

describe('the listener guard', () => {
  it('a slash command delivered again is answered "already handled" and takes effect once', async () => {
    await startInDataFolder();
    await h.cx('UALICE', 'new Only once lead:it');
    const delivery = h.emulator.deliveries.at(-1);
    const body = new URLSearchParams(delivery?.sent as Record<string, string>).toString();
    const again = await h.emulator.deliverRaw({ body, contentType: 'application/x-www-form-urlencoded' });
    expect(again.status).toBe(200);
    expect((again.body as { text?: string }).text).toMatch(/already handled/);
    expect(count(h.bot.handle.sqlite, 'initiatives')).toBe(1);
  });

  it('a button that fails answers the presser with the generic text', async () => {
    const dataDir = await startInDataFolder();
    await h.cx('UALICE', 'new Buttons lead:it');
    await h.cx('UALICE', 'log I-1 Do it due:+2d');
    await h.cx('UALICE', 'mine');
    const mine = h.emulator.state.ephemerals.at(-1);
    fs.rmSync(dataDir, { recursive: true, force: true });
    const before = h.emulator.state.ephemerals.length;
    await h.emulator.blockAction({
      userId: 'UALICE',
      actionId: 'cx_action_done',
      value: 'A-1',
      channelId: CHANNELS.marketing,
      messageTs: mine?.ts,
    });
    const answer = await eventually(() => h.emulator.state.ephemerals.slice(before).at(-1));
    expect(answer.text).toMatch(/nothing was changed/);
  });

  it('a modal submission that fails stays open with the generic text next to its first field', async () => {
    const dataDir = await startInDataFolder();
    await h.cx('UALICE', 'new', CHANNELS.sales);
    const viewId = await openedView(h.emulator, 'UALICE');
    fs.rmSync(dataDir, { recursive: true, force: true });
    const result = await h.emulator.viewSubmission({
      userId: 'UALICE',
      viewId,
      values: { title: 'Lost', lead: 'sales', tier: 'important', owner: 'UALICE' },
    });
    expect(result.viewClosed).toBe(false);
    expect(result.body).toMatchObject({ response_action: 'errors' });
    const errors = (result.body as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors)).toEqual(['title']);
    expect(errors.title).toMatch(/nothing was changed/);
  });
});
