import { describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../src/domain/outbox.js';
import { updatesParentOf } from '../../src/slack/views/results.js';
import { marketing, T0, useNotifierFixture } from '../support/notifier-fixture.js';

// A `round_results_update` travels as an outbox entry (a "thread reply" of the results it rewrites) that the
// notifier delivers with chat.update of its parent instead of a post: in order, retried, never lost.

describe('notifier: a post rewritten in place', () => {
  const f = useNotifierFixture('updates', { updatesParent: updatesParentOf });
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
    f.add(results, update('u1', 'v2'), {
      kind: 'note',
      key: 'after',
      recipient: marketing,
      payload: { text: 'later' },
    });
    await f.notifier.drain();
    const [parent, later] = f.emulator.messages('CMKT');
    expect(f.emulator.messages('CMKT')).toHaveLength(2);
    expect(parent).toMatchObject({ text: 'v2', edited: expect.anything() });
    expect(parent?.metadata?.event_payload?.key).toBe('results');
    expect(f.outbox.findByKey('u1')).toMatchObject({
      status: 'sent',
      sentChannel: 'CMKT',
      sentTs: parent?.ts,
    });
    expect(later?.text).toBe('later');
    expect(f.errors).toEqual([]);
  });

  it('a rate limit or a server error is retried until the update is there', async () => {
    f.add(results);
    await f.notifier.drain();
    f.emulator.failNext('chat.update', { status: 429, retryAfter: 1 });
    f.add(update('u1', 'v2'));
    await f.notifier.drain();
    f.emulator.failNext('chat.update', { status: 500 });
    f.add(update('u2', 'v3'));
    await f.notifier.drain();
    expect(f.emulator.messages('CMKT').map((m) => m.text)).toEqual(['v3']);
    expect(f.outbox.findByKey('u1')).toMatchObject({ status: 'sent', attempts: 1 });
    expect(f.outbox.findByKey('u2')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('an update left half-done by a process that died is done again, not lost', async () => {
    f.add(results);
    await f.notifier.drain();
    f.add(update('u1', 'v2'));
    const row = f.outbox.findByKey('u1');
    // Claimed by a process whose lease ran out long ago, before it could call Slack.
    f.outbox.markSending(row?.id ?? -1, T0, 'CMKT', { by: 'gone', leaseUntil: 1 });
    await f.notifier.drain();
    expect(f.emulator.messages('CMKT').map((m) => m.text)).toEqual(['v2']);
    expect(f.outbox.findByKey('u1')?.status).toBe('sent');
  });

  it('a parent that was never delivered takes its update with it', async () => {
    f.add(results, update('u1', 'v2'));
    const parent = f.outbox.findByKey('results');
    f.outbox.markDead(parent?.id ?? -1, 'invalid_blocks');
    await f.notifier.drain();
    expect(f.outbox.findByKey('u1')).toMatchObject({ status: 'dead', lastError: 'parent_dead: results' });
    expect(f.emulator.callsTo('chat.update')).toEqual([]);
  });
});
