import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { createOutboxPort, enqueue } from '../../src/db/repositories/outbox-repo.js';
import { setBinding } from '../../src/db/repositories/settings-repo.js';
import type { OutboxEntry, OutboxMessage, OutboxPort } from '../../src/domain/outbox.js';
import { type SlackEmulator, startEmulator } from '../../src/sandbox/emulator/index.js';
import {
  createNotifier,
  EVENT_TYPE,
  type Notifier,
  type NotifierOptions,
} from '../../src/slack/notifier/index.js';
import { createWebClient } from '../../src/slack/web-client.js';
import { type TempDb, tempDb } from '../support/temp-db.js';

const TOKEN = 'xoxb-notifier-test';
/** Pinned well before real time: rows must still be delivered and retried on real timers. */
const T0 = new Date('2026-03-02T09:00:00.000Z');

interface Logged {
  level: 'debug' | 'info' | 'warn' | 'error';
  text: string;
}

const msg = (key: string, recipient: OutboxMessage['recipient'], extra: Partial<OutboxMessage> = {}) => ({
  kind: 'note',
  key,
  recipient,
  payload: { text: `say ${key}` },
  ...extra,
});

/** Payloads may carry raw blocks, so a test can send what Slack rejects. */
const render = (entry: OutboxEntry) => {
  const p = entry.payload as { text: string; blocks?: unknown[] };
  return { text: p.text, ...(p.blocks ? { blocks: p.blocks } : {}) };
};

