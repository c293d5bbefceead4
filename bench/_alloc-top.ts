/**
 * `npx tsx bench/_alloc-top.ts <file.heapprofile> [n]`: the functions that allocated the most (sampled, freed
 * or not) in a floor-bench server run with `BENCH_ALLOC_PROF=<dir>`, by self size.
 */
import fs from 'node:fs';

interface Node {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children?: Node[];
}

const [file, count] = process.argv.slice(2);
if (!file) {
  console.error('usage: npx tsx bench/_alloc-top.ts <file.heapprofile> [n]');
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as { head: Node };
const bytes = new Map<string, number>();
const walk = (n: Node) => {
  const f = n.callFrame;
  const where = f.url.replace(/.*node_modules\//, '').replace(/.*\/(dist|src)\//, '$1/');
  const key = `${f.functionName || '(anonymous)'} ${where}:${f.lineNumber + 1}`;
  bytes.set(key, (bytes.get(key) ?? 0) + n.selfSize);
  for (const c of n.children ?? []) walk(c);
};
walk(profile.head);
const total = [...bytes.values()].reduce((a, b) => a + b, 0);
console.log(`${file}: ${(total / 1048576).toFixed(1)} MB allocated (sampled)`);
console.table(
  [...bytes.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(count ?? 25))
    .map(([fn, b]) => ({ function: fn.slice(0, 110), MB: Math.round((b / 1048576) * 100) / 100 })),
);
