import type { Executor } from './client.js';

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
