import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildExportCsv, csvCell } from '../src/app/export-csv.js';
import { type JobFn, runCli } from '../src/cli.js';
import { openDatabase } from '../src/db/client.js';
import { runMigrations } from '../src/db/migrate.js';
import { setBinding } from '../src/db/repositories/settings-repo.js';
import { JOBS } from '../src/jobs/index.js';
import { startEmulator } from '../src/sandbox/emulator/index.js';
import { parseCsv } from './support/csv.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const CLI = path.join(REPO, 'src', 'cli.ts');
// An absolute loader URL, so the CLI also runs from a working folder outside the repository (the .env test).
const TSX_LOADER = pathToFileURL(path.join(REPO, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  databasePath?: string;
  /** More variables (e.g. the bot's Slack settings for `job`). */
  env?: Record<string, string>;
  cwd?: string;
  /** Runs alongside the CLI process; `exited()` turns true once it has ended. Awaited before returning. */
  whileRunning?: (exited: () => boolean) => Promise<void>;
}

/** Spawns the real CLI with a minimal environment: no Slack variables, so none can be required. */
async function runCx(args: string[], options: RunOptions = {}): Promise<CliResult> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: os.tmpdir() };
  if (options.databasePath !== undefined) env.DATABASE_PATH = options.databasePath;
  Object.assign(env, options.env);
  const child = spawn(process.execPath, ['--import', TSX_LOADER, CLI, ...args], {
    cwd: options.cwd ?? REPO,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  let done = false;
  const exit = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      done = true;
      resolve(code);
    });
  });
  const side = options.whileRunning?.(() => done);
  const code = await exit;
  await side;
  return { code, stdout, stderr };
}

const T0 = Date.UTC(2026, 2, 6, 9, 30);

function insertInitiative(
  sqlite: Database.Database,
  values: { title: string; tier?: string; lead?: string; depts?: string[]; owner?: string },
): number {
  const result = sqlite
    .prepare(
      `insert into initiatives (title, tier, status, lead_dept, depts, owner_id, start_date, created_by, created_at, updated_at)
       values (?, ?, 'active', ?, ?, ?, '2026-03-01', ?, ?, ?)`,
    )
    .run(
      values.title,
      values.tier ?? 'important',
      values.lead ?? 'marketing',
      JSON.stringify(values.depts ?? [values.lead ?? 'marketing']),
      values.owner ?? 'U1',
      values.owner ?? 'U1',
      T0,
      T0,
    );
  return Number(result.lastInsertRowid);
}

function insertAction(
  sqlite: Database.Database,
  values: {
    initiativeId: number;
    title: string;
    dept?: string;
    due?: string | null;
    status?: string;
    completedAt?: number | null;
  },
): number {
  const result = sqlite
    .prepare(
      `insert into actions (initiative_id, title, owner_id, dept, due_date, status, last_activity_at, created_by, created_at, completed_at)
       values (?, ?, 'U2', ?, ?, ?, ?, 'U2', ?, ?)`,
    )
    .run(
      values.initiativeId,
      values.title,
      values.dept ?? 'sales',
      values.due ?? null,
      values.status ?? 'open',
      T0,
      T0,
      values.completedAt ?? null,
    );
  return Number(result.lastInsertRowid);
}

function tableNames(file: string): string[] {
  const sqlite = new Database(file, { readonly: true });
  try {
    return (sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[])
      .map((r) => r.name)
      .sort();
  } finally {
    sqlite.close();
  }
}

let dir: string;
let dbFile: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-cli-'));
  dbFile = path.join(dir, 'db', 'cx.sqlite');
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A migrated database at `dbFile`, seeded through `fill`, closed again before the CLI opens it. */
function seed(fill: (sqlite: Database.Database) => void = () => {}): void {
  const handle = openDatabase(dbFile);
  try {
    runMigrations(handle);
    fill(handle.sqlite);
  } finally {
    handle.close();
  }
}

