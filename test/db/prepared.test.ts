import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { prepared } from '../../src/db/prepared.js';
import { checkinsOf, insertCheckin } from '../../src/db/repositories/metrics-repo.js';
import { getCachedUser, markProcessed, putCachedUser } from '../../src/db/repositories/settings-repo.js';
import { processedEvents } from '../../src/db/schema.js';
import { seedInitiative } from '../support/seed.js';
import { type TempDb, tempDb } from '../support/temp-db.js';

let db: TempDb | undefined;
afterEach(() => {
  db?.remove();
  db = undefined;
});

const NOW = new Date('2026-03-06T13:00:00Z');

describe('statements prepared once per connection', () => {
  it('one statement serves the database and its transactions; another connection gets its own', () => {
    db = tempDb('cx-prepared');
    const { handle } = db;
    const build = (d: typeof handle.db) => d.select().from(processedEvents).prepare();
    const first = prepared(handle.db, 'test.all', build);
    let inTx: unknown;
    handle.db.transaction((tx) => {
      inTx = prepared(tx, 'test.all', build);
    });
    expect(inTx).toBe(first);
    const other = db.open();
    expect(prepared(other.db, 'test.all', build)).not.toBe(first);
  });

  it('placeholders take new values each call, encoded like plain values; a rollback undoes the write', () => {
    db = tempDb('cx-prepared');
    const { handle } = db;
    expect(markProcessed(handle.db, 'k1', NOW)).toBe(true);
    expect(markProcessed(handle.db, 'k1', NOW)).toBe(false);
    expect(() =>
      handle.db.transaction((tx) => {
        expect(markProcessed(tx, 'k2', NOW)).toBe(true);
        throw new Error('undo');
      }),
    ).toThrow('undo');
    expect(markProcessed(handle.db, 'k2', NOW)).toBe(true);
    const rows = handle.sqlite
      .prepare('select key, received_at as at from processed_events order by key')
      .all();
    expect(rows).toEqual([
      { key: 'k1', at: NOW.getTime() },
      { key: 'k2', at: NOW.getTime() },
    ]);

    putCachedUser(handle.db, {
      userId: 'U1',
      tz: 'Europe/Berlin',
      isAdmin: true,
      isBot: false,
      fetchedAt: NOW,
    });
    expect(getCachedUser(handle.db, 'U1')).toEqual({
      userId: 'U1',
      tz: 'Europe/Berlin',
      name: null,
      locale: null,
      isAdmin: true,
      isBot: false,
      deactivated: false,
      unknown: false,
      fetchedAt: NOW,
    });
    expect(getCachedUser(handle.db, 'U2')).toBeNull();
    expect(handle.db.get(sql`select count(*) as n from slack_users`)).toEqual({ n: 1 });
  });

  it('a date in a prepared condition compares like the stored column: check-ins since a moment', () => {
    db = tempDb('cx-prepared');
    const { handle } = db;
    const initiativeId = seedInitiative(handle.sqlite);
    const reading = { customer: 1, customerMetric: 'NPS', business: 2, businessMetric: 'Churn' };
    const at = (iso: string) => new Date(iso);
    insertCheckin(handle.db, { initiativeId, recordedBy: 'U1', ...reading }, at('2026-03-01T10:00:00Z'));
    insertCheckin(handle.db, { initiativeId, recordedBy: 'U1', ...reading }, at('2026-03-03T10:00:00Z'));
    expect(checkinsOf(handle.db, initiativeId).map((c) => c.recordedAt)).toEqual([
      at('2026-03-01T10:00:00Z'),
      at('2026-03-03T10:00:00Z'),
    ]);
    expect(checkinsOf(handle.db, initiativeId, at('2026-03-02T00:00:00Z')).map((c) => c.recordedAt)).toEqual([
      at('2026-03-03T10:00:00Z'),
    ]);
    expect(checkinsOf(handle.db, initiativeId, at('2026-03-03T10:00:00Z'))).toHaveLength(1);
  });
});
