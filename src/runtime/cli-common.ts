/** What the operator CLI's commands share: its usage error, its one-line errors, and database checks. */
import fs from 'node:fs';
import type Database from 'better-sqlite3';

/** A mistake in how the CLI was called or configured: exit 2, one line. */
export class UsageError extends Error {}

export function requireExistingDatabase(file: string): void {
  if (!fs.existsSync(file)) {
    throw new UsageError(
      `no database at ${file} (set DATABASE_PATH, or run \`npm run cx -- migrate\` first)`,
    );
  }
}

export function appliedMigrations(sqlite: Database.Database): number {
  const table = sqlite
    .prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
    .get();
  if (!table) return 0;
  return (sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n;
}

/** An error on one line, with the hint to migrate where a table or column is missing. */
export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.replace(/\s*\n\s*/g, ' ').trim() || 'unknown error';
  return /no such table|no such column/i.test(line)
    ? `${line} (is the database migrated? run \`npm run cx -- migrate\`)`
    : line;
}

/** "2 initiatives", "1 action": the CLI's own plain-text plural (Slack texts use count()). */
export function plural(n: number, one: string, other: string): string {
  return `${n} ${n === 1 ? one : other}`;
}
