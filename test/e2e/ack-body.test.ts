import { afterEach, describe, expect, it } from 'vitest';
import type { RunningBot } from '../../src/runtime/bot.js';
import type { SlackEmulator } from '../../src/sandbox/emulator/index.js';
import { eventually, type Harness, startHarness, startSocketBot } from '../support/harness.js';

// A command's answer is serialized once per reply (issue 13) and must still reach Slack as a JSON object: over
// HTTP with a JSON content type, over Socket Mode as the envelope's payload object.
let h: Harness | undefined;
let emulator: SlackEmulator | undefined;
let bot: RunningBot | undefined;
afterEach(async () => {
  await h?.stop();
  await bot?.stop();
  await emulator?.stop();
  h = undefined;
  bot = undefined;
  emulator = undefined;
});

const isEphemeralMessage = (body: unknown) => {
  const b = body as { response_type?: unknown; blocks?: unknown; text?: unknown };
  return b.response_type === 'ephemeral' && Array.isArray(b.blocks) && typeof b.text === 'string';
};

describe('a command answer on the wire', () => {
  it('over HTTP: JSON with its content type, the same bytes for a repeated read', async () => {
    h = await startHarness({ jobs: [] });
    await h.cx('UALICE', 'new Churn down lead:service');
    const first = await h.cx('UBOB', 'list');
    const again = await h.cx('UBOB', 'list');
    expect(first.headers['content-type']).toContain('application/json');
    expect(isEphemeralMessage(first.body)).toBe(true);
    expect(JSON.stringify(again.body)).toBe(JSON.stringify(first.body));
    // An error answer (not cached) too.
    const refused = await h.cx('UBOB', 'done A-99');
    expect(isEphemeralMessage(refused.body)).toBe(true);
  });

  it('over Socket Mode: the payload is the message object, not a string', async () => {
    const started = await startSocketBot({}, { jobs: [] });
    emulator = started.emulator;
    bot = started.bot;
    const em = emulator;
    await eventually(() => em.socketMode.connected);
    await em.command({ userId: 'UALICE', channelId: 'CIT', text: 'new Over the socket lead:it' });
    const first = await em.command({ userId: 'UALICE', channelId: 'CIT', text: 'list' });
    const again = await em.command({ userId: 'UALICE', channelId: 'CIT', text: 'list' });
    expect(typeof first.body).toBe('object');
    expect(isEphemeralMessage(first.body)).toBe(true);
    expect(JSON.stringify(again.body)).toContain('Over the socket');
  });
});