describe('cx help and usage errors', () => {
  it('prints usage for help (exit 0) and for no command (exit 2, on stderr)', async () => {
    const help = await runCx(['help'], { databasePath: dbFile });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run -s cx -- <command>');
    for (const command of ['migrate', 'backup <file>', 'export [--out <file>]', 'job <name> [--at <ISO>]']) {
      expect(help.stdout).toContain(command);
    }
    const none = await runCx([], { databasePath: dbFile });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: npm run -s cx -- <command>');
    expect(fs.existsSync(dbFile)).toBe(false);
  });

  it('rejects an unknown command with exit 2 and one line', async () => {
    const result = await runCx(['frobnicate'], { databasePath: dbFile });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("cx: unknown command 'frobnicate' (run `npm run cx -- help` for usage)\n");
    expect(result.stdout).toBe('');
  });

  it('rejects unknown options and extra arguments with exit 2', async () => {
    const option = await runCx(['export', '--format', 'xml'], { databasePath: dbFile });
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/^cx: export: Unknown option '--format'\n$/);
    const extra = await runCx(['migrate', 'now'], { databasePath: dbFile });
    expect(extra.code).toBe(2);
    expect(extra.stderr).toBe("cx: migrate: unexpected argument 'now'\n");
  });
});

describe('cx migrate', () => {
  it('creates the database with its folder, and a second run changes nothing', async () => {
    const first = await runCx(['migrate'], { databasePath: dbFile });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^applied \d+ migration\(s\); .* is up to date\n$/);
    const tables = tableNames(dbFile);
    for (const table of ['initiatives', 'actions', 'history', 'outbox', 'meta', '__drizzle_migrations']) {
      expect(tables).toContain(table);
    }

    const second = await runCx(['migrate'], { databasePath: dbFile });
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(`${dbFile} is already up to date\n`);
    expect(tableNames(dbFile)).toEqual(tables);
  });

  it('keeps existing rows', async () => {
    seed((sqlite) => insertInitiative(sqlite, { title: 'Keep me' }));
    const result = await runCx(['migrate'], { databasePath: dbFile });
    expect(result.code).toBe(0);
    const sqlite = new Database(dbFile, { readonly: true });
    expect(sqlite.prepare('select title from initiatives').all()).toEqual([{ title: 'Keep me' }]);
    sqlite.close();
  });

  it('takes DATABASE_PATH from a .env file in the working folder, but a set variable wins', async () => {
    const cwd = path.join(dir, 'work');
    fs.mkdirSync(cwd);
    fs.writeFileSync(path.join(cwd, '.env'), 'DATABASE_PATH=./from-dotenv/cx.sqlite\nSLACK_BOT_TOKEN=\n');

    const fromFile = await runCx(['migrate'], { cwd });
    expect(fromFile.stderr).toBe('');
    expect(fromFile.code).toBe(0);
    expect(fs.existsSync(path.join(cwd, 'from-dotenv', 'cx.sqlite'))).toBe(true);

    const fromEnv = await runCx(['migrate'], { cwd, databasePath: dbFile });
    expect(fromEnv.code).toBe(0);
    expect(fs.existsSync(dbFile)).toBe(true);
  });
});

