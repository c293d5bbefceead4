import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { ErrorCode, type Logger, WebClient, LogLevel as WebLogLevel } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type SlackEmulator, startEmulator } from '../../src/sandbox/emulator/index.js';

const SECRET = 'test-signing-secret';
const TOKEN = 'xoxb-test-token';

interface Received {
  headers: IncomingMessage['headers'];
  raw: string;
  /** payload / form fields / JSON envelope, parsed */
  body: Record<string, unknown>;
}

/** A stand-in for the bot: records every request and answers with `reply`. */
class FakeBot {
  received: Received[] = [];
  reply: (r: Received) => { status?: number; body?: unknown; delayMs?: number } = () => ({});
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const ct = req.headers['content-type'] ?? '';
        let body: Record<string, unknown>;
        if (ct.includes('json')) body = JSON.parse(raw) as Record<string, unknown>;
        else {
          const form = Object.fromEntries(new URLSearchParams(raw));
          body = form.payload ? (JSON.parse(form.payload) as Record<string, unknown>) : form;
        }
        const r = { headers: req.headers, raw, body };
        this.received.push(r);
        const out = this.reply(r);
        const finish = () => {
          if (out.body === undefined) {
            res.writeHead(out.status ?? 200);
            res.end();
          } else {
            res.writeHead(out.status ?? 200, { 'Content-Type': 'application/json' });
            res.end(JSON.stringify(out.body));
          }
        };
        if (out.delayMs) setTimeout(finish, out.delayMs);
        else finish();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/slack/events`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  last(): Received {
    const r = this.received.at(-1);
    if (!r) throw new Error('the bot received nothing');
    return r;
  }
}

let emu: SlackEmulator;
let bot: FakeBot;
let client: WebClient;

beforeAll(async () => {
  bot = new FakeBot();
  await bot.start();
  emu = await startEmulator({ signingSecret: SECRET, botToken: TOKEN, appUrl: bot.url, triggerTtlMs: 400 });
  client = new WebClient(TOKEN, {
    slackApiUrl: emu.apiUrl,
    retryConfig: { retries: 0 },
    logger: silent,
    rejectRateLimitedCalls: true,
  });
});

afterAll(async () => {
  await emu.stop();
  await bot.stop();
});

beforeEach(() => {
  emu.reset();
  bot.received = [];
  bot.reply = () => ({});
});

async function slackError(p: Promise<unknown>): Promise<{ error: string; data: Record<string, unknown> }> {
  try {
    await p;
  } catch (err) {
    const e = err as { code?: string; data?: Record<string, unknown> };
    if (e.code === ErrorCode.PlatformError && e.data) return { error: String(e.data.error), data: e.data };
    throw err;
  }
  throw new Error('expected the call to fail');
}

/** The WebClient logs Slack's error messages; the tests assert on them instead. */
const silent: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => WebLogLevel.ERROR,
  setName: () => {},
};

const TS_RE = /^\d{10}\.\d{6}$/;

describe('Web API basics', () => {
  it('auth.test names the bot and the team', async () => {
    const r = await client.auth.test();
    expect(r).toMatchObject({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0CXBRIDGE' });
  });

  it('rejects missing and wrong tokens', async () => {
    const anon = new WebClient(undefined, {
      slackApiUrl: emu.apiUrl,
      retryConfig: { retries: 0 },
      logger: silent,
    });
    expect((await slackError(anon.auth.test())).error).toBe('not_authed');
    const wrong = new WebClient('xoxb-wrong', {
      slackApiUrl: emu.apiUrl,
      retryConfig: { retries: 0 },
      logger: silent,
    });
    expect((await slackError(wrong.auth.test())).error).toBe('invalid_auth');
    // a token passed as an argument is accepted too
    expect((await anon.auth.test({ token: TOKEN })).ok).toBe(true);
  });

  it('answers unknown methods with HTTP 404 unknown_method', async () => {
    const err = await client.apiCall('chat.doesNotExist').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: ErrorCode.HTTPError, statusCode: 404 });
    const body = (err as { body: unknown }).body;
    expect(typeof body === 'string' ? JSON.parse(body) : body).toEqual({
      ok: false,
      error: 'unknown_method',
    });
  });

  it('accepts JSON bodies as well as form bodies', async () => {
    const res = await fetch(`${emu.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify({
        channel: 'CGENERAL',
        text: 'json',
        metadata: { event_type: 'x', event_payload: { a: 1 } },
      }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, channel: 'CGENERAL' });
    expect(emu.messages('CGENERAL')[0]?.metadata).toEqual({ event_type: 'x', event_payload: { a: 1 } });
  });
});

