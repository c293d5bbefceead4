import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOutboxRepo, enqueue, type OutboxRepo } from '../../src/db/repositories/outbox-repo.js';
import type { OutboxMessage } from '../../src/domain/outbox.js';
import { type TempDb, tempDb } from '../support/temp-db.js';

/** The statements of merged posts (src/db/repositories/outbox-groups.ts). */

const T0 = new Date('2026-03-02T09:00:00.000Z');
const T1 = new Date('2026-03-02T09:05:00.000Z');
const marketing = { type: 'binding', key: 'marketing' } as const;
const sales = { type: 'binding', key: 'sales' } as const;
const win = (key: string, recipient: OutboxMessage['recipient'] = marketing): OutboxMessage => ({
  kind: 'win',
  key,
  recipient,
  payload: {},
});
const WALL = 1_000_000;

describe('outbox: merged posts', () => {
  let db: TempDb;
  let repo: OutboxRepo;
  const row = (key: string) => repo.findByKey(key)!;
  const id = (key: string) => row(key).id;

  beforeEach(() => {
    db = tempDb('cx-outbox-groups');
    repo = createOutboxRepo(db.handle.db);
    enqueue(db.handle.db, [win('a'), win('s1', sales), win('b'), win('c'), win('d')], T0);
  });
  afterEach(() => db.remove());

  it('behind: the unfinished rows of the same lane after a row, in order, at most `limit`', () => {
    repo.markSent(id('c'), { channel: 'CMKT', ts: '1.1' }, T0);
    expect(repo.behind(row('a'), 9).map((e) => e.key)).toEqual(['b', 'd']);
    expect(repo.behind(row('a'), 1).map((e) => e.key)).toEqual(['b']);
    expect(repo.behind(row('s1'), 9)).toEqual([]);
  });

  it('claims a head and the unbroken run behind it, stopping at a row someone else has', () => {
    expect(repo.markSending(id('c'), T0, 'CMKT', { by: 'other', leaseUntil: WALL })).toBe(true);
    const claimed = repo.markSendingGroup([id('a'), id('b'), id('c'), id('d')], T1, 'CMKT', {
      by: 'me',
      leaseUntil: WALL,
    });
    expect(claimed).toBe(2);
    expect(row('b')).toMatchObject({
      status: 'sending',
      attempts: 1,
      sentChannel: 'CMKT',
      claim: { by: 'me' },
    });
    expect(row('c').claim?.by).toBe('other');
    expect(row('d')).toMatchObject({ status: 'pending', attempts: 0 });
    // Not even the head: nothing claimed.
    expect(repo.markSendingGroup([id('c'), id('d')], T1, 'CMKT', { by: 'me', leaseUntil: WALL })).toBe(0);
    expect(row('d').status).toBe('pending');
  });

  it('records a group sent together, and releases one with or without doubt', () => {
    const claim = { by: 'me', leaseUntil: WALL };
    repo.markSendingGroup([id('a'), id('b')], T1, 'CMKT', claim);
    repo.markSentGroup([id('a'), id('b')], { channel: 'CMKT', ts: '2.2' }, T1, 'me');
    expect([row('a'), row('b')].map((e) => [e.status, e.sentTs])).toEqual([
      ['sent', '2.2'],
      ['sent', '2.2'],
    ]);

    repo.markSendingGroup([id('c'), id('d')], T1, 'CMKT', claim);
    repo.releaseGroup([id('d')], 'me');
    expect(row('d')).toMatchObject({ status: 'pending', attempts: 0, sentChannel: null, claim: null });
    expect(row('d').nextAttemptAt).toEqual(T1);
    repo.releaseGroup([id('c')], 'me', { error: 'http_502' });
    expect(row('c')).toMatchObject({
      status: 'pending',
      attempts: 1,
      sentChannel: 'CMKT',
      lastError: 'http_502',
    });
    // Someone else's claim is not released.
    repo.markSending(id('d'), T1, 'CMKT', { by: 'other', leaseUntil: WALL });
    repo.releaseGroup([id('d')], 'me');
    expect(row('d').claim?.by).toBe('other');
  });

  it('records the rows a found post covers, except one another live deliverer holds', () => {
    repo.markSending(id('a'), T1, 'CMKT', { by: 'me', leaseUntil: WALL });
    repo.markSending(id('b'), T1, 'CMKT', { by: 'gone', leaseUntil: WALL - 1 });
    repo.markSending(id('c'), T1, 'CMKT', { by: 'alive', leaseUntil: WALL + 1 });
    const recorded = repo.markCoveredSent(
      ['a', 'b', 'c', 'd'],
      { channel: 'CMKT', ts: '3.3' },
      T1,
      'me',
      WALL,
    );
    expect(recorded).toBe(3);
    expect(['a', 'b', 'c', 'd'].map((k) => row(k).status)).toEqual(['sent', 'sent', 'sending', 'sent']);
    expect(row('b')).toMatchObject({ sentTs: '3.3', claim: null });
  });
});
