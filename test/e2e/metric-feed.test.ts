/**
 * Issue 16: POST /api/metrics, values from other systems. The validation matrix over HTTP against the
 * running bot: no token configured, wrong and missing tokens, good items, bad items mixed with good ones
 * (nothing stored), unknown and closed initiatives, duplicates (replaced, never doubled), an oversize body;
 * the history of `/cx show` says "from API"; a flood of wrong tokens is answered 429 and commands still ack.
 */
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { createLog } from '../../src/log/logger.js';
import { startBot } from '../../src/runtime/bot.js';
import { startEmulator } from '../../src/sandbox/emulator/index.js';
import {
  BOT_TOKEN,
  eventually,
  type Harness,
  SIGNING_SECRET,
  startHarness,
  startSocketBot,
  tempDir,
} from '../support/harness.js';

const TOKEN = 'api-token-0123456789abcdef';
let h: Harness;

afterEach(async () => {
  const started = h;
  h = undefined as unknown as Harness;
  await started?.stop();
});

async function start(apiToken: string | null = TOKEN) {
  h = await startHarness({ now: new Date('2026-03-02T10:00:00Z'), config: { apiToken } });
}

const url = () => `http://127.0.0.1:${h.bot.port}/api/metrics`;

async function post(body: unknown, token: string | null = TOKEN, raw?: string) {
  const res = await fetch(url(), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    },
    body: raw ?? JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null, res };
}

const checkins = () =>
  h.bot.handle.sqlite
    .prepare(
      'select initiative_id, customer_value, customer_metric, business_value, business_metric, recorded_by, source, value_date from metric_checkins order by id',
    )
    .all() as Record<string, unknown>[];

async function initiativeWithMetrics(title = 'Faster answers') {
  const reply = h.replyText(await h.cx('UALICE', `new ${title} lead:service`));
  const id = Number(/I-(\d+)/.exec(reply)?.[1]);
  await h.cx('UALICE', `metric I-${id} customer "NPS" 30 -> 45`);
  await h.cx('UALICE', `metric I-${id} business "Cost to serve" 12€ -> 9€`);
  return id;
}