describe('notifier', () => {
  let db: TempDb;
  let handle: DatabaseHandle;
  let outbox: OutboxPort;
  let emulator: SlackEmulator;
  let client: WebClient;
  let clock: ManualClock;
  let logs: Logged[];
  let held: Array<{ key: string; error: string }>;
  const notifiers: Notifier[] = [];

  const make = (overrides: Partial<NotifierOptions> = {}): Notifier => {
    const n = createNotifier({
      client,
      outbox,
      render,
      clock,
      logger: {
        debug: (...m) => logs.push({ level: 'debug', text: m.map(String).join(' ') }),
        info: (...m) => logs.push({ level: 'info', text: m.map(String).join(' ') }),
        warn: (...m) => logs.push({ level: 'warn', text: m.map(String).join(' ') }),
        error: (...m) => logs.push({ level: 'error', text: m.map(String).join(' ') }),
      },
      onHeld: (entry, error) => held.push({ key: entry.key, error }),
      ...overrides,
    });
    notifiers.push(n);
    return n;
  };

  const posts = () => emulator.callsTo('chat.postMessage');
  const okPosts = () => posts().filter((c) => c.ok);
  const row = (key: string) => outbox.findByKey(key)!;
  const add = (...messages: OutboxMessage[]) => enqueue(handle.db, messages, clock.now());
  const keyOf = (m: { metadata?: { event_payload: Record<string, unknown> } }) =>
    m.metadata?.event_payload.key;

  beforeEach(async () => {
    db = tempDb('cx-notifier');
    handle = db.handle;
    outbox = createOutboxPort(handle);
    emulator = await startEmulator({ port: 0, signingSecret: 'secret', botToken: TOKEN });
    emulator.addChannel({ id: 'CMKT', name: 'marketing' });
    setBinding(handle.db, 'marketing', 'CMKT', 'UADMIN', T0);
    client = createWebClient(emulator.apiUrl, TOKEN);
    clock = new ManualClock(T0);
    logs = [];
    held = [];
  });

  afterEach(async () => {
    await Promise.all(notifiers.splice(0).map((n) => n.stop()));
    await emulator.stop();
    db.remove();
  });

  it('refuses a WebClient that would retry on its own', () => {
    expect(() => make({ client: new WebClient(TOKEN, { slackApiUrl: emulator.apiUrl }) })).toThrow(
      /retries: 0/,
    );
  });

  it('posts to a bound channel, a DM and a thread, recording where each went', async () => {
    add(
      msg('parent', { type: 'binding', key: 'marketing' }),
      msg('reply', { type: 'binding', key: 'marketing' }, { threadOf: 'parent' }),
      msg('dm', { type: 'user', id: 'UALICE' }),
    );
    await make().drain();

    const channel = emulator.messages('CMKT');
    expect(channel.map(keyOf)).toEqual(['parent', 'reply']);
    const [parent, reply] = channel;
    expect(parent?.thread_ts === undefined || parent.thread_ts === parent.ts).toBe(true);
    expect(parent?.metadata?.event_type).toBe(EVENT_TYPE);
    expect(reply?.thread_ts).toBe(parent?.ts);
    expect(reply?.text).toBe('say reply');

    const dms = emulator.dms('UALICE');
    expect(dms.map(keyOf)).toEqual(['dm']);
    expect(posts().find((c) => c.args.channel === 'UALICE')).toBeDefined();

    expect(row('parent')).toMatchObject({ status: 'sent', sentChannel: 'CMKT', sentTs: parent?.ts });
    expect(row('reply')).toMatchObject({ status: 'sent', sentChannel: 'CMKT', sentTs: reply?.ts });
    expect(row('dm')).toMatchObject({ status: 'sent', sentChannel: emulator.dmChannelOf('UALICE') });
    expect(outbox.counts()).toMatchObject({ sent: 3, pending: 0, sending: 0 });
    expect(posts()).toHaveLength(3);
  });

  it('keeps the order of one channel and posts a reply only after its parent', async () => {
    const mkt = { type: 'binding', key: 'marketing' } as const;
    add(msg('one', mkt), msg('two', mkt), msg('three', mkt));
    // A reply in another lane whose parent is held back by a 5xx first.
    add(msg('dm-parent', { type: 'user', id: 'UBOB' }));
    add(msg('mkt-reply', { type: 'channel', id: 'CMKT' }, { threadOf: 'dm-parent' }));
    emulator.failNext('chat.postMessage', { status: 503 });
    await make().drain();

    expect(
      emulator
        .messages('CMKT')
        .filter((m) => !m.thread_ts)
        .map(keyOf),
    ).toEqual(['one', 'two', 'three']);
    // The first post got the 503, so the others waited behind it: ids increase with every ok post.
    const order = okPosts().map(
      (c) => (c.args.metadata as { event_payload: { key: string } }).event_payload.key,
    );
    expect(order.indexOf('two')).toBeGreaterThan(order.indexOf('one'));
    expect(order.indexOf('three')).toBeGreaterThan(order.indexOf('two'));
    expect(order.indexOf('mkt-reply')).toBeGreaterThan(order.indexOf('dm-parent'));
    const dmParent = row('dm-parent');
    // A reply goes to its parent's conversation, whatever its own recipient says.
    expect(row('mkt-reply')).toMatchObject({ status: 'sent', sentChannel: dmParent.sentChannel });
    expect(emulator.dms('UBOB').map(keyOf)).toEqual(['dm-parent', 'mkt-reply']);
  });

  it('retries a 500 with backoff and a 429 after its Retry-After, posting exactly once', async () => {
    add(msg('win', { type: 'binding', key: 'marketing' }));
    emulator.failNext('chat.postMessage', { status: 500 }, { status: 429, retryAfter: 1 });
    const started = Date.now();
    await make().drain();
    const elapsed = Date.now() - started;

    expect(emulator.messages('CMKT').map(keyOf)).toEqual(['win']);
    const calls = posts();
    expect(calls.map((c) => c.status)).toEqual([500, 429, 200]);
    // 1 s backoff after the 500, then the 1 s Retry-After, both on real time although the clock is pinned.
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(950);
    expect(calls[2]!.at - calls[1]!.at).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeGreaterThanOrEqual(1900);
    expect(elapsed).toBeLessThan(6000);
    // The 500 may have hidden a post, so the channel was checked before posting again.
    const looked = emulator.callsTo('conversations.history');
    expect(looked.length).toBe(1);
    expect(looked[0]!.at).toBeLessThan(calls[1]!.at);
    // The rate limit did not count as a failed attempt.
    expect(row('win')).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('holds a post to a missing channel, reports it once, and delivers it once after release', async () => {
    const gone = { type: 'channel', id: 'CNEW' } as const;
    add(msg('first', gone), msg('second', gone));
    const notifier = make();
    await notifier.drain();
    expect(row('first')).toMatchObject({ status: 'held', lastError: 'channel_not_found' });
    // The lane waits behind its held head: no second failing call, no second report.
    expect(row('second')).toMatchObject({ status: 'pending', attempts: 0 });
    expect(held).toEqual([{ key: 'first', error: 'channel_not_found' }]);
    expect(posts()).toHaveLength(1);
    notifier.kick();
    await notifier.drain();
    expect(posts()).toHaveLength(1);
    expect(logs.some((l) => l.level === 'warn' && l.text.includes('first'))).toBe(true);

    emulator.addChannel({ id: 'CNEW', name: 'new-home' });
    expect(outbox.releaseHeld(gone, clock.now())).toBe(1);
    await notifier.drain();
    expect(emulator.messages('CNEW').map(keyOf)).toEqual(['first', 'second']);
    expect(okPosts()).toHaveLength(2);
    expect(held).toHaveLength(1);
    expect(outbox.counts()).toMatchObject({ sent: 2, held: 0 });
  });

  it('holds a post to an unbound department and retries it slowly without reporting it again', async () => {
    add(msg('it-news', { type: 'binding', key: 'it' }));
    const notifier = make({ heldRetryMs: 150, pollMs: 50 });
    await notifier.drain();
    expect(row('it-news')).toMatchObject({ status: 'held', lastError: 'not_bound' });
    expect(posts()).toHaveLength(0);

    notifier.start();
    await new Promise((r) => setTimeout(r, 400));
    expect(held).toEqual([{ key: 'it-news', error: 'not_bound' }]);
    expect(row('it-news').status).toBe('held');

    emulator.addChannel({ id: 'CIT', name: 'it' });
    setBinding(handle.db, 'it', 'CIT', 'UADMIN', clock.now());
    for (let i = 0; i < 50 && row('it-news').status !== 'sent'; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(emulator.messages('CIT').map(keyOf)).toEqual(['it-news']);
    expect(held).toHaveLength(1);
  });

  it('gives up at once on invalid blocks and says so loudly', async () => {
    add(
      msg(
        'broken',
        { type: 'binding', key: 'marketing' },
        { payload: { text: 'x', blocks: [{ type: 'bogus' }] } },
      ),
      msg('after', { type: 'binding', key: 'marketing' }),
    );
    const notifier = make();
    await notifier.drain();
    expect(row('broken')).toMatchObject({ status: 'dead', lastError: 'invalid_blocks' });
    expect(logs.some((l) => l.level === 'error' && l.text.includes('broken'))).toBe(true);
    // A dead head does not block its lane.
    expect(emulator.messages('CMKT').map(keyOf)).toEqual(['after']);
    notifier.kick();
    await notifier.drain();
    expect(posts().filter((c) => c.error === 'invalid_blocks')).toHaveLength(1);
    expect(held).toEqual([]);
  });

  it('a head waiting for working hours keeps its place, not its lane; the rest of the lane keeps its order', async () => {
    // 18:00 UTC on a Monday: after working hours for rows kept to them.
    clock.set(new Date('2026-03-02T18:00:00.000Z'));
    const channel = { type: 'binding', key: 'marketing' } as const;
    const hours = { hoursZone: 'UTC' };
    add(
      msg('list', channel, hours),
      msg('list-reply', channel, { ...hours, threadOf: 'list' }),
      msg('late-reply', channel, { threadOf: 'list' }),
      msg('win-1', channel),
      msg('win-2', channel),
    );
    await make().drain();
    // The reply kept to working hours waits with its parent; the one that is not waits for its parent and,
    // being first in line after them, holds the rest (strict order among everything else).
    expect(emulator.messages('CMKT').map(keyOf)).toEqual([]);

    add(
      msg('dm-later', { type: 'user', id: 'UALICE' }, hours),
      msg('dm-now', { type: 'user', id: 'UALICE' }),
    );
    await make().drain();
    expect(emulator.dms('UALICE').map(keyOf)).toEqual(['dm-now']);

    // 09:30 the next day: the kept ones go first, then everything in id order.
    clock.set(new Date('2026-03-03T09:30:00.000Z'));
    await make().drain();
    expect(emulator.messages('CMKT').map(keyOf)).toEqual([
      'list',
      'list-reply',
      'late-reply',
      'win-1',
      'win-2',
    ]);
    expect(emulator.dms('UALICE').map(keyOf)).toEqual(['dm-now', 'dm-later']);
  });

  it('behind a head waiting for working hours, the rows that may go do, in order', async () => {
    clock.set(new Date('2026-03-02T18:00:00.000Z'));
    const channel = { type: 'binding', key: 'marketing' } as const;
    add(msg('list', channel, { hoursZone: 'UTC' }), msg('win-1', channel), msg('win-2', channel));
    await make().drain();
    expect(emulator.messages('CMKT').map(keyOf)).toEqual(['win-1', 'win-2']);
    expect(row('list')).toMatchObject({ status: 'pending' });
  });

  it('turns a repeated key into one row and one post', async () => {
    const win = msg('win:A-1:marketing', { type: 'binding', key: 'marketing' });
    expect(add(win)).toBe(1);
    expect(add(win)).toBe(0);
    await make().drain();
    expect(add(win)).toBe(0);
    await make().drain();
    expect(emulator.messages('CMKT').map(keyOf)).toEqual(['win:A-1:marketing']);
    expect(posts()).toHaveLength(1);
    expect(outbox.counts().sent).toBe(1);
  });

  describe('after a crash', () => {
    /** Posts the way the notifier would have, then leaves the row in `sending` as a crash would. */
    const crashAfterPost = async (key: string, channel: string, threadTs?: string) => {
      const res = await client.chat.postMessage({
        channel,
        text: `say ${key}`,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        metadata: { event_type: EVENT_TYPE, event_payload: { key } },
      });
      expect(outbox.markSending(row(key).id, clock.now(), channel)).toBe(true);
      return res.ts!;
    };

    it('finds a post that did reach Slack and posts nothing', async () => {
      add(msg('noise', { type: 'channel', id: 'CMKT' }));
      add(msg('done-before-crash', { type: 'binding', key: 'marketing' }));
      add(msg('dm-before-crash', { type: 'user', id: 'UALICE' }));
      // Unrelated messages (one with someone else's key) must not be mistaken for ours.
      await client.chat.postMessage({ channel: 'CMKT', text: 'chatter' });
      await client.chat.postMessage({
        channel: 'CMKT',
        text: 'other',
        metadata: { event_type: EVENT_TYPE, event_payload: { key: 'noise' } },
      });
      emulator.calls.length = 0;
      outbox.markSending(row('noise').id, clock.now(), 'CMKT');
      outbox.markRetry(row('noise').id, clock.now(), 'sent elsewhere');
      const ts = await crashAfterPost('done-before-crash', 'CMKT');
      const dmTs = await crashAfterPost('dm-before-crash', 'UALICE');
      const before = posts().length;

      const notifier = make();
      await notifier.recover();
      expect(row('done-before-crash')).toMatchObject({ status: 'sent', sentChannel: 'CMKT', sentTs: ts });
      expect(row('dm-before-crash')).toMatchObject({
        status: 'sent',
        sentChannel: emulator.dmChannelOf('UALICE'),
        sentTs: dmTs,
      });
      // Form-encoded by the client, so the flag arrives as text.
      expect(
        emulator.callsTo('conversations.history').map((c) => String(c.args.include_all_metadata)),
      ).toEqual(['true', 'true']);
      expect(outbox.inDoubt()).toEqual([]);

      await notifier.drain();
      // Only the unrelated pending row is posted; nothing is posted twice.
      expect(posts().length - before).toBe(1);
      expect(emulator.messages('CMKT').filter((m) => keyOf(m) === 'done-before-crash')).toHaveLength(1);
      expect(emulator.dms('UALICE')).toHaveLength(1);
    });

    it('finds a thread reply that reached Slack', async () => {
      add(msg('p', { type: 'binding', key: 'marketing' }));
      const notifier = make();
      await notifier.drain();
      const parentTs = row('p').sentTs!;
      add(msg('r', { type: 'binding', key: 'marketing' }, { threadOf: 'p' }));
      const ts = await crashAfterPost('r', 'CMKT', parentTs);
      const before = posts().length;

      await notifier.recover();
      expect(row('r')).toMatchObject({ status: 'sent', sentChannel: 'CMKT', sentTs: ts });
      // Replies are not in the channel history: the thread is searched.
      expect(emulator.callsTo('conversations.replies').at(-1)?.args.ts).toBe(parentTs);
      await notifier.drain();
      expect(posts().length).toBe(before);
      expect(emulator.messages('CMKT').filter((m) => keyOf(m) === 'r')).toHaveLength(1);
    });

    it('posts once a message that never reached Slack', async () => {
      add(msg('lost', { type: 'binding', key: 'marketing' }));
      outbox.markSending(row('lost').id, clock.now(), 'CMKT');
      const notifier = make();
      await notifier.recover();
      expect(row('lost')).toMatchObject({ status: 'pending', sentChannel: null });
      expect(posts()).toHaveLength(0);
      await notifier.drain();
      await notifier.drain();
      expect(emulator.messages('CMKT').map(keyOf)).toEqual(['lost']);
      expect(posts()).toHaveLength(1);
      expect(row('lost').status).toBe('sent');
    });

    it('never posts blindly when the look-up itself fails', async () => {
      add(msg('unsure', { type: 'binding', key: 'marketing' }));
      const ts = await crashAfterPost('unsure', 'CMKT');
      const before = posts().length;
      const notifier = make();

      emulator.failNext('conversations.history', { status: 500 });
      await notifier.recover();
      // Still unknown: pending, but the channel it may have reached is kept.
      expect(row('unsure')).toMatchObject({ status: 'pending', sentChannel: 'CMKT' });

      emulator.failNext('conversations.history', { error: 'missing_scope' });
      await notifier.drain();
      expect(row('unsure')).toMatchObject({
        status: 'held',
        sentChannel: 'CMKT',
        lastError: 'lookup_failed: missing_scope',
      });
      expect(held).toEqual([{ key: 'unsure', error: 'lookup_failed: missing_scope' }]);
      expect(posts().length).toBe(before);

      outbox.releaseHeld();
      await notifier.drain();
      expect(row('unsure')).toMatchObject({ status: 'sent', sentTs: ts });
      expect(posts().length).toBe(before);
      expect(emulator.messages('CMKT')).toHaveLength(1);
    });

    it('past its deadline, a row in doubt is looked up first: found, it is sent; not found, it expires unposted', async () => {
      const deadline = new Date(clock.now().getTime() + 60_000);
      add(msg('late-found', { type: 'binding', key: 'marketing' }, { deliverBy: deadline }));
      add(msg('late-lost', { type: 'user', id: 'UALICE' }, { deliverBy: deadline }));
      const ts = await crashAfterPost('late-found', 'CMKT');
      outbox.markRetry(row('late-found').id, clock.now(), 'http_502', { maybeSent: true });
      outbox.markSending(row('late-lost').id, clock.now(), 'UALICE');
      outbox.markRetry(row('late-lost').id, clock.now(), 'http_502', { maybeSent: true });
      clock.set(new Date(deadline.getTime() + 1));
      const before = posts().length;
      await make().drain();
      expect(row('late-found')).toMatchObject({ status: 'sent', sentTs: ts });
      expect(row('late-lost')).toMatchObject({ status: 'expired' });
      expect(posts().length).toBe(before);
    });

    it('looks before re-posting after an answer that may hide a post', async () => {
      add(msg('maybe', { type: 'binding', key: 'marketing' }));
      const ts = await crashAfterPost('maybe', 'CMKT');
      // As after a 5xx: pending again, but the channel it may have reached is remembered.
      outbox.markRetry(row('maybe').id, clock.now(), 'http_502', { maybeSent: true });
      const before = posts().length;
      await make().drain();
      expect(row('maybe')).toMatchObject({ status: 'sent', sentTs: ts });
      expect(posts().length).toBe(before);
    });
  });

  it('delivers 200 DMs once each under rate limits without hammering Slack', async () => {
    await emulator.stop();
    emulator = await startEmulator({
      port: 0,
      signingSecret: 'secret',
      botToken: TOKEN,
      rateLimits: true,
      rateLimitScale: 0.02, // a "minute" lasts 1.2 s
      rateLimitOptions: { postMessageWorkspacePerMinute: 60 },
    });
    client = createWebClient(emulator.apiUrl, TOKEN);
    const users = Array.from({ length: 200 }, (_, i) => `U${String(i).padStart(4, '0')}`);
    for (const id of users) emulator.addUser({ id, name: id.toLowerCase() });
    add(...users.map((id) => msg(`dm:${id}`, { type: 'user', id })));
    // The workspace cap is only reached if 60 posts arrive within 1.2 s of real time, which a busy machine
    // may not manage: one 429 is forced so the rate-limited path is always exercised.
    emulator.failNext('chat.postMessage', { status: 429, retryAfter: 1 });

    await make().drain();

    for (const id of users) expect(emulator.dms(id).map(keyOf)).toEqual([`dm:${id}`]);
    expect(okPosts()).toHaveLength(200);
    expect(outbox.counts()).toMatchObject({ sent: 200, pending: 0, dead: 0, held: 0 });
    const limited = posts().filter((c) => c.status === 429).length;
    expect(limited).toBeGreaterThan(0);
    // Workspace-wide 429s pause the method: a handful per window, not one per waiting DM.
    expect(limited).toBeLessThan(40);
  });

  it('keeps delivering to others while one channel is rate limited', async () => {
    await emulator.stop();
    emulator = await startEmulator({
      port: 0,
      signingSecret: 'secret',
      botToken: TOKEN,
      rateLimits: true,
      rateLimitOptions: { postMessageBurst: 2, postMessagePerChannelPerSecond: 1 },
    });
    emulator.addChannel({ id: 'CMKT', name: 'marketing' });
    client = createWebClient(emulator.apiUrl, TOKEN);
    const mkt = { type: 'binding', key: 'marketing' } as const;
    add(...['m1', 'm2', 'm3', 'm4'].map((k) => msg(k, mkt)));
    const notifier = make();
    const draining = notifier.drain();
    // The channel's burst is spent and it is told to wait; only then do the DMs arrive.
    for (let i = 0; i < 200 && !posts().some((c) => c.status === 429); i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(posts().filter((c) => c.status === 429)).toHaveLength(1);
    const users = Array.from({ length: 12 }, (_, i) => `UF${i}`);
    for (const id of users) emulator.addUser({ id, name: id.toLowerCase() });
    add(...users.map((id) => msg(`dm:${id}`, { type: 'user', id })));
    notifier.kick();
    await draining;
    await notifier.drain();

    const channel = emulator.messages('CMKT');
    expect(channel.map(keyOf)).toEqual(['m1', 'm2', 'm3', 'm4']);
    const thirdTs = Number(channel[2]!.ts);
    for (const id of users) {
      const [dm] = emulator.dms(id);
      expect(keyOf(dm!)).toBe(`dm:${id}`);
      // Every DM went out while the channel waited out its Retry-After.
      expect(Number(dm!.ts)).toBeLessThan(thirdTs);
    }
    expect(posts().filter((c) => c.status === 429 && c.args.channel !== 'CMKT')).toHaveLength(0);
    expect(okPosts()).toHaveLength(16);
  });
});
