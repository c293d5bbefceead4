import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { z } from 'zod';
import type { UserDirectory } from './app/context.js';
import { buildExportCsv } from './app/export-csv.js';
import { storeFeed } from './app/metric-feed.js';
import { type Names, namesOf } from './app/users.js';
import { type DatabaseHandle, openDatabase } from './db/client.js';
import { runMigrations } from './db/migrate.js';
import { type ExportRows, readExportRows } from './db/repositories/export-repo.js';
import { isValidTimeZone, localDate } from './domain/dates.js';
import { parseFeedCsv } from './domain/metric-feed.js';

/**
 * The operator CLI: `npm run cx -- <command>`. It needs only the database: besides DATABASE_PATH, `export`
 * reads the bot token (and SLACK_API_URL) to look owners' names up, and goes without names when it has none;
 * `job` reads the bot's whole configuration. stdout carries only the answer (the CSV), stderr the rest.
 * Exit codes: 0 success, 1 failure, 2 usage or configuration error.
 */

export const DEFAULT_DATABASE_PATH = './data/cx-bridge.sqlite';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A job run by hand: `now` is the moment it believes it is (`--at`, else the real time). */
export type JobFn<D> = (deps: D, now: Date) => Promise<void>;

export interface CliOptions<D> {
  env: Readonly<Record<string, string | undefined>>;
  /** Relative paths (DATABASE_PATH, backup and export files) are resolved against this folder. */
  cwd: string;
  /** The scheduled jobs that `job <name>` can run; the scheduler adds its entries here. */
  jobs: Readonly<Record<string, JobFn<D>>>;
  /** Builds what a job needs from the migrated database. */
  jobDeps: (database: DatabaseHandle) => D | Promise<D>;
  stdout: Pick<NodeJS.WritableStream, 'write'>;
  stderr: Pick<NodeJS.WritableStream, 'write'>;
}

/** A mistake in how the CLI was called or configured: exit 2, one line, no stack. */
class UsageError extends Error {}

/** Backups go through SQLite's online backup API in a single step, i.e. one read transaction. */
const ALL_PAGES = 0x7fffffff;

// Empty counts as unset, like in a `.env` file with `DATABASE_PATH=`.
const setOrUndefined = z
  .string()
  .optional()
  .transform((value) => value?.trim() || undefined);

const envSchema = z.object({
  DATABASE_PATH: setOrUndefined.transform((value) => value ?? DEFAULT_DATABASE_PATH),
  SLACK_BOT_TOKEN: setOrUndefined,
  SLACK_API_URL: setOrUndefined.transform((value) => {
    const url = value ?? 'https://slack.com/api/';
    return url.endsWith('/') ? url : `${url}/`;
  }),
  // `metrics import`: "today" (a row without a date) is a day in the bot's zone.
  CX_TIMEZONE: setOrUndefined.transform((value) => value ?? 'UTC'),
  // Set by `npm run`: without -s npm has printed its own lines to stdout before the CLI started.
  npm_lifecycle_event: setOrUndefined,
  npm_config_loglevel: setOrUndefined,
});
type CliEnv = z.output<typeof envSchema>;

const fileArg = (message: string) => z.string({ error: message }).trim().min(1, { error: message });

const backupSchema = z.object({
  file: fileArg('backup needs a destination file: npm run cx -- backup <file>'),
});
const exportSchema = z.object({ out: fileArg('--out needs a file name').optional() });
const metricsSchema = z.object({
  sub: z.literal('import', {
    error: 'metrics needs a subcommand: npm run cx -- metrics import <file.csv>',
  }),
  file: fileArg('metrics import needs a CSV file: npm run cx -- metrics import <file.csv>'),
});
const jobSchema = z.object({
  name: z
    .string({ error: 'job needs a name: npm run cx -- job <name> [--at <ISO-8601>]' })
    .trim()
    .min(1, { error: 'job needs a name' }),
  at: z.iso
    .datetime({
      offset: true,
      error: (issue) =>
        `--at must be an ISO-8601 date-time with a zone, e.g. 2026-03-06T14:00:00Z or 2026-03-06T14:00:00+01:00 (got '${String(issue.input)}')`,
    })
    .transform((value) => new Date(value))
    .optional(),
});

