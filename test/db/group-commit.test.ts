import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/client.js';
import { type TempDb, tempDb } from '../support/temp-db.js';

/**
 * Group commit (db/group-commit.ts) on a real file: the writes of one turn of the event loop commit
 * together, each in its own savepoint; another connection sees them only once committed.
 */
let db: TempDb | undefined;
afterEach(() => {
  db?.remove();
  db = undefined;
});

function setUp(): { grouped: DatabaseHandle; other: DatabaseHandle } {
  db = tempDb('cx-group-commit');
  db.handle.sqlite.exec('create table t (v text not null)');
  return { grouped: db.open({ groupCommit: true }), other: db.open() };
}

const insert = (h: DatabaseHandle, v: string | null) =>
  h.write(() => h.sqlite.prepare('insert into t (v) values (?)').run(v));
const values = (h: DatabaseHandle) =>
  (h.sqlite.prepare('select v from t order by rowid').all() as { v: string }[]).map((r) => r.v);

describe('group commit', () => {
  it('the writes of one turn commit together at its end; another connection sees them only then', async () => {
    const { grouped, other } = setUp();
    insert(grouped, 'a');
    const pending = grouped.pendingCommit();
    insert(grouped, 'b');
    expect(grouped.pendingCommit()).toBe(pending);
    expect(values(grouped)).toEqual(['a', 'b']);
    expect(values(other)).toEqual([]);
    await pending;
    expect(grouped.pendingCommit()).toBeNull();
    expect(values(other)).toEqual(['a', 'b']);
  });

  it('a write that fails rolls back alone; the others of its turn commit', async () => {
    const { grouped, other } = setUp();
    insert(grouped, 'a');
    expect(() => insert(grouped, null)).toThrow(/NOT NULL/);
    insert(grouped, 'c');
    await grouped.pendingCommit();
    expect(values(other)).toEqual(['a', 'c']);
  });

  it('afterCommit runs once committed, and not at all when the commit fails (nothing of the turn is saved)', async () => {
    const { grouped, other } = setUp();
    const ran: string[] = [];
    grouped.afterCommit(() => ran.push('idle'));
    expect(ran).toEqual(['idle']);
    insert(grouped, 'a');
    grouped.afterCommit(() => ran.push('after a'));
    expect(ran).toEqual(['idle']);
    await grouped.pendingCommit();
    expect(ran).toEqual(['idle', 'after a']);

    // A deferred foreign key fails only at COMMIT: the turn's writes are all lost, and its waiters told.
    grouped.sqlite.exec(`
      create temp table p (id integer primary key);
      create temp table c (pid integer references p(id) deferrable initially deferred);
    `);
    insert(grouped, 'b');
    grouped.write(() => grouped.sqlite.prepare('insert into temp.c values (9)').run());
    grouped.afterCommit(() => ran.push('after b'));
    await expect(grouped.pendingCommit()).rejects.toThrow(/FOREIGN KEY/);
    expect(ran).toEqual(['idle', 'after a']);
    expect(grouped.sqlite.inTransaction).toBe(false);
    expect(values(other)).toEqual(['a']);
    insert(grouped, 'd');
    await grouped.pendingCommit();
    expect(values(other)).toEqual(['a', 'd']);
  });

  it('a transaction SQLite rolled back under the group (an I/O error) fails its waiters; the next writes begin anew', async () => {
    const { grouped, other } = setUp();
    insert(grouped, 'lost');
    const first = grouped.pendingCommit();
    grouped.sqlite.exec('ROLLBACK'); // what SQLite does by itself on SQLITE_FULL or SQLITE_IOERR
    insert(grouped, 'kept');
    const second = grouped.pendingCommit();
    expect(second).not.toBe(first);
    await expect(first).rejects.toThrow(/rolled back/);
    await second;
    expect(values(other)).toEqual(['kept']);
  });

  it('closing commits what is pending', () => {
    const { grouped: g, other } = setUp();
    insert(g, 'a');
    g.close();
    expect(values(other)).toEqual(['a']);
  });

  it('without the option every write has committed when it returns', () => {
    db = tempDb('cx-group-commit');
    db.handle.sqlite.exec('create table t (v text not null)');
    const other = db.open();
    insert(db.handle, 'a');
    expect(db.handle.pendingCommit()).toBeNull();
    expect(values(other)).toEqual(['a']);
  });

  it('a write in a group keeps its savepoint journal in memory: no temp file opened per command', async () => {
    const { grouped } = setUp();
    // Rows big enough that one command changes far more than the 64 KiB a statement journal holds in memory
    // before SQLite spills it to a temp file (opened and unlinked at once: it shows only as an open fd).
    grouped.sqlite.exec(`insert into t (v) select printf('%.3000c', 'x') from (
      with recursive n(i) as (select 1 union all select i + 1 from n where i < 200) select i from n)`);
    const deletedFds = () =>
      fs
        .readdirSync('/proc/self/fd')
        .map((fd) => {
          try {
            return fs.readlinkSync(`/proc/self/fd/${fd}`);
          } catch {
            return '';
          }
        })
        .filter((target) => target.endsWith('(deleted)')).length;
    const before = deletedFds();
    insert(grouped, 'a');
    grouped.write(() => grouped.sqlite.prepare(`update t set v = v || 'y'`).run());
    expect(deletedFds()).toBe(before);
    await grouped.pendingCommit();
    expect(grouped.sqlite.pragma('temp_store', { simple: true })).toBe(2);
  });
});