describe('cx backup', () => {
  it('writes a file, creating its folder, that opens and holds every committed row', async () => {
    seed((sqlite) => {
      const i1 = insertInitiative(sqlite, { title: 'Faster refunds', tier: 'essential' });
      const i2 = insertInitiative(sqlite, { title: 'One voice', lead: 'service', depts: ['service', 'it'] });
      insertAction(sqlite, { initiativeId: i1, title: 'Map the refund flow', due: '2026-04-01' });
      insertAction(sqlite, {
        initiativeId: i2,
        title: 'Shared macros',
        status: 'done',
        completedAt: T0 + 1000,
      });
    });
    const target = path.join(dir, 'backups', 'nested', 'cx-backup.sqlite');
    const result = await runCx(['backup', target], { databasePath: dbFile });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^backup written to .*cx-backup\.sqlite \(\d+ pages, \d+ bytes, integrity ok\)\n$/,
    );
    expect(fs.readdirSync(path.dirname(target))).toEqual(['cx-backup.sqlite']);

    const source = new Database(dbFile, { readonly: true });
    const copy = new Database(target, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      for (const table of ['initiatives', 'actions', '__drizzle_migrations']) {
        const all = `select * from ${table} order by 1`;
        expect(copy.prepare(all).all()).toEqual(source.prepare(all).all());
      }
      expect(copy.prepare('select count(*) as n from actions').get()).toEqual({ n: 2 });
    } finally {
      source.close();
      copy.close();
    }
  });

  it('is consistent while another connection keeps committing rows', async () => {
    const note = (id: number) => `row ${id} `.padEnd(1000, String(id % 10));
    // Enough pages that the copy is real work, while the writer below commits one row per transaction.
    seed((sqlite) => {
      const insert = sqlite.prepare(
        "insert into history (entity, entity_id, actor_id, at, kind, note) values ('I', ?, 'U1', ?, 'load', ?)",
      );
      sqlite.transaction(() => {
        for (let id = 1; id <= 3000; id++) insert.run(id, T0, note(id));
      })();
    });

    const writer = openDatabase(dbFile);
    const count = () => (writer.sqlite.prepare('select count(*) as n from history').get() as { n: number }).n;
    const insert = writer.sqlite.prepare(
      "insert into history (entity, entity_id, actor_id, at, kind, note) values ('I', ?, 'U1', ?, 'load', ?)",
    );
    const startCount = count();
    let written = 0;
    const target = path.join(dir, 'live-backup.sqlite');
    let result: CliResult;
    try {
      result = await runCx(['backup', target], {
        databasePath: dbFile,
        whileRunning: async (exited) => {
          // Separate autocommit transactions, yielding between them so the CLI's process runs alongside.
          while (!exited() || written < 100) {
            const id = startCount + written + 1;
            insert.run(id, T0, note(id));
            written++;
            await new Promise((resolve) => setTimeout(resolve, written % 10 === 0 ? 1 : 0));
          }
        },
      });
    } finally {
      writer.close();
    }
    const endCount = startCount + written;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(written).toBeGreaterThanOrEqual(100);

    const copy = new Database(target, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const { n, maxId } = copy.prepare('select count(*) as n, max(id) as maxId from history').get() as {
        n: number;
        maxId: number;
      };
      expect(n).toBeGreaterThanOrEqual(startCount);
      expect(n).toBeLessThanOrEqual(endCount);
      // A prefix of the commits: no gaps, and every row it has is whole.
      expect(maxId).toBe(n);
      const rows = copy.prepare('select entity_id as entityId, note from history order by id').all() as {
        entityId: number;
        note: string;
      }[];
      rows.forEach((row, index) => {
        expect(row.entityId).toBe(index + 1);
        expect(row.note).toBe(note(index + 1));
      });
    } finally {
      copy.close();
    }
  });

  it('refuses to overwrite an existing file (exit 2), leaving it untouched', async () => {
    seed();
    const target = path.join(dir, 'exists.sqlite');
    fs.writeFileSync(target, 'precious');
    const result = await runCx(['backup', target], { databasePath: dbFile });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `cx: refusing to overwrite ${target}: choose a new file name or remove it first\n`,
    );
    expect(fs.readFileSync(target, 'utf8')).toBe('precious');
    expect(fs.readdirSync(dir).sort()).toEqual(['db', 'exists.sqlite']);
  });

  it('needs a destination file (exit 2) and an existing database (exit 2)', async () => {
    seed();
    const missing = await runCx(['backup'], { databasePath: dbFile });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('cx: backup needs a destination file: npm run cx -- backup <file>\n');

    const noDatabase = path.join(dir, 'nothing-here.sqlite');
    const result = await runCx(['backup', path.join(dir, 'b.sqlite')], { databasePath: noDatabase });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`cx: no database at ${noDatabase}`);
    expect(fs.existsSync(noDatabase)).toBe(false);
  });
});

