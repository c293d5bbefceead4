/**
 * One side of the floor bench, in its own process (started by ./floor.ts with `fork`, the same Node flags
 * for both): `empty` is an empty Bolt app — the same Bolt, the same HTTPReceiver with signature
 * verification, one `/cx` listener that acks a small body; `bot` is the real bot on the seeded database;
 * `sized` is the empty app answering as many bytes as the bot's answers, the size the runner sends
 * (`{ answerBytes }`) before each workload: what the bot costs beyond the length of what it says.
 * All talk to the runner's Slack emulator (auth.test at start, the bot's posts later).
 *
 * Protocol over the IPC channel: the child sends `{ ready: port, rss }` (resident set size once started); the
 * runner may send `'cpu'`, the child answers `{ cpu }` (its CPU time so far, µs); to `sized`, `{ answerBytes }`,
 * answered `{ answered }` (the new answer's length); the runner sends `'stop'`, the child answers `{ rss }`
 * (after the load) and exits, which writes a `--cpu-prof` profile.
 */
import fs from 'node:fs';
import inspector from 'node:inspector';
import v8 from 'node:v8';
import vm from 'node:vm';
import { App, HTTPReceiver } from '@slack/bolt';
import { ConsoleLogger, LogLevel } from '@slack/logger';
import type { BindingKey } from '../src/domain/types.js';

export interface FloorServerInput {
  mode: 'empty' | 'bot' | 'sized';
  secret: string;
  token: string;
  apiUrl: string;
  databasePath: string;
  /** `sized`: its own copy of the seeded database, where it saves the rows of each write (./_floor-rows.ts). */
  rowsDatabasePath?: string;
  channels: Partial<Record<BindingKey, string>>;
  now: string;
}

const input = JSON.parse(process.env.CX_FLOOR_SERVER ?? '{}') as FloorServerInput;
const logger = new ConsoleLogger();
logger.setLevel(LogLevel.ERROR);

/** The answer of the empty app: small, or (`sized`) as long as the runner asked for. */
let answer: { response_type: 'ephemeral'; text: string } = { response_type: 'ephemeral', text: 'ok' };
/** An answer whose JSON is `bytes` long (a text of one repeated letter, at least the small answer's). */
function answerOf(bytes: number): typeof answer {
  const overhead = JSON.stringify({ response_type: 'ephemeral', text: '' }).length;
  return { response_type: 'ephemeral', text: 'o'.repeat(Math.max(2, Math.round(bytes) - overhead)) };
}

async function startEmpty(): Promise<{ port: number; stop: () => Promise<void> }> {
  const receiver = new HTTPReceiver({ signingSecret: input.secret, port: 0, logger });
  const app = new App({
    token: input.token,
    receiver,
    logger,
    clientOptions: { slackApiUrl: input.apiUrl },
    // The bot's own Bolt settings, so the difference is the bot's work and nothing else.
    ignoreSelf: true,
    convoStore: false,
  });
  // `sized` also saves the rows of a write before its ack (./_floor-rows.ts): the floor of the write path.
  const rows =
    input.mode === 'sized' && input.rowsDatabasePath
      ? (await import('./_floor-rows.js')).openFloorRows(input.rowsDatabasePath, new Date(input.now))
      : null;
  if (rows)
    app.command('/cx', async ({ command, ack }) => {
      await rows.write(command.text, `cmd:${command.trigger_id}`);
      await ack(answer);
    });
  else
    app.command('/cx', async ({ ack }) => {
      await ack(answer);
    });
  const server = (await app.start(0)) as unknown as import('node:http').Server;
  const address = server.address() as import('node:net').AddressInfo;
  return {
    port: address.port,
    stop: async () => {
      await app.stop();
      rows?.close();
    },
  };
}

async function startTheBot(): Promise<{ port: number; stop: () => Promise<void> }> {
  // Loaded here, not at the top: the empty app must not carry the bot's modules in its memory.
  const { startBot } = await import('../src/runtime/bot.js');
  const { ManualClock } = await import('../src/clock.js');
  const bot = await startBot(
    {
      mode: 'http',
      botToken: input.token,
      signingSecret: input.secret,
      appToken: null,
      slackApiUrl: input.apiUrl,
      port: 0,
      databasePath: input.databasePath,
      timeZone: 'Europe/Berlin',
      admins: [],
      channels: { ...input.channels },
      logLevel: 'error',
    },
    // No scheduled jobs: the bench measures requests; the clock is the seeded data's "today".
    { clock: new ManualClock(new Date(input.now)), logger, jobs: [] },
  );
  return { port: bot.port ?? 0, stop: () => bot.stop() };
}

// `BENCH_ALLOC_PROF=<dir>`: every allocation sampled (also what the next scavenge frees), written at stop:
// where the garbage comes from (`npx tsx bench/_alloc-top.ts <file>`).
const allocations = process.env.BENCH_ALLOC_PROF ? new inspector.Session() : null;
if (allocations) {
  allocations.connect();
  allocations.post('HeapProfiler.enable');
  allocations.post('HeapProfiler.startSampling', {
    samplingInterval: 16_384,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
}

const started = input.mode === 'bot' ? await startTheBot() : await startEmpty();
process.send?.({ ready: started.port, rss: process.memoryUsage().rss });
process.on('message', async (message) => {
  // CPU time used so far (user + system, µs): the runner reads it around each round.
  if (message === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpu: user + system });
    return;
  }
  if (input.mode === 'sized' && typeof message === 'object' && message && 'answerBytes' in message) {
    answer = answerOf(Number(message.answerBytes));
    process.send?.({ answered: JSON.stringify(answer).length });
    return;
  }
  if (message !== 'stop') return;
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
  if (allocations) {
    const profile = await new Promise<unknown>((resolve) =>
      allocations.post('HeapProfiler.stopSampling', (_e, r) => resolve(r.profile)),
    );
    fs.mkdirSync(`${process.env.BENCH_ALLOC_PROF}`, { recursive: true });
    fs.writeFileSync(
      `${process.env.BENCH_ALLOC_PROF}/${input.mode}-${process.pid}.heapprofile`,
      JSON.stringify(profile),
    );
  }
  // Then a full collection: what is still reachable tells a leak from garbage not yet collected.
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
  const live = process.memoryUsage().heapUsed;
  // `BENCH_HEAP_SNAPSHOT=<dir>`: what is live (open it in Chrome DevTools, Memory).
  const snapshots = process.env.BENCH_HEAP_SNAPSHOT;
  if (snapshots) {
    fs.mkdirSync(snapshots, { recursive: true });
    v8.writeHeapSnapshot(`${snapshots}/${input.mode}-${process.pid}.heapsnapshot`);
  }
  await started.stop().catch(() => undefined);
  process.send?.({ rss, heap: { heapUsed, heapTotal, external, live } }, () => process.exit(0));
});
