/** What every end-to-end bench starts: the emulator, the real bot over signed HTTP on a temp database. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConsoleLogger, LogLevel } from '@slack/logger';
import { ManualClock } from '../src/clock.js';
import type { DatabaseHandle } from '../src/db/client.js';
import type { BindingKey } from '../src/domain/types.js';
import { DEPARTMENTS } from '../src/domain/types.js';
import type { Job } from '../src/jobs/index.js';
import { type RunningBot, startBot } from '../src/runtime/bot.js';
import { type SlackEmulator, startEmulator } from '../src/sandbox/emulator/index.js';

export const BENCH_SECRET = 'benchsigningsecret0123';

export interface BenchBot {
  emulator: SlackEmulator;
  bot: RunningBot;
  stop(): Promise<void>;
}

export async function startBenchBot(options: {
  channels: Partial<Record<BindingKey, string>>;
  now: Date;
  jobs?: readonly Job[];
}): Promise<BenchBot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-bench-'));
  const emulator = await startEmulator({ port: 0, signingSecret: BENCH_SECRET, botToken: 'xoxb-bench' });
  for (const [key, id] of Object.entries(options.channels)) {
    if (id) emulator.addChannel({ id, name: `cx-${key}`, botIsMember: true });
  }
  const logger = new ConsoleLogger();
  logger.setLevel(LogLevel.ERROR);
  const bot = await startBot(
    {
      mode: 'http',
      botToken: 'xoxb-bench',
      signingSecret: BENCH_SECRET,
      appToken: null,
      slackApiUrl: emulator.apiUrl,
      port: 0,
      databasePath: path.join(dir, 'cx.sqlite'),
      timeZone: 'Europe/Berlin',
      admins: [],
      channels: { ...options.channels },
      logLevel: 'error',
    },
    { clock: new ManualClock(options.now), logger, ...(options.jobs ? { jobs: options.jobs } : {}) },
  );
  emulator.setAppUrl(`http://127.0.0.1:${bot.port}/slack/events`);
  return {
    emulator,
    bot,
    stop: async () => {
      await bot.stop();
      await emulator.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const DAY = 86_400_000;
/** The seeded data's "today": Friday 14:00 in Berlin. */
export const SEED_NOW = new Date('2026-03-06T13:00:00Z');
const NOW = SEED_NOW;

/** A deterministic pseudo-random sequence, so every run measures the same data. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface SeedShape {
  initiatives: number;
  actions: number;
  history: number;
  owners: number;
  reminders: number;
}

/**
 * The outbox a year of use leaves: every done action's win, one row per department of its initiative,
 * delivered long ago with its payload dropped (as the retention job leaves it; rows are never deleted). The
 * write path inserts into the outbox's indexes, which are this much deeper in a real database than in an
 * empty one. Call it once the done actions are final: a win already there is not queued again.
 */
export function seedDeliveredWins(handle: DatabaseHandle): number {
  return handle.sqlite
    .prepare(
      `insert into outbox (idempotency_key, kind, recipient, payload, status, attempts, next_attempt_at,
         created_at, sent_at, sent_channel, sent_ts)
       select 'win:A-' || a.id || ':' || d.value, 'win', json_object('type', 'binding', 'key', d.value), 'null',
         'sent', 1, a.completed_at, a.completed_at, a.completed_at, 'C' || upper(d.value),
         (a.completed_at / 1000) || '.000100'
       from actions a join initiatives i on i.id = a.initiative_id, json_each(i.depts) d
       where a.status = 'done' order by a.completed_at, a.id`,
    )
    .run().changes;
}

/**
 * Years of use: most actions done or dropped; about one in nine open or blocked, mostly touched within the
 * week, the rest idle for up to three months; due dates around today; a few snoozed. Stalled actions carry
 * the reminder history a daily job leaves: each was brought up to its owner (and, idle for three weeks, to
 * its initiative's owner) on one of the last 13 days.
 */
export function seed(handle: DatabaseHandle, shape: SeedShape): void {
  const db = handle.sqlite;
  const rnd = random(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const owner = () => `U${String(Math.floor(rnd() * shape.owners)).padStart(6, '0')}`;
  const day = (offset: number) => new Date(NOW.getTime() + offset * DAY).toISOString().slice(0, 10);
  db.transaction(() => {
    const initiative = db.prepare(
      `insert into initiatives (title, tier, status, lead_dept, depts, owner_id, start_date, created_by, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, '2025-09-01', ?, ?, ?)`,
    );
    const initiativeOwners: string[] = [];
    for (let i = 1; i <= shape.initiatives; i++) {
      const lead = pick(DEPARTMENTS);
      const other = pick(DEPARTMENTS);
      const o = owner();
      initiativeOwners.push(o);
      const at = NOW.getTime() - 200 * DAY;
      initiative.run(
        `Initiative ${i}: make it easier for customers to get help`,
        i <= 3 ? 'essential' : 'important',
        i % 25 === 0 ? 'closed' : 'active',
        lead,
        JSON.stringify([...new Set([lead, other])]),
        o,
        o,
        at,
        at,
      );
    }
    const action = db.prepare(
      `insert into actions (initiative_id, title, owner_id, dept, due_date, status, blocked_reason, snoozed_until,
         last_activity_at, created_by, created_at, completed_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
    );
    const reminder = db.prepare(
      `insert or ignore into reminders_sent (action_id, recipient_id, role, local_day, sent_at) values (?, ?, 'owner', ?, ?)`,
    );
    let reminders = 0;
    for (let a = 1; a <= shape.actions; a++) {
      const r = rnd();
      const status = r < 0.84 ? 'done' : r < 0.89 ? 'dropped' : r < 0.98 ? 'open' : 'blocked';
      const active = status === 'open' || status === 'blocked';
      const idleDays = active && rnd() < 0.6 ? rnd() * 7 : rnd() * 90;
      const last = NOW.getTime() - Math.floor(idleDays * DAY);
      const o = owner();
      const initiativeId = 1 + Math.floor(rnd() * shape.initiatives);
      const { id } = action.get(
        initiativeId,
        `Action ${a}: call back every customer who waited too long`,
        o,
        pick(DEPARTMENTS),
        rnd() < 0.4 ? day(Math.floor(rnd() * 60) - 30) : null,
        status,
        status === 'blocked' ? 'waiting for a decision' : null,
        active && rnd() < 0.05 ? NOW.getTime() + 2 * DAY : null,
        last,
        o,
        last - 5 * DAY,
        status === 'done' ? last : null,
      ) as { id: number };
      if (active && idleDays >= 7 && reminders < shape.reminders) {
        const back = Math.floor(rnd() * 13);
        reminder.run(id, o, day(-back), NOW.getTime() - back * DAY);
        reminders++;
        const lead = initiativeOwners[initiativeId - 1];
        if (idleDays >= 21 && lead && lead !== o) {
          const escalated = Math.floor(rnd() * 13);
          reminder.run(id, lead, day(-escalated), NOW.getTime() - escalated * DAY);
          reminders++;
        }
      }
    }
    const history = db.prepare(
      `insert into history (entity, entity_id, actor_id, at, kind, note) values ('A', ?, ?, ?, ?, ?)`,
    );
    for (let n = 0; n < shape.history; n++) {
      history.run(
        1 + Math.floor(rnd() * shape.actions),
        owner(),
        NOW.getTime() - Math.floor(rnd() * 180 * DAY),
        pick(['update', 'created', 'blocked', 'snoozed', 'done']),
        'moved it forward a little',
      );
    }
  })();
  db.pragma('optimize');
}
