import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { claimRun, finishRun } from '../../src/db/repositories/job-runs-repo.js';
import { JOBS } from '../../src/jobs/index.js';
import { type SlackEmulator, startEmulator } from '../../src/sandbox/emulator/index.js';
import { watch } from '../support/child.js';
import { BOT_TOKEN, CHANNELS, SIGNING_SECRET } from '../support/harness.js';
import { seedAction, seedInitiative } from '../support/seed.js';

/**
 * Exactly once across processes. A post in flight belongs to the process that claimed it, for as long as
 * that process keeps its lease alive; a CLI job or a second bot starting meanwhile leaves it alone. A post
 * whose owner died is completed by whoever delivers next once the lease has run out — the running bot's
 * poll included, without a restart — after looking whether it went out after all.
 *
 * Every process here is real (the bot is `src/main.ts`, jobs are `src/cli.ts`). "Slack is slow" is a proxy
 * in front of the emulator that holds chat.postMessage before Slack sees it, until the test releases it
 * (no timing guesses): a look-up made meanwhile does not find the post yet — the case a lease must cover.
 */

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const TSX_LOADER = pathToFileURL(path.join(REPO, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
/**
 * The job's moment: next Tuesday 10:00 UTC, when stalled actions get their reminder DM. Ahead of the real
 * clock, not behind it: the bot process runs on the real clock, and a reminder DM still undelivered after its
 * owner's working day is dropped (expired), never posted late — a fixed past date would expire every one.
 */
const AT = nextTuesdayTen(new Date()).toISOString();
const STALLED_SINCE = new Date(new Date(AT).getTime() - 12 * 86_400_000);

function nextTuesdayTen(after: Date): Date {
  const at = new Date(after);
  at.setUTCHours(10, 0, 0, 0);
  while (at.getUTCDay() !== 2 || at <= after) at.setUTCDate(at.getUTCDate() + 1);
  return at;
}
const OWNERS = ['UOWN1', 'UOWN2', 'UOWN3', 'UOWN4', 'UOWN5', 'UOWN6'];

let dir: string;
let dbFile: string;
let emulator: SlackEmulator;
let proxy: SlowProxy;
const children: ChildProcess[] = [];

interface SlowProxy {
  url: string;
  /** chat.postMessage requests received and not yet passed on to Slack. */
  held: () => number;
  /** Passes on the held posts (and every later one at once). */
  release: () => void;
  close: () => Promise<void>;
}

/**
 * Passes Web API calls on to `target`, but holds every chat.postMessage until `release()` — then passes it
 * on even if its caller is gone, as Slack would handle a request it had received.
 */
async function startSlowProxy(target: string): Promise<SlowProxy> {
  let held = 0;
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      if (req.url?.endsWith('/chat.postMessage')) {
        held++;
        await released;
        held--;
      }
      try {
        const answer = await fetch(new URL(req.url ?? '/', target), {
          method: req.method ?? 'POST',
          headers: Object.fromEntries(
            ['content-type', 'authorization']
              .filter((h) => req.headers[h] !== undefined)
              .map((h) => [h, String(req.headers[h])]),
          ),
          body: Buffer.concat(chunks),
        });
        const body = Buffer.from(await answer.arrayBuffer());
        if (res.destroyed) return;
        res.writeHead(answer.status, {
          'content-type': answer.headers.get('content-type') ?? 'application/json',
        });
        res.end(body);
      } catch {
        if (!res.destroyed) res.writeHead(502).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    held: () => held,
    release,
    close: () =>
      new Promise<void>((resolve) => {
        release();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-second-'));
  dbFile = path.join(dir, 'cx.sqlite');
  emulator = await startEmulator({ port: 0, signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN });
  for (const [key, id] of Object.entries(CHANNELS)) {
    emulator.addChannel({ id, name: `cx-${key}`, botIsMember: true });
  }
  for (const id of OWNERS) emulator.addUser({ id, name: id.toLowerCase(), tz: 'UTC' });
  proxy = await startSlowProxy(emulator.apiUrl);
});

afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await proxy.close();
  await emulator.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Spawned {
  child: ChildProcess;
  output: () => string;
  exit: Promise<{ code: number | null; signal: string | null; out: string }>;
}

function spawnTs(entry: string, args: string[], apiUrl: string): Spawned {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, path.join(REPO, 'src', entry), ...args], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: os.tmpdir(),
      DATABASE_PATH: dbFile,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: apiUrl,
      CX_TIMEZONE: 'UTC',
      CX_CHANNELS: Object.entries(CHANNELS)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
      PORT: '0',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const { output, exit } = watch(child);
  return { child, output, exit };
}

async function until(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`${what}: not in time`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A real bot process; the emulator delivers slash commands to it. */
async function startBotProcess(apiUrl: string): Promise<Spawned> {
  const bot = spawnTs('main.ts', [], apiUrl);
  await until(() => /listening on port \d+/.test(bot.output()), `bot start (${bot.output()})`);
  const port = /listening on port (\d+)/.exec(bot.output())?.[1];
  emulator.setAppUrl(`http://127.0.0.1:${port}/slack/events`);
  keepScheduleQuiet();
  return bot;
}

/**
 * A bot process runs node-cron on the real clock: a fire during a test (reminders every 30 minutes, a
 * Friday digest, a first-Monday poll…) would post beside what the test counts. Every job's periods of the
 * next hours are marked done in the ledger, so the bot's own schedule stays out of the picture.
 */
function keepScheduleQuiet(): void {
  const handle = openDatabase(dbFile);
  try {
    const now = Date.now();
    for (const job of JOBS) {
      for (let i = -1; i < 6; i++) {
        const period = job.periodOf(new Date(now + i * 1_800_000), 'UTC');
        claimRun(handle.db, job.name, period, new Date(now));
        finishRun(handle.db, job.name, period, 'done', new Date(now));
      }
    }
  } finally {
    handle.close();
  }
}

const spawnJob = (apiUrl: string) => spawnTs('cli.ts', ['job', 'reminders', '--at', AT], apiUrl);

function query<T>(sql: string): T[] {
  const handle = openDatabase(dbFile);
  try {
    return handle.sqlite.prepare(sql).all() as T[];
  } finally {
    handle.close();
  }
}

const outboxStatuses = () =>
  query<{ status: string; n: number }>('select status, count(*) as n from outbox group by status');
const allSent = (n: number) => {
  const rows = outboxStatuses();
  return rows.length === 1 && rows[0]?.status === 'sent' && rows[0].n === n;
};

function winsIn(channel: string): number {
  return emulator
    .messages(channel)
    .filter((m) =>
      (m.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key?.startsWith(
        'win:',
      ),
    ).length;
}

/** `/cx done A-1` on an initiative of Service and Sales: two win posts, both held by the proxy. */
async function completeWhileSlackIsSlow(): Promise<void> {
  const say = async (text: string) => {
    const r = await emulator.command({ userId: 'UALICE', channelId: CHANNELS.marketing, text });
    expect(r.status, text).toBe(200);
  };
  // Seeded rather than typed: `/cx new` would announce it in both channels, two more posts to hold.
  const handle = openDatabase(dbFile);
  try {
    seedInitiative(handle.sqlite, {
      title: 'Answer within a day',
      depts: ['service', 'sales'],
      ownerId: 'UALICE',
    });
  } finally {
    handle.close();
  }
  await say('log I-1 Call the vendor due:+2d');
  await say('done A-1');
  await until(() => proxy.held() === 2, 'both win posts in flight');
}

function seedStalledActions(): void {
  const handle = openDatabase(dbFile);
  try {
    const initiative = seedInitiative(handle.sqlite, { ownerId: 'ULEAD', title: 'Seeded' });
    for (const ownerId of OWNERS) {
      seedAction(handle.sqlite, {
        initiativeId: initiative,
        ownerId,
        lastActivityAt: STALLED_SINCE,
      });
    }
  } finally {
    handle.close();
  }
}

describe('a second process starts while a post is in flight', () => {
  it('a CLI job started during a slow post leaves it to the bot that owns it: each win posted once', async () => {
    const bot = await startBotProcess(proxy.url);
    await completeWhileSlackIsSlow();
    seedStalledActions();

    const job = spawnJob(emulator.apiUrl);
    // Its first post of its own comes after its start-up (settling what looked abandoned): only now may
    // Slack finish the bot's posts.
    await until(() => emulator.callsTo('chat.postMessage').length > 0, 'the job posting');
    proxy.release();
    const exit = await job.exit;
    expect(exit.code, exit.out).toBe(0);
    await until(() => allSent(2 + OWNERS.length), 'everything delivered');

    expect(winsIn(CHANNELS.service)).toBe(1);
    expect(winsIn(CHANNELS.sales)).toBe(1);
    for (const id of OWNERS) expect(emulator.dms(id), id).toHaveLength(1);
    bot.child.kill('SIGTERM');
    expect((await bot.exit).code).toBe(0);
  }, 90_000);

  it('a second bot starting on the same database (a rolling deploy) leaves it to its owner', async () => {
    const first = await startBotProcess(proxy.url);
    await completeWhileSlackIsSlow();

    const second = spawnTs('main.ts', [], emulator.apiUrl);
    // Listening means its start-up, which settles rows left in `sending`, is over.
    await until(() => second.output().includes('listening'), `second bot start (${second.output()})`);
    proxy.release();
    await until(() => allSent(2), 'both wins delivered');
    // SIGTERM lets each finish what it started.
    second.child.kill('SIGTERM');
    first.child.kill('SIGTERM');
    expect((await second.exit).code).toBe(0);
    expect((await first.exit).code).toBe(0);

    expect(winsIn(CHANNELS.service)).toBe(1);
    expect(winsIn(CHANNELS.sales)).toBe(1);
  }, 90_000);
});

describe('a CLI job killed while posting', () => {
  it('the running bot completes its posts without a restart, each exactly once', async () => {
    const bot = await startBotProcess(emulator.apiUrl);
    seedStalledActions();

    // The job posts through the slow proxy and dies with posts in flight; Slack still receives them.
    const job = spawnJob(proxy.url);
    await until(() => proxy.held() >= 2, 'job posts in flight');
    job.child.kill('SIGKILL');
    expect((await job.exit).signal).toBe('SIGKILL');
    proxy.release();

    await until(() => allSent(OWNERS.length), 'the bot delivered the rest');
    for (const id of OWNERS) expect(emulator.dms(id), id).toHaveLength(1);
    expect(bot.child.exitCode).toBeNull();
    bot.child.kill('SIGTERM');
    expect((await bot.exit).code).toBe(0);
  }, 90_000);
});
