import { afterEach, describe, expect, it } from 'vitest';
import { hasUnfinished, headsQuery } from '../../src/db/repositories/outbox-lanes.js';
import { createOutboxRepo, enqueue } from '../../src/db/repositories/outbox-repo.js';
import { type TempDb, tempDb } from '../support/temp-db.js';

let db: TempDb | null = null;
afterEach(() => db?.remove());

describe('outbox lane heads (issue 13)', () => {
  it('come from the outbox_lanes index by seeks (a skip scan over lanes): no scan of unfinished rows, no sort', () => {
    db = tempDb('cx-lanes-plan');
    for (const due of [false, true]) {
      const { sql, params } = headsQuery(db.handle.db, due).toSQL();
      const bound = params.map((p) => (typeof p === 'object' && p !== null ? 0 : p));
      const plan = (
        db.handle.sqlite.prepare(`explain query plan ${sql}`).all(...bound) as { detail: string }[]
      )
        .map((r) => r.detail)
        .join('\n');
      expect(plan).toContain('USING INDEX outbox_lanes (recipient>?)');
      expect(plan).toContain('USING INDEX outbox_lanes (recipient=?)');
      expect(plan).not.toContain('SCAN outbox');
      expect(plan).toContain('USING INTEGER PRIMARY KEY');
      expect(plan).not.toContain('TEMP B-TREE');
      expect(plan).not.toContain('outbox_due');
    }
  });

  it('each lane offers its lowest unfinished row; a lane waits behind a row still sending', () => {
    db = tempDb('cx-lanes-heads');
    const now = new Date('2026-12-02T10:00:00Z');
    const repo = createOutboxRepo(db.handle.db);
    const msg = (key: string, channel: string) => ({
      kind: 'win',
      key,
      recipient: { type: 'channel' as const, id: channel },
      payload: {},
    });
    enqueue(
      db.handle.db,
      [msg('a1', 'CA'), msg('b1', 'CB'), msg('a2', 'CA'), msg('c1', 'CC'), msg('b2', 'CB')],
      now,
    );
    expect(repo.heads(10).map((e) => e.key)).toEqual(['a1', 'b1', 'c1']);
    const [a1] = repo.heads(10);
    expect(repo.markSending(a1!.id, now, 'CA', { by: 'me', leaseUntil: now.getTime() + 60_000 })).toBe(true);
    // a1 is sending: lane A offers nothing until it settles.
    expect(repo.heads(10).map((e) => e.key)).toEqual(['b1', 'c1']);
    repo.markSent(a1!.id, { channel: 'CA', ts: '1.0001' }, now, 'me');
    expect(repo.heads(10).map((e) => e.key)).toEqual(['b1', 'a2', 'c1']);
    // Paging by id: after b1's id, the heads with higher ids.
    const b1 = repo.heads(10).find((e) => e.key === 'b1');
    expect(repo.heads(10, b1!.id).map((e) => e.key)).toEqual(['a2', 'c1']);
  });

  it('match a plain computation over many lanes with rows in every state', () => {
    db = tempDb('cx-lanes-many');
    const now = new Date('2026-12-02T10:00:00Z');
    const repo = createOutboxRepo(db.handle.db);
    const channels = Array.from({ length: 37 }, (_, i) => `C${String(i).padStart(3, '0')}`);
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const rows = Array.from({ length: 600 }, (_, i) => ({
      key: `k${i}`,
      channel: channels[Math.floor(rnd() * channels.length)] as string,
    }));
    enqueue(
      db.handle.db,
      rows.map((r) => ({
        kind: 'win',
        key: r.key,
        recipient: { type: 'channel' as const, id: r.channel },
        payload: {},
      })),
      now,
    );
    const status = ['sent', 'dead', 'held', 'pending', 'sending'];
    const set = db.handle.sqlite.prepare('update outbox set status = ? where idempotency_key = ?');
    const final = new Map<string, string>();
    for (const r of rows) {
      const s = status[Math.floor(rnd() * status.length)] as string;
      final.set(r.key, s);
      set.run(s, r.key);
    }
    const expected: string[] = [];
    for (const c of channels) {
      const head = rows.find(
        (r) => r.channel === c && ['pending', 'sending', 'held'].includes(final.get(r.key) ?? ''),
      );
      if (head && final.get(head.key) !== 'sending') expected.push(head.key);
    }
    const id = (k: string) => Number(k.slice(1));
    expected.sort((a, b) => id(a) - id(b));
    expect(repo.heads(1000).map((e) => e.key)).toEqual(expected);
  });

  it('hasUnfinished says whether anything is left to deliver (held and sending count, sent and dead do not)', () => {
    db = tempDb('cx-lanes-unfinished');
    const now = new Date('2026-12-02T10:00:00Z');
    const d = db.handle.db;
    expect(hasUnfinished(d)).toBe(false);
    enqueue(
      d,
      [{ kind: 'win', key: 'x1', recipient: { type: 'channel' as const, id: 'CA' }, payload: {} }],
      now,
    );
    const set = db.handle.sqlite.prepare("update outbox set status = ? where idempotency_key = 'x1'");
    const seen: Record<string, boolean> = {};
    for (const status of ['pending', 'sending', 'held', 'sent', 'dead']) {
      set.run(status);
      seen[status] = hasUnfinished(d);
    }
    expect(seen).toEqual({ pending: true, sending: true, held: true, sent: false, dead: false });
  });
});
