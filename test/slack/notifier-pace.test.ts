import type { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { createOutboxPort, enqueue } from '../../src/db/repositories/outbox-repo.js';
import { setBinding } from '../../src/db/repositories/settings-repo.js';
import type { OutboxMessage, OutboxPort } from '../../src/domain/outbox.js';
import type { WinPayload } from '../../src/domain/payloads/actions.js';
import { type SlackEmulator, startEmulator } from '../../src/sandbox/emulator/index.js';
import { createNotifier, type Notifier, type NotifierOptions } from '../../src/slack/notifier/index.js';
import { renderEntry, renderMerged } from '../../src/slack/views/render.js';
import { mergeable } from '../../src/slack/views/render-merged.js';
import { createWebClient } from '../../src/slack/web-client.js';
import { type TempDb, tempDb } from '../support/temp-db.js';

/**
 * Posts to one channel keep to Slack's pace before Slack refuses any (src/slack/notifier/rate-limits.ts): a
 * burst goes at once, then one post a second; a win that waits for the channel goes with the wins behind it.
 */

const TOKEN = 'xoxb-pace-test';
const T0 = new Date('2026-03-02T09:00:00.000Z');
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const marketing = { type: 'binding', key: 'marketing' } as const;

const note = (key: string, key2: 'marketing' | 'sales' = 'marketing'): OutboxMessage => ({
  kind: 'note',
  key,
  recipient: { type: 'binding', key: key2 },
  payload: {},
});

function win(id: number): OutboxMessage {
  const payload: WinPayload = {
    actorId: 'UALICE',
    ownerId: 'UBOB',
    action: { id, title: `Step ${id}`, dept: 'marketing' },
    initiative: { id: 3, title: 'Initiative 3', tier: 'essential', depts: ['marketing'] },
    progress: { done: id, total: 10 },
    note: null,
  };
  return { kind: 'win', key: `win:A-${id}:marketing`, recipient: marketing, payload };
}

describe('notifier: posts keep to Slack’s pace per channel', () => {
  let db: TempDb;
  let outbox: OutboxPort;
  let emulator: SlackEmulator;
  let client: WebClient;
  const notifiers: Notifier[] = [];

  const start = async (rateLimits: boolean) => {
    // Slack's limits a twentieth as long: 20 posts a second per channel after a burst of 4.
    emulator = await startEmulator({
      port: 0,
      signingSecret: 'secret',
      botToken: TOKEN,
      rateLimits,
      rateLimitScale: 0.05,
    });
    emulator.addChannel({ id: 'CMKT', name: 'marketing' });
    emulator.addChannel({ id: 'CSAL', name: 'sales' });
    setBinding(db.handle.db, 'marketing', 'CMKT', 'UADMIN', T0);
    setBinding(db.handle.db, 'sales', 'CSAL', 'UADMIN', T0);
    client = createWebClient(emulator.apiUrl, TOKEN);
  };
  const make = (overrides: Partial<NotifierOptions>): Notifier => {
    const n = createNotifier({
      client,
      outbox,
      render: (e) => renderEntry(e) ?? { text: `say ${e.key}` },
      merge: { mergeable, render: renderMerged },
      clock: new ManualClock(T0),
      logger: quiet,
      ...overrides,
    });
    notifiers.push(n);
    return n;
  };
  const add = (...messages: OutboxMessage[]) => enqueue(db.handle.db, messages, T0);
  const keysIn = (m: { metadata?: { event_payload?: Record<string, unknown> } }) => {
    const p = m.metadata?.event_payload ?? {};
    return typeof p.keys === 'string' ? p.keys.split(' ') : [p.key as string];
  };

  beforeEach(() => {
    db = tempDb('cx-pace');
    outbox = createOutboxPort(db.handle);
  });
  afterEach(async () => {
    await Promise.all(notifiers.splice(0).map((n) => n.stop()));
    await emulator.stop();
    db.remove();
  });

  it('ten posts to one channel under Slack’s limits: all in order, none refused; another channel waits for none of them', async () => {
    await start(true);
    const keys = Array.from({ length: 10 }, (_, i) => `note:${i + 1}`);
    add(...keys.map((k) => note(k)), note('note:sales', 'sales'));
    await make({ pace: { perSecond: 20, burst: 4 } }).drain();

    const calls = emulator.callsTo('chat.postMessage');
    // Not one 429: the notifier waited for the channel instead of asking Slack and being refused.
    expect(calls.map((c) => c.status)).toEqual(calls.map(() => 200));
    expect(emulator.messages('CMKT').map((m) => m.text)).toEqual(keys.map((k) => `say ${k}`));
    // The other channel's post went in the first pass, not after the marketing channel's ten.
    const sales = calls.findIndex((c) => c.args.channel === 'CSAL');
    expect(sales).toBeGreaterThanOrEqual(0);
    expect(sales).toBeLessThan(2);
  });

  it('a win that waits for the channel’s pace goes with the wins queued behind it, as one post', async () => {
    await start(false);
    let now = 1_000_000;
    const n = make({ pace: { perSecond: 1, burst: 1 }, realNow: () => now });
    add(win(1));
    await n.drain();
    expect(emulator.messages('CMKT')).toHaveLength(1);

    // Within the second after that post, the next win waits (it is not posted alone)…
    add(win(2));
    await n.drain({ maxWaitMs: 0 });
    expect(emulator.messages('CMKT')).toHaveLength(1);
    expect(outbox.findByKey('win:A-2:marketing')?.status).toBe('pending');
    // …and one more queued meanwhile goes with it once the second is over.
    add(win(3));
    now += 1_000;
    await n.drain();
    const posts = emulator.messages('CMKT');
    expect(posts).toHaveLength(2);
    expect(keysIn(posts[1]!)).toEqual(['win:A-2:marketing', 'win:A-3:marketing']);
    expect(emulator.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('while every lane waits for its channel’s pace, a kick reads no lane heads; a post to another lane still goes at once', async () => {
    await start(false);
    let now = 1_000_000;
    let headsRead = 0;
    const counted: OutboxPort = {
      ...outbox,
      heads: (limit, afterId) => {
        headsRead++;
        return outbox.heads(limit, afterId);
      },
    };
    const n = make({ outbox: counted, pace: { perSecond: 1, burst: 1 }, realNow: () => now });
    add(win(1));
    await n.drain();
    add(win(2));
    await n.drain({ maxWaitMs: 0 });
    expect(outbox.findByKey('win:A-2:marketing')?.status).toBe('pending');

    // A command that queued nothing, then one that queued a win behind the waiting one: no pass either time.
    const before = headsRead;
    await n.kick();
    add(win(3));
    await n.kick();
    expect(headsRead).toBe(before);
    expect(emulator.messages('CMKT')).toHaveLength(1);

    // A row in a lane that was not waiting (another channel): a pass, and it goes at once.
    add(note('note:sales', 'sales'));
    await n.kick();
    expect(headsRead).toBeGreaterThan(before);
    expect(emulator.messages('CSAL').map((m) => m.text)).toEqual(['say note:sales']);
    expect(emulator.messages('CMKT')).toHaveLength(1);

    // The channel's second is over: the next kick makes a pass, and the waiting wins go as one post.
    now += 1_000;
    await n.kick();
    const posts = emulator.messages('CMKT');
    expect(posts).toHaveLength(2);
    expect(keysIn(posts[1]!)).toEqual(['win:A-2:marketing', 'win:A-3:marketing']);
  });

  it('without a pace (the sandbox) a post goes as soon as it is queued', async () => {
    await start(false);
    const n = make({ pace: null, realNow: () => 1_000_000 });
    for (const id of [1, 2, 3]) {
      add(win(id));
      await n.drain({ maxWaitMs: 0 });
    }
    expect(emulator.messages('CMKT').map(keysIn)).toEqual([1, 2, 3].map((id) => [`win:A-${id}:marketing`]));
  });
});
