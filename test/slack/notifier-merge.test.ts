import type { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { createOutboxPort, enqueue } from '../../src/db/repositories/outbox-repo.js';
import { setBinding } from '../../src/db/repositories/settings-repo.js';
import type { OutboxEntry, OutboxMessage, OutboxPort } from '../../src/domain/outbox.js';
import type { WinPayload } from '../../src/domain/payloads/actions.js';
import { type SlackEmulator, startEmulator } from '../../src/sandbox/emulator/index.js';
import { inLanguage, type Lang } from '../../src/slack/messages/index.js';
import {
  createNotifier,
  EVENT_TYPE,
  type Notifier,
  type NotifierOptions,
} from '../../src/slack/notifier/index.js';
import { renderEntry, renderMerged } from '../../src/slack/views/render.js';
import { mergeable } from '../../src/slack/views/render-merged.js';
import { createWebClient } from '../../src/slack/web-client.js';
import { type TempDb, tempDb } from '../support/temp-db.js';

/**
 * A burst of wins to one channel becomes one post (src/slack/notifier/merge.ts), through the real notifier,
 * the real win rendering and the Slack emulator (which checks Block Kit limits as Slack does).
 */

const TOKEN = 'xoxb-merge-test';
const T0 = new Date('2026-03-02T09:00:00.000Z');
const marketing = { type: 'binding', key: 'marketing' } as const;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** A win on action A-`id` of initiative I-`initiative`, that initiative then `done` of 10. */
function win(id: number, initiative = 3, done = id, note: string | null = null): OutboxMessage {
  const payload: WinPayload = {
    actorId: 'UALICE',
    ownerId: 'UBOB',
    action: { id, title: `Step ${id}`, dept: 'marketing' },
    initiative: {
      id: initiative,
      title: `Initiative ${initiative}`,
      tier: 'essential',
      depts: ['marketing'],
    },
    progress: { done, total: 10 },
    note,
  };
  return { kind: 'win', key: `win:A-${id}:marketing`, recipient: marketing, payload };
}

const note = (key: string): OutboxMessage => ({ kind: 'note', key, recipient: marketing, payload: {} });

/** The bot's rendering in one language; kinds it does not know (`note`) say their key. */
function rendering(lang: Lang): Pick<NotifierOptions, 'render' | 'merge'> {
  return {
    render: (e: OutboxEntry) => inLanguage(lang, () => renderEntry(e)) ?? { text: `say ${e.key}` },
    merge: { mergeable, render: (es) => inLanguage(lang, () => renderMerged(es)) },
  };
}

const flat = (blocks: unknown) => JSON.stringify(blocks);

describe('notifier: a burst of wins to one channel becomes one post', () => {
  let db: TempDb;
  let outbox: OutboxPort;
  let emulator: SlackEmulator;
  let client: WebClient;
  let wall: number;
  const notifiers: Notifier[] = [];

  const make = (overrides: Partial<NotifierOptions> = {}): Notifier => {
    const n = createNotifier({
      client,
      outbox,
      ...rendering('en'),
      clock: new ManualClock(T0),
      logger: quiet,
      wallNow: () => wall,
      backoffBaseMs: 20,
      ...overrides,
    });
    notifiers.push(n);
    return n;
  };
  const add = (...messages: OutboxMessage[]) => enqueue(db.handle.db, messages, T0);
  const row = (key: string) => outbox.findByKey(key)!;
  const posted = () => emulator.messages('CMKT');
  const postCalls = () => emulator.callsTo('chat.postMessage');
  /** The dead deliverer's lease runs out; the next process recovers and delivers what is left. */
  const recoverInNextProcess = async () => {
    wall += 5_001;
    const next = make();
    await next.recover();
    await next.drain();
  };
  /** A deliverer that dies right after Slack took its post: nothing recorded, its rows stay claimed. */
  const dieAfterPosting = async () => {
    const crashing: OutboxPort = {
      ...outbox,
      markSentGroup: () => {
        throw new Error('process killed');
      },
    };
    const dead = make({ outbox: crashing, id: 'dead', leaseMs: 5_000 });
    await dead.drain({ maxWaitMs: 0 });
    await dead.stop();
  };
  /** The outbox keys a post covers: its `key`, or a merged post's `keys`. */
  const keysIn = (m: { metadata?: { event_payload?: Record<string, unknown> } }) => {
    const p = m.metadata?.event_payload ?? {};
    return typeof p.keys === 'string' ? p.keys.split(' ') : [p.key as string];
  };

  beforeEach(async () => {
    db = tempDb('cx-merge');
    outbox = createOutboxPort(db.handle);
    emulator = await startEmulator({ port: 0, signingSecret: 'secret', botToken: TOKEN });
    emulator.addChannel({ id: 'CMKT', name: 'marketing' });
    setBinding(db.handle.db, 'marketing', 'CMKT', 'UADMIN', T0);
    client = createWebClient(emulator.apiUrl, TOKEN);
    wall = Date.now();
  });

  afterEach(async () => {
    await Promise.all(notifiers.splice(0).map((n) => n.stop()));
    await emulator.stop();
    db.remove();
  });

  it('a pass with nothing unfinished stops at one seek: no recovery look, no lane heads (issue 13)', async () => {
    const asked: string[] = [];
    const counting: OutboxPort = {
      ...outbox,
      inDoubt: () => {
        asked.push('inDoubt');
        return outbox.inDoubt();
      },
      heads: (limit, afterId) => {
        asked.push('heads');
        return outbox.heads(limit, afterId);
      },
    };
    const n = make({ outbox: counting });
    await n.drain();
    expect(asked).toEqual([]);
    // With something to deliver, the pass looks as before.
    add(win(1));
    await n.drain();
    expect(asked).toContain('heads');
    expect(posted()).toHaveLength(1);
  });

  it('five wins queued behind a rate-limited post go as one post; every row sent with its ts', async () => {
    add(win(1), win(2), win(3), win(4), win(5));
    emulator.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await make().drain();

    // The first call (all five) met the 429; its retry posted them, once.
    expect(postCalls()).toHaveLength(2);
    expect(posted()).toHaveLength(1);
    const post = posted()[0]!;
    const keys = [1, 2, 3, 4, 5].map((id) => `win:A-${id}:marketing`);
    expect(post.metadata).toEqual({
      event_type: EVENT_TYPE,
      event_payload: { key: 'win:A-1:marketing', keys: keys.join(' ') },
    });
    expect(post.text).toBe('5 progress wins: A-1, A-2, A-3, A-4, A-5.');
    const text = flat(post.blocks);
    expect(text).toContain(':tada: 5 progress wins');
    for (const id of [1, 2, 3, 4, 5]) {
      expect(text).toContain(`<@UALICE> finished *A-${id}* Step ${id} for *I-3* Initiative 3.`);
    }
    // One initiative: its progress once, the latest (after A-5: 5 of 10).
    expect(text.match(/I-3"/g)).toHaveLength(1);
    expect(text).toContain('(5/10) I-3');
    expect(text).not.toContain('(4/10)');
    for (const key of keys) {
      // The 429 cost no attempt: not the head's, not the followers'.
      expect(row(key)).toMatchObject({ status: 'sent', sentChannel: 'CMKT', sentTs: post.ts, attempts: 1 });
    }
  });

  it('says per initiative its latest progress, after its wins, and each win’s note', async () => {
    add(win(1, 3, 4), win(2, 5, 1, 'Shared with <@U1|liam>\nand the team'), win(3, 3, 5));
    await make().drain();

    expect(posted()).toHaveLength(1);
    const blocks = posted()[0]!.blocks as Array<{
      text?: { text: string };
      elements?: Array<{ text: string }>;
    }>;
    const lines = blocks.map((b) => b.text?.text ?? b.elements?.[0]?.text);
    expect(lines).toEqual([
      ':tada: 3 progress wins',
      '<@UALICE> finished *A-1* Step 1 for *I-3* Initiative 3.',
      '<@UALICE> finished *A-3* Step 3 for *I-3* Initiative 3.',
      '▓▓▓▓▓░░░░░ 50% (5/10) I-3',
      '<@UALICE> finished *A-2* Step 2 for *I-5* Initiative 5.',
      '> Shared with <@U1>\n> and the team',
      '▓░░░░░░░░░ 10% (1/10) I-5',
    ]);
  });

  it('takes at most ten wins into one post', async () => {
    add(...Array.from({ length: 12 }, (_, i) => win(i + 1)));
    await make().drain();

    expect(posted().map((m) => keysIn(m).length)).toEqual([10, 2]);
    expect(posted().map((m) => keysIn(m)[0])).toEqual(['win:A-1:marketing', 'win:A-11:marketing']);
    expect(outbox.counts()).toMatchObject({ sent: 12, pending: 0, sending: 0 });
  });

  it('keeps the order between kinds: no merging across another kind of post', async () => {
    add(win(1), win(2), note('between'), win(3), win(4));
    await make().drain();

    expect(posted().map(keysIn)).toEqual([
      ['win:A-1:marketing', 'win:A-2:marketing'],
      ['between'],
      ['win:A-3:marketing', 'win:A-4:marketing'],
    ]);
  });

  it('a win, another kind, a win: three posts in their order', async () => {
    add(win(1), note('between'), win(2));
    await make().drain();

    expect(posted().map((m) => m.metadata?.event_payload)).toEqual([
      { key: 'win:A-1:marketing' },
      { key: 'between' },
      { key: 'win:A-2:marketing' },
    ]);
  });

  it('a single win is posted exactly as before merging existed', async () => {
    add(win(1, 3, 2, 'Shared with <@U1|liam>\nand the team'));
    await make().drain();

    expect(postCalls()).toHaveLength(1);
    const args = postCalls()[0]!.args;
    expect(args.text).toBe('Progress win: A-1 Step 1 is done (I-3).');
    expect(flat(args.blocks)).toBe(
      flat([
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: ':tada: Progress win\n<@UALICE> finished *A-1* Step 1 for *I-3* Initiative 3.',
          },
        },
        { type: 'context', elements: [{ type: 'mrkdwn', text: '> Shared with <@U1>\n> and the team' }] },
        { type: 'context', elements: [{ type: 'mrkdwn', text: '▓▓░░░░░░░░ 20% (2/10) I-3' }] },
      ]),
    );
    expect(posted()[0]!.metadata).toEqual({
      event_type: EVENT_TYPE,
      event_payload: { key: 'win:A-1:marketing' },
    });
  });

  it('writes a merged post in German', async () => {
    add(win(1), win(2, 5, 3));
    await make(rendering('de')).drain();

    const post = posted()[0]!;
    expect(post.text).toBe('2 Fortschritte: A-1, A-2.');
    const text = flat(post.blocks);
    expect(text).toContain(':tada: 2 Fortschritte');
    expect(text).toContain('<@UALICE> hat *A-1* Step 1 für *I-3* Initiative 3 erledigt.');
    expect(text).toContain('<@UALICE> hat *A-2* Step 2 für *I-5* Initiative 5 erledigt.');
    expect(text).toContain('(1/10) I-3');
    expect(text).toContain('(3/10) I-5');
  });

  it('a crash between the post and recording it: recovery finds the post and records every row, once', async () => {
    add(win(1), win(2), win(3), win(4), win(5));
    // The process dies right after Slack took the post: nothing recorded, the rows stay claimed.
    await dieAfterPosting();
    expect(posted()).toHaveLength(1);
    expect(outbox.counts()).toMatchObject({ sending: 5, sent: 0 });

    // Its lease runs out; the next process settles the rows from one look-up.
    await recoverInNextProcess();
    expect(posted()).toHaveLength(1);
    expect(emulator.callsTo('conversations.history')).toHaveLength(1);
    for (const id of [1, 2, 3, 4, 5]) {
      expect(row(`win:A-${id}:marketing`)).toMatchObject({ status: 'sent', sentTs: posted()[0]!.ts });
    }
  });

  it('a follower left in doubt is found by its own key in the merged post (no second post)', async () => {
    add(win(1), win(2), win(3));
    await dieAfterPosting();
    // The head alone was recorded (as a deliverer from before merging would have done): the followers are
    // still `sending`, and their keys are only in the post's `keys`.
    const ts = posted()[0]!.ts;
    outbox.markSent(row('win:A-1:marketing').id, { channel: 'CMKT', ts }, T0, 'dead');

    await recoverInNextProcess();
    expect(posted()).toHaveLength(1);
    expect(emulator.callsTo('conversations.history')).toHaveLength(1);
    expect(row('win:A-2:marketing')).toMatchObject({ status: 'sent', sentTs: ts });
    expect(row('win:A-3:marketing')).toMatchObject({ status: 'sent', sentTs: ts });
  });

  it('a 5xx on a merged post (maybe sent): the look-up settles all of them, then one post', async () => {
    add(win(1), win(2), win(3));
    emulator.failNext('chat.postMessage', { status: 500 });
    await make().drain();

    // Not posted by the 5xx; the head's look-up found nothing, so the three went together once.
    expect(posted()).toHaveLength(1);
    expect(keysIn(posted()[0]!)).toHaveLength(3);
    expect(emulator.callsTo('conversations.history')).toHaveLength(1);
    expect(outbox.counts()).toMatchObject({ sent: 3 });
  });

  it('a 5xx on a merged post that did reach Slack: recorded from the look-up, not posted again', async () => {
    add(win(1), win(2), win(3));
    // Slack takes the post but the answer is lost (a proxy's 502 after the fact).
    let fail = true;
    const notifier = make({
      client: new Proxy(client, {
        get(target, prop, receiver) {
          if (prop !== 'chat') return Reflect.get(target, prop, receiver);
          return {
            ...target.chat,
            postMessage: async (args: Parameters<WebClient['chat']['postMessage']>[0]) => {
              const res = await target.chat.postMessage(args);
              if (!fail) return res;
              fail = false;
              throw Object.assign(new Error('An HTTP protocol error occurred: statusCode = 502'), {
                code: 'slack_webapi_http_error',
                statusCode: 502,
              });
            },
          };
        },
      }),
    });
    await notifier.drain();

    expect(posted()).toHaveLength(1);
    const ts = posted()[0]!.ts;
    for (const id of [1, 2, 3]) {
      expect(row(`win:A-${id}:marketing`)).toMatchObject({ status: 'sent', sentTs: ts });
    }
  });

  it('a refused post holds the head; the followers go back to pending without losing an attempt', async () => {
    add(win(1), win(2), win(3));
    emulator.failNext('chat.postMessage', { error: 'not_in_channel' });
    await make().drain();

    expect(posted()).toHaveLength(0);
    expect(row('win:A-1:marketing')).toMatchObject({ status: 'held', lastError: 'not_in_channel' });
    for (const id of [2, 3]) {
      expect(row(`win:A-${id}:marketing`)).toMatchObject({
        status: 'pending',
        attempts: 0,
        sentChannel: null,
        claim: null,
      });
    }

    // The channel is fixed: all three in one post.
    outbox.releaseHeld(marketing);
    await notifiers[0]!.drain();
    expect(posted().map(keysIn)).toEqual([[1, 2, 3].map((id) => `win:A-${id}:marketing`)]);
  });

  it('a win waiting behind a row another deliverer holds is not taken along', async () => {
    add(win(1), win(2), win(3));
    // Another deliverer has claimed A-2 (it will look it up before posting it).
    expect(
      outbox.markSending(row('win:A-2:marketing').id, T0, 'CMKT', { by: 'other', leaseUntil: wall + 60_000 }),
    ).toBe(true);
    await make().drain({ maxWaitMs: 0 });

    expect(posted().map(keysIn)).toEqual([['win:A-1:marketing']]);
    expect(row('win:A-3:marketing').status).toBe('pending');
  });
});
