/**
 * `npm run bench`: runs every benchmark in bench/, one at a time, prints a table and writes
 * bench/results.json.
 *
 * A benchmark is any async function named `bench…` exported by a module in bench/ that resolves to
 * `BenchResult[]` (see ./command-latency.ts). Adding one means adding such a module (or export); nothing
 * here changes. `npm run bench -- <text>` runs only the benchmarks whose function name contains <text>.
 * Exit code 1 when a benchmark fails or misses its budget.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from './command-latency.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(HERE, 'results.json');

type BenchFn = () => Promise<BenchResult[]>;

interface Found {
  module: string;
  name: string;
  run: BenchFn;
}

async function discover(filter: string | undefined): Promise<Found[]> {
  const self = path.basename(fileURLToPath(import.meta.url));
  const files = fs
    .readdirSync(HERE)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== self && !f.startsWith('_'))
    .sort();
  const found: Found[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(HERE, file)).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (!/^bench[A-Z]/.test(name) || typeof value !== 'function') continue;
      if (filter && !name.toLowerCase().includes(filter.toLowerCase())) continue;
      found.push({ module: file, name, run: () => (value as BenchFn)() });
    }
  }
  return found;
}

interface Row extends BenchResult {
  module: string;
  fn: string;
  seconds: number;
}

async function main(): Promise<number> {
  const filter = process.argv[2];
  const benches = await discover(filter);
  if (benches.length === 0) {
    console.error(filter ? `no benchmark matches '${filter}'` : 'no benchmarks found in bench/');
    return 1;
  }
  const rows: Row[] = [];
  for (const b of benches) {
    process.stderr.write(`bench: ${b.module} ${b.name}…\n`);
    const started = performance.now();
    try {
      for (const r of await b.run()) {
        rows.push({
          ...r,
          module: b.module,
          fn: b.name,
          seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
        });
      }
    } catch (error) {
      rows.push({
        name: b.name,
        value: Number.NaN,
        unit: '',
        budget: Number.NaN,
        ok: false,
        detail: `failed: ${error instanceof Error ? error.message : String(error)}`,
        module: b.module,
        fn: b.name,
        seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
      });
    }
  }

  console.table(
    rows.map((r) => ({
      benchmark: r.name,
      value: r.value,
      unit: r.unit,
      budget: r.budget,
      ok: r.ok ? 'PASS' : 'FAIL',
      detail: r.detail ?? '',
    })),
  );
  const previous =
    fs.existsSync(OUT) && filter ? (JSON.parse(fs.readFileSync(OUT, 'utf8')) as { results?: Row[] }) : null;
  // A filtered run updates its own rows and keeps the others.
  const kept = (previous?.results ?? []).filter(
    (r) => !rows.some((n) => n.fn === r.fn && n.module === r.module),
  );
  const report = {
    generatedAt: new Date().toISOString(),
    machine: {
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      cpus: os.cpus().length,
      loadavg: os.loadavg(),
    },
    results: [...kept, ...rows],
  };
  fs.writeFileSync(OUT, `${JSON.stringify(report, null, 2)}\n`);
  const missed = rows.filter((r) => !r.ok);
  console.log(
    `${rows.length - missed.length}/${rows.length} within budget; written to ${path.relative(process.cwd(), OUT)}`,
  );
  return missed.length > 0 ? 1 : 0;
}

process.exitCode = await main();