function usage(jobNames: readonly string[]): string {
  return `CX Bridge operator CLI

Usage: npm run -s cx -- <command> [options]    (-s keeps npm's own lines off stdout)

Commands:
  migrate                   apply pending database migrations and exit
  backup <file>             consistent online backup of the database, safe while the bot runs;
                            never overwrites an existing file
  export [--out <file>]     CSV of initiatives and actions (UTF-8 with BOM, owners by ID and name),
                            to stdout or to <file>; owner names need SLACK_BOT_TOKEN or an earlier look-up
  metrics import <file.csv> [--at <ISO>]
                            metric values from another system, columns initiative,metric,value,date
                            (date YYYY-MM-DD, empty: today in CX_TIMEZONE); all rows or none
  job <name> [--at <ISO>]   run one scheduled job now; --at is the moment the job believes it is,
                            with a zone, e.g. 2026-03-06T14:00:00Z
                            jobs: ${jobNames.length > 0 ? jobNames.join(', ') : '(none yet)'}
  help                      show this help

Environment: DATABASE_PATH (default ${DEFAULT_DATABASE_PATH}; the sandbox's is ./data/sandbox.sqlite);
a .env file in the working folder supplies variables that are not set.
Exit codes: 0 success, 1 failure, 2 usage or configuration error.
`;
}

/** Validates with zod and turns the first problem into a one-line usage error. */
function parseWith<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw new UsageError(result.error.issues[0]?.message ?? 'invalid arguments');
  return result.data;
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

interface CommandArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

function parseCommandArgs(
  command: string,
  args: readonly string[],
  options: OptionSpec,
  maxPositionals: number,
): CommandArgs {
  let parsed: CommandArgs;
  try {
    parsed = parseArgs({
      args: [...args],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // Node's messages go on to explain `--`; the first sentence is the useful part.
    const first = (error instanceof Error ? error.message : String(error)).split('. ')[0] ?? '';
    throw new UsageError(`${command}: ${first.replace(/\.$/, '')}`);
  }
  const extra = parsed.positionals.slice(maxPositionals);
  if (extra.length > 0) throw new UsageError(`${command}: unexpected argument '${extra[0]}'`);
  return parsed;
}

function stringOption(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function requireExistingDatabase(file: string): void {
  if (!fs.existsSync(file)) {
    throw new UsageError(
      `no database at ${file} (set DATABASE_PATH, or run \`npm run cx -- migrate\` first)`,
    );
  }
}

function appliedMigrations(sqlite: Database.Database): number {
  const table = sqlite
    .prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
    .get();
  if (!table) return 0;
  return (sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n;
}

function removeQuietly(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
}

function migrateCommand(databaseFile: string, out: (line: string) => void): void {
  const handle = openDatabase(databaseFile);
  try {
    const before = appliedMigrations(handle.sqlite);
    runMigrations(handle);
    const applied = appliedMigrations(handle.sqlite) - before;
    out(
      applied > 0
        ? `applied ${applied} migration(s); ${databaseFile} is up to date`
        : `${databaseFile} is already up to date`,
    );
  } finally {
    handle.close();
  }
}

async function backupCommand(databaseFile: string, destination: string, out: (line: string) => void) {
  requireExistingDatabase(databaseFile);
  if (fs.existsSync(destination)) {
    throw new UsageError(`refusing to overwrite ${destination}: choose a new file name or remove it first`);
  }
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  // Written beside the destination and linked into place only once complete and checked, so a file at the
  // destination is always a whole backup, and one that appeared meanwhile is still never overwritten.
  const partial = `${destination}.partial-${process.pid}`;
  removeQuietly(partial);
  const handle = openDatabase(databaseFile);
  try {
    // One step copies every page inside a single read transaction: a consistent snapshot of committed data.
    // In WAL mode that read never blocks the bot's writers, and they never force the copy to restart.
    const { totalPages } = await handle.sqlite.backup(partial, { progress: () => ALL_PAGES });
    const copy = new Database(partial);
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`the copy failed its integrity check: ${String(check)}`);
    } finally {
      copy.close();
    }
    try {
      fs.linkSync(partial, destination);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new UsageError(`refusing to overwrite ${destination}: it appeared while the backup ran`);
      }
      if (fs.existsSync(destination)) throw error;
      // File systems without hard links: a plain rename, right after the existence check.
      fs.renameSync(partial, destination);
    }
    const bytes = fs.statSync(destination).size;
    out(`backup written to ${destination} (${totalPages} pages, ${bytes} bytes, integrity ok)`);
  } finally {
    handle.close();
    removeQuietly(partial);
  }
}

/** "2 initiatives", "1 action": the CLI's own plain-text plural (Slack texts use count()). */
function plural(n: number, one: string, other: string): string {
  return `${n} ${n === 1 ? one : other}`;
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
async function ownerNames(handle: DatabaseHandle, owners: readonly string[], env: CliEnv): Promise<Names> {
  let directory: UserDirectory | null = null;
  if (env.SLACK_BOT_TOKEN) {
    const { cliUserDirectory } = await import('./runtime/cli-directory.js');
    directory = cliUserDirectory(env.SLACK_API_URL, env.SLACK_BOT_TOKEN);
  }
  return namesOf({ handle, now: new Date(), directory }, owners);
}

async function exportCommand(
  databaseFile: string,
  outFile: string | undefined,
  env: CliEnv,
  options: Pick<CliOptions<unknown>, 'stdout' | 'stderr'>,
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
      rows = readExportRows(handle.db);
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
    options.stdout.write(`exported ${summary} to ${outFile}\n`);
  } finally {
    target?.discard();
  }
}

/**
 * `metrics import <file.csv>`: the rules of POST /api/metrics (all rows or none, one problem per bad row,
 * the same initiative, metric and day replaces), recorded as coming from an import.
 */
async function metricsImportCommand(
  databaseFile: string,
  file: string,
  now: Date,
  env: CliEnv,
  options: Pick<CliOptions<unknown>, 'stdout' | 'stderr'>,
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
    return EXIT_FAILURE;
  };
  if (!parsed.ok) return refuse(parsed.problems);
  const handle = openDatabase(databaseFile);
  try {
    runMigrations(handle);
    const outcome = storeFeed(handle.db, parsed.items, 'import', now, env.CX_TIMEZONE);
    if (!outcome.ok) return refuse(outcome.problems.map((p) => `line ${p.item + 2}: ${p.problem}`));
    options.stdout.write(`stored ${plural(outcome.stored, 'value', 'values')} from ${file}\n`);
    return EXIT_OK;
  } finally {
    handle.close();
  }
}

