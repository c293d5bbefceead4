import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { type Checkpointer, startCheckpointer } from './checkpointer.js';
import { watchCommits } from './commit-watch.js';
import { createCommitGroup } from './group-commit.js';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema>;

export interface DatabaseHandle {
  /** Drizzle over the connection; use `db.transaction(tx => …)` (or `write`) for every multi-row change. */
  db: Db;
  /**
   * Runs `work` in one transaction (a savepoint inside another) and returns what it returns; `work` writes
   * through the plain `db`, whose statements run on this connection and so inside it. The commands' write
   * path: no drizzle transaction object per call, one transaction function for all (an empty transaction
   * 11 µs instead of drizzle's 19, `bench/_write-timing.ts`).
   */
  write<T>(work: (db: Db) => T): T;
  /**
   * Runs read-only `work` on one snapshot (a deferred transaction): every query sees the same state, and it
   * never takes the write lock, so a writer in another process is not held up while it reads. Never write
   * in it.
   */
  read<T>(work: (db: Db) => T): T;
  /**
   * With `groupCommit`, the commit of the writes of this turn of the event loop (rejects when it fails), or
   * null when none is pending; without it, always null (every write has committed when it returns).
   */
  pendingCommit(): Promise<void> | null;
  /** Runs `fn` once what was written so far is committed: now, or at the end of the turn (`groupCommit`). */
  afterCommit(fn: () => void): void;
  /** The raw connection, for pragmas, backups and hand-tuned hot queries. */
  sqlite: Database.Database;
  path: string;
  /** The bot's checkpoint thread (openDatabase's `backgroundCheckpoints`), else null. */
  checkpointer: Checkpointer | null;
  /** True while the connection is open, answers, and its path still names the file that was opened. */
  healthy(): boolean;
  close(): void;
}

/** The file at the database path is no longer the one this process has open: writes would be lost. */
export class DatabaseFileGone extends Error {
  constructor(file: string) {
    super(`the database file ${file} was removed or replaced while open; restart to reopen it`);
    this.name = 'DatabaseFileGone';
  }
}

type Identity = { dev: number; ino: number } | null;

function identityOf(file: string): Identity {
  try {
    const stat = fs.statSync(file);
    return { dev: stat.dev, ino: stat.ino };
  } catch {
    return null;
  }
}

/**
 * Pages the WAL may hold before a commit copies them into the database file (SQLite's default is 1,000). A
 * checkpoint copies every page changed since the last one and syncs twice, inside whichever commit crosses
 * the line: ten times fewer, each copying a hot page (an index, the outbox) once instead of ten times, took
 * the floor bench's write path from 747 to 332 ms of commit time (issue 13). About 40 MB of WAL at most.
 */
const WAL_PAGES = 10_000;
/**
 * And a checkpoint at least this often. With `synchronous=NORMAL` only a checkpoint syncs the WAL to disk,
 * so this is what bounds how much a power cut can undo: about a minute of changes, also on a quiet day, when
 * even 1,000 pages would take hours to fill. Off the request path (a timer), and a no-op with nothing new.
 */
const CHECKPOINT_EVERY_MS = 60_000;

/**
 * Opens (and creates with its folder) the SQLite file: WAL, foreign keys on, a busy timeout for concurrent
 * writers.
 *
 * SQLite keeps writing to an open file after its folder is deleted or the file is replaced, so every
 * "saved" would be lost at the next start. The handle therefore remembers which file (device and inode) it
 * opened, and every write transaction — drizzle's and better-sqlite3's — first checks that the path still
 * names it, throwing DatabaseFileGone (and rolling back) when not. Health reports the same check.
 */
