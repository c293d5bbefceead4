import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { roundOpenJob } from '../../src/jobs/round-open.js';
import { CHANNELS, type Harness, startHarness, tempDir } from '../support/harness.js';

/**
 * The HTTP edge as an attacker holding a valid signature would try it: malformed bodies, timestamps from
 * the future, requests for another workspace. Each gets its status, changes nothing, and the bot stays up.
 */

let h: Harness;
afterEach(async () => {
  await h.stop();
});

const form = 'application/x-www-form-urlencoded';
const json = 'application/json';

async function healthz(): Promise<number> {
  return (await fetch(`http://127.0.0.1:${h.bot.port}/healthz`)).status;
}

const signedForm = (fields: Record<string, string>) =>
  h.emulator.deliverRaw({ body: new URLSearchParams(fields).toString(), contentType: form });
const signedJson = (value: unknown) =>
  h.emulator.deliverRaw({ body: JSON.stringify(value), contentType: json });

describe('signed but malformed bodies get a 4xx and the bot stays up', () => {
  const cases: [string, () => Promise<{ status: number }>][] = [
    ['form payload=null', () => signedForm({ payload: 'null' })],
    ['JSON null', () => h.emulator.deliverRaw({ body: 'null', contentType: json })],
    ['JSON array', () => signedJson([1, 2])],
    ['form payload that is not JSON', () => signedForm({ payload: '{not json' })],
    [
      'view_submission with view:null',
      () =>
        signedForm({
          payload: JSON.stringify({
            type: 'view_submission',
            team: { id: 'T0CXBRIDGE' },
            user: { id: 'UALICE', team_id: 'T0CXBRIDGE' },
            api_app_id: 'A0CXBRIDGE',
            view: null,
          }),
        }),
    ],
    [
      'event_callback with event:null',
      () =>
        signedJson({
          type: 'event_callback',
          team_id: 'T0CXBRIDGE',
          api_app_id: 'A0CXBRIDGE',
          event_id: 'Ev1',
          event_time: 1,
          event: null,
        }),
    ],
    [
      'reaction_added with item:null',
      () =>
        signedJson({
          type: 'event_callback',
          team_id: 'T0CXBRIDGE',
          api_app_id: 'A0CXBRIDGE',
          event_id: 'Ev2',
          event_time: 1,
          event: { type: 'reaction_added', user: 'UALICE', reaction: 'one', item: null },
        }),
    ],
    [
      'reaction_added on a message without its ts',
      () =>
        signedJson({
          type: 'event_callback',
          team_id: 'T0CXBRIDGE',
          api_app_id: 'A0CXBRIDGE',
          event_id: 'Ev3',
          event_time: 1,
          event: {
            type: 'reaction_added',
            user: 'UALICE',
            reaction: 'one',
            item: { type: 'message', channel: 'CSALES' },
          },
        }),
    ],
    [
      'block_actions without actions',
      () =>
        signedForm({
          payload: JSON.stringify({
            type: 'block_actions',
            team: { id: 'T0CXBRIDGE' },
            user: { id: 'UALICE' },
            api_app_id: 'A0CXBRIDGE',
            actions: null,
          }),
        }),
    ],
    [
      'slash command without user_id',
      () => signedForm({ command: '/cx', text: 'mine', team_id: 'T0CXBRIDGE' }),
    ],
    ['an object of no known kind', () => signedJson({ hello: 'world' })],
  ];

  it.each(cases)('%s → 400, database unchanged, /healthz still 200', async (_name, send) => {
    h = await startHarness();
    await h.cx('UALICE', 'new Seed lead:it');
    const before = h.snapshot();
    const result = await send();
    expect(result.status).toBe(400);
    expect(h.snapshot()).toEqual(before);
    expect(await healthz()).toBe(200);
    // And the bot still works.
    expect(h.replyText(await h.cx('UALICE', 'new After lead:it'))).toContain('I-2');
  });

  it('an unsigned malformed body is still 401, not 400 (nothing is said about the body before the signature)', async () => {
    h = await startHarness();
    const result = await h.emulator.deliverRaw({ body: 'null', contentType: json, signature: 'v0=00' });
    expect(result.status).toBe(401);
    expect(await healthz()).toBe(200);
  });

  it('Slack’s ssl_check (unsigned by design) is still answered 200', async () => {
    h = await startHarness();
    const result = await h.emulator.deliverRaw({
      body: 'ssl_check=1&token=x',
      contentType: form,
      signature: 'v0=00',
    });
    expect(result.status).toBe(200);
  });

  it('an unsigned ssl_check cannot carry a command past the signature check (a repeated ssl_check included)', async () => {
    h = await startHarness();
    await h.cx('UALICE', 'new Seed lead:it');
    const before = h.snapshot();
    for (const prefix of ['ssl_check=1', 'ssl_check=1&ssl_check=1']) {
      const result = await h.emulator.deliverRaw({
        body: `${prefix}&command=%2Fcx&text=new%20Smuggled%20lead%3Ait&user_id=UALICE&team_id=T0CXBRIDGE&channel_id=CIT`,
        contentType: form,
        signature: 'v0=00',
      });
      expect(result.status).toBe(200);
    }
    expect(h.snapshot()).toEqual(before);
  });
});

