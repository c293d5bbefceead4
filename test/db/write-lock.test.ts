/**
 * Two processes on one database file (the bot and a `cx job`, or two bots during a deploy): a transaction
 * that reads before it writes must not fail because the other committed in between. Each connection here
 * stands for a process: SQLite cannot tell them apart.
 */
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TempDb, tempDb } from '../support/temp-db.js';

let db: TempDb;
let other: Database.Database;

beforeEach(() => {
  db = tempDb('cx-write-lock');
  // The other process does not wait: whether it may write at this moment is what is tested.
  other = new Database(db.file);
  other.pragma('busy_timeout = 0');
});
afterEach(() => {
  other.close();
  db.remove();
});

const meta = (key: string) => sql`insert into meta (key, value) values (${key}, 'x')`;
const otherWrites = (key: string): string => {
  try {
    other.prepare(`insert into meta (key, value) values (?, 'x')`).run(key);
    return 'committed';
  } catch (error) {
    return (error as { code?: string }).code ?? 'failed';
  }
};
const keys = () =>
  (db.handle.sqlite.prepare('select key from meta order by key').all() as { key: string }[]).map(
    (r) => r.key,
  );

describe('a write transaction holds the write lock from its first statement', () => {
  it("drizzle's transaction: reads, the other process cannot slip a commit in, then it writes and commits", () => {
    let attempt = '';
    db.handle.db.transaction((tx) => {
      tx.all(sql`select count(*) from meta`);
      attempt = otherWrites('other');
      tx.run(meta('mine'));
    });
    // Before: the other committed, and the write here failed with SQLITE_BUSY_SNAPSHOT.
    expect(attempt).toBe('SQLITE_BUSY');
    expect(keys()).toContain('mine');
    expect(otherWrites('other')).toBe('committed');
  });

  it('handle.write: the same', () => {
    let attempt = '';
    db.handle.write((d) => {
      d.all(sql`select count(*) from meta`);
      attempt = otherWrites('other');
      d.run(meta('mine'));
    });
    expect(attempt).toBe('SQLITE_BUSY');
    expect(keys()).toContain('mine');
  });

  it('a transaction inside another is a savepoint of it, not a second BEGIN', () => {
    db.handle.write((d) => {
      d.run(meta('outer'));
      expect(() =>
        d.transaction((tx) => {
          tx.run(meta('inner'));
          throw new Error('undo the inner part');
        }),
      ).toThrow('undo the inner part');
    });
    expect(keys()).toEqual(expect.arrayContaining(['outer']));
    expect(keys()).not.toContain('inner');
  });

  it('handle.read is a snapshot that never holds up a writer', () => {
    const seen = db.handle.read((d) => {
      const before = d.all(sql`select key from meta`).length;
      expect(otherWrites('other')).toBe('committed');
      const after = d.all(sql`select key from meta`).length;
      return { before, after };
    });
    // One snapshot: the other's commit is not seen inside it.
    expect(seen.after).toBe(seen.before);
    expect(keys()).toContain('other');
  });
});
