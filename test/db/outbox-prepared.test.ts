import { afterEach, describe, expect, it } from 'vitest';
import { createOutboxRepo, enqueue } from '../../src/db/repositories/outbox-repo.js';
import { type TempDb, tempDb } from '../support/temp-db.js';

// Issue 13: heads, due, markSending and markSent run as statements prepared once; each call still takes its
// own values, stored as the columns expect (times as milliseconds), and a lost claim still changes nothing.
const T0 = new Date('2026-03-02T09:00:00.000Z');
let db: TempDb | undefined;
afterEach(() => db?.remove());

describe('the notifier statements, prepared once', () => {
  it('take new values on every call', () => {
    db = tempDb('cx-outbox-prepared');
    const { handle } = db;
    const repo = createOutboxRepo(handle.db);
    const to = (id: string) => ({ type: 'user', id }) as const;
    enqueue(
      handle.db,
      ['a', 'b', 'c'].map((key) => ({ kind: 'win', key, recipient: to(`U${key}`), payload: {} })),
      T0,
    );
    enqueue(
      handle.db,
      [{ kind: 'win', key: 'd', recipient: to('Ud'), payload: {} }],
      new Date(T0.getTime() + 60_000),
    );
    expect(repo.heads(10).map((e) => e.key)).toEqual(['a', 'b', 'c', 'd']);
    expect(repo.heads(2).map((e) => e.key)).toEqual(['a', 'b']);
    expect(repo.due(T0, 10).map((e) => e.key)).toEqual(['a', 'b', 'c']);
    const [a, b] = repo.due(T0, 10);
    expect(repo.due(T0, 10, a?.id).map((e) => e.key)).toEqual(['b', 'c']);

    expect(repo.markSending(a!.id, new Date(T0.getTime() + 5), 'C1', { by: 'p1', leaseUntil: 1_000 })).toBe(
      true,
    );
    expect(repo.markSending(a!.id, T0, 'C2')).toBe(false);
    expect(repo.markSending(b!.id, new Date(T0.getTime() + 7), null)).toBe(true);
    // Someone else's claim: markSent by another deliverer changes nothing.
    repo.markSent(a!.id, { channel: 'CX', ts: '1.1' }, T0, 'p2');
    expect(repo.findByKey('a')).toMatchObject({ status: 'sending', claim: { by: 'p1', leaseUntil: 1_000 } });
    repo.markSent(a!.id, { channel: 'C1', ts: '1.2' }, new Date(T0.getTime() + 9), 'p1');
    repo.markSent(b!.id, { channel: 'D1', ts: '2.2' }, new Date(T0.getTime() + 11));
    const rows = handle.sqlite
      .prepare(
        'select idempotency_key as k, status, sent_channel, sent_ts, sent_at, next_attempt_at, attempts, claimed_by, lease_until from outbox order by id',
      )
      .all();
    expect(rows.slice(0, 2)).toEqual([
      {
        k: 'a',
        status: 'sent',
        sent_channel: 'C1',
        sent_ts: '1.2',
        sent_at: T0.getTime() + 9,
        next_attempt_at: T0.getTime() + 5,
        attempts: 1,
        claimed_by: null,
        lease_until: null,
      },
      {
        k: 'b',
        status: 'sent',
        sent_channel: 'D1',
        sent_ts: '2.2',
        sent_at: T0.getTime() + 11,
        next_attempt_at: T0.getTime() + 7,
        attempts: 1,
        claimed_by: null,
        lease_until: null,
      },
    ]);
    expect(repo.due(T0, 10).map((e) => e.key)).toEqual(['c']);
  });
});
