import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { tempDir } from '../support/harness.js';

// Issue 13: commits no longer copy the WAL into the file every 1,000 pages; a timer does it every minute, so a
// power cut still undoes at most about a minute of changes.
afterEach(() => {
  vi.useRealTimers();
});

describe('WAL checkpoints', () => {
  it('come from a minute timer, not from every thousandth page of a commit', () => {
    vi.useFakeTimers();
    const file = path.join(tempDir(), 'cx.sqlite');
    const handle = openDatabase(file);
    try {
      expect(handle.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
      handle.sqlite.exec('create table t (x text)');
      const insert = handle.sqlite.prepare('insert into t values (?)');
      // About 1,500 pages, one commit each 50 rows: SQLite's default would have checkpointed here.
      for (let i = 0; i < 120; i++) {
        handle.sqlite.transaction(() => {
          for (let j = 0; j < 50; j++) insert.run('x'.repeat(1000));
        })();
      }
      const before = fs.statSync(file).size;
      expect(before).toBeLessThan(100_000);
      vi.advanceTimersByTime(60_000);
      expect(fs.statSync(file).size).toBeGreaterThan(5_000_000);
    } finally {
      handle.close();
    }
  });
});

describe('background checkpoints (the bot)', () => {
  it('a worker thread with its own connection copies the WAL into the file, off the event loop', async () => {
    const file = path.join(tempDir(), 'cx.sqlite');
    const handle = openDatabase(file, { backgroundCheckpoints: true });
    try {
      expect(handle.checkpointer).not.toBeNull();
      handle.sqlite.exec('create table t (x text)');
      const insert = handle.sqlite.prepare('insert into t values (?)');
      for (let i = 0; i < 120; i++) {
        handle.sqlite.transaction(() => {
          for (let j = 0; j < 50; j++) insert.run('x'.repeat(1000));
        })();
      }
      const result = await handle.checkpointer!.now();
      expect(result.busy).toBe(0);
      expect(result.log).toBeGreaterThan(1_000);
      expect(result.checkpointed).toBe(result.log);
      expect(fs.statSync(file).size).toBeGreaterThan(5_000_000);
      // Still one database: the main connection reads what it wrote.
      expect(handle.sqlite.prepare('select count(*) from t').pluck().get()).toBe(6_000);
    } finally {
      handle.close();
    }
  });

  it('a CLI run (no option) has none', () => {
    const handle = openDatabase(path.join(tempDir(), 'cx.sqlite'));
    try {
      expect(handle.checkpointer).toBeNull();
    } finally {
      handle.close();
    }
  });
});
