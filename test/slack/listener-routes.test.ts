import { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { routedByIds } from '../../src/slack/receiver/listener-routes.js';

// Issue 13: string-id buttons and modals sit behind one Bolt listener per kind; each still gets its own.
function bareApp(): App {
  return new App({
    signingSecret: 'secret',
    authorize: async () => ({ botToken: 'xoxb-test', botId: 'B1', botUserId: 'UBOT' }),
  });
}
const listenersOf = (app: App) => (app as unknown as { listeners: unknown[] }).listeners.length;

const block = (actionId: string) => ({
  type: 'block_actions',
  team: { id: 'T1' },
  user: { id: 'U1', team_id: 'T1' },
  api_app_id: 'A1',
  actions: [{ type: 'button', action_id: actionId, block_id: 'b', action_ts: '1' }],
  token: 't',
  trigger_id: 'tr',
});
const submission = (callbackId: string) => ({
  type: 'view_submission',
  team: { id: 'T1' },
  user: { id: 'U1', team_id: 'T1' },
  api_app_id: 'A1',
  view: { id: 'V1', callback_id: callbackId, state: { values: {} }, type: 'modal' },
  token: 't',
  trigger_id: 'tr',
});

async function deliver(app: App, body: object): Promise<void> {
  await app.processEvent({ body, ack: async () => undefined } as never);
}

describe('routedByIds', () => {
  it('puts every string-id action and view behind one Bolt listener per kind, and calls the right one', async () => {
    const app = bareApp();
    const routed = routedByIds(app);
    const calls: string[] = [];
    routed.action('done', async ({ ack }) => {
      await ack();
      calls.push('done');
    });
    routed.action('snooze', async ({ ack }) => {
      await ack();
      calls.push('snooze');
    });
    routed.view('log_action', async ({ ack }) => {
      await ack();
      calls.push('log_action');
    });
    routed.view('drop', async ({ ack }) => {
      await ack();
      calls.push('drop');
    });
    expect(listenersOf(app)).toBe(2);

    await deliver(app, block('snooze'));
    await deliver(app, submission('drop'));
    await deliver(app, block('nobody'));
    await deliver(app, submission('nobody'));
    expect(calls).toEqual(['snooze', 'drop']);
  });

  it('hands RegExp constraints and anything else to Bolt as they are; refuses a second listener for one id', () => {
    const app = bareApp();
    const routed = routedByIds(app);
    routed.action(/^x/, async () => undefined);
    routed.event('app_home_opened', async () => undefined);
    expect(listenersOf(app)).toBe(2);
    routed.action('a', async () => undefined);
    expect(() => routed.action('a', async () => undefined)).toThrow(/two listeners/);
  });

  it('answers a command in the global chain, after the middleware registered before it, and no listener runs', async () => {
    const app = bareApp();
    const calls: string[] = [];
    app.use(async ({ next }) => {
      calls.push('before');
      await next();
    });
    const routed = routedByIds(app);
    routed.command('/cx', async ({ command, ack }) => {
      await ack();
      calls.push(`cx ${command.text}`);
    });
    routed.event('app_mention', async () => {
      calls.push('listener');
    });
    expect(listenersOf(app)).toBe(1);
    const command = (name: string) => ({
      command: name,
      text: 'list',
      user_id: 'U1',
      channel_id: 'C1',
      team_id: 'T1',
      trigger_id: 'tr',
      api_app_id: 'A1',
      token: 't',
      response_url: 'http://127.0.0.1:9/r',
    });
    await deliver(app, command('/cx'));
    await deliver(app, command('/other'));
    expect(calls).toEqual(['before', 'cx list', 'before']);
  });
});