async function jobCommand<D>(
  databaseFile: string,
  name: string,
  at: Date | undefined,
  options: CliOptions<D>,
) {
  const known = Object.keys(options.jobs).sort();
  const job = Object.hasOwn(options.jobs, name) ? options.jobs[name] : undefined;
  if (!job) {
    throw new UsageError(
      `unknown job '${name}'; known jobs: ${known.length > 0 ? known.join(', ') : '(none yet)'}`,
    );
  }
  // A job posts to every bound channel: on a mistyped DATABASE_PATH it must not start a fresh, empty install.
  requireExistingDatabase(databaseFile);
  const now = at ?? new Date();
  const handle = openDatabase(databaseFile);
  try {
    runMigrations(handle);
    await job(await options.jobDeps(handle), now);
  } finally {
    handle.close();
  }
  options.stdout.write(`job ${name} done for ${now.toISOString()}\n`);
}

/**
 * `npm run cx -- export > f.csv` puts npm's own `> cx-bridge@… cx` lines into the file before the CSV, and
 * the CLI cannot take them back: it says so, and how to avoid it, when its stdout is not a terminal.
 */
function warnAboutNpmBanner(env: CliEnv, options: Pick<CliOptions<unknown>, 'stdout' | 'stderr'>): void {
  if (env.npm_lifecycle_event !== 'cx' || env.npm_config_loglevel === 'silent') return;
  if ((options.stdout as { isTTY?: boolean }).isTTY) return;
  options.stderr.write(
    "cx: warning: npm wrote its own '> cx-bridge' lines to stdout before the CSV; use `npm run -s cx -- export > file.csv` or `--out file.csv`\n",
  );
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.replace(/\s*\n\s*/g, ' ').trim() || 'unknown error';
  return /no such table|no such column/i.test(line)
    ? `${line} (is the database migrated? run \`npm run cx -- migrate\`)`
    : line;
}

