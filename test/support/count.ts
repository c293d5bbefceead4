/** Anything that runs SQL the better-sqlite3 way (`handle.sqlite`, a read-only copy). */
interface Sqlite {
  prepare(sql: string): { get(...args: unknown[]): unknown };
}

/** Rows in `table`, which may carry a condition: `count(db, "history where kind = 'done'")`. */
export function count(db: Sqlite, table: string, ...args: unknown[]): number {
  return (db.prepare(`select count(*) as n from ${table}`).get(...args) as { n: number }).n;
}