export interface OpenOptions {
  /**
   * Checkpoints on a worker thread a moment after each commit (./checkpointer.ts) instead of inside the commit
   * that crosses the line: for the bot, whose requests should not wait for them. Short-lived CLI runs leave it.
   */
  backgroundCheckpoints?: boolean;
  /**
   * The writes of one turn of the event loop share one transaction, each in a savepoint of its own
   * (./group-commit.ts): for the bot, whose acks wait for the commit. Short-lived CLI runs leave it, since
   * they may exit before the turn ends.
   */
  groupCommit?: boolean;
  /**
   * Learns of other processes' commits from the WAL file's changes (./commit-watch.ts) instead of asking
   * SQLite on every cached read: for the bot, whose reads are most of its requests.
   */
  watchCommits?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): DatabaseHandle {
  const inMemory = file === ':memory:';
  if (!inMemory) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // Each command of a commit group runs in a savepoint, whose journal SQLite spills to a temp file (opened,
  // unlinked, written, closed: about 80 µs of a write, issue 13) past 64 KiB; in memory it never does.
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma(`wal_autocheckpoint = ${WAL_PAGES}`);
  const checkpoints = inMemory
    ? null
    : setInterval(() => {
        if (sqlite.open && !sqlite.inTransaction) sqlite.pragma('wal_checkpoint(PASSIVE)');
      }, CHECKPOINT_EVERY_MS);
  checkpoints?.unref();
  const checkpointer = options.backgroundCheckpoints && !inMemory ? startCheckpointer(file) : null;
  const commitWatch = options.watchCommits && !inMemory ? watchCommits(sqlite, file) : null;
  const opened = inMemory ? null : identityOf(file);

  const intact = (): boolean => {
    if (inMemory) return true;
    const now = identityOf(file);
    return now !== null && opened !== null && now.dev === opened.dev && now.ino === opened.ino;
  };
  const assertIntact = () => {
    if (!intact()) throw new DatabaseFileGone(file);
  };

  // Checked inside the transaction, so a refused write is rolled back like any other failure.
  const rawTransaction = sqlite.transaction.bind(sqlite);
  // Whether the transaction function about to run begins a transaction (true) or a savepoint inside one.
  let outermost = true;
  // Every transaction begins IMMEDIATE: it takes the write lock at BEGIN, and when another process (a `cx
  // job`, a second bot during a deploy) holds it, waits for it (busy_timeout). A deferred one that read before
  // its first write fails at once with SQLITE_BUSY_SNAPSHOT if that process committed in between — the busy
  // timeout cannot help it. Drizzle begins its transactions `.deferred` unless told otherwise, so here that
  // name begins IMMEDIATE too; a read-only snapshot, which must never hold up a writer, is `handle.read`.
  // Inside another transaction each of them is a savepoint, as before.
  sqlite.transaction = ((fn: (...args: unknown[]) => unknown) => {
    const tx = rawTransaction((...args: unknown[]) => {
      // Once per transaction: a savepoint inside one (each command of a commit group) was checked with it.
      if (outermost) assertIntact();
      return fn(...args);
    });
    const begin =
      (mode: (...args: unknown[]) => unknown) =>
      (...args: unknown[]) => {
        outermost = !sqlite.inTransaction;
        return mode(...args);
      };
    const immediate = begin(tx.immediate);
    return Object.assign(immediate, {
      default: immediate,
      deferred: immediate,
      immediate,
      exclusive: begin(tx.exclusive),
      database: sqlite,
    });
  }) as typeof sqlite.transaction;

  // Drizzle's transactions run through `sqlite.transaction` (its session calls the client's), so the check
  // above covers them too: one stat per write transaction, not two.
  const db = drizzle(sqlite, { schema });
  const inTransaction = sqlite.transaction((work: (db: Db) => unknown) => work(db));
  const inSnapshot = rawTransaction((work: (db: Db) => unknown) => work(db));

  // The group's BEGIN is where its commands' transaction begins: checked there, once for all of them.
  const group = options.groupCommit ? createCommitGroup(sqlite, assertIntact) : null;

  return {
    db,
    write: <T>(work: (db: Db) => T) => {
      group?.join();
      return inTransaction(work) as T;
    },
    pendingCommit: () => group?.pending() ?? null,
    afterCommit: (fn) => {
      if (group) group.afterCommit(fn);
      else fn();
    },
    read: <T>(work: (db: Db) => T) => inSnapshot.deferred(work) as T,
    sqlite,
    path: file,
    checkpointer,
    healthy: () => {
      if (!sqlite.open || !intact()) return false;
      try {
        sqlite.prepare('select 1').get();
        return true;
      } catch {
        return false;
      }
    },
    close: () => {
      if (sqlite.open) group?.flush();
      if (checkpoints) clearInterval(checkpoints);
      checkpointer?.stop();
      commitWatch?.close();
      if (sqlite.open) sqlite.close();
    },
  };
}

type DrizzleTx = Parameters<Parameters<Db['transaction']>[0]>[0];
/**
 * Where a change runs: a drizzle transaction, or the plain db inside `handle.write`. Repositories accept
 * either (or the plain db outside any), so callers choose the transaction.
 */
export type Tx = Db | DrizzleTx;
export type Executor = Tx;