describe('timestamps', () => {
  it('a correctly signed request from 10 minutes in the future gets 401 and changes nothing', async () => {
    h = await startHarness();
    const before = h.snapshot();
    const future = Math.floor(Date.now() / 1000) + 10 * 60;
    const body = new URLSearchParams({
      command: '/cx',
      text: 'new From the future lead:it',
      team_id: 'T0CXBRIDGE',
      api_app_id: 'A0CXBRIDGE',
      user_id: 'UALICE',
      channel_id: CHANNELS.marketing,
      trigger_id: 'trig-future',
      response_url: 'http://127.0.0.1:1/none',
    }).toString();
    const result = await h.emulator.deliverRaw({ body, contentType: form, timestamp: future });
    expect(result.status).toBe(401);
    expect(h.snapshot()).toEqual(before);
    expect(await healthz()).toBe(200);
  });

  it('a timestamp a minute ahead (clock skew) is still accepted', async () => {
    h = await startHarness();
    const soon = Math.floor(Date.now() / 1000) + 60;
    const body = new URLSearchParams({
      command: '/cx',
      text: 'new Slightly ahead lead:it',
      team_id: 'T0CXBRIDGE',
      api_app_id: 'A0CXBRIDGE',
      user_id: 'UALICE',
      user_name: 'alice',
      channel_id: CHANNELS.marketing,
      trigger_id: 'trig-soon',
      response_url: 'http://127.0.0.1:1/none',
    }).toString();
    const result = await h.emulator.deliverRaw({ body, contentType: form, timestamp: soon });
    expect(result.status).toBe(200);
    expect(h.bot.handle.sqlite.prepare('select title from initiatives').all()).toEqual([
      { title: 'Slightly ahead' },
    ]);
  });
});

describe('requests for another workspace or app change nothing', () => {
  async function openPoll() {
    h = await startHarness({ admins: ['UADMIN'], jobs: [roundOpenJob] });
    await h.cx('UALICE', 'pain Invoices are hard to read', CHANNELS.sales);
    await h.cx('UADMIN', 'round open');
    await h.drain();
    await h.emulator.settle();
    const poll = h.emulator
      .messages(CHANNELS.sales)
      .find((m) => String(m.metadata?.event_payload?.key ?? '').startsWith('poll:'));
    if (!poll) throw new Error('no poll posted');
    return poll;
  }

  const voters = () =>
    h.bot.handle.sqlite.prepare('select voter_id from votes order by voter_id').all() as {
      voter_id: string;
    }[];

  /** The envelope of a real reaction event, as another workspace's (or app's) delivery would look. */
  function foreignReaction(poll: { ts: string }, user: string, override: Record<string, unknown>) {
    return {
      token: 'x',
      team_id: 'T0CXBRIDGE',
      api_app_id: 'A0CXBRIDGE',
      type: 'event_callback',
      event_id: `Ev-${user}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: 'T0CXBRIDGE', user_id: 'UBOT', is_bot: true }],
      event: {
        type: 'reaction_added',
        user,
        reaction: 'one',
        item_user: 'UBOT',
        item: { type: 'message', channel: CHANNELS.sales, ts: poll.ts },
        event_ts: '1.000001',
      },
      ...override,
    };
  }

  it('a reaction vote signed for another team_id is acknowledged and not counted', async () => {
    const poll = await openPoll();
    await h.emulator.react('UALICE', CHANNELS.sales, poll.ts, 'one');
    expect(voters()).toEqual([{ voter_id: 'UALICE' }]);
    const result = await signedJson(
      foreignReaction(poll, 'UBOB', {
        team_id: 'TOTHER',
        authorizations: [{ team_id: 'TOTHER', user_id: 'UBOT', is_bot: true }],
      }),
    );
    expect(result.status).toBe(200);
    expect(voters()).toEqual([{ voter_id: 'UALICE' }]);
    expect(await healthz()).toBe(200);
  });

  it('a reaction vote signed for another api_app_id is acknowledged and not counted', async () => {
    const poll = await openPoll();
    const result = await signedJson(foreignReaction(poll, 'UBOB', { api_app_id: 'AOTHER' }));
    expect(result.status).toBe(200);
    expect(voters()).toEqual([]);
  });

  it('a slash command from another workspace changes nothing', async () => {
    h = await startHarness();
    const before = h.snapshot();
    const result = await signedForm({
      command: '/cx',
      text: 'new Foreign lead:it',
      team_id: 'TOTHER',
      api_app_id: 'A0CXBRIDGE',
      user_id: 'UALICE',
      channel_id: CHANNELS.marketing,
      trigger_id: 'trig-foreign',
      response_url: 'http://127.0.0.1:1/none',
    });
    expect(result.status).toBe(200);
    expect(h.snapshot()).toEqual(before);
  });
});

describe('the database file under a running bot', () => {
  async function startInDataFolder() {
    const dataDir = path.join(tempDir(), 'data');
    h = await startHarness({ databasePath: path.join(dataDir, 'cx.sqlite') });
    return dataDir;
  }

  it('data folder deleted: /healthz answers 503 and a write is refused with a clear reply, not "Created"', async () => {
    const dataDir = await startInDataFolder();
    expect(h.replyText(await h.cx('UALICE', 'new Before lead:it'))).toContain('I-1');
    fs.rmSync(dataDir, { recursive: true, force: true });
    expect(await healthz()).toBe(503);
    const reply = h.replyText(await h.cx('UALICE', 'new Lost lead:it'));
    expect(reply).not.toMatch(/Created|I-2/);
    expect(reply).toMatch(/nothing was changed/);
  });

  it('database file replaced by another file: /healthz answers 503 and writes are refused', async () => {
    const dataDir = await startInDataFolder();
    const file = path.join(dataDir, 'cx.sqlite');
    await h.cx('UALICE', 'new Before lead:it');
    fs.renameSync(file, `${file}.old`);
    fs.copyFileSync(`${file}.old`, file);
    expect(await healthz()).toBe(503);
    expect(h.replyText(await h.cx('UALICE', 'new Lost lead:it'))).toMatch(/nothing was changed/);
  });
});
