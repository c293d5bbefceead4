/**
 * Issue 16: the emulator's upload flow checks its arguments as Slack does — a filename and a positive
 * length to get an upload URL; completion only after the announced bytes arrived; image blocks may show
 * only a completed image (`slack_file`), anything else is `invalid_blocks`. The bot's uploader runs the
 * whole flow against it.
 */
import { ConsoleLogger, LogLevel } from '@slack/logger';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartPng } from '../../src/charts/metric-chart.js';
import { type SlackEmulator, startEmulator } from '../../src/sandbox/emulator/index.js';
import { slackPngUploader } from '../../src/slack/chart-upload.js';

const TOKEN = 'xoxb-files-test';
let emu: SlackEmulator;
let client: WebClient;

beforeAll(async () => {
  emu = await startEmulator({ signingSecret: 'filessecret0123456789', botToken: TOKEN });
  emu.addChannel({ id: 'CFILES', name: 'files', botIsMember: true });
  const logger = new ConsoleLogger();
  logger.setLevel(LogLevel.ERROR);
  client = new WebClient(TOKEN, { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 }, logger });
});
afterAll(async () => {
  await emu.stop();
});

const refused = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { data?: { error?: string } }) => e.data?.error ?? String(e),
  );

const image = (id: string) => [{ type: 'image', slack_file: { id }, alt_text: 'a chart' }];

describe('emulated file uploads', () => {
  it('refuses a missing filename or a length that is not a positive integer', async () => {
    expect(await refused(client.files.getUploadURLExternal({ filename: '', length: 10 }))).toBe(
      'invalid_arguments',
    );
    expect(await refused(client.files.getUploadURLExternal({ filename: 'a.png', length: 0 }))).toBe(
      'invalid_arguments',
    );
    expect(await refused(client.files.getUploadURLExternal({ filename: 'a.png', length: 1.5 }))).toBe(
      'invalid_arguments',
    );
  });

  it('completes only after the announced bytes arrived; an image block needs a completed image', async () => {
    const png = await chartPng({
      name: 'NPS',
      unit: null,
      subtitle: 'I-1',
      baseline: 30,
      target: 45,
      start: '2026-03-02',
      points: [{ day: '2026-04-01', value: 33 }],
      marks: [],
      baselineLabel: 'baseline 30',
      targetLabel: 'target 45',
    });
    const slot = await client.files.getUploadURLExternal({ filename: 'c.png', length: png.length });
    const id = slot.file_id as string;
    // Not uploaded yet: neither completion nor an image block referring to it.
    expect(await refused(client.files.completeUploadExternal({ files: [{ id }] }))).toBe('file_not_found');
    expect(await refused(client.chat.postMessage({ channel: 'CFILES', text: 'x', blocks: image(id) }))).toBe(
      'invalid_blocks',
    );
    // Fewer bytes than announced: still not complete.
    const short = await fetch(slot.upload_url as string, {
      method: 'POST',
      body: new Uint8Array(png.subarray(1)),
    });
    expect(short.status).toBe(200);
    expect(await refused(client.files.completeUploadExternal({ files: [{ id }] }))).toBe('file_not_found');
    // The bytes can be sent once per URL.
    expect(
      (await fetch(slot.upload_url as string, { method: 'POST', body: new Uint8Array(png) })).status,
    ).toBe(404);

    // The bot's uploader: the whole flow, then the image block is accepted.
    const fileId = await slackPngUploader(client)(png, {
      name: 'd.png',
      title: 'NPS',
      altText: 'NPS over time',
    });
    const file = emu.files.get(fileId);
    expect(file).toMatchObject({
      completed: true,
      title: 'NPS',
      altText: 'NPS over time',
      length: png.length,
    });
    expect(
      await refused(client.chat.postMessage({ channel: 'CFILES', text: 'x', blocks: image(fileId) })),
    ).toBe('ok');
    expect(
      await refused(client.chat.postMessage({ channel: 'CFILES', text: 'x', blocks: image('F404') })),
    ).toBe('invalid_blocks');
    // The sandbox page can show it.
    const served = await fetch(`${emu.url}/_files/${fileId}`);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);
  });

  it('a channel to share to must exist', async () => {
    const slot = await client.files.getUploadURLExternal({ filename: 'e.png', length: 3 });
    await fetch(slot.upload_url as string, { method: 'POST', body: new Uint8Array([1, 2, 3]) });
    expect(
      await refused(
        client.files.completeUploadExternal({ files: [{ id: slot.file_id as string }], channel_id: 'CNOPE' }),
      ),
    ).toBe('channel_not_found');
    // Not an image: completing works, showing it as an image does not.
    await client.files.completeUploadExternal({ files: [{ id: slot.file_id as string }] });
    expect(
      await refused(
        client.chat.postMessage({ channel: 'CFILES', text: 'x', blocks: image(slot.file_id as string) }),
      ),
    ).toBe('invalid_blocks');
  });
});
