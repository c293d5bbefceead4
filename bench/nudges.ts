/**
 * Budgets (issue 3), measured on the SQLite file the bot would use, after migrations:
 * - the stalled-action query behind the reminders job, over 100,000 actions: under 30 ms;
 * - building every weekly digest (4 department channels and the hub: read once, build five) for
 *   100 initiatives, 20,000 actions and 200,000 history rows: under 250 ms.
 * Each figure is the 95th percentile of repeated runs after a warm-up.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppContext } from '../src/app/context.js';
import { collectDigests } from '../src/app/digest.js';
import { ManualClock } from '../src/clock.js';
import { type DatabaseHandle, openDatabase } from '../src/db/client.js';
import { runMigrations } from '../src/db/migrate.js';
import { stalledCandidates } from '../src/db/repositories/reminders-repo.js';
import { setBinding } from '../src/db/repositories/settings-repo.js';
import { localDate } from '../src/domain/dates.js';
import { type BindingKey, DEPARTMENTS } from '../src/domain/types.js';
import type { BenchResult } from './command-latency.js';

const DAY = 86_400_000;
const NOW = new Date('2026-03-06T13:00:00Z'); // Friday 14:00 in Berlin
const ZONE = 'Europe/Berlin';

/** A deterministic pseudo-random sequence, so every run measures the same data. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

function withDatabase<T>(run: (handle: DatabaseHandle) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-bench-nudges-'));
  const handle = openDatabase(path.join(dir, 'cx.sqlite'));
  try {
    runMigrations(handle);
    return run(handle);
  } finally {
    handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Shape {
  initiatives: number;
  actions: number;
  history: number;
  owners: number;
  reminders: number;
}

/**
 * Years of use: most actions done or dropped; about one in nine open or blocked, mostly touched within the
 * week, the rest idle for up to three months; due dates around today; a few snoozed. Stalled actions carry
 * the reminder history a daily job leaves: each was brought up to its owner (and, idle for three weeks, to
 * its initiative's owner) on one of the last 13 days.
 */
export function seed(handle: DatabaseHandle, shape: Shape): void {
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

/**
 * Wall-clock percentiles, and the median CPU time of this process: on a shared machine the wall clock also
 * counts time spent waiting for a core, the CPU time does not.
 */
function measure(
  runs: number,
  work: () => unknown,
): { p50: number; p95: number; max: number; cpu50: number } {
  for (let i = 0; i < 3; i++) work();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    work();
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const at = (xs: number[], p: number) =>
    xs[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? Number.NaN;
  return { p50: at(times, 50), p95: at(times, 95), max: times.at(-1) ?? Number.NaN, cpu50: at(cpu, 50) };
}

export async function benchStalledQuery(options: { actions?: number } = {}): Promise<BenchResult[]> {
  const actions = options.actions ?? 100_000;
  return withDatabase((handle) => {
    seed(handle, { initiatives: 500, actions, history: 0, owners: 2_000, reminders: actions });
    const today = localDate(NOW, ZONE);
    const all = stalledCandidates(handle.db, NOW, today).length;
    let found = 0;
    const t = measure(50, () => {
      found = stalledCandidates(handle.db, NOW, today, { remindableOnly: true }).length;
    });
    return [
      {
        name: `stalled-action query p95 (${actions.toLocaleString('en')} actions)`,
        value: Number(t.p95.toFixed(2)),
        unit: 'ms',
        budget: 30,
        ok: t.p95 < 30,
        detail: `p50 ${t.p50.toFixed(2)} ms (CPU ${t.cpu50.toFixed(2)} ms), max ${t.max.toFixed(2)} ms; ${found} to remind now of ${all} stalled`,
      },
    ];
  });
}

export async function benchDigests(
  options: { initiatives?: number; actions?: number; history?: number } = {},
): Promise<BenchResult[]> {
  const shape = {
    initiatives: options.initiatives ?? 100,
    actions: options.actions ?? 20_000,
    history: options.history ?? 200_000,
  };
  return withDatabase((handle) => {
    seed(handle, { ...shape, owners: 1_000, reminders: shape.actions });
    for (const key of [...DEPARTMENTS, 'hub'] as BindingKey[]) {
      setBinding(handle.db, key, `C${key.toUpperCase()}`, 'bench', NOW);
    }
    const ctx: AppContext = {
      handle,
      clock: new ManualClock(NOW),
      timeZone: ZONE,
      admins: new Set(),
      directory: { fetch: async () => null },
      afterCommit: () => undefined,
      schedules: [],
    };
    let messages = 0;
    const t = measure(20, () => {
      messages = collectDigests(ctx, '2026-W10', NOW).length;
    });
    return [
      {
        name: `all weekly digests p95 (${shape.initiatives} initiatives, ${shape.actions.toLocaleString('en')} actions, ${shape.history.toLocaleString('en')} history)`,
        value: Number(t.p95.toFixed(2)),
        unit: 'ms',
        budget: 250,
        ok: t.p95 < 250,
        detail: `p50 ${t.p50.toFixed(2)} ms (CPU ${t.cpu50.toFixed(2)} ms), max ${t.max.toFixed(2)} ms, ${messages} messages for 5 channels`,
      },
    ];
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = [...(await benchStalledQuery()), ...(await benchDigests())];
  console.table(results);
}