describe('cx export', () => {
  const tricky = {
    comma: 'Refunds, faster',
    quote: 'The "one voice" plan',
    newline: 'Line one\nLine two',
    formula: '=SUM(A1:A9)',
    plus: '+1 NPS',
    at: '@channel ping',
    minus: '-5% churn',
  };

  function seedTricky(): void {
    seed((sqlite) => {
      const i1 = insertInitiative(sqlite, {
        title: tricky.comma,
        tier: 'essential',
        lead: 'service',
        depts: ['service', 'it', 'sales'],
        owner: 'U0OWNER',
      });
      const i2 = insertInitiative(sqlite, { title: tricky.formula });
      insertAction(sqlite, { initiativeId: i1, title: tricky.quote, dept: 'it', due: '2026-04-15' });
      insertAction(sqlite, { initiativeId: i2, title: tricky.newline });
      insertAction(sqlite, {
        initiativeId: i1,
        title: tricky.plus,
        status: 'done',
        completedAt: Date.UTC(2026, 2, 10, 12),
      });
      insertAction(sqlite, { initiativeId: i2, title: tricky.at });
      insertAction(sqlite, { initiativeId: i2, title: tricky.minus });
    });
  }

  it('prints one RFC 4180 CSV of initiatives and their actions to stdout', async () => {
    seedTricky();
    const result = await runCx(['export'], { databasePath: dbFile });
    // No bot token here: the owners' names stay empty, the export succeeds and stderr says why.
    expect(result.stderr).toBe(
      'cx: warning: 3 of 3 owners have no name in the export: SLACK_BOT_TOKEN is not set, so Slack was not asked\n',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"The ""one voice"" plan"');
    expect(result.stdout).toContain('"Line one\nLine two"');

    expect(result.stdout.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(result.stdout.slice(1));
    expect(rows[0]).toEqual([
      'type',
      'ref',
      'initiative',
      'title',
      'tier',
      'status',
      'department',
      'departments',
      'owner',
      'owner_name',
      'due',
      'start',
      'created_at',
      'completed_at',
    ]);
    for (const row of rows) expect(row).toHaveLength(14);
    const body = rows.slice(1);
    expect(body.map((r) => [r[0], r[1], r[2]])).toEqual([
      ['initiative', 'I-1', 'I-1'],
      ['action', 'A-1', 'I-1'],
      ['action', 'A-3', 'I-1'],
      ['initiative', 'I-2', 'I-2'],
      ['action', 'A-2', 'I-2'],
      ['action', 'A-4', 'I-2'],
      ['action', 'A-5', 'I-2'],
    ]);
    expect(body[0]).toEqual([
      'initiative',
      'I-1',
      'I-1',
      tricky.comma,
      'essential',
      'active',
      'Service',
      'Service;IT;Sales',
      'U0OWNER',
      '',
      '',
      '2026-03-01',
      new Date(T0).toISOString(),
      '',
    ]);
    expect(body[1]).toEqual([
      'action',
      'A-1',
      'I-1',
      tricky.quote,
      '',
      'open',
      'IT',
      '',
      'U2',
      '',
      '2026-04-15',
      '',
      new Date(T0).toISOString(),
      '',
    ]);
    expect(body[2]?.[13]).toBe('2026-03-10T12:00:00.000Z');
    const titles = body.map((r) => r[3]);
    expect(titles).toEqual([
      tricky.comma,
      tricky.quote,
      `'${tricky.plus}`,
      `'${tricky.formula}`,
      tricky.newline,
      `'${tricky.at}`,
      `'${tricky.minus}`,
    ]);
  });

  it('writes to --out, creating its folder, and says what it wrote', async () => {
    seedTricky();
    const out = path.join(dir, 'exports', 'cx.csv');
    const result = await runCx(['export', '--out', out], { databasePath: dbFile });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`exported 2 initiatives and 5 actions to ${out}\n`);
    expect(parseCsv(fs.readFileSync(out, 'utf8').replace(/^\uFEFF/, ''))).toHaveLength(8);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['cx.csv']);
  });

  it('exports just the header from an empty database, and fails with exit 2 without one', async () => {
    seed();
    const empty = await runCx(['export'], { databasePath: dbFile });
    expect(empty.code).toBe(0);
    expect(empty.stderr).toBe('');
    expect(parseCsv(empty.stdout.replace(/^\uFEFF/, ''))).toHaveLength(1);

    const missing = await runCx(['export', '--out'], { databasePath: dbFile });
    expect(missing.code).toBe(2);

    const noDatabase = path.join(dir, 'missing.sqlite');
    const none = await runCx(['export'], { databasePath: noDatabase });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^cx: no database at .*missing\.sqlite/);
  });

  it('reports an unmigrated database as a one-line failure (exit 1), without a stack trace', async () => {
    const raw = path.join(dir, 'raw.sqlite');
    new Database(raw).close();
    const result = await runCx(['export'], { databasePath: raw });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^cx: export failed: no such table: .*run `npm run cx -- migrate`\)\n$/);
  });
});

describe('cx job', () => {
  it('answers an unknown job with exit 2 and the list of known jobs', async () => {
    const result = await runCx(['job', 'nope'], { databasePath: dbFile });
    expect(result.code).toBe(2);
    const known = JOBS.map((j) => j.name).sort();
    expect(result.stderr).toBe(`cx: unknown job 'nope'; known jobs: ${known.join(', ')}\n`);
    expect(fs.existsSync(dbFile)).toBe(false);
  });

  it('accepts a valid --at, and rejects a malformed or impossible one with exit 2', async () => {
    const valid = await runCx(['job', 'nope', '--at', '2026-03-06T14:00:00+01:00'], {
      databasePath: dbFile,
    });
    expect(valid.code).toBe(2);
    expect(valid.stderr).toContain("unknown job 'nope'");

    for (const at of ['tomorrow', '2026-02-30T10:00:00Z', '2026-03-06', '2026-03-06T14:00:00']) {
      const result = await runCx(['job', 'digest', `--at=${at}`], { databasePath: dbFile });
      expect(result.code, at).toBe(2);
      expect(result.stderr, at).toBe(
        `cx: --at must be an ISO-8601 date-time with a zone, e.g. 2026-03-06T14:00:00Z or 2026-03-06T14:00:00+01:00 (got '${at}')\n`,
      );
    }
  });

  it('needs a job name (exit 2)', async () => {
    const result = await runCx(['job'], { databasePath: dbFile });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('cx: job needs a name: npm run cx -- job <name> [--at <ISO-8601>]\n');
  });
});

