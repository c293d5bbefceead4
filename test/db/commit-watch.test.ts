import fs from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.js';
import { commitWatchOf } from '../../src/db/commit-watch.js';
import { cachedByVersion, dataVersion } from '../../src/db/prepared.js';
import { markProcessed } from '../../src/db/repositories/settings-repo.js';
import { type TempDb, tempDb } from '../support/temp-db.js';

/**
 * The bot learns of another process's commits from its WAL file's changes (src/db/commit-watch.ts), not by
 * asking SQLite on every cached read. The event arrives with the next turn of the event loop; these tests
 * give it turns (never time) and say how many at most.
 */
let db: TempDb | undefined;
let watched: DatabaseHandle | undefined;
afterEach(() => {
  watched?.close();
  watched = undefined;
  db?.remove();
  db = undefined;
});

const NOW = new Date('2026-03-06T13:00:00Z');

/** Turns the event loop until `check` holds, at most `turns` times; whether it did. */
async function within(turns: number, check: () => boolean): Promise<boolean> {
  for (let i = 0; i < turns; i++) {
    if (check()) return true;
    await nextTurn();
  }
  return check();
}

/** The watched handle and another connection, once the other's opening (which touches the WAL) was seen. */
async function setUp(): Promise<{ handle: DatabaseHandle; other: DatabaseHandle }> {
  db = tempDb('cx-commit-watch');
  watched = openDatabase(db.file, { watchCommits: true });
  const other = db.open();
  for (let i = 0; i < 5; i++) await nextTurn();
  return { handle: watched, other };
}

describe('a handle that watches its WAL file', () => {
  it("sees another connection's commit by the next turns of the event loop, and its cached answers go", async () => {
    const { handle, other } = await setUp();
    expect(commitWatchOf(handle.sqlite)?.trusted).toBe(true);
    let computed = 0;
    const read = () => cachedByVersion(handle.sqlite, 'k', () => ++computed);
    expect(read()).toBe(1);
    const before = dataVersion(handle.sqlite);
    // Nothing written: turns of the loop change nothing.
    expect(await within(5, () => dataVersion(handle.sqlite) !== before)).toBe(false);
    expect(read()).toBe(1);

    markProcessed(other.db, 'k1', NOW);
    expect(await within(5, () => dataVersion(handle.sqlite) !== before)).toBe(true);
    expect(read()).toBe(2);
  });

  it('asks SQLite on every read when its WAL file is replaced, and stops watching when closed', async () => {
    const { handle, other } = await setUp();
    const watch = commitWatchOf(handle.sqlite);
    const wal = `${db?.file}-wal`;
    fs.renameSync(wal, `${wal}.moved`);
    expect(await within(5, () => watch?.trusted === false)).toBe(true);
    fs.renameSync(`${wal}.moved`, wal);
    // Untrusted: another connection's commit is seen at once, as without a watch.
    const before = dataVersion(handle.sqlite);
    markProcessed(other.db, 'k2', NOW);
    expect(dataVersion(handle.sqlite)).not.toBe(before);

    handle.close();
    watched = undefined;
    expect(commitWatchOf(handle.sqlite)).toBeUndefined();
  });

  it('is not started without the option, nor for a database in memory', () => {
    db = tempDb('cx-commit-watch');
    expect(commitWatchOf(db.handle.sqlite)).toBeUndefined();
    const memory = openDatabase(':memory:', { watchCommits: true });
    expect(commitWatchOf(memory.sqlite)).toBeUndefined();
    memory.close();
  });
});
