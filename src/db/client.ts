import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema>;

export interface DatabaseHandle {
  /** Drizzle over the connection; use `db.transaction(tx => …)` for every multi-row change. */
  db: Db;
  /** The raw connection, for pragmas, backups and hand-tuned hot queries. */
  sqlite: Database.Database;
  path: string;
  close(): void;
}

/** Opens (and creates with its folder) the SQLite file: WAL, foreign keys on, a busy timeout for concurrent writers. */
export function openDatabase(file: string): DatabaseHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = drizzle(sqlite, { schema });
  return {
    db,
    sqlite,
    path: file,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}

/** A drizzle transaction handle; repositories accept it or the plain db so callers choose the transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;
