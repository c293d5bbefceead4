import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { createOutboxPort, enqueue } from '../../src/db/repositories/outbox-repo.js';
import { setBinding } from '../../src/db/repositories/settings-repo.js';
import type { OutboxEntry, OutboxMessage, OutboxPort } from '../../src/domain/outbox.js';
import { type SlackEmulator, startEmulator } from '../../src/sandbox/emulator/index.js';
import { createNotifier, type Notifier } from '../../src/slack/notifier/index.js';
import { updatesParentOf } from '../../src/slack/views/results.js';
import { createWebClient } from '../../src/slack/web-client.js';
import { type TempDb, tempDb } from '../support/temp-db.js';

// A `round_results_update` travels as an outbox entry (a "thread reply" of the results it rewrites) that the
// notifier delivers with chat.update of its parent instead of a post: in order, retried, never lost.
const TOKEN = 'xoxb-updates-test';
const T0 = new Date('2026-03-02T10:00:00.000Z');
const marketing = { type: 'binding', key: 'marketing' } as const;

describe('notifier: a post rewritten in place', () => {
  let db: TempDb;
  let handle: DatabaseHandle;
  let outbox: OutboxPort;
  let emulator: SlackEmulator;
  let notifier: Notifier;
  const errors: string[] = [];

  beforeEach(async () => {
    db = tempDb('cx-updates');
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
      updatesParent: updatesParentOf,
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
  const results: OutboxMessage = {
    kind: 'round_results',
    key: 'results',
    recipient: marketing,
    payload: { text: 'v1' },
  };
  const update = (key: string, text: string): OutboxMessage => ({
    kind: 'round_results_update',
    key,
    recipient: marketing,
    threadOf: 'results',
    payload: { text },
  });

  it('rewrites the parent after it is posted, keeps its key, records the update on it; the lane goes on', async () => {
    add(results, update('u1', 'v2'), {
      kind: 'note',
      key: 'after',
      recipient: marketing,
      payload: { text: 'later' },
    });
    await notifier.drain();
    const [parent, later] = emulator.messages('CMKT');
    expect(emulator.messages('CMKT')).toHaveLength(2);
    expect(parent).toMatchObject({ text: 'v2', edited: expect.anything() });
    expect(parent?.metadata?.event_payload?.key).toBe('results');
    expect(outbox.findByKey('u1')).toMatchObject({ status: 'sent', sentChannel: 'CMKT', sentTs: parent?.ts });
    expect(later?.text).toBe('later');
    expect(errors).toEqual([]);
  });

  it('a rate limit or a server error is retried until the update is there', async () => {
    add(results);
    await notifier.drain();
    emulator.failNext('chat.update', { status: 429, retryAfter: 1 });
    add(update('u1', 'v2'));
    await notifier.drain();
    emulator.failNext('chat.update', { status: 500 });
    add(update('u2', 'v3'));
    await notifier.drain();
    expect(emulator.messages('CMKT').map((m) => m.text)).toEqual(['v3']);
    expect(outbox.findByKey('u1')).toMatchObject({ status: 'sent', attempts: 1 });
    expect(outbox.findByKey('u2')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('an update left half-done by a process that died is done again, not lost', async () => {
    add(results);
    await notifier.drain();
    add(update('u1', 'v2'));
    const row = outbox.findByKey('u1');
    // Claimed by a process whose lease ran out long ago, before it could call Slack.
    outbox.markSending(row?.id ?? -1, T0, 'CMKT', { by: 'gone', leaseUntil: 1 });
    await notifier.drain();
    expect(emulator.messages('CMKT').map((m) => m.text)).toEqual(['v2']);
    expect(outbox.findByKey('u1')?.status).toBe('sent');
  });

  it('a parent that was never delivered takes its update with it', async () => {
    add(results, update('u1', 'v2'));
    const parent = outbox.findByKey('results');
    outbox.markDead(parent?.id ?? -1, 'invalid_blocks');
    await notifier.drain();
    expect(outbox.findByKey('u1')).toMatchObject({ status: 'dead', lastError: 'parent_dead: results' });
    expect(emulator.callsTo('chat.update')).toEqual([]);
  });
});
