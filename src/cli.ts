import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { type DatabaseHandle, openDatabase } from './db/client.js';
import { runMigrations } from './db/migrate.js';
import { appliedMigrations, oneLine, requireExistingDatabase, UsageError } from './runtime/cli-common.js';
import { exportCommand } from './runtime/cli-export.js';
import { metricsImportCommand } from './runtime/cli-metrics.js';

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
