/**
 * What each big dependency and each layer of the bot's own modules adds as it loads: resident memory, and the
 * JS heap still live after a full collection. Compiled, as `npm start` runs (the default):
 * `npx tsx bench/_memory-steps.ts`, which bundles this file with src/build.ts's options into dist/ and runs
 * it under plain node; `npx tsx bench/_memory-steps.ts --tsx` measures under tsx instead.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

const mb = (n: number) => `${Math.round(n / 1048576)} MB`.padStart(7);

async function measure(): Promise<void> {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const live = () => {
    gc();
    return process.memoryUsage().heapUsed;
  };
  let [lastRss, lastLive] = [process.memoryUsage().rss, live()];
  console.log(`${'step'.padEnd(32)}    RSS (added)     live heap (added)`);
  console.log(`${'node'.padEnd(32)} ${mb(lastRss)}            ${mb(lastLive)}`);
  const step = async (name: string, load: () => Promise<unknown>) => {
    await load();
    const [rss, heap] = [process.memoryUsage().rss, live()];
    console.log(
      `${name.padEnd(32)} ${mb(rss)} (+${mb(rss - lastRss)})  ${mb(heap)} (+${mb(heap - lastLive)})`,
    );
    [lastRss, lastLive] = [rss, heap];
  };
  await step('@slack/bolt', () => import('@slack/bolt'));
  await step('drizzle-orm/better-sqlite3', () => import('drizzle-orm/better-sqlite3'));
  await step('zod', () => import('zod'));
  await step('pino', () => import('pino'));
  await step('prom-client', () => import('prom-client'));
  await step('node-cron', () => import('node-cron'));
  await step('undici', () => import('undici'));
  await step('src/db/schema', () => import('../src/db/schema.js'));
  await step('src/slack/messages/en', () => import('../src/slack/messages/en.js'));
  await step('src/slack/messages/index', () => import('../src/slack/messages/index.js'));
  await step('src/jobs/index', () => import('../src/jobs/index.js'));
  await step('src/slack/app', () => import('../src/slack/app.js'));
  await step('src/runtime/bot', () => import('../src/runtime/bot.js'));
  await step('src/main (config, log)', () => import('../src/config.js'));
}

if (process.env.CX_MEMORY_STEPS === '1' || process.argv.includes('--tsx')) {
  await measure();
} else {
  const { bundle, DIST } = await import('../src/build.js');
  fs.mkdirSync(DIST, { recursive: true });
  const dir = fs.mkdtempSync(path.join(DIST, 'steps-'));
  try {
    await bundle({ steps: fileURLToPath(import.meta.url) }, dir);
    spawnSync(process.execPath, [path.join(dir, 'steps.js')], {
      stdio: 'inherit',
      env: { ...process.env, CX_MEMORY_STEPS: '1' },
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
