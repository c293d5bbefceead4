/**
 * Issue 17: the CLI's stdout is data only; its log is JSON lines on stderr. A real `cx job` process runs
 * against the emulator with LOG_LEVEL=debug, and its two streams are read apart.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type SlackEmulator, startEmulator } from '../../src/sandbox/emulator/index.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../support/harness.js';
import { seedAction, seedInitiative } from '../support/seed.js';
import { type TempDb, tempDb } from '../support/temp-db.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CLI = path.join(REPO, 'src', 'cli.ts');
const TSX_LOADER = pathToFileURL(path.join(REPO, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const TITLE = 'Planted7729 vendor call';

let db: TempDb;
let emulator: SlackEmulator;

beforeEach(async () => {
  db = tempDb('cx-cli-logs');
  emulator = await startEmulator({ port: 0, signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN });
  emulator.addUser({ id: 'UOWN001', name: 'owner', tz: 'Europe/London' });
  const initiative = seedInitiative(db.handle.sqlite, { ownerId: 'ULEAD' });
  seedAction(db.handle.sqlite, {
    initiativeId: initiative,
    ownerId: 'UOWN001',
    title: TITLE,
    lastActivityAt: new Date('2026-02-20T09:00:00Z'),
  });
  db.close();
});

afterEach(async () => {
  await emulator.stop();
  db.remove();
});

/** A real `cx job` process: its exit code and both streams. */
async function cxJob(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, CLI, 'job', ...args], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: os.tmpdir(),
      DATABASE_PATH: db.file,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: emulator.apiUrl,
      CX_TIMEZONE: 'UTC',
      LOG_LEVEL: 'debug',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => {
    stdout += c;
  });
  child.stderr.setEncoding('utf8').on('data', (c: string) => {
    stderr += c;
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}

it('`cx job` writes only its answer to stdout and its log as JSON lines to stderr, without secrets or texts', async () => {
  const { code, stdout, stderr } = await cxJob(['reminders', '--at', '2026-03-03T10:00:00Z']);

  expect(code, stderr).toBe(0);
  expect(emulator.dms('UOWN001').some((m) => (m.text ?? '').includes('Planted7729'))).toBe(true);
  const out = stdout.trim().split('\n');
  expect(out.every((line) => !line.startsWith('{'))).toBe(true);
  expect(out.at(-1)).toMatch(/^job reminders done for 2026-03-03T10:00:00.000Z$/);

  const lines = stderr.trim().split('\n');
  const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  for (const entry of entries) {
    expect(entry).toMatchObject({
      level: expect.any(String),
      time: expect.any(String),
      msg: expect.any(String),
    });
  }
  expect(entries.find((e) => e.job === 'reminders' && e.outcome === 'done')).toMatchObject({
    level: 'info',
    ms: expect.any(Number),
  });
  expect(stderr).not.toContain(BOT_TOKEN);
  expect(stderr).not.toContain(SIGNING_SECRET);
  expect(stderr).not.toContain('Planted7729');
});

it('`cx job digest` run at night says its posts wait for working hours, and posts nothing then', async () => {
  emulator.addChannel({ id: 'CSALES', name: 'cx-sales', botIsMember: true });
  // Saturday 03:00: this week's digest is caught up, and it names people, so it waits for Monday 09:30.
  const { code, stdout, stderr } = await cxJob(['digest', '--at', '2026-03-07T03:00:00Z'], {
    CX_CHANNELS: 'sales=CSALES',
    LOG_LEVEL: 'error',
  });
  expect(code, stderr).toBe(0);
  expect(stdout).toMatch(
    /^\d+ post\(s\) wait in the outbox for working hours \(from 09:30, UTC\); the running bot sends them then$/m,
  );
  expect(emulator.messages('CSALES')).toHaveLength(0);
});
