/**
 * Budgets (issue 3), measured on the SQLite file the bot would use, after migrations:
 * - the stalled-action query behind the reminders job, over 100,000 actions: under 30 ms;
 * - building every weekly digest (4 department channels and the hub: read once, build five) for
 *   100 initiatives, 20,000 actions and 200,000 history rows: under 250 ms.
 * Each figure is the 95th percentile of repeated runs after a warm-up, each on a collected heap (see measure).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
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
import { SEED_NOW as NOW, seed } from './support.js';

const ZONE = 'Europe/Berlin';

async function withDatabase<T>(run: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-bench-nudges-'));
  const handle = openDatabase(path.join(dir, 'cx.sqlite'));
  try {
    runMigrations(handle);
    return await run(handle);
  } finally {
    handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Timing {
  p50: number;
  p95: number;
  max: number;
  cpu50: number;
}

/** V8's full collection, for the bench process (not timed). */
const collect = (() => {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();

/**
 * Wall-clock percentiles, and the median CPU time of this process: on a shared machine the wall clock also
 * counts time spent waiting for a core, the CPU time does not.
 *
 * Each run starts on a collected heap (the collection is not timed): the jobs run half an hour apart, while
 * back to back each run paid for the garbage of the ones before it. That was not the query's cost but V8's: in
 * some processes and not others (decided per process; `--trace-pretenuring-statistics`), V8 began allocating a
 * run's candidate objects straight into the old generation, after which every scavenge kept what they point to
 * alive and took 15 ms instead of 1.5 (`--trace-gc`), and the stalled bench's p95 came to 31–45 ms in four
 * runs of five with a p50 of 13 ms (4 December 2026). `backToBack` is that figure, reported alongside.
 */
async function measure(runs: number, work: () => unknown): Promise<Timing & { backToBack: Timing }> {
  for (let i = 0; i < 3; i++) work();
  const collected = await timings(runs, work, settled);
  return { ...collected, backToBack: await timings(runs, work, async () => undefined) };
}

/** A full collection, then a moment for V8's helper threads to finish sweeping (or they run beside the run). */
async function settled(): Promise<void> {
  collect();
  await new Promise((resolve) => setTimeout(resolve, 20));
}

async function timings(runs: number, work: () => unknown, before: () => Promise<void>): Promise<Timing> {
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    await before();
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

const backToBack = ({ backToBack: b }: { backToBack: Timing }) =>
  `back to back, each run after the last without a collection between: p50 ${b.p50.toFixed(2)} ms, p95 ${b.p95.toFixed(2)} ms, max ${b.max.toFixed(2)} ms`;

export async function benchStalledQuery(options: { actions?: number } = {}): Promise<BenchResult[]> {
  const actions = options.actions ?? 100_000;
  return withDatabase(async (handle) => {
    seed(handle, { initiatives: 500, actions, history: 0, owners: 2_000, reminders: actions });
    const today = localDate(NOW, ZONE);
    const all = stalledCandidates(handle.db, NOW, today).length;
    let found = 0;
    const t = await measure(50, () => {
      found = stalledCandidates(handle.db, NOW, today, { remindableOnly: true }).length;
    });
    return [
      {
        name: `stalled-action query p95 (${actions.toLocaleString('en')} actions)`,
        value: Number(t.p95.toFixed(2)),
        unit: 'ms',
        budget: 30,
        ok: t.p95 < 30,
        detail: `p50 ${t.p50.toFixed(2)} ms (CPU ${t.cpu50.toFixed(2)} ms), max ${t.max.toFixed(2)} ms; ${found} to remind now of ${all} stalled; ${backToBack(t)}`,
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
  return withDatabase(async (handle) => {
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
    const t = await measure(20, () => {
      messages = collectDigests(ctx, '2026-W10', NOW).length;
    });
    return [
      {
        name: `all weekly digests p95 (${shape.initiatives} initiatives, ${shape.actions.toLocaleString('en')} actions, ${shape.history.toLocaleString('en')} history)`,
        value: Number(t.p95.toFixed(2)),
        unit: 'ms',
        budget: 250,
        ok: t.p95 < 250,
        detail: `p50 ${t.p50.toFixed(2)} ms (CPU ${t.cpu50.toFixed(2)} ms), max ${t.max.toFixed(2)} ms, ${messages} messages for 5 channels; ${backToBack(t)}`,
      },
    ];
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = [...(await benchStalledQuery()), ...(await benchDigests())];
  console.table(results);
}
