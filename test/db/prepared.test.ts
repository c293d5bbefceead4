import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { prepared } from '../../src/db/prepared.js';
import { checkinsOf, checksOf, insertCheck, insertCheckin } from '../../src/db/repositories/metrics-repo.js';
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

  it('the checks of several initiatives: one statement for any number of ids (the daily job asks for all)', () => {
    db = tempDb('cx-prepared');
    const { handle } = db;
    const ids = [1, 2, 3, 4, 5].map(() => seedInitiative(handle.sqlite));
    for (const id of ids)
      insertCheck(handle.db, { initiativeId: id, kind: '6m', dueDate: '2026-03-01', status: 'asked' }, NOW);
    const sqlite = handle.sqlite;
    const prepare = sqlite.prepare.bind(sqlite);
    let prepares = 0;
    sqlite.prepare = ((source: string) => {
      prepares++;
      return prepare(source);
    }) as typeof sqlite.prepare;
    const first = checksOf(handle.db, ids.slice(0, 2));
    const after = prepares;
    const all = checksOf(handle.db, ids);
    const some = checksOf(handle.db, ids.slice(1, 4));
    expect(prepares).toBe(after);
    expect([...first.keys()]).toEqual(ids.slice(0, 2));
    expect([...all.values()].map((checks) => checks.map((c) => c.initiativeId))).toEqual(
      ids.map((id) => [id]),
    );
    expect([...some.keys()]).toEqual(ids.slice(1, 4));
    expect(some.get(ids[1] ?? 0)?.[0]).toMatchObject({
      kind: '6m',
      dueDate: '2026-03-01',
      status: 'asked',
    });
  });
});