describe('chat.postMessage and friends', () => {
  it('posts to a channel with strictly increasing ts and records the message and the call', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*hi*' } }];
    const a = await client.chat.postMessage({ channel: 'CGENERAL', text: 'hello', blocks });
    const b = await client.chat.postMessage({ channel: 'CGENERAL', text: 'again' });
    expect(a.ts).toMatch(TS_RE);
    expect(Number(b.ts)).toBeGreaterThan(Number(a.ts));
    expect(a.message).toMatchObject({ text: 'hello', user: 'UBOT', bot_id: 'BBOT', blocks });
    const msgs = emu.messages('CGENERAL');
    expect(msgs.map((m) => m.text)).toEqual(['hello', 'again']);
    expect(msgs[0]).toMatchObject({ channel: 'CGENERAL', ts: a.ts, user: 'UBOT', blocks, reactions: [] });
    const call = emu.callsTo('chat.postMessage')[0];
    expect(call).toMatchObject({
      ok: true,
      status: 200,
      args: { channel: 'CGENERAL', text: 'hello', blocks },
    });
    expect(call?.args).not.toHaveProperty('token');
  });

  it('posting to a user id opens (once) a DM channel with the bot', async () => {
    const r1 = await client.chat.postMessage({ channel: 'UALICE', text: 'psst' });
    const r2 = await client.chat.postMessage({ channel: 'UALICE', text: 'again' });
    expect(r1.channel).toMatch(/^D/);
    expect(r2.channel).toBe(r1.channel);
    expect(emu.dmChannelOf('UALICE')).toBe(r1.channel);
    expect(emu.dms('UALICE').map((m) => m.text)).toEqual(['psst', 'again']);
    const open = await client.conversations.open({ users: 'UALICE' });
    expect(open.channel?.id).toBe(r1.channel);
    const bobDm = await client.conversations.open({ users: 'UBOB' });
    expect(bobDm.channel?.id).toMatch(/^D/);
    expect(bobDm.channel?.id).not.toBe(r1.channel);
    expect((await slackError(client.conversations.open({ users: 'UNOBODY' }))).error).toBe('user_not_found');
  });

  it('threads replies, and history / replies show them like Slack', async () => {
    const parent = await client.chat.postMessage({ channel: 'CGENERAL', text: 'parent' });
    const reply = await client.chat.postMessage({
      channel: 'CGENERAL',
      text: 'reply',
      thread_ts: parent.ts!,
    });
    expect(reply.message?.thread_ts).toBe(parent.ts);
    const hist = await client.conversations.history({ channel: 'CGENERAL' });
    expect(hist.messages?.map((m) => m.text)).toEqual(['parent']);
    expect(hist.messages?.[0]).toMatchObject({ reply_count: 1, thread_ts: parent.ts });
    const rep = await client.conversations.replies({ channel: 'CGENERAL', ts: parent.ts! });
    expect(rep.messages?.map((m) => m.text)).toEqual(['parent', 'reply']);
    expect(emu.messages('CGENERAL').find((m) => m.text === 'reply')?.thread_ts).toBe(parent.ts);
    const bad = await slackError(
      client.chat.postMessage({ channel: 'CGENERAL', text: 'x', thread_ts: '1.000001' }),
    );
    expect(bad.error).toBe('thread_not_found');
  });

  it('updates and deletes its own messages', async () => {
    const m = await client.chat.postMessage({ channel: 'CGENERAL', text: 'v1' });
    const u = await client.chat.update({ channel: 'CGENERAL', ts: m.ts!, text: 'v2' });
    expect(u).toMatchObject({ ok: true, ts: m.ts, text: 'v2' });
    const stored = emu.message('CGENERAL', m.ts!);
    expect(stored?.text).toBe('v2');
    expect(stored?.edited?.user).toBe('UBOT');
    expect(
      (await slackError(client.chat.update({ channel: 'CGENERAL', ts: '1.000001', text: 'x' }))).error,
    ).toBe('message_not_found');
    const link = await client.chat.getPermalink({ channel: 'CGENERAL', message_ts: m.ts! });
    expect(link.permalink).toBe(`${emu.url}/archives/CGENERAL/p${m.ts!.replace('.', '')}`);
    await client.chat.delete({ channel: 'CGENERAL', ts: m.ts! });
    expect(emu.messages('CGENERAL')).toEqual([]);
    expect((await slackError(client.chat.delete({ channel: 'CGENERAL', ts: m.ts! }))).error).toBe(
      'message_not_found',
    );
  });

  it('refuses to edit a person’s message', async () => {
    const { ts } = await emu.userMessage({ userId: 'UALICE', channelId: 'CGENERAL', text: 'mine' });
    expect((await slackError(client.chat.update({ channel: 'CGENERAL', ts, text: 'x' }))).error).toBe(
      'cant_update_message',
    );
  });

  it('posts ephemerals only to members', async () => {
    emu.addUser({ id: 'UOUT', name: 'outsider' });
    emu.addChannel({ id: 'CTEAM', name: 'team', members: ['UALICE'] });
    const r = await client.chat.postEphemeral({ channel: 'CTEAM', user: 'UALICE', text: 'only you' });
    expect(r.message_ts).toMatch(TS_RE);
    expect(emu.ephemerals).toMatchObject([
      { channel: 'CTEAM', user: 'UALICE', text: 'only you', via: 'api' },
    ]);
    expect(emu.messages('CTEAM')).toEqual([]);
    const err = await slackError(client.chat.postEphemeral({ channel: 'CTEAM', user: 'UOUT', text: 'x' }));
    expect(err.error).toBe('user_not_in_channel');
  });

  it('answers Slack’s errors', async () => {
    expect((await slackError(client.chat.postMessage({ channel: 'CNOPE', text: 'x' }))).error).toBe(
      'channel_not_found',
    );
    expect((await slackError(client.chat.postMessage({ channel: 'CRANDOM', text: 'x' }))).error).toBe(
      'not_in_channel',
    );
    expect((await slackError(client.chat.postMessage({ channel: 'CGENERAL' } as never))).error).toBe(
      'no_text',
    );
    expect((await slackError(client.chat.postMessage({ text: 'x' } as never))).error).toBe(
      'channel_not_found',
    );
    expect(
      (await slackError(client.chat.postMessage({ channel: 'CGENERAL', text: 'x'.repeat(40_001) }))).error,
    ).toBe('msg_too_long');
    const missing = await slackError(client.apiCall('views.publish', { view: { type: 'home', blocks: [] } }));
    expect(missing.error).toBe('invalid_arguments');
    expect(missing.data.response_metadata).toMatchObject({
      messages: ['[ERROR] missing required field: user_id'],
    });
    emu.removeChannel('CGENERAL');
    expect((await slackError(client.chat.postMessage({ channel: 'CGENERAL', text: 'x' }))).error).toBe(
      'channel_not_found',
    );
    expect((await slackError(client.users.info({ user: 'UNOBODY' }))).error).toBe('user_not_found');
  });

  it('rejects invalid blocks with Slack’s invalid_blocks answer', async () => {
    const err = await slackError(
      client.chat.postMessage({
        channel: 'CGENERAL',
        text: 'fallback',
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } },
          { type: 'carousel' } as never,
        ],
      }),
    );
    expect(err.error).toBe('invalid_blocks');
    expect(err.data.errors).toEqual([
      'must be less than 3001 characters [json-pointer:/blocks/0/text/text]',
      "unsupported type 'carousel' [json-pointer:/blocks/1/type]",
    ]);
    expect(emu.messages('CGENERAL')).toEqual([]);
  });

  it('joins public channels only', async () => {
    emu.addChannel({ id: 'CSECRET', name: 'secret', isPrivate: true, botIsMember: false });
    expect((await slackError(client.conversations.join({ channel: 'CSECRET' }))).error).toBe(
      'channel_not_found',
    );
    emu.joinChannel('CSECRET');
    expect((await slackError(client.conversations.join({ channel: 'CSECRET' }))).error).toBe(
      'method_not_supported_for_channel_type',
    );
    await client.conversations.join({ channel: 'CRANDOM' });
    const r = await client.chat.postMessage({ channel: 'CRANDOM', text: 'now I can' });
    expect(r.ok).toBe(true);
    const members = await client.conversations.members({ channel: 'CRANDOM' });
    expect(members.members).toContain('UBOT');
    const info = await client.conversations.info({ channel: 'CRANDOM' });
    expect(info.channel).toMatchObject({ id: 'CRANDOM', name: 'random', is_private: false, is_member: true });
  });

  it('describes users with time zones and roles', async () => {
    emu.addUser({ id: 'UTZ', name: 'kiri', realName: 'Kiri T', tz: 'Pacific/Auckland', isAdmin: true });
    const r = await client.users.info({ user: 'UTZ' });
    expect(r.user).toMatchObject({
      id: 'UTZ',
      name: 'kiri',
      real_name: 'Kiri T',
      tz: 'Pacific/Auckland',
      is_admin: true,
      is_owner: false,
      is_bot: false,
      profile: { display_name: 'kiri' },
    });
    expect([43200, 46800]).toContain(r.user?.tz_offset);
    const all = await client.users.list({});
    expect(all.members?.map((m) => m.id)).toEqual(expect.arrayContaining(['UBOT', 'UTZ', 'UALICE']));
    expect((await client.team.info()).team).toMatchObject({ id: 'T0CXBRIDGE' });
  });
});

