/** `cx metrics import <file.csv>`: metric values from another tool, by the rules of POST /api/metrics. */
import fs from 'node:fs';
import { storeFeed } from '../app/metric-feed.js';
import { openDatabase } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { isValidTimeZone, localDate } from '../domain/dates.js';
import { parseFeedCsv } from '../domain/metric-feed.js';
import { oneLine, plural, requireExistingDatabase, UsageError } from './cli-common.js';
import type { Output } from './cli-export.js';

/**
 * `metrics import <file.csv>`: the rules of POST /api/metrics (all rows or none, one problem per bad row,
 * the same initiative, metric and day replaces), recorded as coming from an import.
 */
export async function metricsImportCommand(
  databaseFile: string,
  file: string,
  now: Date,
  env: { CX_TIMEZONE: string },
  options: Output,
): Promise<number> {
  if (!isValidTimeZone(env.CX_TIMEZONE)) {
    throw new UsageError(`CX_TIMEZONE: '${env.CX_TIMEZONE}' is not an IANA time zone such as Europe/Berlin`);
  }
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `metrics import: no file ${file}`
        : `metrics import: cannot read ${file}: ${oneLine(error)}`,
    );
  }
  requireExistingDatabase(databaseFile);
  const parsed = parseFeedCsv(text, localDate(now, env.CX_TIMEZONE));
  const refuse = (problems: readonly string[]) => {
    for (const p of problems) options.stderr.write(`cx: metrics import: ${p}\n`);
    options.stderr.write(
      `cx: metrics import: nothing stored (${plural(problems.length, 'problem', 'problems')})\n`,
    );
    return 1;
  };
  if (!parsed.ok) return refuse(parsed.problems);
  const handle = openDatabase(databaseFile);
  try {
    runMigrations(handle);
    const outcome = storeFeed(handle.db, parsed.items, 'import', now, env.CX_TIMEZONE);
    if (!outcome.ok) return refuse(outcome.problems.map((p) => `line ${p.item + 2}: ${p.problem}`));
    options.stdout.write(`stored ${plural(outcome.stored, 'value', 'values')} from ${file}\n`);
    return 0;
  } finally {
    handle.close();
  }
}
