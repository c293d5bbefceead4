/**
 * Knowing that another process committed, without asking SQLite on every read. The read cache
 * (prepared.ts, dataVersion) must drop its answers when a `cx` CLI run commits to the same file. Asking
 * SQLite (`PRAGMA data_version`) opens a read transaction: a lock on the WAL index, a look at the file's size
 * and an unlock, three system calls and about 10 µs of every cached read (issue 13). Every commit in WAL mode
 * writes to the `-wal` file, so the bot watches that file instead (inotify on Linux) and counts its changes.
 *
 * Why a count bumped by an event is not stale: the kernel queues the event while the other process writes,
 * before its commit returns. A request that could know of that commit (sent after the CLI run finished)
 * reaches the event loop after the event: the loop learns of ready files in the order they became ready, and
 * runs the watch's callback first. Its own commits bump the count too (harmless: the cache recomputes once).
 *
 * When the watch cannot be trusted — it failed to start, errored, or the file was replaced — it says so, and
 * the cache asks SQLite on every read again, as before.
 */
import fs from 'node:fs';
import type Database from 'better-sqlite3';

export interface CommitWatch {
  /** Changes seen to the `-wal` file so far. */
  readonly generation: number;
  /** False once the watch can no longer see every commit: the reader asks SQLite instead. */
  readonly trusted: boolean;
  close(): void;
}

const watches = new WeakMap<Database.Database, CommitWatch>();

/** The watch of a connection's file, if the handle started one (openDatabase's `watchCommits`). */
export function commitWatchOf(sqlite: Database.Database): CommitWatch | undefined {
  return watches.get(sqlite);
}

/** Starts watching `file`'s WAL for `sqlite` (a file database in WAL mode, already opened). */
export function watchCommits(sqlite: Database.Database, file: string): CommitWatch {
  let generation = 0;
  let trusted = false;
  let watcher: fs.FSWatcher | null = null;
  const distrust = () => {
    trusted = false;
    watcher?.close();
    watcher = null;
  };
  try {
    // The WAL file exists once the connection has read in WAL mode.
    sqlite.prepare('select count(*) from sqlite_master').get();
    watcher = fs.watch(`${file}-wal`, { persistent: false }, (event) => {
      generation++;
      // A rename: the file we watch is no longer the WAL (deleted or replaced); later commits go elsewhere.
      if (event === 'rename') distrust();
    });
    watcher.on('error', distrust);
    trusted = true;
  } catch {
    distrust();
  }
  const watch: CommitWatch = {
    get generation() {
      return generation;
    },
    get trusted() {
      return trusted;
    },
    close: () => {
      distrust();
      watches.delete(sqlite);
    },
  };
  watches.set(sqlite, watch);
  return watch;
}
