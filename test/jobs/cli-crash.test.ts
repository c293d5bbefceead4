import { type ChildProcess, spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { type SlackEmulator, startEmulator } from '../../src/sandbox/emulator/index.js';
import { watch } from '../support/child.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../support/harness.js';
import { seedAction, seedInitiative } from '../support/seed.js';
import { type TempDb, tempDb } from '../support/temp-db.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CLI = path.join(REPO, 'src', 'cli.ts');
const TSX_LOADER = pathToFileURL(path.join(REPO, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

const OWNERS = Array.from({ length: 12 }, (_, i) => `UOWN${String(i).padStart(3, '0')}`);
const AT = '2026-03-03T10:00:00Z'; // Tuesday

let db: TempDb;
let dbFile: string;
let emulator: SlackEmulator;
const children: ChildProcess[] = [];

beforeEach(async () => {
  db = tempDb('cx-crash');
  dbFile = db.file;
  emulator = await startEmulator({ port: 0, signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN });
  for (const id of OWNERS) emulator.addUser({ id, name: id.toLowerCase(), tz: 'Europe/London' });
  const { handle } = db;
  const initiative = seedInitiative(handle.sqlite, { ownerId: 'ULEAD' });
  for (const ownerId of OWNERS) {
    for (const title of ['Call the vendor', 'Draft the FAQ']) {
      seedAction(handle.sqlite, {
        initiativeId: initiative,
        ownerId,
        title,
        lastActivityAt: new Date('2026-02-20T09:00:00Z'),
      });
    }
  }
  db.close();
});

afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await emulator.stop();
  db.remove();
});

function spawnJob(): {
  child: ChildProcess;
  exit: Promise<{ code: number | null; signal: string | null; out: string }>;
} {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, CLI, 'job', 'reminders', '--at', AT], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: os.tmpdir(),
      DATABASE_PATH: dbFile,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: emulator.apiUrl,
      CX_TIMEZONE: 'UTC',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const { exit } = watch(child);
  return { child, exit };
}

async function until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const okCalls = (method: string) => emulator.callsTo(method).length;

describe('npm run cx -- job reminders, killed halfway', () => {
  it('SIGKILL while looking up owners, then while posting slowly: the next run serves every owner exactly once', async () => {
    // 1. Killed while users.info is slow: nothing queued yet.
    emulator.setLatency('users.info', 400);
    const first = spawnJob();
    await until(() => okCalls('users.info') >= 2);
    first.child.kill('SIGKILL');
    expect((await first.exit).signal).toBe('SIGKILL');
    emulator.setLatency('users.info', 0);
    expect(emulator.callsTo('chat.postMessage')).toHaveLength(0);

    // 2. Killed while chat.postMessage answers slowly: some DMs are out, some posts are in doubt.
    emulator.setLatency('chat.postMessage', 700);
    const second = spawnJob();
    await until(() => okCalls('chat.postMessage') >= 5);
    second.child.kill('SIGKILL');
    expect((await second.exit).signal).toBe('SIGKILL');
    const servedBefore = OWNERS.filter((o) => emulator.dms(o).length > 0).length;
    expect(servedBefore).toBeGreaterThan(0);
    expect(servedBefore).toBeLessThan(OWNERS.length);

    // 3. Run again: the period was fully queued before the kill, so nothing is queued twice; the posts in
    //    doubt are looked up (found, not re-posted) and the rest delivered.
    emulator.setLatency('chat.postMessage', 0);
    const third = await spawnJob().exit;
    expect(third.code, third.out).toBe(0);
    expect(third.out).toContain('reminders 2026-03-03T10:00Z');
    for (const owner of OWNERS) expect(emulator.dms(owner), owner).toHaveLength(1);

    // 4. And once more: the period is done, nothing is posted.
    const posts = emulator.callsTo('chat.postMessage').length;
    const fourth = await spawnJob().exit;
    expect(fourth.code, fourth.out).toBe(0);
    expect(fourth.out).toContain('already done');
    expect(emulator.callsTo('chat.postMessage')).toHaveLength(posts);

    const handle = openDatabase(dbFile);
    try {
      const rows = handle.sqlite.prepare(`select status, count(*) as n from outbox group by status`).all();
      expect(rows).toEqual([{ status: 'sent', n: OWNERS.length }]);
      const sent = handle.sqlite.prepare('select count(*) as n from reminders_sent').get() as { n: number };
      expect(sent.n).toBe(OWNERS.length * 2);
      const run = handle.sqlite
        .prepare(`select status, attempts from job_runs where job = 'reminders'`)
        .get();
      // Claimed by the first run (killed before queuing anything) and finished by the second.
      expect(run).toEqual({ status: 'done', attempts: 2 });
    } finally {
      handle.close();
    }
    // Step 3 waits for the leases of the killed run's posts in flight to run out (Web API timeout + margin).
  }, 120_000);

  it('needs the bot’s Slack settings to post (exit 2, one line)', async () => {
    const child = spawn(process.execPath, ['--import', TSX_LOADER, CLI, 'job', 'digest'], {
      cwd: REPO,
      env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), DATABASE_PATH: dbFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      err += c;
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(err).toMatch(/^cx: job needs the bot's configuration: .*SLACK_BOT_TOKEN/);
    expect(err.trim().split('\n')).toHaveLength(1);
  });
});
