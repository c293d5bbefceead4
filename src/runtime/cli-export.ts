/** `cx export`: the CSV of initiatives and actions (and requests), with owners' names, on stdout or to a file. */
import fs from 'node:fs';
import path from 'node:path';
import type { UserDirectory } from '../app/context.js';
import { buildExportCsv } from '../app/export-csv.js';
import { type Names, namesOf } from '../app/users.js';
import { type DatabaseHandle, openDatabase } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { type ExportRows, readExportRows } from '../db/repositories/export-repo.js';
import { appliedMigrations, oneLine, plural, requireExistingDatabase, UsageError } from './cli-common.js';

/** What export needs of the environment: the bot token and API URL, for owners' names. */
export interface ExportEnv {
  SLACK_BOT_TOKEN?: string | undefined;
  SLACK_API_URL: string;
}

/** Where export writes: stdout carries only the CSV, stderr the rest. */
export interface Output {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** An error from writing the export file, in words, naming the file the operator asked for. */
function cannotWrite(file: string, error: unknown): Error {
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EISDIR: 'it is a folder',
    EROFS: 'the file system is read-only',
    ENOSPC: 'no space left on the device',
  };
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return new Error(`cannot write ${file}: ${reasons[code] ?? oneLine(error)}`);
}

/**
 * The file behind `--out`, written atomically: a temporary file beside it, renamed into place once complete,
 * so `file` is either the old one or the whole new export. Opened before the export starts, so a path that
 * cannot be written fails before any Slack look-up.
 */
function atomicFile(file: string) {
  const partial = `${file}.partial-${process.pid}`;
  let fd: number;
  try {
    if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) {
      throw new UsageError(
        `--out ${file} is a folder: name a file, e.g. ${path.join(file, 'cx-export.csv')}`,
      );
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fd = fs.openSync(partial, 'w');
  } catch (error) {
    throw error instanceof UsageError ? error : cannotWrite(file, error);
  }
  return {
    commit(text: string) {
      try {
        fs.writeFileSync(fd, text);
        fs.fsyncSync(fd);
        fs.closeSync(fd);
        fd = -1;
        fs.renameSync(partial, file);
      } catch (error) {
        throw cannotWrite(file, error);
      }
    },
    /** Removes the temporary file unless it was renamed into place. */
    discard() {
      if (fd >= 0) fs.closeSync(fd);
      fs.rmSync(partial, { force: true });
    },
  };
}

/** Owner names from the cache, and from Slack when the bot token is set (loaded only then: it is slow). */
async function ownerNames(handle: DatabaseHandle, owners: readonly string[], env: ExportEnv): Promise<Names> {
  let directory: UserDirectory | null = null;
  if (env.SLACK_BOT_TOKEN) {
    const { cliUserDirectory } = await import('./cli-directory.js');
    directory = cliUserDirectory(env.SLACK_API_URL, env.SLACK_BOT_TOKEN);
  }
  return namesOf({ handle, now: new Date(), directory }, owners);
}

export async function exportCommand(
  databaseFile: string,
  outFile: string | undefined,
  env: ExportEnv,
  options: Output,
) {
  requireExistingDatabase(databaseFile);
  const target = outFile === undefined ? null : atomicFile(outFile);
  try {
    const handle = openDatabase(databaseFile);
    let rows: ExportRows;
    let owners: string[];
    let names: Names;
    try {
      // A database the bot has not yet opened since an update lacks the name cache's column; one that
      // was never migrated is not touched (reading it fails with the hint to migrate).
      if (appliedMigrations(handle.sqlite) > 0) runMigrations(handle);
      rows = readExportRows(handle);
      owners = [...new Set([...rows.initiatives, ...rows.actions].map((row) => row.ownerId))];
      names = await ownerNames(handle, owners, env);
    } finally {
      handle.close();
    }
    const unnamed = owners.filter((id) => !names.names.has(id)).length;
    if (unnamed > 0) {
      const why = names.problem
        ? `Slack could not be asked (${oneLine(names.problem)})`
        : env.SLACK_BOT_TOKEN
          ? 'Slack does not know them'
          : 'SLACK_BOT_TOKEN is not set, so Slack was not asked';
      const have = unnamed === 1 ? 'has' : 'have';
      options.stderr.write(
        `cx: warning: ${unnamed} of ${plural(owners.length, 'owner', 'owners')} ${have} no name in the export: ${why}\n`,
      );
    }
    const csv = buildExportCsv(rows, names.names);
    const summary = `${plural(rows.initiatives.length, 'initiative', 'initiatives')} and ${plural(rows.actions.length, 'action', 'actions')}`;
    if (!target) {
      options.stdout.write(csv);
      return;
    }
    target.commit(csv);
    // stdout carries only the CSV (none here: it went to the file); what was done is a message, on stderr.
    options.stderr.write(`exported ${summary} to ${outFile}\n`);
  } finally {
    target?.discard();
  }
}
