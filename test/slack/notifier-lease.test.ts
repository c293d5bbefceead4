import type { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { createOutboxPort, enqueue } from '../../src/db/repositories/outbox-repo.js';
import { setBinding } from '../../src/db/repositories/settings-repo.js';
import type { OutboxEntry, OutboxPort } from '../../src/domain/outbox.js';
import { type SlackEmulator, startEmulator } from '../../src/sandbox/emulator/index.js';
import {
  createNotifier,
  EVENT_TYPE,
  type Notifier,
  type NotifierOptions,
} from '../../src/slack/notifier/index.js';
import { createWebClient } from '../../src/slack/web-client.js';
import { type TempDb, tempDb } from '../support/temp-db.js';

/**
 * Claims and leases between deliverers sharing one database (processes in production; two notifiers over
 * two connections here). The clock is pinned, as in the sandbox and `--at` runs: leases must not need it.
 */

const TOKEN = 'xoxb-lease-test';
const T0 = new Date('2026-03-02T09:00:00.000Z');
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const render = (entry: OutboxEntry) => ({ text: `say ${entry.key}` });

describe('notifier leases', () => {
  let db: TempDb;
  let handles: DatabaseHandle[];
  let outbox: OutboxPort;
  let emulator: SlackEmulator;
  let client: WebClient;
  const notifiers: Notifier[] = [];
  /** The wall clock leases are read against, moved by hand. */
  let wall: number;

  const open = (): OutboxPort => {
    const handle = db.open();
    handles.push(handle);
    return createOutboxPort(handle);
  };

  const make = (overrides: Partial<NotifierOptions> = {}): Notifier => {
    const n = createNotifier({
      client,
      outbox,
      render,
      clock: new ManualClock(T0),
      logger: quiet,
      ...overrides,
    });
    notifiers.push(n);
    return n;
  };

  const row = (key: string) => outbox.findByKey(key)!;
  const winsOf = (key: string) =>
    emulator.messages('CMKT').filter((m) => m.metadata?.event_payload.key === key).length;

  beforeEach(async () => {
    db = tempDb('cx-lease');
    handles = [db.handle];
    outbox = createOutboxPort(db.handle);
    emulator = await startEmulator({ port: 0, signingSecret: 'secret', botToken: TOKEN });
    emulator.addChannel({ id: 'CMKT', name: 'marketing' });
    setBinding(handles[0]!.db, 'marketing', 'CMKT', 'UADMIN', T0);
    client = createWebClient(emulator.apiUrl, TOKEN);
    wall = Date.now();
  });

  afterEach(async () => {
    await Promise.all(notifiers.splice(0).map((n) => n.stop()));
    await emulator.stop();
    db.remove();
  });

  /** Another deliverer claimed `key` and posted it; its answer has not come back (yet, or ever). */
  async function claimedElsewhere(key: string, leaseUntil: number): Promise<void> {
    enqueue(
      handles[0]!.db,
      [{ kind: 'note', key, recipient: { type: 'binding', key: 'marketing' }, payload: {} }],
      T0,
    );
    expect(outbox.markSending(row(key).id, T0, 'CMKT', { by: 'other', leaseUntil })).toBe(true);
    await client.chat.postMessage({
      channel: 'CMKT',
      text: `say ${key}`,
      metadata: { event_type: EVENT_TYPE, event_payload: { key } },
    });
  }

  it('leaves a row another deliverer holds until its lease runs out, then finds its post', async () => {
    await claimedElsewhere('busy', wall + 25_000);
    const notifier = make({ wallNow: () => wall });

    await notifier.recover();
    await notifier.drain({ maxWaitMs: 0 });
    expect(row('busy')).toMatchObject({ status: 'sending', claim: { by: 'other' } });
    expect(emulator.callsTo('conversations.history')).toHaveLength(0);

    // Its owner died: no renewal, and the lease runs out.
    wall += 25_001;
    await notifier.drain({ maxWaitMs: 0 });
    expect(row('busy')).toMatchObject({ status: 'sent', claim: null });
    expect(emulator.callsTo('conversations.history')).toHaveLength(1);
    expect(winsOf('busy')).toBe(1);
  });

  it('a running notifier settles a row abandoned after it started (no restart)', async () => {
    const notifier = make({ wallNow: () => wall, pollMs: 20 });
    notifier.start();
    enqueue(
      handles[0]!.db,
      [{ kind: 'note', key: 'lost', recipient: { type: 'binding', key: 'marketing' }, payload: {} }],
      T0,
    );
    // Claimed by a process that died before posting.
    outbox.markSending(row('lost').id, T0, 'CMKT', { by: 'dead', leaseUntil: wall + 1_000 });
    wall += 1_001;
    // Its poll alone (no recover, no drain) finds it.
    for (let i = 0; i < 500 && row('lost').status !== 'sent'; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(row('lost').status).toBe('sent');
    expect(winsOf('lost')).toBe(1);
  });

  it('keeps its own lease alive while Slack is slow, so another deliverer never steps in', async () => {
    emulator.setLatency('chat.postMessage', 9_000);
    enqueue(
      handles[0]!.db,
      [{ kind: 'note', key: 'slow', recipient: { type: 'binding', key: 'marketing' }, payload: {} }],
      T0,
    );
    const owner = make({ leaseMs: 3_000, id: 'owner' });
    const sending = owner.drain();
    const other = make({ outbox: open(), leaseMs: 3_000, id: 'other' });
    // Looks while the post is in flight (9 s), past the first lease (3 s): the owner has renewed it.
    while (emulator.callsTo('chat.postMessage').length === 0) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 4_000));
    await other.recover();
    await other.drain({ maxWaitMs: 0 });
    expect(row('slow')).toMatchObject({ status: 'sending', claim: { by: 'owner' } });
    expect(emulator.callsTo('conversations.history')).toHaveLength(0);

    await sending;
    expect(row('slow')).toMatchObject({ status: 'sent', claim: null });
    expect(winsOf('slow')).toBe(1);
  }, 20_000);
});