/** Runs one CLI command and returns its exit code; never throws. */
export async function runCli<D>(argv: readonly string[], options: CliOptions<D>): Promise<number> {
  const [command, ...rest] = argv;
  const jobNames = Object.keys(options.jobs).sort();
  const err = (line: string) => options.stderr.write(`cx: ${line}\n`);
  const out = (line: string) => options.stdout.write(`${line}\n`);

  if (command === undefined) {
    options.stderr.write(usage(jobNames));
    return EXIT_USAGE;
  }
  const showHelp = () => {
    options.stdout.write(usage(jobNames));
    return EXIT_OK;
  };
  if (command === 'help' || command === '--help' || command === '-h') return showHelp();

  try {
    const env = parseWith(envSchema, options.env);
    const databaseFile = path.resolve(options.cwd, env.DATABASE_PATH);
    const resolve = (file: string) => path.resolve(options.cwd, file);

    switch (command) {
      case 'migrate': {
        const { values } = parseCommandArgs(command, rest, {}, 0);
        if (values.help) return showHelp();
        migrateCommand(databaseFile, out);
        return EXIT_OK;
      }
      case 'backup': {
        const { values, positionals } = parseCommandArgs(command, rest, {}, 1);
        if (values.help) return showHelp();
        const { file } = parseWith(backupSchema, { file: positionals[0] });
        await backupCommand(databaseFile, resolve(file), out);
        return EXIT_OK;
      }
      case 'export': {
        const { values } = parseCommandArgs(command, rest, { out: { type: 'string', short: 'o' } }, 0);
        if (values.help) return showHelp();
        const args = parseWith(exportSchema, { out: stringOption(values.out) });
        if (args.out === undefined) warnAboutNpmBanner(env, options);
        await exportCommand(
          databaseFile,
          args.out === undefined ? undefined : resolve(args.out),
          env,
          options,
        );
        return EXIT_OK;
      }
      case 'metrics': {
        const { values, positionals } = parseCommandArgs(command, rest, { at: { type: 'string' } }, 2);
        if (values.help) return showHelp();
        const args = parseWith(metricsSchema, { sub: positionals[0], file: positionals[1] });
        const { at } = parseWith(jobSchema.pick({ at: true }), { at: stringOption(values.at) });
        return await metricsImportCommand(databaseFile, resolve(args.file), at ?? new Date(), env, options);
      }
      case 'job': {
        const { values, positionals } = parseCommandArgs(command, rest, { at: { type: 'string' } }, 1);
        if (values.help) return showHelp();
        const args = parseWith(jobSchema, { name: positionals[0], at: stringOption(values.at) });
        await jobCommand(databaseFile, args.name, args.at, options);
        return EXIT_OK;
      }
      default:
        err(`unknown command '${command}' (run \`npm run cx -- help\` for usage)`);
        return EXIT_USAGE;
    }
  } catch (error) {
    if (error instanceof UsageError) {
      err(error.message);
      return EXIT_USAGE;
    }
    err(`${command} failed: ${oneLine(error)}`);
    return EXIT_FAILURE;
  }
}

/** `.env` in the working folder supplies variables that are not set; set ones (even empty) win. */
function loadDotEnv(cwd: string): void {
  const file = path.join(cwd, '.env');
  if (fs.existsSync(file)) process.loadEnvFile(file);
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return fs.realpathSync(entry) === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  // A reader that stops early (`| head`) closes the pipe: its choice, not a failure worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') process.stderr.write(`cx: cannot write to stdout: ${oneLine(error)}\n`);
    process.exit(error.code === 'EPIPE' ? EXIT_OK : EXIT_FAILURE);
  });
  // Loaded only when run as a program: tests of runCli bring their own jobs.
  const { cliJobDeps, cliJobs } = await import('./runtime/cli-jobs.js');
  const { JOBS } = await import('./jobs/index.js');
  const cwd = process.cwd();
  let envLoaded = true;
  try {
    loadDotEnv(cwd);
  } catch (error) {
    process.stderr.write(`cx: cannot read ${path.join(cwd, '.env')}: ${oneLine(error)}\n`);
    process.exitCode = EXIT_USAGE;
    envLoaded = false;
  }
  if (envLoaded) {
    // Set the exit code rather than calling process.exit(), so a large CSV on a pipe is flushed first.
    process.exitCode = await runCli(process.argv.slice(2), {
      env: process.env,
      cwd,
      jobs: cliJobs(JOBS, (line) => process.stdout.write(`${line}\n`)),
      jobDeps: cliJobDeps(process.env, JOBS, (message) => new UsageError(message)),
      stdout: process.stdout,
      stderr: process.stderr,
    });
  }
}
