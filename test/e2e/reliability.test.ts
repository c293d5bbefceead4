import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot } from '../../src/runtime/bot.js';
import { CHANNELS, eventually, type Harness, quietLogger, startHarness } from '../support/harness.js';
import { postsOf } from '../support/posts.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const TSX = pathToFileURL(path.join(REPO, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const rows = (db: Database.Database, sql: string) => db.prepare(sql).all();

describe('concurrency and durability', () => {
  it('200 concurrent /cx log commands create 200 actions with 200 distinct refs', async () => {
    h = await startHarness();
    await h.cx('UALICE', 'new Load test lead:it');
    const harness = h;
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => harness.cx('UALICE', `log I-1 Task ${i} due:+3d`)),
    );
    const refs = results.map((r) => /A-(\d+)/.exec(harness.replyText(r))?.[1]);
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(new Set(refs).size).toBe(200);
    expect(refs.every(Boolean)).toBe(true);
    expect(rows(h.bot.handle.sqlite, 'select count(*) as n from actions')).toEqual([{ n: 200 }]);
  });

  it('restarting the bot keeps every record', async () => {
    h = await startHarness();
    await h.cx('UALICE', 'new Survives restarts lead:it essential');
    await h.cx('UALICE', 'log I-1 Still here due:+3d');
    await h.cx('UALICE', 'away until 2026-04-01');
    const before = h.snapshot();
    await h.bot.stop();
    const bot = await startBot(h.config, { clock: h.clock, logger: quietLogger() });
    h.bot = bot;
    h.emulator.setAppUrl(`http://127.0.0.1:${bot.port}/slack/events`);
    expect(h.snapshot()).toEqual(before);
    const shown = JSON.stringify((await h.cx('UBOB', 'show A-1')).body);
    expect(shown).toContain('Still here');
    // Refs continue after the restart; none is reused.
    expect(h.replyText(await h.cx('UALICE', 'log I-1 After restart'))).toContain('A-2');
  });

  it('a backup taken while 100 commands are in flight opens and holds every committed row', async () => {
    h = await startHarness();
    const harness = h;
    await h.cx('UALICE', 'new Backed up lead:it');
    for (let i = 0; i < 20; i++) await h.cx('UALICE', `log I-1 Before ${i}`);
    const target = path.join(h.dir, 'backup', 'cx.sqlite');
    const child = spawn(
      process.execPath,
      ['--import', TSX, path.join(REPO, 'src/cli.ts'), 'backup', target],
      {
        cwd: REPO,
        env: { PATH: process.env.PATH, DATABASE_PATH: h.config.databasePath },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    // Keep 100 commands flowing while the backup process starts, copies and exits.
    const inFlight = Array.from(
      { length: 100 },
      (_, i) =>
        new Promise((resolve) => setTimeout(resolve, i * 12)).then(() =>
          harness.cx('UBOB', `log I-1 During ${i}`),
        ) as Promise<unknown>,
    );
    const code = await exited;
    await Promise.all(inFlight);
    expect(stderr).toBe('');
    expect(code).toBe(0);

    const copy = new Database(target, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const copied = rows(copy, 'select id, title from actions order by id') as {
        id: number;
        title: string;
      }[];
      // Everything committed before the backup started is there…
      expect(copied.filter((a) => a.title.startsWith('Before'))).toHaveLength(20);
      // …and every copied action is whole: its initiative and its history row came with it.
      const orphans = rows(
        copy,
        `select a.id from actions a left join history h on h.entity = 'A' and h.entity_id = a.id and h.kind = 'created'
         where h.id is null`,
      );
      expect(orphans).toEqual([]);
      const live = rows(h.bot.handle.sqlite, 'select id, title from actions order by id');
      expect(live.slice(0, copied.length)).toEqual(copied);
    } finally {
      copy.close();
    }
  });
});

describe('delivery of progress wins', () => {
  it('a Slack outage (500, then 429 Retry-After 1, then ok) ends with exactly one win per channel', async () => {
    h = await startHarness({ bind: ['service', 'sales'] });
    await h.cx('UALICE', 'new Outage lead:service with:sales');
    await h.cx('UALICE', 'log I-1 Ship it due:+1d');
    h.emulator.failNext('chat.postMessage', { status: 500 }, { status: 429, retryAfter: 1 });
    const started = Date.now();
    await h.cx('UALICE', 'done A-1');
    await h.drain();
    expect(postsOf(h.emulator, CHANNELS.service, 'win:')).toHaveLength(1);
    expect(postsOf(h.emulator, CHANNELS.sales, 'win:')).toHaveLength(1);
    const statuses = h.emulator.callsTo('chat.postMessage').map((c) => c.status);
    expect(statuses).toContain(500);
    expect(statuses).toContain(429);
    // Retry-After was honoured, not ignored.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('a win to a channel the bot was removed from is kept, admins are told, and it arrives after re-binding', async () => {
    h = await startHarness({ bind: ['service'], admins: ['UADMIN'] });
    await h.cx('UALICE', 'new Kept lead:service');
    await h.cx('UALICE', 'log I-1 Ship it due:+1d');
    h.emulator.leaveChannel(CHANNELS.service);
    await h.cx('UALICE', 'done A-1');
    await h.drain();
    expect(postsOf(h.emulator, CHANNELS.service, 'win:')).toHaveLength(0);
    const notice = await eventually(() => h?.emulator.dms('UADMIN').at(-1));
    expect(notice.text).toMatch(/could not post a progress win to the service channel/);
    const held = rows(h.bot.handle.sqlite, `select status from outbox where kind = 'win'`);
    expect(held).toEqual([{ status: 'held' }]);

    // The admin re-binds the channel: the bot joins it and the kept win is delivered, once.
    await h.cx('UADMIN', 'setup channel service', CHANNELS.service);
    await h.drain();
    const wins = postsOf(h.emulator, CHANNELS.service, 'win:');
    expect(wins).toHaveLength(1);
    expect(wins[0]?.text).toContain('A-1');
    expect(h.emulator.dms('UADMIN')).toHaveLength(1);
  });
});