describe('history with metadata', () => {
  it('includes metadata only with include_all_metadata, and honours oldest / latest / limit', async () => {
    const metadata = { event_type: 'cx_action', event_payload: { action_id: 'a1' } };
    const m1 = await client.chat.postMessage({ channel: 'CGENERAL', text: 'one', metadata });
    const m2 = await client.chat.postMessage({ channel: 'CGENERAL', text: 'two' });
    const m3 = await client.chat.postMessage({ channel: 'CGENERAL', text: 'three' });
    const plain = await client.conversations.history({ channel: 'CGENERAL' });
    expect(plain.messages?.map((m) => m.text)).toEqual(['three', 'two', 'one']);
    expect(plain.messages?.[2]).not.toHaveProperty('metadata');
    const withMeta = await client.conversations.history({ channel: 'CGENERAL', include_all_metadata: true });
    expect(withMeta.messages?.[2]?.metadata).toEqual(metadata);
    const window = await client.conversations.history({
      channel: 'CGENERAL',
      oldest: m1.ts!,
      latest: m3.ts!,
    });
    expect(window.messages?.map((m) => m.ts)).toEqual([m2.ts]);
    const page = await client.conversations.history({ channel: 'CGENERAL', limit: 2 });
    expect(page.messages).toHaveLength(2);
    expect(page.has_more).toBe(true);
    expect(emu.messages('CGENERAL')[0]?.metadata).toEqual(metadata);
    expect((await slackError(client.conversations.history({ channel: 'CRANDOM' }))).error).toBe(
      'not_in_channel',
    );
  });

  it('rejects malformed metadata', async () => {
    const err = await slackError(
      client.chat.postMessage({ channel: 'CGENERAL', text: 'x', metadata: { event_payload: {} } as never }),
    );
    expect(err.error).toBe('invalid_metadata_format');
  });
});

describe('reactions', () => {
  it('adds, lists and removes reactions, and delivers them (the bot’s own too)', async () => {
    const m = await client.chat.postMessage({ channel: 'CGENERAL', text: 'vote' });
    await client.reactions.add({ channel: 'CGENERAL', timestamp: m.ts!, name: 'thumbsup' });
    expect(
      (await slackError(client.reactions.add({ channel: 'CGENERAL', timestamp: m.ts!, name: 'thumbsup' })))
        .error,
    ).toBe('already_reacted');
    await emu.react('UALICE', 'CGENERAL', m.ts!, 'thumbsup');
    await emu.settle();
    expect(emu.message('CGENERAL', m.ts!)?.reactions).toEqual([
      { name: 'thumbsup', users: ['UBOT', 'UALICE'] },
    ]);
    const got = await client.reactions.get({ channel: 'CGENERAL', timestamp: m.ts! });
    expect(got.message?.reactions).toEqual([{ name: 'thumbsup', users: ['UBOT', 'UALICE'], count: 2 }]);
    const events = bot.received.map((r) => r.body.event as Record<string, unknown>);
    expect(events).toHaveLength(2);
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'reaction_added', user: 'UBOT', reaction: 'thumbsup' }),
        expect.objectContaining({
          type: 'reaction_added',
          user: 'UALICE',
          item_user: 'UBOT',
          item: { type: 'message', channel: 'CGENERAL', ts: m.ts },
        }),
      ]),
    );
    await client.reactions.remove({ channel: 'CGENERAL', timestamp: m.ts!, name: 'thumbsup' });
    expect(
      (await slackError(client.reactions.remove({ channel: 'CGENERAL', timestamp: m.ts!, name: 'thumbsup' })))
        .error,
    ).toBe('no_reaction');
    await emu.unreact('UALICE', 'CGENERAL', m.ts!, 'thumbsup');
    await emu.settle();
    expect(emu.message('CGENERAL', m.ts!)?.reactions).toEqual([]);
    expect(bot.last().body.event).toMatchObject({ type: 'reaction_removed' });
  });
});

describe('views', () => {
  const modal = (title = 'Propose') => ({
    type: 'modal' as const,
    callback_id: 'propose',
    title: { type: 'plain_text' as const, text: title },
    submit: { type: 'plain_text' as const, text: 'Send' },
    blocks: [
      {
        type: 'input',
        block_id: 'title_b',
        label: { type: 'plain_text', text: 'Title' },
        element: { type: 'plain_text_input', action_id: 'title' },
      },
    ],
  });

  async function trigger(): Promise<string> {
    return (await emu.command({ userId: 'UALICE', channelId: 'CGENERAL', text: 'new' })).triggerId;
  }

  it('opens a modal only with a fresh, unused trigger_id the emulator issued', async () => {
    expect((await slackError(client.views.open({ trigger_id: '123.456.abc', view: modal() }))).error).toBe(
      'invalid_trigger_id',
    );
    const t = await trigger();
    const r = await client.views.open({ trigger_id: t, view: modal() });
    expect(r.view).toMatchObject({ type: 'modal', callback_id: 'propose', state: { values: {} } });
    expect(r.view?.id).toMatch(/^V/);
    expect(emu.openViews).toEqual([{ userId: 'UALICE', view: expect.objectContaining({ id: r.view?.id }) }]);
    expect((await slackError(client.views.open({ trigger_id: t, view: modal() }))).error).toBe(
      'exchanged_trigger_id',
    );
    const late = await trigger();
    await new Promise((r) => setTimeout(r, 450));
    expect((await slackError(client.views.open({ trigger_id: late, view: modal() }))).error).toBe(
      'expired_trigger_id',
    );
  });

  it('validates views: title length, submit required with inputs', async () => {
    const err = await slackError(
      client.views.open({ trigger_id: await trigger(), view: modal('x'.repeat(25)) }),
    );
    expect(err.error).toBe('invalid_arguments');
    expect(err.data.response_metadata).toMatchObject({
      messages: ['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]'],
    });
    const { submit: _s, ...noSubmit } = modal();
    const err2 = await slackError(client.views.open({ trigger_id: await trigger(), view: noSubmit }));
    expect(JSON.stringify(err2.data.response_metadata)).toContain('submit is required');
  });

  it('updates by view_id with hash checks, pushes, and publishes home views', async () => {
    const opened = await client.views.open({ trigger_id: await trigger(), view: modal() });
    const id = opened.view!.id!;
    const up = await client.views.update({ view_id: id, hash: opened.view!.hash!, view: modal('Step 2') });
    expect(up.view).toMatchObject({ id, title: { text: 'Step 2' } });
    expect(
      (await slackError(client.views.update({ view_id: id, hash: opened.view!.hash!, view: modal() }))).error,
    ).toBe('hash_conflict');
    expect((await slackError(client.views.update({ view_id: 'VNOPE', view: modal() }))).error).toBe(
      'not_found',
    );
    const pushed = await client.views.push({ trigger_id: await trigger(), view: modal('Pushed') });
    expect(pushed.view).toMatchObject({ root_view_id: id, previous_view_id: id });
    expect(emu.openViews.map((v) => v.view.id)).toEqual([id, pushed.view!.id]);

    const home = {
      type: 'home' as const,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Home' } }],
    };
    const p1 = await client.views.publish({ user_id: 'UBOB', view: home });
    await client.views.publish({ user_id: 'UBOB', view: { ...home, blocks: [] } });
    expect(emu.homeViews('UBOB')).toHaveLength(2);
    expect(emu.homeView('UBOB')?.id).toBe(p1.view?.id);
    expect(emu.homeView('UBOB')?.blocks).toEqual([]);
    expect((await slackError(client.views.publish({ user_id: 'UBOB', view: modal() as never }))).error).toBe(
      'invalid_arguments',
    );
  });
});

