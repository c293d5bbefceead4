/**
 * `npx tsx bench/_request-cpu.ts [n]`: CPU µs per signed `/cx` request, one request at a time, client and
 * servers in this one process: an empty Bolt app (the floor bench's) and the bot on the floor bench's seeded
 * database, each command alternating A B A B over 5 rounds (`ROUNDS`; medians), after both answered 1,500 of
 * each read. Sequential and in one process, so no scheduling between processes adds noise: a quick A/B of a
 * change to the request path. The client's share is the same for both sides, so `bot − empty` is the bot's
 * own, except for `/cx done`: its win post is handled by the emulator in this process too, and counts.
 * `ONLY=log` runs only the commands whose name contains the text. With node's own flags:
 * `node --max-semi-space-size=4 --import tsx bench/_request-cpu.ts`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { App, HTTPReceiver } from '@slack/bolt';
import { ConsoleLogger, LogLevel } from '@slack/logger';
import { ManualClock } from '../src/clock.js';
import { openDatabase } from '../src/db/client.js';
import { runMigrations } from '../src/db/migrate.js';
import { startBot } from '../src/runtime/bot.js';
import { startEmulator } from '../src/sandbox/emulator/index.js';
import { APP_ID, TEAM_ID } from '../src/sandbox/emulator/state.js';
import { CALLER } from './_seeded-context.js';
import { BENCH_SECRET, SEED_NOW, seed } from './support.js';

let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ['gc'] });
const N = Number(process.argv[2] ?? 2000);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
/** `ONLY=<text>`: only the commands whose name contains it. */
const ONLY = process.env.ONLY ?? '';
const logger = new ConsoleLogger();
logger.setLevel(LogLevel.ERROR);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-request-cpu-'));
const databasePath = path.join(dir, 'cx.sqlite');
const seeded = openDatabase(databasePath);
runMigrations(seeded);
seed(seeded, { initiatives: 100, actions: 10_000, history: 100_000, owners: 200, reminders: 10_000 });
seeded.sqlite.prepare('update initiatives set owner_id = ?, status = ?').run(CALLER, 'active');
const openIds = (
  seeded.sqlite.prepare(`select id from actions where status in ('open', 'blocked') order by id`).all() as {
    id: number;
  }[]
).map((r) => r.id);
seeded.close();

const emulator = await startEmulator({ port: 0, signingSecret: BENCH_SECRET, botToken: 'xoxb-bench' });
const channels = { marketing: 'CM', sales: 'CS', service: 'CV', it: 'CI', hub: 'CH' } as const;
for (const id of Object.values(channels))
  emulator.addChannel({ id, name: id.toLowerCase(), botIsMember: true });
emulator.addUser({ id: CALLER, name: 'bench.caller' });

const receiver = new HTTPReceiver({ signingSecret: BENCH_SECRET, port: 0, logger });
const empty = new App({
  token: 'xoxb-bench',
  receiver,
  logger,
  clientOptions: { slackApiUrl: emulator.apiUrl },
  ignoreSelf: true,
  convoStore: false,
});
empty.command('/cx', async ({ ack }) => {
  await ack({ response_type: 'ephemeral', text: 'ok' });
});
const emptyServer = (await empty.start(0)) as unknown as http.Server;
const emptyPort = (emptyServer.address() as import('node:net').AddressInfo).port;
const bot = await startBot(
  {
    mode: 'http',
    botToken: 'xoxb-bench',
    signingSecret: BENCH_SECRET,
    appToken: null,
    slackApiUrl: emulator.apiUrl,
    port: 0,
    databasePath,
    timeZone: 'Europe/Berlin',
    admins: [],
    channels: { ...channels },
    logLevel: 'error',
  },
  { clock: new ManualClock(SEED_NOW), logger, jobs: [] },
);

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function post(port: number, text: string): Promise<string> {
  const body = new URLSearchParams({
    command: '/cx',
    text,
    user_id: CALLER,
    user_name: 'bench.caller',
    channel_id: 'CI',
    team_id: TEAM_ID,
    api_app_id: APP_ID,
    trigger_id: `t.${Math.random()}`,
    response_url: 'http://127.0.0.1:1/r',
    token: 'bench-verification-token',
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const sig = `v0=${crypto.createHmac('sha256', BENCH_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { port, path: '/slack/events', method: 'POST', agent, host: '127.0.0.1' },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString()));
      },
    );
    req.setHeader('content-type', 'application/x-www-form-urlencoded');
    req.setHeader('x-slack-request-timestamp', String(ts));
    req.setHeader('x-slack-signature', sig);
    req.on('error', reject);
    req.end(body);
  });
}

let logN = 0;
let doneAt = 0;
const workloads: [string, () => string][] = [
  ['/cx mine', () => 'mine'],
  ['/cx list', () => 'list'],
  ['/cx show I-n', () => `show I-${(logN++ % 100) + 1}`],
  ['/cx log', () => `log I-${(logN++ % 100) + 1} Bench step ${logN} due:+5d`],
  ['/cx done', () => `done A-${openIds[doneAt++]}`],
];

/** CPU µs per request over `n` requests, and the share of it spent in garbage collection. */
async function round(port: number, text: () => string, n: number): Promise<{ cpu: number; gc: number }> {
  await new Promise((r) => setImmediate(r));
  gcMs = 0;
  const cpu = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const answer = await post(port, text());
    if (answer.includes('went wrong') || answer.includes('usage')) throw new Error(answer.slice(0, 300));
  }
  const { user, system } = process.cpuUsage(cpu);
  // GC entries arrive after the fact: one turn of the loop collects them.
  await new Promise((r) => setImmediate(r));
  return { cpu: (user + system) / n, gc: (gcMs * 1000) / n };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const botPort = bot.port ?? 0;
// Warm both: V8 compiles the shared paths in the first thousands of requests.
for (const [, text] of workloads.slice(0, 3)) {
  await round(emptyPort, text, 1500);
  await round(botPort, text, 1500);
}
const rows = [];
for (const [name, text] of workloads.filter(([w]) => w.includes(ONLY))) {
  // The empty app ignores the text: only the bot uses up open actions.
  const n = name === '/cx done' ? Math.min(N, Math.floor(openIds.length / 5)) : N;
  const emptyText = name === '/cx done' ? () => 'done A-1' : text;
  const e: { cpu: number; gc: number }[] = [];
  const b: { cpu: number; gc: number }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    e.push(await round(emptyPort, emptyText, n));
    b.push(await round(botPort, text, n));
  }
  const [me, mb] = [median(e.map((x) => x.cpu)), median(b.map((x) => x.cpu))];
  rows.push({
    command: name,
    'empty µs': Math.round(me),
    'bot µs': Math.round(mb),
    'bot − empty': Math.round(mb - me),
    'GC µs empty / bot': `${Math.round(median(e.map((x) => x.gc)))} / ${Math.round(median(b.map((x) => x.gc)))}`,
  });
}
console.table(rows);
agent.destroy();
await bot.stop();
await empty.stop();
await emulator.stop();
fs.rmSync(dir, { recursive: true, force: true });
