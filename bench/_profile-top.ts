/**
 * `npx tsx bench/_profile-top.ts <file.cpuprofile> [n]`: the top n functions of a `--cpu-prof` profile by
 * self time (the floor bench writes one per server process with BENCH_CPU_PROF=<dir>), with their share of
 * all samples and of the non-idle ones.
 */
import fs from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [file, count] = process.argv.slice(2);
if (!file) {
  console.error('usage: tsx bench/_profile-top.ts <file.cpuprofile> [n]');
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<string, number>();
let total = 0;
let idle = 0;
profile.samples.forEach((id, i) => {
  const ms = (profile.timeDeltas[i] ?? 0) / 1000;
  const node = byId.get(id);
  if (!node) return;
  total += ms;
  const f = node.callFrame;
  if (f.functionName === '(idle)') idle += ms;
  const where = f.url ? `${f.url.replace(/^.*\/(node_modules|src)\//, '$1/')}:${f.lineNumber + 1}` : '';
  const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
  self.set(key, (self.get(key) ?? 0) + ms);
});
const busy = total - idle;
const rows = [...self.entries()]
  .filter(([k]) => !k.startsWith('(idle)'))
  .sort((a, b) => b[1] - a[1])
  .slice(0, Number(count ?? 5))
  .map(([fn, ms]) => ({
    function: fn,
    'self ms': Math.round(ms),
    '% of busy': Number(((100 * ms) / busy).toFixed(1)),
  }));
console.log(`${file}: ${Math.round(total)} ms sampled, ${Math.round(busy)} ms busy`);
console.table(rows);
