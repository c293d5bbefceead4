import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { DatabaseHandle } from './client.js';

/** Resolved from this file, not the working folder, so `npm start` works from anywhere. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

/**
 * Applies pending migrations. Foreign keys are switched off around the run because drizzle's migrator
 * wraps everything in a transaction where `PRAGMA foreign_keys=OFF` is ignored, and a table rebuild would
 * otherwise cascade into child rows (drizzle-orm #5782). Integrity is checked before they go back on.
 */
export function runMigrations(handle: DatabaseHandle): void {
  const { sqlite, db } = handle;
  sqlite.pragma('foreign_keys = OFF');
  try {
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    const problems = sqlite.pragma('foreign_key_check') as unknown[];
    if (problems.length > 0) {
      throw new Error(`migration left ${problems.length} foreign key violation(s)`);
    }
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
}
