import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type DatabaseHandle, type OpenOptions, openDatabase } from '../../src/db/client.js';
import { runMigrations } from '../../src/db/migrate.js';

/** A real database file in its own temporary directory, migrated, as the bot would open it. */
export interface TempDb {
  dir: string;
  /** The database file: for a second connection, a child process or a restart. */
  file: string;
  /** The first connection, opened (and migrated) at creation. */
  handle: DatabaseHandle;
  /**
   * Another connection to the same file (another process, as far as SQLite can tell), closed with the rest;
   * `{ groupCommit: true }` opens it as the bot does.
   */
  open(options?: OpenOptions): DatabaseHandle;
  /** Closes every connection still open; the file stays (a child process may read it next). */
  close(): void;
  /** Closes every connection and removes the directory. */
  remove(): void;
}

/** `name` prefixes the directory, so a leftover says which test made it. */
export function tempDb(name: string): TempDb {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  const file = path.join(dir, 'cx.sqlite');
  const open: Set<DatabaseHandle> = new Set();
  const connect = (options?: OpenOptions) => {
    const handle = openDatabase(file, options);
    open.add(handle);
    return handle;
  };
  const handle = connect();
  runMigrations(handle);
  const close = () => {
    for (const h of open) h.close();
    open.clear();
  };
  return {
    dir,
    file,
    handle,
    open: connect,
    close,
    remove() {
      close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