describe('cx job against Slack (the real CLI and the Slack emulator)', () => {
  const CHANNEL_IDS = { marketing: 'CMARKETING', sales: 'CSALES', service: 'CSERVICE', it: 'CIT' };
  async function slack() {
    const emulator = await startEmulator({ port: 0, signingSecret: 'clisecret', botToken: 'xoxb-cli' });
    for (const [key, id] of Object.entries(CHANNEL_IDS)) {
      emulator.addChannel({ id, name: `cx-${key}`, botIsMember: true });
    }
    const env = (token = 'xoxb-cli') => ({
      SLACK_BOT_TOKEN: token,
      SLACK_SIGNING_SECRET: 'clisecret',
      SLACK_API_URL: emulator.apiUrl,
      CX_TIMEZONE: 'UTC',
      CX_CHANNELS: Object.entries(CHANNEL_IDS)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    });
    return { emulator, env };
  }

  it('refuses a database that does not exist (exit 2): nothing is created and nothing is posted', async () => {
    const { emulator, env } = await slack();
    try {
      const result = await runCx(['job', 'round-open', '--at', '2026-03-02T10:00:00Z'], {
        databasePath: dbFile,
        env: env(),
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `cx: no database at ${dbFile} (set DATABASE_PATH, or run \`npm run cx -- migrate\` first)\n`,
      );
      expect(fs.existsSync(dbFile)).toBe(false);
      expect(emulator.callsTo('chat.postMessage')).toEqual([]);
    } finally {
      await emulator.stop();
    }
  }, 30_000);

  it('posts an existing database’s job and exits 0', async () => {
    const { emulator, env } = await slack();
    try {
      seed();
      const result = await runCx(['job', 'round-open', '--at', '2026-03-02T10:00:00Z'], {
        databasePath: dbFile,
        env: env(),
      });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(emulator.messages('CSALES')).toHaveLength(1);
    } finally {
      await emulator.stop();
    }
  }, 30_000);

  it('a poll opened by hand gets its number reactions, as one the bot opens does', async () => {
    const { emulator, env } = await slack();
    try {
      seed((sqlite) => {
        sqlite
          .prepare(
            `insert into pain_points (text, raised_by, dept, channel_id, source, created_at)
             values ('Invoices are hard to read', 'UALICE', 'sales', 'CSALES', 'command', ?)`,
          )
          .run(new Date('2026-02-20T10:00:00Z').getTime());
      });
      const result = await runCx(['job', 'round-open', '--at', '2026-03-02T10:00:00Z'], {
        databasePath: dbFile,
        env: env(),
      });
      expect(result.code).toBe(0);
      const poll = emulator.messages('CSALES').find((m) => m.reactions.length > 0);
      expect(poll?.reactions.map((r) => r.name)).toEqual(['one']);
    } finally {
      await emulator.stop();
    }
  }, 30_000);

  it('applies CX_CHANNELS at start, as the bot does: a department bound elsewhere posts to the configured channel', async () => {
    const { emulator, env } = await slack();
    try {
      emulator.addChannel({ id: 'COLDSALES', name: 'old-sales', botIsMember: true });
      const handle = openDatabase(dbFile);
      try {
        runMigrations(handle);
        setBinding(handle.db, 'sales', 'COLDSALES', 'UADMIN', new Date('2026-02-01T10:00:00Z'));
      } finally {
        handle.close();
      }
      const result = await runCx(['job', 'round-open', '--at', '2026-03-02T10:00:00Z'], {
        databasePath: dbFile,
        env: env(),
      });
      expect(result.code).toBe(0);
      expect(emulator.messages('CSALES')).toHaveLength(1);
      expect(emulator.messages('COLDSALES')).toHaveLength(0);
    } finally {
      await emulator.stop();
    }
  }, 30_000);

  it('exits 1 and names the posts it could not deliver, and why, when Slack refuses them (invalid_auth)', async () => {
    const { emulator, env } = await slack();
    try {
      seed();
      const result = await runCx(['job', 'round-open', '--at', '2026-03-02T10:00:00Z'], {
        databasePath: dbFile,
        env: env('xoxb-revoked'),
      });
      expect(result.code).toBe(1);
      // The log may warn about each held post first; the CLI's own answer is one line.
      const answers = result.stderr.split('\n').filter((line) => line.startsWith('cx:'));
      expect(answers).toHaveLength(1);
      const [answer] = answers;
      expect(answer).toMatch(/^cx: job failed: round-open 2026-03: 4 post\(s\) could not be delivered/);
      for (const dept of ['marketing', 'sales', 'service', 'it']) expect(answer).toContain(`${dept} channel`);
      expect(answer).toContain('invalid_auth');
      // Kept for a later delivery, not lost.
      const held = new Database(dbFile, { readonly: true });
      try {
        expect(held.prepare(`select count(*) as n from outbox where status = 'held'`).get()).toEqual({
          n: 4,
        });
      } finally {
        held.close();
      }
      expect(emulator.messages('CSALES')).toHaveLength(0);
    } finally {
      await emulator.stop();
    }
  }, 30_000);
});

describe('runCli job registry (in process)', () => {
  function capture() {
    const text = { out: '', err: '' };
    return {
      text,
      stdout: {
        write: (chunk: string) => {
          text.out += chunk;
          return true;
        },
      },
      stderr: {
        write: (chunk: string) => {
          text.err += chunk;
          return true;
        },
      },
    };
  }

  it('runs a registered job on the migrated database with --at as its now', async () => {
    seed(); // `job` refuses a database that does not exist.
    const seen: { now: Date; tables: number }[] = [];
    const jobs: Record<string, JobFn<{ tables: () => number }>> = {
      digest: async (deps, now) => {
        seen.push({ now, tables: deps.tables() });
      },
    };
    const io = capture();
    const code = await runCli(['job', 'digest', '--at', '2026-03-06T14:00:00+01:00'], {
      env: { DATABASE_PATH: dbFile },
      cwd: dir,
      jobs,
      jobDeps: (database) => ({
        tables: () =>
          (
            database.sqlite
              .prepare("select count(*) as n from sqlite_master where name = 'initiatives'")
              .get() as {
              n: number;
            }
          ).n,
      }),
      ...io,
    });
    expect(io.text.err).toBe('');
    expect(code).toBe(0);
    expect(seen).toEqual([{ now: new Date('2026-03-06T13:00:00Z'), tables: 1 }]);
    expect(io.text.out).toBe('job digest done for 2026-03-06T13:00:00.000Z\n');

    const unknown = capture();
    expect(
      await runCli(['job', 'nope'], {
        env: {},
        cwd: dir,
        jobs,
        jobDeps: () => ({ tables: () => 0 }),
        ...unknown,
      }),
    ).toBe(2);
    expect(unknown.text.err).toBe("cx: unknown job 'nope'; known jobs: digest\n");
  });

  it('reports a failing job as exit 1 with one line', async () => {
    seed();
    const io = capture();
    const code = await runCli(['job', 'boom'], {
      env: { DATABASE_PATH: dbFile },
      cwd: dir,
      jobs: {
        boom: async () => {
          throw new Error('Slack said no\n    at somewhere (file.ts:1:1)');
        },
      },
      jobDeps: () => ({}),
      ...io,
    });
    expect(code).toBe(1);
    expect(io.text.err).toBe('cx: job failed: Slack said no at somewhere (file.ts:1:1)\n');
  });
});

describe('buildExportCsv (pure)', () => {
  it('neutralises formula triggers and quotes only where RFC 4180 needs it', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
    expect(csvCell('')).toBe('');
  });

  it('keeps actions whose initiative is not in the rows', () => {
    const csv = buildExportCsv({
      initiatives: [],
      actions: [
        {
          id: 9,
          initiativeId: 4,
          title: 'Orphan',
          status: 'open',
          dept: 'marketing',
          ownerId: 'U1',
          dueDate: null,
          createdAt: new Date(T0),
          completedAt: null,
        },
      ],
    });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(parseCsv(csv.slice(1))[1]?.slice(0, 7)).toEqual([
      'action',
      'A-9',
      'I-4',
      'Orphan',
      '',
      'open',
      'Marketing',
    ]);
  });
});
