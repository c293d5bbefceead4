import { afterEach, describe, expect, it } from 'vitest';
import { cachedByVersion, dataVersion } from '../../src/db/prepared.js';
import { markProcessed } from '../../src/db/repositories/settings-repo.js';
import { type TempDb, tempDb } from '../support/temp-db.js';

let db: TempDb | undefined;
afterEach(() => {
  db?.remove();
  db = undefined;
});

const NOW = new Date('2026-03-06T13:00:00Z');

describe('answers kept until the database changes', () => {
  it('the version moves with a write on this connection, a commit on another, and a rolled-back write', () => {
    db = tempDb('cx-version');
    const { handle } = db;
    const v0 = dataVersion(handle.sqlite);
    expect(dataVersion(handle.sqlite)).toBe(v0);
    markProcessed(handle.db, 'k1', NOW);
    const v1 = dataVersion(handle.sqlite);
    expect(v1).not.toBe(v0);
    const other = db.open();
    markProcessed(other.db, 'k2', NOW);
    const v2 = dataVersion(handle.sqlite);
    expect(v2).not.toBe(v1);
    expect(() =>
      handle.db.transaction((tx) => {
        markProcessed(tx, 'k3', NOW);
        throw new Error('undo');
      }),
    ).toThrow('undo');
    // Moving on a rollback only costs a recomputation; staying would be the bug.
    expect(dataVersion(handle.sqlite)).not.toBe(v2);
  });

  it('computes once per version, and never caches inside a transaction', () => {
    db = tempDb('cx-version');
    const { handle } = db;
    let computed = 0;
    const read = () => cachedByVersion(handle.sqlite, 'k', () => ++computed);
    expect(read()).toBe(1);
    expect(read()).toBe(1);
    markProcessed(handle.db, 'k1', NOW);
    expect(read()).toBe(2);
    handle.db.transaction(() => {
      expect(dataVersion(handle.sqlite)).toBeNull();
      expect(read()).toBe(3);
      expect(read()).toBe(4);
    });
    // A transaction that wrote nothing changed nothing: the answer from before still holds.
    expect(read()).toBe(2);
  });
});
