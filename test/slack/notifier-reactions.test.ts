import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { createOutboxPort, enqueue } from '../../src/db/repositories/outbox-repo.js';
import { setBinding } from '../../src/db/repositories/settings-repo.js';
import type { OutboxEntry, OutboxMessage, OutboxPort } from '../../src/domain/outbox.js';
import { type SlackEmulator, startEmulator } from '../../src/sandbox/emulator/index.js';
import { createNotifier, type Notifier } from '../../src/slack/notifier/index.js';
import { reactionsOfEntry } from '../../src/slack/views/poll.js';
import { createWebClient } from '../../src/slack/web-client.js';
import { type TempDb, tempDb } from '../support/temp-db.js';

// The poll's number reactions travel as an outbox entry (`poll_reactions`, a thread reply of the poll) that
// the notifier delivers with reactions.add instead of a post.
const TOKEN = 'xoxb-reactions-test';
const T0 = new Date('2026-03-02T10:00:00.000Z');
const marketing = { type: 'binding', key: 'marketing' } as const;

describe('notifier: reactions under a post', () => {
  let db: TempDb;
  let handle: DatabaseHandle;
  let outbox: OutboxPort;
  let emulator: SlackEmulator;
  let notifier: Notifier;
  const errors: string[] = [];

  beforeEach(async () => {
    db = tempDb('cx-reactions');
    handle = db.handle;
    outbox = createOutboxPort(handle);
    emulator = await startEmulator({ port: 0, signingSecret: 'secret', botToken: TOKEN });
    emulator.addChannel({ id: 'CMKT', name: 'marketing' });
    setBinding(handle.db, 'marketing', 'CMKT', 'UADMIN', T0);
    errors.length = 0;
    const log = () => undefined;
    notifier = createNotifier({
      client: createWebClient(emulator.apiUrl, TOKEN),
      outbox,
      render: (entry: OutboxEntry) => ({
        text: String((entry.payload as { text?: string }).text ?? entry.key),
      }),
      reactionsOf: reactionsOfEntry,
      clock: new ManualClock(T0),
      logger: { debug: log, info: log, warn: log, error: (...m) => errors.push(m.map(String).join(' ')) },
      backoffBaseMs: 20,
    });
  });

  afterEach(async () => {
    await notifier.stop();
    await emulator.stop();
    db.remove();
  });

  const add = (...messages: OutboxMessage[]) => enqueue(handle.db, messages, T0);
  const poll = (reactions: string[]): OutboxMessage[] => [
    { kind: 'poll', key: 'poll', recipient: marketing, payload: { text: 'vote!' } },
    {
      kind: 'poll_reactions',
      key: 'poll-reactions',
      recipient: marketing,
      threadOf: 'poll',
      payload: { reactions },
    },
    { kind: 'note', key: 'after', recipient: marketing, payload: { text: 'later' } },
  ];
  const names = () => emulator.messages('CMKT')[0]?.reactions.map((r) => `${r.name}:${r.users.join(',')}`);

  it('adds the reactions to the parent in order and records them sent on it; the lane goes on after', async () => {
    add(...poll(['one', 'two', 'three']));
    await notifier.drain();
    const [parent, later] = emulator.messages('CMKT');
    expect(names()).toEqual(['one:UBOT', 'two:UBOT', 'three:UBOT']);
    expect(outbox.findByKey('poll-reactions')).toMatchObject({
      status: 'sent',
      sentChannel: 'CMKT',
      sentTs: parent?.ts,
    });
    expect(later?.text).toBe('later');
    expect(emulator.messages('CMKT')).toHaveLength(2);
  });

  it('a reaction that is there already counts as added (a retry after a crash adds them all again)', async () => {
    add(poll(['one', 'two'])[0] as OutboxMessage);
    await notifier.drain();
    const parent = emulator.messages('CMKT')[0];
    if (parent) emulator.state.addReaction(parent, 'one', emulator.botUserId);
    add(...poll(['one', 'two']).slice(1));
    await notifier.drain();
    expect(names()).toEqual(['one:UBOT', 'two:UBOT']);
    expect(outbox.findByKey('poll-reactions')?.status).toBe('sent');
    expect(errors).toEqual([]);
  });

  it('a rate limit or a server error half-way is retried until every reaction is there', async () => {
    emulator.failNext('reactions.add', { status: 500 });
    add(...poll(['one', 'two', 'three']));
    await notifier.drain();
    expect(names()).toEqual(['one:UBOT', 'two:UBOT', 'three:UBOT']);
    emulator.failNext('reactions.add', { status: 429, retryAfter: 1 });
    add(
      { kind: 'poll', key: 'poll2', recipient: marketing, payload: { text: 'again' } },
      {
        kind: 'poll_reactions',
        key: 'r2',
        recipient: marketing,
        threadOf: 'poll2',
        payload: { reactions: ['one'] },
      },
    );
    await notifier.drain();
    expect(outbox.findByKey('r2')).toMatchObject({ status: 'sent', attempts: 1 });
    expect(
      emulator
        .messages('CMKT')
        .at(-1)
        ?.reactions.map((r) => r.name),
    ).toEqual(['one']);
  });

  it('a message the bot cannot react to is given up, not retried forever', async () => {
    add(...poll(['not a valid name!']).slice(0, 2));
    await notifier.drain();
    expect(outbox.findByKey('poll-reactions')).toMatchObject({ status: 'dead', lastError: 'invalid_name' });
  });
});
