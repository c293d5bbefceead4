import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { benchFloor } from '../../bench/floor.js';

/**
 * `npm run bench -- floor` is how issue 13's budgets are checked, and nothing else runs it: a tiny run here
 * keeps it runnable (both servers compiled and started, every workload, the answers checked against the
 * database, the memory read at stop, the profiling folders written). Its numbers mean nothing at this size;
 * only that each budget line is there with a verdict.
 */
describe('the floor bench, tiny', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-floor-smoke-'));
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('measures every workload on both servers, checks every answer and writes a heap snapshot', async () => {
    vi.stubEnv('BENCH_HEAP_SNAPSHOT', path.join(dir, 'heap'));
    const printed: unknown[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args) => void printed.push(...args));
    vi.spyOn(console, 'table').mockImplementation((t) => void printed.push(t));
    const results = await benchFloor({ rounds: 3, perRound: 20, warmup: 4, jitWarmup: 10, concurrency: 4 });

    const names = results.map((r) => r.name);
    for (const command of ['/cx mine', '/cx list', '/cx show I-n', '/cx log + /cx done']) {
      expect(names).toContain(`${command}: throughput vs empty Bolt (≥ budget)`);
      expect(names).toContain(`${command}: p99 vs empty Bolt`);
    }
    for (const r of results) expect(Number.isFinite(r.value), r.name).toBe(true);
    const right = results.find((r) => r.name === 'floor bench: every answer right');
    expect(right).toMatchObject({ value: 0, ok: true });
    expect(right?.detail).toMatch(
      /actions logged.*completed; wins posted \d+, still queued \d+ .*; \d+ chat\.postMessage calls/,
    );
    const rss = results.find((r) => r.name === 'bot RSS after the whole floor bench');
    expect(rss?.value).toBeGreaterThan(0);
    // The third app, the empty one answering as many bytes as the bot: its ratios are in every workload's detail.
    const show = results.find((r) => r.name === '/cx show I-n: p99 vs empty Bolt');
    expect(show?.detail).toMatch(/against the empty app answering [1-9]\d{3} bytes: [\d.]+× its req\/s/);
    expect(show?.detail).toMatch(/that app itself serves [\d.]+× the req\/s of the empty app's small answer/);
    // For the writes it also saves the same rows (bench/_floor-rows.ts), each of them checked in its database.
    const writes = results.find((r) => r.name === '/cx log + /cx done: p99 vs empty Bolt');
    expect(writes?.detail).toMatch(/answering \d+ bytes and saving the same rows \(bench\/_floor-rows\.ts\)/);
    const saved = /floor app: (\d+)\/(\d+) actions logged, (\d+)\/(\d+) completed/.exec(right?.detail ?? '');
    // 3 rounds × 20 and 4 warm-up writes: half of them logs, half dones.
    expect(saved?.slice(1).map(Number)).toEqual([32, 32, 32, 32]);
    expect(fs.readdirSync(path.join(dir, 'heap')).sort()).toEqual([
      expect.stringMatching(/^bot-\d+\.heapsnapshot$/),
      expect.stringMatching(/^empty-\d+\.heapsnapshot$/),
      expect.stringMatching(/^sized-\d+\.heapsnapshot$/),
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
