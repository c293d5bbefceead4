/**
 * `npx tsx bench/_write-timing.ts`: the floor bench's write path (`/cx log`, `/cx done`) through the use cases,
 * one call at a time, on the same seeded database: CPU µs per call, what a bare transaction costs, and the pages
 * each use case writes to the WAL. A quick way to see which part of a write a change helps without running the
 * whole floor bench.
 */
import fs from 'node:fs';
import { completeAction, logAction } from '../src/app/actions.js';
import { CALLER, seededContext } from './_seeded-context.js';

const { handle, ctx, remove } = seededContext('cx-write-timing');
for (const [key, channel] of Object.entries({
  marketing: 'CM',
  sales: 'CS',
  service: 'CV',
  it: 'CI',
  hub: 'CH',
})) {
  handle.sqlite
    .prepare(
      `insert or replace into channel_bindings (key, channel_id, bound_by, bound_at) values (?, ?, 'U1', 0)`,
    )
    .run(key, channel);
}

async function time(name: string, fn: (i: number) => unknown, n = 2000) {
  for (let i = 0; i < 200; i++) await fn(i);
  const cpu = process.cpuUsage();
  for (let i = 0; i < n; i++) await fn(i + 200);
  const { user, system } = process.cpuUsage(cpu);
  console.log(
    `${name.padEnd(34)} ${((user + system) / n).toFixed(1).padStart(8)} µs CPU (${(system / n).toFixed(1)} system)`,
  );
}

const sqlite = handle.sqlite;
const empty = sqlite.transaction(() => undefined);
await time('bare transaction (nothing in it)', () => empty.immediate());
sqlite.exec('create table if not exists scratch (id integer primary key, v text)');
const ins = sqlite.prepare('insert into scratch (v) values (?)');
const one = sqlite.transaction((i: number) => ins.run(`x${i}`));
await time('transaction with one insert', (i) => one(i));
await time('drizzle transaction (nothing)', () => handle.db.transaction(() => undefined));
let k = 0;
await time('use case: logAction', async () => {
  const r = await logAction(
    ctx,
    { userId: CALLER, dedupeKey: `t${++k}` },
    { initiativeId: (k % 100) + 1, title: `Step ${k}` },
  );
  if (!r.ok) throw new Error(JSON.stringify(r));
});
const open = sqlite
  .prepare(`select id from actions where status = 'open' order by id desc limit 3000`)
  .pluck()
  .all() as number[];
let j = 0;
await time('use case: completeAction', async () => {
  const r = await completeAction(ctx, { userId: CALLER, dedupeKey: `d${++j}` }, open[j] ?? 1, null);
  if (!r.ok) throw new Error(JSON.stringify(r));
});

/**
 * Pages each use case writes to the WAL at commit (frames), by the index or table they belong to: every page is
 * written whole (4 KB) with its frame header, so this is what a commit costs beyond the statements themselves.
 */
const owner = new Map(
  (sqlite.prepare('select name, pageno from dbstat').all() as { name: string; pageno: number }[]).map((r) => [
    r.pageno,
    r.name,
  ]),
);
const walFile = `${sqlite.name}-wal`;
sqlite.pragma('wal_autocheckpoint = 0');
async function frames(name: string, fn: () => Promise<unknown>) {
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await fn();
  const wal = fs.readFileSync(walFile);
  const pages: string[] = [];
  for (let at = 32; at + 24 <= wal.length; at += 4096 + 24) {
    const page = wal.readUInt32BE(at);
    pages.push(owner.get(page) ?? `page ${page}`);
  }
  console.log(`${name.padEnd(34)} ${String(pages.length).padStart(3)} pages: ${pages.join(', ')}`);
}
await frames('pages: logAction', () =>
  logAction(
    ctx,
    { userId: CALLER, dedupeKey: `f${++k}` },
    { initiativeId: (k % 100) + 1, title: `Step ${k}` },
  ),
);
await frames('pages: completeAction', () =>
  completeAction(ctx, { userId: CALLER, dedupeKey: `fd${++j}` }, open[j] ?? 1, null),
);
remove();