describe('rate limits and faults', () => {
  it('answers 429 with Retry-After once a channel’s burst is spent (rateLimits: true)', async () => {
    const limited = await startEmulator({
      signingSecret: SECRET,
      botToken: TOKEN,
      rateLimits: true,
      rateLimitOptions: { postMessageBurst: 3 },
    });
    try {
      const c = new WebClient(TOKEN, {
        slackApiUrl: limited.apiUrl,
        retryConfig: { retries: 0 },
        logger: silent,
        rejectRateLimitedCalls: true,
      });
      for (let i = 0; i < 3; i++) await c.chat.postMessage({ channel: 'CGENERAL', text: `m${i}` });
      const err = await c.chat
        .postMessage({ channel: 'CGENERAL', text: 'too much' })
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 1 });
      // another channel has its own allowance
      expect((await c.chat.postMessage({ channel: 'UALICE', text: 'dm' })).ok).toBe(true);
      const raw = await fetch(`${limited.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'channel=CGENERAL&text=again',
      });
      expect(raw.status).toBe(429);
      expect(raw.headers.get('retry-after')).toBe('1');
      expect(await raw.json()).toEqual({ ok: false, error: 'ratelimited' });
      expect(limited.messages('CGENERAL')).toHaveLength(3);
      expect(limited.callsTo('chat.postMessage').filter((x) => x.status === 429)).toHaveLength(2);
    } finally {
      await limited.stop();
    }
  });

  it('applies tiers per method and a workspace-wide postMessage cap, with scaled windows', async () => {
    // Windows are measured on a pinned instant: on a busy machine 20 calls may arrive over more than 600 ms.
    let now = Date.parse('2026-03-02T08:00:00Z');
    const limited = await startEmulator({
      rateLimitNow: () => now,
      signingSecret: SECRET,
      botToken: TOKEN,
      rateLimits: true,
      rateLimitScale: 0.01, // a "minute" is 600 ms
      rateLimitOptions: { postMessageWorkspacePerMinute: 10 },
    });
    try {
      const c = new WebClient(TOKEN, {
        slackApiUrl: limited.apiUrl,
        retryConfig: { retries: 0 },
        logger: silent,
        rejectRateLimitedCalls: true,
      });
      for (let i = 0; i < 20; i++) limited.addUser({ id: `UP${i}`, name: `p${i}` });
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => c.chat.postMessage({ channel: `UP${i}`, text: 'hi' })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
      // users.list is tier 2: 20 per "minute"
      const lists = await Promise.allSettled(Array.from({ length: 21 }, () => c.users.list({})));
      expect(lists.filter((r) => r.status === 'rejected')).toHaveLength(1);
      expect((await c.users.list({}).catch((e: unknown) => e)) as object).toMatchObject({
        code: ErrorCode.RateLimitedError,
      });
      now += 599;
      await expect(c.users.list({})).rejects.toMatchObject({ code: ErrorCode.RateLimitedError });
      now += 2; // the window of the first calls has passed
      expect((await c.users.list({})).ok).toBe(true);
    } finally {
      await limited.stop();
    }
  });

  it('injects 500, 429, Slack errors and slow answers, in order', async () => {
    emu.failNext(
      'chat.postMessage',
      { status: 500 },
      { status: 429, retryAfter: 7 },
      { error: 'channel_not_found' },
    );
    const e1 = await client.chat.postMessage({ channel: 'CGENERAL', text: '1' }).catch((e: unknown) => e);
    expect(e1).toMatchObject({ code: ErrorCode.HTTPError, statusCode: 500 });
    const e2 = await client.chat.postMessage({ channel: 'CGENERAL', text: '2' }).catch((e: unknown) => e);
    expect(e2).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 7 });
    expect((await slackError(client.chat.postMessage({ channel: 'CGENERAL', text: '3' }))).error).toBe(
      'channel_not_found',
    );
    expect(emu.messages('CGENERAL')).toEqual([]);
    expect((await client.chat.postMessage({ channel: 'CGENERAL', text: '4' })).ok).toBe(true);
    expect(emu.callsTo('chat.postMessage').map((c) => [c.status, c.ok])).toEqual([
      [500, false],
      [429, false],
      [200, false],
      [200, true],
    ]);
  });

  it('a fault waits for a call that gets past authentication', async () => {
    emu.failNext('auth.test', { error: 'fatal_error' });
    const wrong = new WebClient('xoxb-wrong', {
      slackApiUrl: emu.apiUrl,
      retryConfig: { retries: 0 },
      logger: silent,
    });
    expect((await slackError(wrong.auth.test())).error).toBe('invalid_auth');
    expect((await slackError(client.auth.test())).error).toBe('fatal_error');
    expect((await client.auth.test()).ok).toBe(true);
  });

  it('a delayed answer still performs the call (the work is done, the answer is late)', async () => {
    emu.failNext('chat.postMessage', { delayMs: 400 });
    const impatient = new WebClient(TOKEN, {
      slackApiUrl: emu.apiUrl,
      retryConfig: { retries: 0 },
      logger: silent,
      timeout: 100,
    });
    const err = await impatient.chat
      .postMessage({ channel: 'CGENERAL', text: 'slow' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: ErrorCode.RequestError });
    expect(emu.messages('CGENERAL').map((m) => m.text)).toEqual(['slow']);
    emu.setLatency('auth.test', 150);
    const t0 = Date.now();
    await client.auth.test();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });
});

describe('deliveries to the bot', () => {
  it('signs every request like Slack', async () => {
    await emu.event({
      type: 'app_mention',
      user: 'UALICE',
      channel: 'CGENERAL',
      text: '<@UBOT> hi',
      ts: '1.000001',
    });
    const r = bot.last();
    const ts = String(r.headers['x-slack-request-timestamp']);
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(5);
    const expected = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${r.raw}`).digest('hex')}`;
    expect(r.headers['x-slack-signature']).toBe(expected);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.body).toMatchObject({
      type: 'event_callback',
      team_id: 'T0CXBRIDGE',
      event: { type: 'app_mention', user: 'UALICE' },
      authorizations: [{ user_id: 'UBOT', is_bot: true }],
    });
    expect(r.body.event_id).toMatch(/^Ev/);
  });

  it('marks retries with X-Slack-Retry-Num and keeps the event_id', async () => {
    const first = await emu.event({ type: 'app_mention', user: 'UALICE', channel: 'CGENERAL', text: 'x' });
    await emu.event(
      { type: 'app_mention', user: 'UALICE', channel: 'CGENERAL', text: 'x' },
      {
        eventId: first.eventId,
        retryNum: 1,
        retryReason: 'http_timeout',
      },
    );
    const [a, b] = bot.received;
    expect(a?.headers['x-slack-retry-num']).toBeUndefined();
    expect(b?.headers['x-slack-retry-num']).toBe('1');
    expect(b?.headers['x-slack-retry-reason']).toBe('http_timeout');
    expect(b?.body.event_id).toBe(a?.body.event_id);
  });

  it('sends raw bodies with bad signatures or stale timestamps untouched', async () => {
    await emu.deliverRaw({ body: '{}', contentType: 'application/json', signature: 'v0=bad', timestamp: 1 });
    expect(bot.last().headers['x-slack-signature']).toBe('v0=bad');
    expect(bot.last().headers['x-slack-request-timestamp']).toBe('1');
  });

  it('delivers slash commands form-encoded, with Slack’s escaping and named mentions', async () => {
    const r = await emu.command({
      userId: 'UALICE',
      channelId: 'CGENERAL',
      text: 'move 70 -> 80 & <b> for <@UBOB> in <#CGENERAL> <!here> <@UBOB|bob>',
    });
    expect(r.status).toBe(200);
    const f = bot.last().body;
    expect(bot.last().headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(f).toMatchObject({
      command: '/cx',
      user_id: 'UALICE',
      user_name: 'alice',
      channel_id: 'CGENERAL',
      channel_name: 'general',
      team_id: 'T0CXBRIDGE',
      response_url: r.responseUrl,
      trigger_id: r.triggerId,
    });
    expect(f.text).toBe(
      'move 70 -&gt; 80 &amp; &lt;b&gt; for <@UBOB|bob> in <#CGENERAL|general> <!here> <@UBOB|bob>',
    );
    expect(Object.keys(f)).toEqual(
      expect.arrayContaining(['token', 'team_domain', 'api_app_id', 'response_url', 'trigger_id']),
    );
  });

  it('records a command’s ack text as an ephemeral, and response_url posts (≤ 5)', async () => {
    bot.reply = () => ({ body: { text: 'Working on it' } });
    const r = await emu.command({ userId: 'UALICE', channelId: 'CGENERAL', text: 'list' });
    expect(emu.ephemerals.map((e) => e.text)).toEqual(['Working on it']);
    const post = (body: unknown) =>
      fetch(r.responseUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post({ text: 'just you' })).status).toBe(200);
    expect((await post({ text: 'replaced', replace_original: true })).status).toBe(200);
    expect((await post({ text: 'everyone', response_type: 'in_channel' })).status).toBe(200);
    expect(emu.ephemerals.map((e) => [e.text, e.via, e.replaced ?? false])).toEqual([
      ['Working on it', 'response_url', false],
      ['just you', 'response_url', true],
      ['replaced', 'response_url', false],
    ]);
    expect(emu.messages('CGENERAL').map((m) => [m.text, m.user])).toEqual([['everyone', 'UBOT']]);
    expect((await post({ text: '4' })).status).toBe(200);
    expect((await post({ text: '5' })).status).toBe(200);
    const sixth = await post({ text: '6' });
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toMatchObject({ error: 'used_url' });
    const invalid = await fetch(r.responseUrl.replace(/\/response\/.*/, '/response/nope'), {
      method: 'POST',
      body: '{}',
    });
    expect(invalid.status).toBe(404);
  });

  it('delivers block_actions from a message, with message, container and a response_url that can replace it', async () => {
    const blocks = [
      {
        type: 'actions',
        block_id: 'vote_b',
        elements: [
          { type: 'button', action_id: 'vote_yes', text: { type: 'plain_text', text: 'Yes' }, value: 'A-1' },
          {
            type: 'static_select',
            action_id: 'owner',
            placeholder: { type: 'plain_text', text: 'Owner' },
            options: [{ text: { type: 'plain_text', text: 'Sales' }, value: 'sales' }],
          },
        ],
      },
    ];
    const m = await client.chat.postMessage({ channel: 'CGENERAL', text: 'vote', blocks });
    await emu.blockAction({ userId: 'UBOB', actionId: 'vote_yes', channelId: 'CGENERAL', messageTs: m.ts! });
    const p = bot.last().body;
    expect(p).toMatchObject({
      type: 'block_actions',
      user: { id: 'UBOB', username: 'bob', team_id: 'T0CXBRIDGE' },
      container: { type: 'message', message_ts: m.ts, channel_id: 'CGENERAL', is_ephemeral: false },
      channel: { id: 'CGENERAL', name: 'general' },
      message: { ts: m.ts, text: 'vote', blocks },
      actions: [
        { type: 'button', action_id: 'vote_yes', block_id: 'vote_b', value: 'A-1', text: { text: 'Yes' } },
      ],
    });
    expect(p.trigger_id).toEqual(expect.any(String));
    await emu.blockAction({
      userId: 'UBOB',
      actionId: 'owner',
      channelId: 'CGENERAL',
      messageTs: m.ts!,
      selectedOption: 'sales',
    });
    expect((bot.last().body.actions as unknown[])[0]).toMatchObject({
      type: 'static_select',
      selected_option: { value: 'sales', text: { text: 'Sales' } },
    });
    const res = await fetch(String(p.response_url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ replace_original: true, text: 'Thanks for voting' }),
    });
    expect(res.status).toBe(200);
    expect(emu.message('CGENERAL', m.ts!)).toMatchObject({ text: 'Thanks for voting' });
    expect(emu.message('CGENERAL', m.ts!)?.blocks).toBeUndefined();
    await expect(
      emu.blockAction({ userId: 'UBOB', actionId: 'nope', channelId: 'CGENERAL', messageTs: m.ts! }),
    ).rejects.toThrow(/no element with action_id nope/);
  });

  it('delivers view_submission with Slack’s state shape per element, and closes the view on an empty ack', async () => {
    const opt = (v: string) => ({ text: { type: 'plain_text', text: v.toUpperCase() }, value: v });
    const input = (block_id: string, element: Record<string, unknown>) => ({
      type: 'input',
      block_id,
      label: { type: 'plain_text', text: block_id },
      element,
      optional: true,
    });
    const view = {
      type: 'modal' as const,
      callback_id: 'edit_action',
      private_metadata: '{"id":42}',
      title: { type: 'plain_text' as const, text: 'Edit' },
      submit: { type: 'plain_text' as const, text: 'Save' },
      blocks: [
        input('b_title', { type: 'plain_text_input', action_id: 'title', initial_value: 'Old' }),
        input('b_team', { type: 'static_select', action_id: 'team', options: [opt('sales'), opt('it')] }),
        input('b_teams', {
          type: 'multi_static_select',
          action_id: 'teams',
          options: [opt('sales'), opt('it')],
        }),
        input('b_owner', { type: 'users_select', action_id: 'owner' }),
        input('b_due', { type: 'datepicker', action_id: 'due' }),
        input('b_budget', { type: 'number_input', action_id: 'budget', is_decimal_allowed: false }),
        input('b_prio', { type: 'radio_buttons', action_id: 'prio', options: [opt('high'), opt('low')] }),
        input('b_flags', { type: 'checkboxes', action_id: 'flags', options: [opt('urgent'), opt('public')] }),
        input('b_note', { type: 'plain_text_input', action_id: 'note', multiline: true }),
      ],
    };
    const { triggerId } = await emu.command({ userId: 'UALICE', channelId: 'CGENERAL', text: 'edit' });
    const opened = await client.views.open({ trigger_id: triggerId, view });
    const viewId = opened.view!.id!;

    bot.reply = () => ({ body: { response_action: 'errors', errors: { b_title: 'Too short' } } });
    const bad = await emu.viewSubmission({ userId: 'UALICE', viewId, values: { title: 'x' } });
    expect(bad.body).toEqual({ response_action: 'errors', errors: { b_title: 'Too short' } });
    expect(bad.viewClosed).toBe(false);
    expect(emu.openViews).toHaveLength(1);

    bot.reply = () => ({});
    const ok = await emu.viewSubmission({
      userId: 'UALICE',
      viewId,
      values: {
        title: 'New title',
        team: 'sales',
        teams: ['sales', 'it'],
        owner: 'UBOB',
        due: '2026-03-01',
        budget: 1200,
        prio: 'high',
        flags: ['urgent'],
      },
    });
    const p = bot.last().body;
    expect(p).toMatchObject({
      type: 'view_submission',
      user: { id: 'UALICE' },
      view: { id: viewId, callback_id: 'edit_action', private_metadata: '{"id":42}' },
    });
    expect((p.view as { state: unknown }).state).toEqual({
      values: {
        b_title: { title: { type: 'plain_text_input', value: 'New title' } },
        b_team: { team: { type: 'static_select', selected_option: opt('sales') } },
        b_teams: { teams: { type: 'multi_static_select', selected_options: [opt('sales'), opt('it')] } },
        b_owner: { owner: { type: 'users_select', selected_user: 'UBOB' } },
        b_due: { due: { type: 'datepicker', selected_date: '2026-03-01' } },
        b_budget: { budget: { type: 'number_input', value: '1200' } },
        b_prio: { prio: { type: 'radio_buttons', selected_option: opt('high') } },
        b_flags: { flags: { type: 'checkboxes', selected_options: [opt('urgent')] } },
        b_note: { note: { type: 'plain_text_input', value: null } },
      },
    });
    expect(ok.viewClosed).toBe(true);
    expect(emu.openViews).toEqual([]);
  });

  it('refuses to fill unknown action ids or options (test mistakes surface early)', async () => {
    const { triggerId } = await emu.command({ userId: 'UALICE', channelId: 'CGENERAL' });
    const opened = await client.views.open({
      trigger_id: triggerId,
      view: {
        type: 'modal',
        title: { type: 'plain_text', text: 'T' },
        submit: { type: 'plain_text', text: 'Go' },
        blocks: [
          {
            type: 'input',
            block_id: 'b',
            label: { type: 'plain_text', text: 'L' },
            element: {
              type: 'static_select',
              action_id: 's',
              options: [{ text: { type: 'plain_text', text: 'A' }, value: 'a' }],
            },
          },
        ],
      },
    });
    const viewId = opened.view!.id!;
    await expect(emu.viewSubmission({ userId: 'UALICE', viewId, values: { nope: 'x' } })).rejects.toThrow(
      /nope/,
    );
    await expect(emu.viewSubmission({ userId: 'UALICE', viewId, values: { s: 'zzz' } })).rejects.toThrow(
      /zzz/,
    );
  });

  it('block_actions inside a modal carry the view; what the user picked stays in the submitted state', async () => {
    const { triggerId } = await emu.command({ userId: 'UALICE', channelId: 'CGENERAL' });
    const opened = await client.views.open({
      trigger_id: triggerId,
      view: {
        type: 'modal',
        callback_id: 'm',
        title: { type: 'plain_text', text: 'T' },
        submit: { type: 'plain_text', text: 'Go' },
        blocks: [
          {
            type: 'actions',
            block_id: 'pick_b',
            elements: [
              {
                type: 'static_select',
                action_id: 'pillar',
                options: [
                  { text: { type: 'plain_text', text: 'Marketing' }, value: 'mkt' },
                  { text: { type: 'plain_text', text: 'IT' }, value: 'it' },
                ],
              },
            ],
          },
          {
            type: 'input',
            block_id: 'note_b',
            label: { type: 'plain_text', text: 'Note' },
            element: { type: 'plain_text_input', action_id: 'note', initial_value: 'draft' },
          },
        ],
      },
    });
    const viewId = opened.view!.id!;
    await emu.blockAction({ userId: 'UALICE', viewId, actionId: 'pillar', selectedOption: 'it' });
    const action = bot.last().body;
    expect(action).toMatchObject({
      type: 'block_actions',
      container: { type: 'view', view_id: viewId },
      view: { id: viewId, callback_id: 'm' },
      actions: [
        { type: 'static_select', action_id: 'pillar', block_id: 'pick_b', selected_option: { value: 'it' } },
      ],
    });
    expect(action).not.toHaveProperty('response_url');
    await emu.viewSubmission({ userId: 'UALICE', viewId });
    expect((bot.last().body.view as { state: unknown }).state).toEqual({
      values: {
        pick_b: {
          pillar: {
            type: 'static_select',
            selected_option: { text: { type: 'plain_text', text: 'IT' }, value: 'it' },
          },
        },
        note_b: { note: { type: 'plain_text_input', value: 'draft' } },
      },
    });
  });

  it('delivers message shortcuts and app_home_opened', async () => {
    const m = await client.chat.postMessage({ channel: 'CGENERAL', text: 'turn me into an action' });
    await emu.shortcut({
      userId: 'UALICE',
      callbackId: 'to_action',
      channelId: 'CGENERAL',
      messageTs: m.ts!,
    });
    expect(bot.last().body).toMatchObject({
      type: 'message_action',
      callback_id: 'to_action',
      channel: { id: 'CGENERAL' },
      message: { ts: m.ts, text: 'turn me into an action' },
      message_ts: m.ts,
    });
    await emu.openHome('UBOB');
    expect(bot.last().body.event).toMatchObject({
      type: 'app_home_opened',
      user: 'UBOB',
      tab: 'home',
      channel: emu.dmChannelOf('UBOB'),
    });
  });

  it('reports whether the bot acknowledged within 3 seconds', async () => {
    const quick = await emu.event({ type: 'app_mention', user: 'UALICE', channel: 'CGENERAL', text: 'x' });
    expect(quick.ackedInTime).toBe(true);
    expect(quick.status).toBe(200);
  });
});

describe('the action menu’s elements: overflow, date picker, user picker', () => {
  const pt = (text: string) => ({ type: 'plain_text', text, emoji: true });
  const opt = (v: string) => ({ text: pt(v.toUpperCase()), value: v });
  const row = {
    type: 'actions',
    block_id: 'act_7',
    elements: [
      { type: 'button', action_id: 'done', text: pt('Done'), value: 'A-7' },
      { type: 'overflow', action_id: 'menu', options: [opt('reschedule:A-7'), opt('drop:A-7')] },
      { type: 'datepicker', action_id: 'when' },
      { type: 'users_select', action_id: 'who', placeholder: pt('Someone') },
    ],
  };

  it('delivers the chosen overflow option as selected_option (text and value), never a bare value', async () => {
    const m = await client.chat.postMessage({ channel: 'CGENERAL', text: 'menu', blocks: [row] });
    await emu.blockAction({
      userId: 'UBOB',
      actionId: 'menu',
      channelId: 'CGENERAL',
      messageTs: m.ts!,
      selectedOption: 'drop:A-7',
    });
    const action = (bot.last().body.actions as Record<string, unknown>[])[0];
    expect(action).toEqual({
      type: 'overflow',
      action_id: 'menu',
      block_id: 'act_7',
      action_ts: expect.stringMatching(TS_RE),
      selected_option: opt('drop:A-7'),
    });
    const sent = bot.received.length;
    await expect(
      emu.blockAction({ userId: 'UBOB', actionId: 'menu', channelId: 'CGENERAL', messageTs: m.ts! }),
    ).rejects.toThrow(/needs a selectedOption/);
    await expect(
      emu.blockAction({
        userId: 'UBOB',
        actionId: 'menu',
        channelId: 'CGENERAL',
        messageTs: m.ts!,
        selectedOption: 'reassign:A-7',
      }),
    ).rejects.toThrow(/no option with value "reassign:A-7"/);
    expect(bot.received).toHaveLength(sent);
  });

  it('delivers selected_date and selected_user, and only what Slack’s pickers can give', async () => {
    const m = await client.chat.postMessage({ channel: 'CGENERAL', text: 'pickers', blocks: [row] });
    const where = { userId: 'UBOB', channelId: 'CGENERAL', messageTs: m.ts! };
    await emu.blockAction({ ...where, actionId: 'when', selectedDate: '2026-04-30' });
    expect((bot.last().body.actions as unknown[])[0]).toMatchObject({
      type: 'datepicker',
      action_id: 'when',
      selected_date: '2026-04-30',
    });
    await emu.blockAction({ ...where, actionId: 'who', selectedUser: 'UALICE' });
    expect((bot.last().body.actions as unknown[])[0]).toMatchObject({
      type: 'users_select',
      action_id: 'who',
      selected_user: 'UALICE',
    });
    const sent = bot.received.length;
    await expect(emu.blockAction({ ...where, actionId: 'when', selectedDate: '2026-02-30' })).rejects.toThrow(
      /a date picker gives YYYY-MM-DD/,
    );
    await expect(emu.blockAction({ ...where, actionId: 'when', selectedDate: '+3d' })).rejects.toThrow(
      /a date picker gives YYYY-MM-DD/,
    );
    await expect(emu.blockAction({ ...where, actionId: 'who', selectedUser: 'UNOBODY' })).rejects.toThrow(
      /no person UNOBODY/,
    );
    expect(bot.received).toHaveLength(sent);
  });

  it('refuses an overflow menu with fewer than 2 or more than 5 options, like Slack', async () => {
    const menu = (n: number) => ({
      type: 'actions',
      elements: [
        {
          type: 'overflow',
          action_id: 'menu',
          options: Array.from({ length: n }, (_, i) => opt(`o${i}`)),
        },
      ],
    });
    const one = await slackError(
      client.chat.postMessage({ channel: 'CGENERAL', text: 'x', blocks: [menu(1)] }),
    );
    expect(JSON.stringify(one.data)).toContain(
      'must provide at least 2 items [json-pointer:/blocks/0/elements/0/options]',
    );
    const six = await slackError(
      client.chat.postMessage({ channel: 'CGENERAL', text: 'x', blocks: [menu(6)] }),
    );
    expect(JSON.stringify(six.data)).toContain(
      'must provide no more than 5 items [json-pointer:/blocks/0/elements/0/options]',
    );
    for (const n of [2, 5]) {
      await expect(
        client.chat.postMessage({ channel: 'CGENERAL', text: 'x', blocks: [menu(n)] }),
      ).resolves.toMatchObject({ ok: true });
    }
  });

  it('submits a modal’s date and user pickers in Slack’s state shape, and refuses impossible picks', async () => {
    const input = (block_id: string, element: Record<string, unknown>) => ({
      type: 'input',
      block_id,
      label: pt(block_id),
      element,
    });
    const view = {
      type: 'modal' as const,
      callback_id: 'reschedule',
      title: { type: 'plain_text' as const, text: 'Reschedule' },
      submit: { type: 'plain_text' as const, text: 'Save' },
      blocks: [
        input('due', { type: 'datepicker', action_id: 'due', initial_date: '2026-03-10' }),
        input('owner', { type: 'users_select', action_id: 'owner', initial_user: 'UALICE' }),
      ],
    };
    const { triggerId } = await emu.command({ userId: 'UALICE', channelId: 'CGENERAL', text: 'x' });
    const viewId = (await client.views.open({ trigger_id: triggerId, view })).view!.id!;
    const sent = bot.received.length;
    await expect(
      emu.viewSubmission({ userId: 'UALICE', viewId, values: { due: '10/03/2026' } }),
    ).rejects.toThrow(/a date picker gives YYYY-MM-DD/);
    await expect(
      emu.viewSubmission({ userId: 'UALICE', viewId, values: { owner: 'UGHOST' } }),
    ).rejects.toThrow(/no person UGHOST/);
    expect(bot.received).toHaveLength(sent);
    await emu.viewSubmission({ userId: 'UALICE', viewId, values: { due: '2026-05-01' } });
    expect((bot.last().body.view as { state: unknown }).state).toEqual({
      values: {
        due: { due: { type: 'datepicker', selected_date: '2026-05-01' } },
        owner: { owner: { type: 'users_select', selected_user: 'UALICE' } },
      },
    });
  });
});

describe('people posting, response_url deletes, extra routes', () => {
  it('a person’s message is stored escaped and delivered as a message event', async () => {
    const r = await emu.userMessage({ userId: 'UALICE', text: 'hi <@UBOT> a<b' });
    expect(r.channel).toBe(emu.dmChannelOf('UALICE'));
    expect(bot.last().body.event).toMatchObject({
      type: 'message',
      channel_type: 'im',
      user: 'UALICE',
      text: 'hi <@UBOT|cxbridge> a&lt;b',
      ts: r.ts,
    });
    expect(emu.dms('UALICE').map((m) => [m.user, m.text])).toEqual([
      ['UALICE', 'hi <@UBOT|cxbridge> a&lt;b'],
    ]);
  });

  it('delete_original through a response_url removes the message the action came from', async () => {
    const blocks = [
      {
        type: 'actions',
        elements: [{ type: 'button', action_id: 'x', text: { type: 'plain_text', text: 'X' } }],
      },
    ];
    const m = await client.chat.postMessage({ channel: 'CGENERAL', text: 'bye', blocks });
    await emu.blockAction({ userId: 'UBOB', actionId: 'x', channelId: 'CGENERAL', messageTs: m.ts! });
    const res = await fetch(String(bot.last().body.response_url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ delete_original: true }),
    });
    expect(res.status).toBe(200);
    expect(emu.messages('CGENERAL')).toEqual([]);
  });

  it('serves extra routes and streams change notifications', async () => {
    emu.addRoute('GET', '/sandbox', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('sandbox page');
    });
    expect(await (await fetch(`${emu.url}/sandbox`)).text()).toBe('sandbox page');
    const ctrl = new AbortController();
    const stream = await fetch(`${emu.url}/_emulator/changes`, { signal: ctrl.signal });
    const reader = stream.body!.getReader();
    await reader.read(); // ': connected'
    await client.chat.postMessage({ channel: 'CGENERAL', text: 'x' });
    let text = '';
    while (!text.includes('"kind":"message"')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('"channel":"CGENERAL"');
    ctrl.abort();
  });
});

describe('change notifications', () => {
  let changes: string[] = [];
  let off: () => void = () => {};
  beforeEach(() => {
    changes = [];
    off = emu.onChange((c) => changes.push(c.kind));
  });
  afterEach(() => off());

  it('notifies listeners when state changes', async () => {
    await client.chat.postMessage({ channel: 'CGENERAL', text: 'x' });
    expect(changes).toContain('message');
    expect(changes).toContain('call');
  });
});

describe('a real Bolt app against the emulator', () => {
  async function waitFor(check: () => boolean, ms = 3000): Promise<void> {
    const until = Date.now() + ms;
    while (!check()) {
      if (Date.now() > until) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  it('verifies our signatures, parses commands, actions, submissions and events, and calls back', async () => {
    const seen: string[] = [];
    const app = new App({
      token: TOKEN,
      signingSecret: SECRET,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 }, logger: silent },
    });
    app.command('/cx', async ({ ack, body, client: c, respond }) => {
      await ack();
      seen.push(`command:${body.text}`);
      await c.views.open({
        trigger_id: body.trigger_id,
        view: {
          type: 'modal',
          callback_id: 'propose',
          title: { type: 'plain_text', text: 'Propose' },
          submit: { type: 'plain_text', text: 'Send' },
          blocks: [
            {
              type: 'input',
              block_id: 'title_b',
              label: { type: 'plain_text', text: 'Title' },
              element: { type: 'plain_text_input', action_id: 'title' },
            },
          ],
        },
      });
      await respond({ text: 'Opening the form' });
    });
    app.view('propose', async ({ ack, view, body, client: c }) => {
      const title = view.state.values.title_b?.title?.value ?? '';
      if (title.length < 3) {
        await ack({ response_action: 'errors', errors: { title_b: 'Too short' } });
        return;
      }
      await ack();
      await c.chat.postMessage({
        channel: body.user.id,
        text: `Proposed: ${title}`,
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text: `Proposed: ${title}` } },
          {
            type: 'actions',
            elements: [
              { type: 'button', action_id: 'approve', text: { type: 'plain_text', text: 'Approve' } },
            ],
          },
        ],
      });
    });
    app.action('approve', async ({ ack, respond }) => {
      await ack();
      await respond({ replace_original: true, text: 'Approved' });
    });
    app.event('reaction_added', async ({ event }) => {
      seen.push(`reaction:${event.user}:${event.reaction}`);
    });
    const server = await app.start(0);
    emu.setAppUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`);
    try {
      const cmd = await emu.command({ userId: 'UALICE', channelId: 'CGENERAL', text: 'a & b' });
      expect(cmd.status).toBe(200);
      await waitFor(() => emu.openViews.length === 1 && emu.ephemerals.length === 1);
      expect(seen).toContain('command:a &amp; b');
      expect(emu.ephemerals[0]?.text).toBe('Opening the form');
      const viewId = emu.openViews[0]!.view.id;

      const short = await emu.viewSubmission({ userId: 'UALICE', viewId, values: { title: 'ab' } });
      expect(short.body).toEqual({ response_action: 'errors', errors: { title_b: 'Too short' } });
      expect(short.problems).toEqual([]);
      const good = await emu.viewSubmission({
        userId: 'UALICE',
        viewId,
        values: { title: 'Faster onboarding' },
      });
      expect(good.viewClosed).toBe(true);
      await waitFor(() => emu.dms('UALICE').length === 1);
      const posted = emu.dms('UALICE')[0]!;
      expect(posted.text).toBe('Proposed: Faster onboarding');

      await emu.blockAction({
        userId: 'UALICE',
        actionId: 'approve',
        channelId: posted.channel,
        messageTs: posted.ts,
      });
      await waitFor(() => emu.message(posted.channel, posted.ts)?.text === 'Approved');

      await emu.react('UBOB', posted.channel, posted.ts, 'tada');
      await waitFor(() => seen.includes('reaction:UBOB:tada'));

      const forged = await emu.deliverRaw({
        body: JSON.stringify({ type: 'event_callback', event: { type: 'reaction_added' } }),
        contentType: 'application/json',
        signature: 'v0=0000',
      });
      expect(forged.status).toBe(401);
    } finally {
      emu.setAppUrl(bot.url);
      await app.stop();
    }
  });
});
