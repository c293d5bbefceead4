/**
 * Budget (issue 3, kept by issue 13): 500 reminder DMs, each to an owner of a stalled action, through the
 * emulator enforcing Slack's rate limits (429 with Retry-After), within 1.1× the least time those limits
 * allow. The reminders job needs each owner's time zone (users.info, Tier 4: 100 a minute; none is known
 * yet) and one chat.postMessage each (300 a minute across the workspace): so the limits alone keep the
 * job from finishing before the last of its users.info windows opens — (⌈500/100⌉ − 1) "minutes". Since the
 * zones come from users.list, chat.postMessage sets the least time: (⌈500/300⌉ − 1) = one minute. The
 * emulator's minute is Slack's, 60 s (the bench takes about a minute): on a scaled minute the job's fixed
 * second of work (listing people, planning) and each Retry-After rounded up to whole seconds, as Slack sends
 * it, weigh ten times what they weigh against Slack. The clock runs from the job's start until every DM is in
 * the emulator.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConsoleLogger, LogLevel } from '@slack/logger';
import { ManualClock } from '../src/clock.js';
import { remindersJob } from '../src/jobs/reminders.js';
import { createScheduler } from '../src/jobs/scheduler.js';
import { startBot } from '../src/runtime/bot.js';
import { startEmulator } from '../src/sandbox/emulator/index.js';
import { TIER_PER_MINUTE } from '../src/sandbox/emulator/methods.js';
import type { BenchResult } from './command-latency.js';
import { BENCH_SECRET } from './support.js';

const OWNERS = 500;
/** The emulator's "minute" is SCALE × 60 s: Slack's own. */
const SCALE = 1;
const BUDGET = 1.1;
const POSTS_PER_MINUTE = 300;

/** The least time Slack's limits allow for `calls` of a method allowing `perMinute` in any sliding minute. */
const leastMs = (calls: number, perMinute: number) =>
  Math.max(0, Math.ceil(calls / perMinute) - 1) * 60_000 * SCALE;

export async function benchReminderDms(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-bench-dms-'));
  const emulator = await startEmulator({
    port: 0,
    signingSecret: BENCH_SECRET,
    botToken: 'xoxb-bench',
    rateLimits: true,
    rateLimitScale: SCALE,
  });
  const logger = new ConsoleLogger();
  logger.setLevel(LogLevel.ERROR);
  const clock = new ManualClock(new Date('2026-03-02T08:00:00Z'));
  const bot = await startBot(
    {
      mode: 'http',
      botToken: 'xoxb-bench',
      signingSecret: BENCH_SECRET,
      appToken: null,
      slackApiUrl: emulator.apiUrl,
      port: 0,
      databasePath: path.join(dir, 'cx.sqlite'),
      timeZone: 'Europe/London',
      admins: [],
      channels: {},
      logLevel: 'error',
    },
    { clock, logger, jobs: [] },
  );
  emulator.setAppUrl(`http://127.0.0.1:${bot.port}/slack/events`);
  try {
    const owners = Array.from({ length: OWNERS }, (_, i) => `UOWN${String(i).padStart(4, '0')}`);
    for (const [i, id] of owners.entries()) {
      emulator.addUser({ id, name: id.toLowerCase(), tz: i % 2 === 0 ? 'Europe/London' : 'Europe/Lisbon' });
    }
    const db = bot.handle.sqlite;
    const at = new Date('2026-01-05T10:00:00Z').getTime();
    const stalled = new Date('2026-02-20T09:00:00Z').getTime();
    const { id: initiative } = db
      .prepare(
        `insert into initiatives (title, tier, status, lead_dept, depts, owner_id, start_date, created_by, created_at, updated_at)
         values ('Answer every customer within a day', 'important', 'active', 'service', '["service"]', 'ULEAD',
                 '2026-01-05', 'ULEAD', ?, ?) returning id`,
      )
      .get(at, at) as { id: number };
    const insert = db.prepare(
      `insert into actions (initiative_id, title, owner_id, dept, status, last_activity_at, created_by, created_at)
       values (?, 'Draft the FAQ', ?, 'service', 'open', ?, ?, ?)`,
    );
    db.transaction(() => {
      for (const owner of owners) insert.run(initiative, owner, stalled, owner, at);
    })();

    const scheduler = createScheduler({ ctx: bot.ctx, jobs: [remindersJob], logger, cron: false });
    // Tuesday 09:30 in London and Lisbon: inside everyone's working hours.
    clock.set(new Date('2026-03-03T09:30:00Z'));
    const before = emulator.calls.length;
    const started = performance.now();
    const startedAt = Date.now();
    const [outcome] = await scheduler.tick(clock.now());
    await bot.notifier.drain();
    const ms = performance.now() - started;

    const delivered = owners.filter((id) => emulator.dms(id).length === 1).length;
    const twice = owners.filter((id) => emulator.dms(id).length > 1).length;
    const calls = emulator.calls.slice(before);
    const ok = (method: string) => calls.filter((c) => c.method === method && c.ok);
    const lookups = ok('users.info');
    const posts = ok('chat.postMessage');
    const limited = calls.filter((c) => c.status === 429).length;
    const least = Math.max(
      leastMs(lookups.length, TIER_PER_MINUTE.t4),
      leastMs(posts.length, POSTS_PER_MINUTE),
    );
    const ratio = ms / least;
    // Where the time went: the last look-up and the first DM, seconds after the job started.
    const lastLookup = ((lookups.at(-1)?.at ?? startedAt) - startedAt) / 1000;
    const firstPost = ((posts[0]?.at ?? startedAt) - startedAt) / 1000;
    const right = outcome?.status === 'done' && delivered === OWNERS && twice === 0;
    return [
      {
        name: `${OWNERS} reminder DMs under Slack's rate limits (vs the least time the limits allow)`,
        value: Math.round(ratio * 100) / 100,
        unit: '× least',
        budget: BUDGET,
        ok: right && ratio <= BUDGET,
        detail:
          `${(ms / 1000).toFixed(1)} s; the limits allow ${(least / 1000).toFixed(1)} s at the earliest ` +
          `(a minute is ${60 * SCALE} s here): ${lookups.length} users.info (the last after ${lastLookup.toFixed(1)} s), ` +
          `${posts.length} chat.postMessage (the first after ${firstPost.toFixed(1)} s), ${limited} answered 429; ` +
          `${delivered}/${OWNERS} owners got one DM${twice ? `, ${twice} got more` : ''}`,
      },
    ];
  } finally {
    await bot.stop();
    await emulator.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchReminderDms().then((r) => console.table(r));
}
