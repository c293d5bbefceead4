/**
 * `node --import tsx bench/_memory-steps.ts`: resident memory added by each big dependency and each layer of
 * the bot's own modules as they load under tsx (the floor bench's RSS line is their sum plus the load).
 */
const mb = (n: number) => `${Math.round(n / 1048576)} MB`;
let last = process.memoryUsage().rss;
const step = async (name: string, load: () => Promise<unknown>) => {
  await load();
  const rss = process.memoryUsage().rss;
  console.log(name.padEnd(40), `+${mb(rss - last)}`, mb(rss));
  last = rss;
};
await step('@slack/bolt', () => import('@slack/bolt'));
await step('drizzle-orm/better-sqlite3', () => import('drizzle-orm/better-sqlite3'));
await step('zod', () => import('zod'));
await step('pino', () => import('pino'));
await step('pino-pretty', () => import('pino-pretty'));
await step('prom-client', () => import('prom-client'));
await step('node-cron', () => import('node-cron'));
await step('undici', () => import('undici'));
await step('src/db/schema', () => import('../src/db/schema.js'));
await step('src/slack/messages/en', () => import('../src/slack/messages/en.js'));
await step('src/jobs/index', () => import('../src/jobs/index.js'));
await step('src/slack/app', () => import('../src/slack/app.js'));
await step('src/runtime/bot', () => import('../src/runtime/bot.js'));
