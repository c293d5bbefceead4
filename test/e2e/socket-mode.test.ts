import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { type RunningBot, startBot } from '../../src/runtime/bot.js';
import { type SlackEmulator, startEmulator } from '../../src/sandbox/emulator/index.js';
import {
  BOT_TOKEN,
  eventually,
  quietLogger,
  SIGNING_SECRET,
  startSocketBot,
  tempDir,
} from '../support/harness.js';

let emulator: SlackEmulator | undefined;
let bot: RunningBot | undefined;
afterEach(async () => {
  await bot?.stop();
  await emulator?.stop();
});

it('in Socket Mode (SLACK_APP_TOKEN set) commands, modals and wins work over the WebSocket; HTTP only for /healthz and /metrics', async () => {
  const started = await startSocketBot();
  emulator = started.emulator;
  bot = started.bot;
  // No events endpoint: a command can only come over the socket. /healthz is served (and /metrics).
  const base = `http://127.0.0.1:${bot.port}`;
  expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ ok: true });
  expect((await fetch(`${base}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
  const em = emulator;
  await eventually(() => em.socketMode.connected);

  const created = await em.command({
    userId: 'UALICE',
    channelId: 'CIT',
    text: 'new Over the socket lead:it',
  });
  expect(JSON.stringify(created.body)).toContain('I-1');
  await em.command({ userId: 'UALICE', channelId: 'CIT', text: 'log I-1 First step due:+2d' });
  await em.command({ userId: 'UALICE', channelId: 'CIT', text: 'done A-1' });
  await bot.notifier.drain();
  expect(
    em
      .messages('CIT')
      .map((m) => m.text)
      .join('\n'),
  ).toContain('A-1');

  await em.command({ userId: 'UALICE', channelId: 'CIT', text: 'new' });
  const opened = await eventually(() => [...em.state.views.entries()].find(([, v]) => v.open)?.[0]);
  const submitted = await em.viewSubmission({
    userId: 'UALICE',
    viewId: opened,
    values: { title: 'From the modal', lead: 'sales', tier: 'important' },
  });
  expect(submitted.viewClosed).toBe(true);
  expect(bot.handle.sqlite.prepare('select title from initiatives order by id').all()).toEqual([
    { title: 'Over the socket' },
    { title: 'From the modal' },
  ]);
});

it('a wrong app token stops start-up with a clear error', async () => {
  emulator = await startEmulator({
    port: 0,
    signingSecret: SIGNING_SECRET,
    botToken: BOT_TOKEN,
    appToken: 'xapp-right',
  });
  await expect(
    startBot(
      {
        mode: 'socket',
        botToken: BOT_TOKEN,
        signingSecret: null,
        appToken: 'xapp-wrong',
        slackApiUrl: emulator.apiUrl,
        port: 0,
        databasePath: path.join(tempDir(), 'cx.sqlite'),
        timeZone: 'UTC',
        admins: [],
        channels: {},
        logLevel: 'error',
      },
      { logger: quietLogger() },
    ),
  ).rejects.toThrow(/invalid_auth/);
});

it('in Socket Mode, malformed envelopes and another workspace’s events are acknowledged and change nothing', async () => {
  const appToken = 'xapp-1-A0TEST-1-abcdef';
  emulator = await startEmulator({ port: 0, signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, appToken });
  emulator.addChannel({ id: 'CIT', name: 'cx-it', botIsMember: true });
  bot = await startBot(
    {
      mode: 'socket',
      botToken: BOT_TOKEN,
      signingSecret: null,
      appToken,
      slackApiUrl: emulator.apiUrl,
      port: 0,
      databasePath: path.join(tempDir(), 'cx.sqlite'),
      timeZone: 'UTC',
      admins: [],
      channels: { it: 'CIT' },
      logLevel: 'error',
    },
    { clock: new ManualClock(new Date('2026-03-02T10:00:00Z')), logger: quietLogger() },
  );
  const em = emulator;
  await eventually(() => em.socketMode.connected);
  const envelopes: [Parameters<typeof em.socketMode.deliver>[0], unknown][] = [
    ['events_api', null],
    ['events_api', { type: 'event_callback', team_id: 'T0CXBRIDGE', api_app_id: 'A0CXBRIDGE', event: null }],
    [
      'interactive',
      { type: 'view_submission', team: { id: 'T0CXBRIDGE' }, user: { id: 'UALICE' }, view: null },
    ],
    [
      'slash_commands',
      {
        command: '/cx',
        text: 'new Foreign lead:it',
        team_id: 'TOTHER',
        user_id: 'UALICE',
        channel_id: 'CIT',
      },
    ],
  ];
  for (const [type, payload] of envelopes) {
    // The ack arrives (no redelivery), with nothing in it.
    await expect(em.socketMode.deliver(type, payload, 3000)).resolves.toEqual({});
  }
  expect(bot.handle.sqlite.prepare('select count(*) as n from initiatives').get()).toEqual({ n: 0 });
  const created = await em.command({ userId: 'UALICE', channelId: 'CIT', text: 'new Still here lead:it' });
  expect(JSON.stringify(created.body)).toContain('I-1');
});
