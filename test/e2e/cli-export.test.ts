/**
 * Issue 12: `cx export` as an operator runs it — the real CLI in a child process (and through npm), a temp
 * database, the Slack emulator answering `users.info`. stdout is the CSV and nothing else, with a UTF-8 BOM
 * and owners by ID and name; names are cached so the next export does not ask Slack again; without Slack
 * the export still succeeds, with empty names and one warning on stderr.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SlackEmulator, startEmulator } from '../../src/sandbox/emulator/index.js';
import { parseCsv } from '../support/csv.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../support/harness.js';
import { seedAction, seedInitiative } from '../support/seed.js';
import { type TempDb, tempDb } from '../support/temp-db.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CLI = path.join(REPO, 'src', 'cli.ts');
const TSX_LOADER = pathToFileURL(path.join(REPO, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

interface Run {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** Collects stdout as bytes: a decoder could hide (or drop) the BOM the test is about. */
async function run(command: string, args: string[], env: Record<string, string>): Promise<Run> {
  const child = spawn(command, args, {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: Buffer[] = [];
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  return { code, stdout: Buffer.concat(out), stderr };
}

const cx = (args: string[], env: Record<string, string>) =>
  run(process.execPath, ['--import', TSX_LOADER, CLI, ...args], env);

/** The CSV behind the BOM, as rows; fails unless the bytes start with exactly one BOM. */
function csvOf(bytes: Buffer): string[][] {
  expect(bytes.subarray(0, 3).equals(BOM)).toBe(true);
  const text = bytes.subarray(3).toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(false);
  return parseCsv(text);
}

/** Owner ID → owner name, per ref, from the parsed CSV. */
function ownersByRef(rows: string[][]): Record<string, [string, string]> {
  const [header, ...body] = rows;
  const ref = header!.indexOf('ref');
  const owner = header!.indexOf('owner');
  const name = header!.indexOf('owner_name');
  expect(name).toBe(owner + 1);
  return Object.fromEntries(body.map((r) => [r[ref]!, [r[owner]!, r[name]!]]));
}

/** A port nobody listens on: Slack "unreachable" without waiting for a timeout. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let db: TempDb;
let emulator: SlackEmulator;
let env: Record<string, string>;

beforeEach(async () => {
  db = tempDb('cx-cli-export');
  emulator = await startEmulator({
    port: 0,
    signingSecret: SIGNING_SECRET,
    botToken: BOT_TOKEN,
    seed: false,
  });
  emulator.addUser({ id: 'ULEAD01', name: 'juergen', realName: 'Jürgen Müller', displayName: 'jm' });
  emulator.addUser({ id: 'UOWN002', name: 'zoe', realName: '', displayName: 'Zoë' });
  emulator.addUser({ id: 'UEVIL03', name: 'eve', realName: '=HYPERLINK("http://x","y")' });
  const first = seedInitiative(db.handle.sqlite, { ownerId: 'ULEAD01', title: 'Kundenservice für Größen' });
  const second = seedInitiative(db.handle.sqlite, { ownerId: 'UGONE04', title: 'Left behind' });
  const lastActivityAt = new Date('2026-02-20T09:00:00Z');
  seedAction(db.handle.sqlite, { initiativeId: first, ownerId: 'UOWN002', lastActivityAt });
  seedAction(db.handle.sqlite, { initiativeId: first, ownerId: 'ULEAD01', lastActivityAt });
  seedAction(db.handle.sqlite, { initiativeId: second, ownerId: 'UEVIL03', lastActivityAt });
  db.close();
  env = { DATABASE_PATH: db.file, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: emulator.apiUrl };
});

afterEach(async () => {
  await emulator.stop();
  db.remove();
});

describe('cx export (the real CLI and the Slack emulator)', () => {
  it('prints only the CSV, BOM first, with owner names; --out writes the same bytes without asking Slack again', async () => {
    const first = await cx(['export'], env);
    expect(first.code, first.stderr).toBe(0);
    const rows = csvOf(first.stdout);
    expect(rows[0]).toContain('owner_name');
    expect(rows.every((r) => r.length === rows[0]!.length)).toBe(true);
    expect(rows.slice(1).map((r) => r[3])).toEqual([
      'Kundenservice für Größen',
      'Draft the FAQ',
      'Draft the FAQ',
      'Left behind',
      'Draft the FAQ',
    ]);
    expect(ownersByRef(rows)).toEqual({
      'I-1': ['ULEAD01', 'Jürgen Müller'],
      'A-1': ['UOWN002', 'Zoë'],
      'A-2': ['ULEAD01', 'Jürgen Müller'],
      'I-2': ['UGONE04', ''],
      // A name is people's text: a leading = is neutralised like a title's.
      'A-3': ['UEVIL03', `'=HYPERLINK("http://x","y")`],
    });
    // Only the owner Slack does not know is missing, and stderr says so in one line.
    expect(first.stderr).toBe(
      'cx: warning: 1 of 4 owners has no name in the export: Slack does not know them\n',
    );
    // One look-up per owner, not per row.
    const asked = emulator.callsTo('users.info').map((c) => c.args.user);
    expect([...asked].sort()).toEqual(['UEVIL03', 'UGONE04', 'ULEAD01', 'UOWN002']);

    const file = path.join(db.dir, 'out', 'cx.csv');
    const second = await cx(['export', '--out', file], env);
    expect(second.code, second.stderr).toBe(0);
    // Only the CSV ever goes to stdout: with --out, stdout stays empty and the summary is on stderr.
    expect(second.stdout.toString('utf8')).toBe('');
    expect(second.stderr.toString()).toContain(`exported 2 initiatives and 3 actions to ${file}\n`);
    expect(fs.readFileSync(file).equals(first.stdout)).toBe(true);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['cx.csv']);
    // The names came from the cache, and so did Slack's answer that it does not know UGONE04: nobody was
    // asked again.
    expect(emulator.callsTo('users.info').map((c) => c.args.user)).toEqual(asked);
  }, 30_000);

  it('succeeds with empty names (exit 0) when Slack cannot be reached or refuses the token, saying why on stderr', async () => {
    const port = await closedPort();
    const offline = await cx(['export'], { ...env, SLACK_API_URL: `http://127.0.0.1:${port}/api/` });
    expect(offline.code, offline.stderr).toBe(0);
    expect(Object.values(ownersByRef(csvOf(offline.stdout))).map(([, name]) => name)).toEqual([
      '',
      '',
      '',
      '',
      '',
    ]);
    expect(offline.stderr).toMatch(
      /^cx: warning: 4 of 4 owners have no name in the export: Slack could not be asked \(http:\/\/127\.0\.0\.1:\d+\/api\/ could not be reached: connect ECONNREFUSED 127\.0\.0\.1:\d+\)\n$/,
    );

    const refused = await cx(['export'], { ...env, SLACK_BOT_TOKEN: 'xoxb-not-this-one' });
    expect(refused.code, refused.stderr).toBe(0);
    expect(csvOf(refused.stdout)).toHaveLength(6);
    expect(refused.stderr).toMatch(
      /^cx: warning: 4 of 4 owners .*Slack could not be asked \(.*invalid_auth\)\n$/,
    );
    // A token Slack refuses is asked once, not once per owner.
    expect(emulator.callsTo('users.info')).toHaveLength(1);

    const tokenless = await cx(['export'], { DATABASE_PATH: db.file });
    expect(tokenless.code).toBe(0);
    expect(csvOf(tokenless.stdout)).toHaveLength(6);
    expect(tokenless.stderr).toBe(
      'cx: warning: 4 of 4 owners have no name in the export: SLACK_BOT_TOKEN is not set, so Slack was not asked\n',
    );
  }, 30_000);

  it('uses names cached earlier when it has no token', async () => {
    expect((await cx(['export'], env)).code).toBe(0);
    const tokenless = await cx(['export'], { DATABASE_PATH: db.file });
    expect(tokenless.code).toBe(0);
    expect(ownersByRef(csvOf(tokenless.stdout))['I-1']).toEqual(['ULEAD01', 'Jürgen Müller']);
    expect(tokenless.stderr).toBe(
      'cx: warning: 1 of 4 owners has no name in the export: SLACK_BOT_TOKEN is not set, so Slack was not asked\n',
    );
  }, 30_000);

  it('a bad --out path: one line, exit 1 or 2, nothing written and an existing file untouched', async () => {
    const blocker = path.join(db.dir, 'a-file');
    fs.writeFileSync(blocker, 'keep');
    const under = await cx(['export', '--out', path.join(blocker, 'cx.csv')], env);
    expect(under.code).toBe(1);
    expect(under.stderr).toBe(
      `cx: export failed: cannot write ${path.join(blocker, 'cx.csv')}: a part of the path is a file, not a folder\n`,
    );
    expect(under.stdout.length).toBe(0);
    // It failed before asking Slack anything.
    expect(emulator.callsTo('users.info')).toHaveLength(0);

    const folder = await cx(['export', '--out', db.dir], env);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toBe(
      `cx: --out ${db.dir} is a folder: name a file, e.g. ${path.join(db.dir, 'cx-export.csv')}\n`,
    );
    expect(fs.readFileSync(blocker, 'utf8')).toBe('keep');
    expect(fs.readdirSync(db.dir).filter((f) => f.includes('partial'))).toEqual([]);
  }, 30_000);
});

it('stops quietly (exit 0, no stack trace) when the reader closes the pipe early, as `| head` does', async () => {
  const many = db.open();
  const insert = many.sqlite.prepare(
    `insert into initiatives (title, tier, status, lead_dept, depts, owner_id, start_date, created_by, created_at, updated_at)
     values (?, 'important', 'active', 'sales', '["sales"]', 'ULEAD01', '2026-03-01', 'ULEAD01', 0, 0)`,
  );
  many.sqlite.transaction(() => {
    for (let i = 0; i < 3000; i++)
      insert.run(`Initiative ${i}: long enough a title to fill the pipe's buffer`);
  })();
  db.close();
  const child = spawn(process.execPath, ['--import', TSX_LOADER, CLI, 'export'], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(stderr).toBe('cx: warning: 1 of 4 owners has no name in the export: Slack does not know them\n');
  expect(code).toBe(0);
}, 30_000);

describe('cx export through npm', () => {
  it('`npm run -s cx -- export` gives exactly the CSV; without -s npm’s lines come first and stderr says how to avoid them', async () => {
    const quiet = await run('npm', ['run', '-s', 'cx', '--', 'export'], env);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(csvOf(quiet.stdout)).toHaveLength(6);

    const loud = await run('npm', ['run', 'cx', '--', 'export'], env);
    expect(loud.code, loud.stderr).toBe(0);
    expect(loud.stdout.subarray(0, 3).equals(BOM)).toBe(false);
    expect(loud.stdout.toString('utf8')).toMatch(/^\n> cx-bridge@[\d.]+ cx\n/);
    expect(loud.stderr).toContain(
      "cx: warning: npm wrote its own '> cx-bridge' lines to stdout before the CSV; use `npm run -s cx -- export > file.csv` or `--out file.csv`\n",
    );
  }, 60_000);
});
