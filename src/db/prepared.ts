import type Database from 'better-sqlite3';
import { type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Executor } from './client.js';
import { commitWatchOf } from './commit-watch.js';

/**
 * Statements built and prepared once per connection, then reused: for our small queries, drizzle's query
 * building and SQLite's prepare cost more than running them (issue 13's profile). A drizzle transaction
 * shares its database's session — one better-sqlite3 connection — so a statement prepared through either
 * serves both; a new connection (a new DatabaseHandle) gets its own statements.
 *
 * Use `sql.placeholder(name)` for every value that changes between calls; `name` must be unique per query.
 */
const bySession = new WeakMap<object, Map<string, unknown>>();

export function prepared<T>(db: Executor, name: string, build: (db: Executor) => T): T {
  // `session` is drizzle's (internal) per-connection object; the transaction carries the same one.
  const session = (db as unknown as { session: object }).session;
  let cache = bySession.get(session);
  if (!cache) {
    cache = new Map();
    bySession.set(session, cache);
  }
  let statement = cache.get(name) as T | undefined;
  if (statement === undefined) {
    statement = build(db);
    cache.set(name, statement);
  }
  return statement;
}

/**
 * `column in (the ids)` for a prepared statement: the list goes in as one JSON array in the placeholder `ids`
 * (`JSON.stringify(ids)`), so one statement serves any number of ids. Drizzle's `inArray` writes one
 * parameter per id: a new SQL text, built and prepared again, for every length.
 */
export const inIdList = (column: SQLiteColumn): SQL =>
  sql`${column} in (select value from json_each(${sql.placeholder('ids')}))`;

/**
 * A hand-written query prepared once per connection, answering rows as arrays (`raw`): for a hot query whose
 * SQL drizzle would otherwise build and SQLite prepare again on every call. Values go in as `@name` parameters.
 */
export function preparedRaw(db: Executor, name: string, text: string): Database.Statement {
  return prepared(db, `raw:${name}`, (d) =>
    (d as unknown as { session: { client: Database.Database } }).session.client.prepare(text).raw(),
  );
}

interface VersionStatements {
  changes: Database.Statement;
  version: Database.Statement;
}
const versionStatements = new WeakMap<Database.Database, VersionStatements>();

/**
 * A number that changes whenever the database may have changed: every row this connection inserted, updated
 * or deleted (SQLite's total_changes(), which no write can skip — no repository has to remember to bump
 * it), and every commit by another connection to the same file (`PRAGMA data_version`, e.g. a `cx` CLI
 * run; or, when the handle watches its WAL file, the count of that file's changes: ./commit-watch.ts).
 * Answers cached by it are dropped by the next write of any kind. Null inside an open transaction: what
 * is read there may still be rolled back, so it must not be cached.
 */
export function dataVersion(sqlite: Database.Database): string | null {
  if (sqlite.inTransaction) return null;
  let statements = versionStatements.get(sqlite);
  if (!statements) {
    // Two statements: the pragma on its own runs in about half the time of one query selecting both
    // through the pragma_data_version table function, and this runs on every cached read.
    statements = {
      changes: sqlite.prepare('select total_changes()').pluck(),
      version: sqlite.prepare('pragma data_version').pluck(),
    };
    versionStatements.set(sqlite, statements);
  }
  const watch = commitWatchOf(sqlite);
  // Another process's commits: counted from the WAL file's changes when the bot watches it, else asked.
  const others = watch?.trusted ? `w${watch.generation}` : String(statements.version.get() as number);
  return `${statements.changes.get() as number}:${others}`;
}

interface VersionCache {
  version: string;
  answers: Map<string, unknown>;
}
const caches = new WeakMap<Database.Database, VersionCache>();
/** Enough for every department's list and the initiatives people are looking at; more clears the lot. */
const MAX_ANSWERS = 500;

/**
 * A read's answer kept until the database changes (dataVersion): the same answer again costs one tiny query.
 * Inside a transaction it computes without caching. The answer is shared between callers: never change it.
 */
export function cachedByVersion<T>(sqlite: Database.Database, key: string, compute: () => T): T {
  const version = dataVersion(sqlite);
  if (version === null) return compute();
  let cache = caches.get(sqlite);
  if (!cache || cache.version !== version) {
    cache = { version, answers: new Map() };
    caches.set(sqlite, cache);
  }
  if (cache.answers.has(key)) return cache.answers.get(key) as T;
  const answer = compute();
  // Computing must not have written (a read); if it did, the version moved and this answer may be stale.
  if (dataVersion(sqlite) !== version) return answer;
  if (cache.answers.size >= MAX_ANSWERS) cache.answers.clear();
  cache.answers.set(key, answer);
  return answer;
}