describe('POST /api/metrics', () => {
  it('answers 404 when no token is configured, and stores nothing', async () => {
    await start(null);
    await initiativeWithMetrics();
    const r = await post({ initiative: 'I-1', metric: 'customer', value: 40 });
    expect(r.status).toBe(404);
    expect(checkins()).toEqual([]);
  });

  it('refuses a wrong or missing token with 401 and stores nothing', async () => {
    await start();
    await initiativeWithMetrics();
    const item = { initiative: 'I-1', metric: 'customer', value: 40 };
    expect((await post(item, 'api-token-0123456789abcdeX')).status).toBe(401);
    expect((await post(item, null)).status).toBe(401);
    const basic = await fetch(url(), {
      method: 'POST',
      headers: { authorization: `Basic ${TOKEN}` },
      body: JSON.stringify(item),
    });
    expect(basic.status).toBe(401);
    expect(checkins()).toEqual([]);
  });

  it('stores one object or a list as check-ins from the API; the date defaults to today', async () => {
    await start();
    const id = await initiativeWithMetrics();
    const one = await post({ initiative: `i-${id}`, metric: 'customer', value: 41.5 });
    expect(one).toMatchObject({ status: 200, body: { stored: 1 } });
    const many = await post([
      { initiative: `I-${id}`, metric: 'business', value: 10.5, date: '2026-02-15' },
      { initiative: `I-${id}`, metric: 'customer', value: 38, date: '2026-02-01' },
    ]);
    expect(many).toMatchObject({ status: 200, body: { stored: 2 } });
    expect(checkins()).toEqual([
      {
        initiative_id: id,
        customer_value: 41.5,
        customer_metric: 'NPS',
        business_value: null,
        business_metric: null,
        recorded_by: 'API',
        source: 'api',
        value_date: '2026-03-02',
      },
      expect.objectContaining({
        business_value: 10.5,
        business_metric: 'Cost to serve',
        value_date: '2026-02-15',
      }),
      expect.objectContaining({ customer_value: 38, value_date: '2026-02-01', source: 'api' }),
    ]);
    // `/cx show` history says where the values came from; the trend has them on their days.
    const show = JSON.stringify((await h.cx('UBOB', `show I-${id}`)).body);
    expect(show).toContain('from API');
    expect(show).toContain('NPS 41.5 on 2026-03-02');
    expect(show).toMatch(/2026-02-01: 38 · 2026-03-02: 41.5/);
  });

  it('answers 200 only once the values are committed: a commit that fails answers 500 and stores nothing', async () => {
    await start();
    const id = await initiativeWithMetrics();
    // A constraint SQLite checks only at COMMIT (a deferred foreign key), broken by every new check-in: the
    // statements all succeed, only the commit fails. The API's write shares the bot's commit of its turn.
    h.bot.handle.sqlite.exec(`
      create temp table gc_parent (id integer primary key);
      create temp table gc_child (pid integer references gc_parent(id) deferrable initially deferred);
      create temp trigger gc_break after insert on main.metric_checkins begin insert into gc_child values (9); end;
    `);
    const lost = await post({ initiative: `I-${id}`, metric: 'customer', value: 41.5 });
    expect(lost.status).toBe(500);
    expect(checkins()).toEqual([]);
    h.bot.handle.sqlite.exec('drop trigger temp.gc_break');
    expect(await post({ initiative: `I-${id}`, metric: 'customer', value: 41.5 })).toMatchObject({
      status: 200,
    });
    expect(checkins()).toHaveLength(1);
  });

  it('bad items mixed with good ones: 400, one problem per bad item, nothing stored', async () => {
    await start();
    const id = await initiativeWithMetrics();
    const closed = await initiativeWithMetrics('Old pilot');
    await h.cx('UALICE', `close I-${closed} pilot ended`);
    const half = Number(/I-(\d+)/.exec(h.replyText(await h.cx('UALICE', 'new Half measured lead:it')))?.[1]);
    await h.cx('UALICE', `metric I-${half} customer "NPS" 30 -> 45`);
    const before = h.snapshot();
    const r = await post([
      { initiative: `I-${id}`, metric: 'customer', value: 40 },
      { initiative: 'I-99', metric: 'customer', value: 40 },
      { initiative: `I-${id}`, metric: 'revenue', value: 40 },
      { initiative: `I-${id}`, metric: 'business', value: '11' },
      { initiative: `I-${id}`, metric: 'business', value: 11, date: '2026-02-30' },
      { initiative: `I-${id}`, metric: 'business', value: 11, date: '2026-03-03' },
      { initiative: `I-${closed}`, metric: 'business', value: 11 },
      { initiative: `I-${id}`, metric: 'business', value: 11, extra: true },
      'I-1 customer 40',
      { initiative: `I-${id}`, metric: 'business', value: 11 },
    ]);
    expect(r.status).toBe(400);
    const problems = r.body?.problems as { item: number; problem: string }[];
    expect(problems.map((p) => p.item)).toEqual([2, 3, 4, 5, 7, 8]);
    expect(problems.map((p) => p.problem)).toEqual([
      'metric must be "customer" or "business"',
      'value must be a number, e.g. 41.5',
      'date "2026-02-30" is not a real date written YYYY-MM-DD',
      'date 2026-03-03 is in the future (today is 2026-03-02)',
      'unknown field "extra" (fields: initiative, metric, value, date)',
      'each item must be an object {"initiative","metric","value","date"}',
    ]);
    // Once the shapes are right, the initiatives are checked: unknown and closed ones are problems too.
    const second = await post([
      { initiative: `I-${id}`, metric: 'customer', value: 40 },
      { initiative: 'I-99', metric: 'customer', value: 40 },
      { initiative: `I-${closed}`, metric: 'business', value: 11 },
      { initiative: `I-${half}`, metric: 'business', value: 11 },
    ]);
    expect(second.status).toBe(400);
    expect(second.body?.problems).toEqual([
      { item: 1, problem: 'I-99 does not exist' },
      { item: 2, problem: `I-${closed} is closed: it takes no more values` },
      // The command that sets a metric (it named /cx edit, which renames).
      {
        item: 3,
        problem: `I-${half} has no business metric yet (set it with /cx metric I-${half} business "<name>" <baseline> -> <target>)`,
      },
    ]);
    const bad = await post(undefined, TOKEN, '{"initiative": "I-1",');
    expect(bad.status).toBe(400);
    expect((await post([])).status).toBe(400);
    expect(h.snapshot()).toEqual(before);
  });

  it('the same initiative, metric and date replaces the earlier value; a repeated request stores nothing twice', async () => {
    await start();
    const id = await initiativeWithMetrics();
    const item = { initiative: `I-${id}`, metric: 'customer', value: 40, date: '2026-02-20' };
    expect((await post(item)).body).toEqual({ stored: 1 });
    expect((await post(item)).body).toEqual({ stored: 1 });
    expect((await post({ ...item, value: 42 })).body).toEqual({ stored: 1 });
    // Within one request the later one wins.
    expect(
      (
        await post([
          { ...item, value: 43 },
          { ...item, value: 44 },
        ])
      ).body,
    ).toEqual({ stored: 1 });
    // Another metric on that day, and the same metric on another day, are values of their own.
    await post({ ...item, metric: 'business', value: 10 });
    await post({ ...item, date: '2026-02-21', value: 45 });
    const rows = checkins();
    expect(rows.map((r) => [r.customer_value, r.business_value, r.value_date])).toEqual([
      [44, null, '2026-02-20'],
      [null, 10, '2026-02-20'],
      [45, null, '2026-02-21'],
    ]);
    // A value typed in Slack that day is kept beside it.
    await h.cx('UALICE', `check I-${id} customer=39`);
    await post({ ...item, date: '2026-03-02', value: 46 });
    expect(checkins().filter((r) => r.customer_value === 39)).toHaveLength(1);
  });

  it('refuses a body over the limit with 413, before looking at it', async () => {
    await start();
    const id = await initiativeWithMetrics();
    const items = Array.from({ length: 6000 }, () => ({
      initiative: `I-${id}`,
      metric: 'customer',
      value: 40.123456789,
      date: '2026-02-20',
    }));
    const r = await post(items);
    expect(r.status).toBe(413);
    expect(checkins()).toEqual([]);
  });

  it('10,000 wrong tokens: the client is answered 429 after 10, and a command still acks', async () => {
    await start();
    const id = await initiativeWithMetrics();
    const statuses = new Map<number, number>();
    const body = JSON.stringify({ initiative: `I-${id}`, metric: 'customer', value: 1 });
    let ackStatus = 0;
    let ackMs = 0;
    for (let batch = 0; batch < 200; batch++) {
      const wave = Array.from({ length: 50 }, () =>
        fetch(url(), {
          method: 'POST',
          headers: { authorization: 'Bearer wrong-token-0123456789' },
          body,
        }).then(async (r) => {
          await r.arrayBuffer();
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        }),
      );
      if (batch === 100) {
        // Mid-flood, a person's command: acked like any other.
        const t0 = performance.now();
        const result = await h.cx('UBOB', 'list');
        ackMs = performance.now() - t0;
        ackStatus = result.status;
      }
      await Promise.all(wave);
    }
    expect(statuses.get(401)).toBe(10);
    expect(statuses.get(429)).toBe(9990);
    expect(ackStatus).toBe(200);
    expect(ackMs).toBeLessThan(2500);
    // The right token from that client waits for the window too: the flood bought nothing.
    expect((await post({ initiative: `I-${id}`, metric: 'customer', value: 1 })).status).toBe(429);
    expect(checkins()).toEqual([]);
  }, 60_000);

  it('is served in Socket Mode too, beside /healthz', async () => {
    const { emulator, bot } = await startSocketBot({ apiToken: TOKEN });
    try {
      await eventually(() => emulator.socketMode.connected);
      await emulator.command({ userId: 'UALICE', channelId: 'CIT', text: 'new Over the socket lead:it' });
      await emulator.command({
        userId: 'UALICE',
        channelId: 'CIT',
        text: 'metric I-1 customer "NPS" 30 -> 45',
      });
      const res = await fetch(`http://127.0.0.1:${bot.port}/api/metrics`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({ initiative: 'I-1', metric: 'customer', value: 35 }),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ stored: 1 });
    } finally {
      await bot.stop();
      await emulator.stop();
    }
  });

  it('never logs the token or a body, whatever the outcome', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const emulator = await startEmulator({ port: 0, signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN });
    emulator.addChannel({ id: 'CIT', name: 'cx-it', botIsMember: true });
    const bot = await startBot(
      {
        mode: 'http',
        botToken: BOT_TOKEN,
        signingSecret: SIGNING_SECRET,
        appToken: null,
        slackApiUrl: emulator.apiUrl,
        port: 0,
        databasePath: path.join(tempDir(), 'cx.sqlite'),
        timeZone: 'UTC',
        admins: [],
        channels: { it: 'CIT' },
        logLevel: 'debug',
        apiToken: TOKEN,
      },
      {
        clock: new ManualClock(new Date('2026-03-02T10:00:00Z')),
        log: createLog({ level: 'debug', destination: stream }),
      },
    );
    emulator.setAppUrl(`http://127.0.0.1:${bot.port}/slack/events`);
    try {
      await emulator.command({ userId: 'UALICE', channelId: 'CIT', text: 'new Planted lead:it' });
      await emulator.command({
        userId: 'UALICE',
        channelId: 'CIT',
        text: 'metric I-1 customer "NPS" 30 -> 45',
      });
      const send = (token: string, body: string) =>
        fetch(`http://127.0.0.1:${bot.port}/api/metrics`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          body,
        }).then((r) => r.status);
      expect(
        await send(TOKEN, JSON.stringify({ initiative: 'I-1', metric: 'customer', value: 987654.321 })),
      ).toBe(200);
      expect(await send(TOKEN, JSON.stringify({ initiative: 'I-1', metric: 'Quokka7741', value: 1 }))).toBe(
        400,
      );
      expect(await send(TOKEN, '{"Quokka7741": ')).toBe(400);
      expect(await send('Quokka7741-wrong-token', '{}')).toBe(401);
      const all = lines.join('');
      expect(all).toContain('metric values stored');
      expect(all).toContain('metric values refused');
      for (const secret of [TOKEN, 'Quokka7741', '987654.321']) expect(all).not.toContain(secret);
    } finally {
      await bot.stop();
      await emulator.stop();
    }
  });
});
