import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/client.js';
import { createOutboxRepo, enqueue, type OutboxRepo } from '../../src/db/repositories/outbox-repo.js';
import type { OutboxMessage } from '../../src/domain/outbox.js';
import { type TempDb, tempDb } from '../support/temp-db.js';

const T0 = new Date('2026-03-02T09:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

const msg = (key: string, recipient: OutboxMessage['recipient'], extra: Partial<OutboxMessage> = {}) => ({
  kind: 'win',
  key,
  recipient,
  payload: { n: key },
  ...extra,
});
const marketing = { type: 'binding', key: 'marketing' } as const;
const sales = { type: 'binding', key: 'sales' } as const;

describe('outbox repository', () => {
  let db: TempDb;
  let handle: DatabaseHandle;
  let repo: OutboxRepo;

  beforeEach(() => {
    db = tempDb('cx-outbox-repo');
    handle = db.handle;
    repo = createOutboxRepo(handle.db);
  });

  afterEach(() => {
    db.remove();
  });

  it('enqueues inside a caller transaction and ignores a repeated key', () => {
    const inserted = handle.db.transaction((tx) => enqueue(tx, [msg('a', marketing)], T0));
    expect(inserted).toBe(1);
    expect(enqueue(handle.db, [msg('a', sales), msg('b', sales)], T0)).toBe(1);
    const a = repo.findByKey('a');
    expect(a).toMatchObject({
      key: 'a',
      kind: 'win',
      recipient: marketing,
      payload: { n: 'a' },
      status: 'pending',
    });
    expect(a?.attempts).toBe(0);
    expect(a?.nextAttemptAt.getTime()).toBe(T0.getTime());
    expect(repo.counts()).toEqual({ pending: 2, sending: 0, sent: 0, held: 0, dead: 0, expired: 0 });
  });

  it('rolls the outbox back with the transaction that wrote it', () => {
    expect(() =>
      handle.db.transaction((tx) => {
        enqueue(tx, [msg('a', marketing)], T0);
        throw new Error('use case failed');
      }),
    ).toThrow('use case failed');
    expect(repo.findByKey('a')).toBeNull();
  });

  it('offers only the head of each recipient lane, and only once it is due', () => {
    enqueue(handle.db, [msg('m1', marketing), msg('s1', sales), msg('m2', marketing)], T0);
    expect(repo.due(T0, 10).map((e) => e.key)).toEqual(['m1', 's1']);

    const m1 = repo.findByKey('m1')!;
    expect(repo.markSending(m1.id, T0, 'C1')).toBe(true);
    // While m1 is in flight its lane stays closed: m2 must not overtake it.
    expect(repo.due(T0, 10).map((e) => e.key)).toEqual(['s1']);

    repo.markRetry(m1.id, later(1000), 'http_500');
    expect(repo.due(T0, 10).map((e) => e.key)).toEqual(['s1']);
    expect(repo.heads(10).map((e) => e.key)).toEqual(['m1', 's1']);
    expect(repo.due(later(1000), 10).map((e) => e.key)).toEqual(['m1', 's1']);
    expect(repo.due(later(1000), 1, m1.id).map((e) => e.key)).toEqual(['s1']);

    repo.markSending(m1.id, later(1000), 'C1');
    repo.markSent(m1.id, { channel: 'C1', ts: '1.000100' }, later(1000));
    expect(repo.due(later(1000), 10).map((e) => e.key)).toEqual(['s1', 'm2']);
  });

  it('claims a row once: a second markSending loses', () => {
    enqueue(handle.db, [msg('a', marketing)], T0);
    const a = repo.findByKey('a')!;
    expect(repo.markSending(a.id, T0, 'C1')).toBe(true);
    expect(repo.markSending(a.id, T0, 'C1')).toBe(false);
    expect(repo.findByKey('a')).toMatchObject({ status: 'sending', attempts: 1, sentChannel: 'C1' });
    expect(repo.inDoubt().map((e) => e.key)).toEqual(['a']);
  });

  it('a sending row is its claimant’s: others neither renew nor settle it; a take-over is compare-and-set', () => {
    enqueue(handle.db, [msg('a', marketing)], T0);
    const a = repo.findByKey('a')!;
    expect(repo.markSending(a.id, T0, 'C1', { by: 'p1', leaseUntil: 1_000 })).toBe(true);
    expect(repo.findByKey('a')?.claim).toEqual({ by: 'p1', leaseUntil: 1_000 });
    expect(repo.renewLease('p2', [a.id], 5_000)).toBe(0);
    expect(repo.renewLease('p1', [a.id], 2_000)).toBe(1);
    repo.markRetry(a.id, T0, 'not yours', { by: 'p2' });
    repo.markSent(a.id, { channel: 'C1', ts: '1.0' }, T0, 'p2');
    expect(repo.findByKey('a')).toMatchObject({ status: 'sending', claim: { by: 'p1', leaseUntil: 2_000 } });

    // p1's lease ran out: p2 and p3 both judged it abandoned on what they read; one wins.
    const seen = repo.findByKey('a')!.claim;
    expect(repo.takeOver(a.id, seen, { by: 'p2', leaseUntil: 9_000 })).toBe(true);
    expect(repo.takeOver(a.id, seen, { by: 'p3', leaseUntil: 9_000 })).toBe(false);
    // p1 comes back late: it cannot undo p2's work.
    repo.markRetry(a.id, T0, 'late', { by: 'p1' });
    expect(repo.findByKey('a')).toMatchObject({ status: 'sending', claim: { by: 'p2' } });
    repo.markSent(a.id, { channel: 'C1', ts: '1.0' }, T0, 'p2');
    expect(repo.findByKey('a')).toMatchObject({ status: 'sent', claim: null });
  });

  it('records where and when a message was sent', () => {
    enqueue(handle.db, [msg('a', { type: 'user', id: 'U1' })], T0);
    const a = repo.findByKey('a')!;
    repo.markSending(a.id, T0, 'U1');
    repo.markSent(a.id, { channel: 'D1', ts: '123.456' }, later(5));
    expect(repo.findByKey('a')).toMatchObject({ status: 'sent', sentChannel: 'D1', sentTs: '123.456' });
    expect(repo.inDoubt()).toEqual([]);
    expect(repo.counts().sent).toBe(1);
  });

  it('keeps the channel of a call that may have reached Slack, and forgets it otherwise', () => {
    enqueue(handle.db, [msg('a', marketing)], T0);
    const a = repo.findByKey('a')!;
    repo.markSending(a.id, T0, 'C1');
    repo.markRetry(a.id, later(1000), 'http_503', { maybeSent: true });
    expect(repo.findByKey('a')).toMatchObject({
      status: 'pending',
      sentChannel: 'C1',
      lastError: 'http_503',
    });
    repo.markSending(a.id, later(1000), 'C1');
    repo.markRetry(a.id, later(3000), 'ratelimited');
    expect(repo.findByKey('a')).toMatchObject({ status: 'pending', sentChannel: null, attempts: 2 });
  });

  it('holds rows without killing them, and releases them by recipient', () => {
    enqueue(handle.db, [msg('m1', marketing), msg('m2', marketing), msg('s1', sales)], T0);
    const m1 = repo.findByKey('m1')!;
    const s1 = repo.findByKey('s1')!;
    repo.markSending(m1.id, T0, 'C1');
    repo.markHeld(m1.id, 'channel_not_found', later(15 * 60_000));
    repo.markHeld(s1.id, 'not_bound');
    expect(repo.findByKey('m1')).toMatchObject({
      status: 'held',
      attempts: 0,
      lastError: 'channel_not_found',
    });
    // A held head keeps its lane closed; it comes back for the slow retry when due.
    expect(repo.due(later(60_000), 10).map((e) => e.key)).toEqual([]);
    expect(repo.due(later(15 * 60_000), 10).map((e) => e.key)).toEqual(['m1']);
    expect(repo.due(new Date('2100-01-01'), 10).map((e) => e.key)).toEqual(['m1']);

    expect(repo.releaseHeld(marketing, T0)).toBe(1);
    expect(repo.findByKey('m1')).toMatchObject({ status: 'pending' });
    expect(repo.findByKey('s1')).toMatchObject({ status: 'held' });
    expect(repo.due(T0, 10).map((e) => e.key)).toEqual(['m1']);

    expect(repo.releaseHeld()).toBe(1);
    expect(repo.due(T0, 10).map((e) => e.key)).toEqual(['m1', 's1']);
  });

  it('never revives a dead or sent row', () => {
    enqueue(handle.db, [msg('a', marketing), msg('b', sales)], T0);
    const a = repo.findByKey('a')!;
    const b = repo.findByKey('b')!;
    repo.markSending(a.id, T0, 'C1');
    repo.markDead(a.id, 'invalid_blocks');
    repo.markRetry(a.id, T0, 'late answer');
    repo.markHeld(a.id, 'late answer');
    expect(repo.findByKey('a')).toMatchObject({ status: 'dead', lastError: 'invalid_blocks' });
    expect(repo.markSending(a.id, T0)).toBe(false);

    repo.markSending(b.id, T0, 'C2');
    repo.markSent(b.id, { channel: 'C2', ts: '1.1' }, T0);
    repo.markRetry(b.id, T0, 'late answer');
    expect(repo.findByKey('b')).toMatchObject({ status: 'sent' });
    expect(repo.counts()).toEqual({ pending: 0, sending: 0, sent: 1, held: 0, dead: 1, expired: 0 });
  });

  it('keeps a deadline; expires only a waiting row, undoing what it stood for in the same transaction', () => {
    const undone: string[] = [];
    let failUndo = false;
    const withUndo = createOutboxRepo(handle.db, {
      onExpired: (tx, entry, wasHeld) => {
        if (failUndo) throw new Error('undo failed');
        enqueue(tx, [msg(`undo:${entry.key}`, sales)], T0);
        undone.push(wasHeld ? `${entry.key} (held)` : entry.key);
      },
    });
    const by = later(60_000);
    enqueue(
      handle.db,
      [
        msg('a', marketing, { deliverBy: by }),
        msg('b', sales, { hoursZone: 'Europe/Berlin' }),
        msg('c', marketing),
      ],
      T0,
    );
    const a = withUndo.findByKey('a')!;
    expect(a.deliverBy).toEqual(by);
    expect(a.hoursZone).toBeUndefined();
    expect(withUndo.findByKey('b')).toMatchObject({ hoursZone: 'Europe/Berlin' });
    expect(withUndo.findByKey('b')!.deliverBy).toBeUndefined();

    // A failing undo rolls the expiry back with it.
    failUndo = true;
    expect(() => withUndo.markExpired(a.id)).toThrow('undo failed');
    expect(withUndo.findByKey('a')).toMatchObject({ status: 'pending' });
    failUndo = false;

    expect(withUndo.markExpired(a.id)).toBe(true);
    expect(withUndo.findByKey('a')).toMatchObject({ status: 'expired' });
    expect(undone).toEqual(['a']);
    expect(withUndo.findByKey('undo:a')).not.toBeNull();
    // Finished: no longer a lane head, never claimed, never expired twice.
    expect(withUndo.heads(10).map((e) => e.key)).toEqual(['b', 'c']);
    expect(withUndo.markSending(a.id, T0)).toBe(false);
    expect(withUndo.markExpired(a.id)).toBe(false);

    // A row being sent is its deliverer's: not expired under it.
    const c = withUndo.findByKey('c')!;
    withUndo.markSending(c.id, T0, 'C1');
    expect(withUndo.markExpired(c.id)).toBe(false);
    expect(undone).toEqual(['a']);
    expect(withUndo.counts()).toMatchObject({ expired: 1, sending: 1 });

    // A held row expires too, and the undo is told it was held.
    const b = withUndo.findByKey('b')!;
    withUndo.markHeld(b.id, 'user_disabled');
    expect(withUndo.markExpired(b.id)).toBe(true);
    expect(undone).toEqual(['a', 'b (held)']);
  });

  it('puts a parent ahead of its reply even when a batch lists the reply first', () => {
    enqueue(handle.db, [msg('reply', marketing, { threadOf: 'parent' }), msg('parent', marketing)], T0);
    const parent = repo.findByKey('parent')!;
    const reply = repo.findByKey('reply')!;
    expect(parent.id).toBeLessThan(reply.id);
    expect(reply.threadOf).toBe('parent');
    expect(parent.threadOf).toBeUndefined();
    expect(repo.due(T0, 10).map((e) => e.key)).toEqual(['parent']);
  });

  it('finds lane heads quickly with a large backlog', () => {
    const many = Array.from({ length: 2000 }, (_, i) => msg(`dm-${i}`, { type: 'user', id: `U${i % 500}` }));
    enqueue(handle.db, many, T0);
    const started = performance.now();
    const heads = repo.heads(1000);
    const elapsed = performance.now() - started;
    expect(heads).toHaveLength(500);
    expect(new Set(heads.map((e) => JSON.stringify(e.recipient))).size).toBe(500);
    expect(elapsed).toBeLessThan(500);
  });
});
