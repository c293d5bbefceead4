/**
 * `npx tsx bench/_sandbox-browser.ts [commands]`: what `sandbox.ts` measures through the page's JSON API, in
 * Debian's Chromium (playwright-core): `npm start` in a temp folder, the demo, "+6 months" twice with the page
 * open, then `/cx` typed into the page as Maya in #cx-hub, each timed from Enter to its reply rendered.
 * Not part of `npm run bench` (it needs the browser); prints the numbers.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

type Doc = { document: { querySelectorAll(selector: string): { length: number } } };

const REPO = fileURLToPath(new URL('..', import.meta.url));
const TSX = pathToFileURL(path.join(REPO, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const count = Number(process.argv[2] ?? 30);
const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-sandbox-browser-'));

const child: ChildProcess = spawn(process.execPath, ['--import', TSX, path.join(REPO, 'src/main.ts')], {
  cwd,
  env: { PATH: process.env.PATH, PORT: '0', CX_TIMEZONE: 'Europe/Berlin' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise<string>((resolve) => {
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
    if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
  });
});
const post = async (pathname: string, body: unknown) =>
  (await (
    await fetch(new URL(pathname, url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
  ).json()) as Record<string, unknown>;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const demo = await post('/_sandbox/demo', {});
  if (!demo.ok) throw new Error(`demo: ${demo.summary}`);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${url}#user=UMAYA&channel=CHUB`);
  await page.locator('body[data-ready="true"]').waitFor();
  // CPU seconds of the sandbox's process (utime + stime in /proc), apart from the browser's.
  const cpu = () => {
    const fields = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
  for (let i = 0; i < 2; i++) {
    const started = performance.now();
    const used = cpu();
    await post('/_sandbox/clock', { travel: 'half-year' });
    const wall = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`+6 months #${i + 1}: ${wall} s (page open), sandbox ${(cpu() - used).toFixed(1)} s CPU`);
  }
  const texts = ['mine', 'list', 'show I-1', 'help', 'show I-2'];
  const times: number[] = [];
  for (let i = 0; i < count + 3; i++) {
    const before = await page.locator('#messages .msg.ephemeral').count();
    await page.fill('#composer-input', `/cx ${texts[i % texts.length]}`);
    const started = performance.now();
    await page.press('#composer-input', 'Enter');
    // Run in the page (this file is compiled without the DOM's types; the page's policy forbids eval).
    await page.waitForFunction(
      (n) => (globalThis as unknown as Doc).document.querySelectorAll('#messages .msg.ephemeral').length > n,
      before,
      { polling: 'raf' },
    );
    if (i >= 3) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]?.toFixed(0);
  console.log(`/cx → reply rendered: p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${p(1)} ms (${times.length})`);
} finally {
  await browser.close();
  child.kill('SIGTERM');
  fs.rmSync(cwd, { recursive: true, force: true });
}
