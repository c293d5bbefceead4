/**
 * Issue 17: what an operator sees. The bot runs a whole flow (commands, a modal, a win post through a 503
 * and a retry, a job, refused and unknown requests) with its log captured at debug; every line must be a
 * JSON object with level, time and msg, and no line may carry a secret or the text people typed. GET
 * /metrics is checked over HTTP: token handling and the exposition text, parsed strictly.
 */
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import type { Config } from '../../src/config.js';
import { remindersJob } from '../../src/jobs/reminders.js';
import { roundCloseJob } from '../../src/jobs/round-close.js';
import { roundOpenJob } from '../../src/jobs/round-open.js';
import { createLog } from '../../src/log/logger.js';
import { type RunningBot, startBot } from '../../src/runtime/bot.js';
import { type SlackEmulator, startEmulator } from '../../src/sandbox/emulator/index.js';
import {
  BOT_TOKEN,
  CHANNELS,
  eventually,
  type Harness,
  SIGNING_SECRET,
  startHarness,
  tempDir,
} from '../support/harness.js';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
/** Typed by people in every field of the flow; it must never reach a log line. */
const PLANTED = 'Quokka7741planted';

let emulator: SlackEmulator | undefined;
let bot: RunningBot | undefined;

afterEach(async () => {
  await bot?.stop();
  await emulator?.stop();
  bot = undefined;
  emulator = undefined;
});

/** A stream that keeps every line written to it. */
function capture(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(
        ...String(chunk)
          .split('\n')
          .filter((l) => l.length > 0),
      );
      done();
    },
  });
  return { stream, lines };
}

async function start(
  metricsToken: string | null,
  level: 'debug' | 'info' = 'debug',
): Promise<{ lines: string[]; base: string }> {
  emulator = await startEmulator({ port: 0, signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN });
  for (const [key, id] of Object.entries(CHANNELS)) {
    emulator.addChannel({ id, name: `cx-${key}`, botIsMember: true });
  }
  // The admin is a person Slack knows: a DM to someone it does not is expired once users.info says so, a
  // moment after it was held, which would race the held count below.
  emulator.addUser({ id: 'UADMIN1', name: 'admin' });
  const config: Config = {
    mode: 'http',
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    appToken: null,
    slackApiUrl: emulator.apiUrl,
    port: 0,
    databasePath: `${tempDir()}/cx.sqlite`,
    timeZone: 'UTC',
    admins: ['UADMIN1'],
    channels: { ...CHANNELS },
    logLevel: level,
    logFormat: 'json',
    metricsToken,
  };
  const { stream, lines } = capture();
  const log = createLog({ level, destination: stream });
  bot = await startBot(config, {
    clock: new ManualClock(new Date('2026-03-02T10:00:00Z')),
    log,
    jobs: [remindersJob],
  });
  emulator.setAppUrl(`http://127.0.0.1:${bot.port}/slack/events`);
  return { lines, base: `http://127.0.0.1:${bot.port}` };
}

type Sample = { name: string; labels: Record<string, string>; value: number };

/** A strict reader of the Prometheus text format: any line it does not understand fails the test. */
function parseExposition(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.e+-]+|NaN|Nan|[+-]Inf)$/; // prom-client writes `Nan`; Prometheus parses any case
  const label = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"$/;
  expect(text.endsWith('\n')).toBe(true);
  for (const line of text.split('\n').slice(0, -1)) {
    // Empty lines are allowed between families; HELP text is free.
    if (line === '' || line.startsWith('# HELP ')) continue;
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      types.set(type[1] as string, type[2] as string);
      continue;
    }
    const m = sampleLine.exec(line);
    if (!m) throw new Error(`not exposition text: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of m[2] ? (m[2].match(/[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*"/g) ?? []) : []) {
      const l = label.exec(pair);
      if (!l) throw new Error(`bad label in: ${line}`);
      labels[l[1] as string] = l[2] as string;
    }
    samples.push({ name: m[1] as string, labels, value: Number(m[3]) });
  }
  return { samples, types };
}

function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  return found.reduce((sum, s) => sum + s.value, 0);
}

async function scrape(base: string, token: string | null = METRICS_TOKEN): Promise<Response> {
  return fetch(`${base}/metrics`, token === null ? {} : { headers: { authorization: `Bearer ${token}` } });
}

describe('structured logs', () => {
  it('a whole flow logs JSON lines with level, time and msg, fields per request and job, and nothing secret or typed', async () => {
    const { lines, base } = await start(METRICS_TOKEN);
    const em = emulator as SlackEmulator;
    const running = bot as RunningBot;

    await em.command({ userId: 'UALICE', channelId: CHANNELS.it, text: `new ${PLANTED} title lead:it` });
    await em.command({ userId: 'UALICE', channelId: CHANNELS.it, text: `log I-1 ${PLANTED} step due:+2d` });
    // The win post fails once with a 503: a warn line with the method, the error and the retry.
    em.failNext('chat.postMessage', { status: 503 });
    await em.command({ userId: 'UALICE', channelId: CHANNELS.it, text: `done A-1 ${PLANTED} note` });
    await running.notifier.drain();
    expect(em.messages(CHANNELS.it).some((m) => (m.text ?? '').includes(PLANTED))).toBe(true);

    // A modal, with the planted text in its fields.
    await em.command({ userId: 'UALICE', channelId: CHANNELS.it, text: 'new' });
    const viewId = await eventually(() => [...em.state.views.entries()].find(([, v]) => v.open)?.[0]);
    const submitted = await em.viewSubmission({
      userId: 'UALICE',
      viewId,
      values: { title: `${PLANTED} modal`, lead: 'sales', tier: 'important' },
    });
    expect(submitted.viewClosed).toBe(true);
    // Something no one should type, and requests that are refused or unknown.
    await em.command({ userId: 'UALICE', channelId: CHANNELS.it, text: `${PLANTED} whatever` });
    const forged = await fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-slack-signature': 'v0=00',
        'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)),
      },
      body: JSON.stringify({ type: 'event_callback', text: PLANTED }),
    });
    expect(forged.status).toBe(401);
    expect((await fetch(`${base}/nowhere`)).status).toBe(404);
    // A reaction on any message: the vote path logs its one debug line too (not a poll: ignored).
    const anyPost = em.messages(CHANNELS.it).at(-1);
    if (anyPost?.ts) await em.react('UBOB', CHANNELS.it, anyPost.ts, 'one');
    await running.scheduler.runNow('reminders', new Date('2026-03-03T09:00:00Z'));
    await running.notifier.drain();
    await scrape(base, 'wrong-token-wrong-token');

    expect(lines.length).toBeGreaterThan(10);
    if (process.env.SHOW_LOG) console.log(lines.join('\n'));
    const entries = lines.map((line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(typeof entry.level, line).toBe('string');
      expect(typeof entry.time, line).toBe('string');
      expect(typeof entry.msg, line).toBe('string');
      return entry;
    });
    const all = lines.join('\n');
    for (const secret of [BOT_TOKEN, SIGNING_SECRET, METRICS_TOKEN, PLANTED, 'wrong-token-wrong-token']) {
      expect(all).not.toContain(secret);
    }

    // Each request once at debug, with its kind, what it asked for, who, the outcome, ms and a request id.
    const done = entries.find((e) => e.kind === 'command' && e.subcommand === 'done');
    expect(done).toMatchObject({ level: 'debug', userId: 'UALICE', outcome: 'ok' });
    expect(typeof done?.ms).toBe('number');
    expect(typeof done?.reqId).toBe('string');
    expect(entries.find((e) => e.kind === 'command' && e.subcommand === '(unknown)')).toBeDefined();
    expect(entries.find((e) => e.kind === 'view' && e.callbackId === 'cx_new_initiative')).toMatchObject({
      outcome: 'ok',
      userId: 'UALICE',
    });
    expect(entries.find((e) => e.kind === 'event' && e.eventType === 'reaction_added')).toMatchObject({
      level: 'debug',
      userId: 'UBOB',
      outcome: 'ignored',
      ms: expect.any(Number),
      reqId: expect.any(String),
    });
    // Request ids differ per delivery.
    const ids = new Set(entries.filter((e) => e.kind === 'command').map((e) => e.reqId));
    expect(ids.size).toBeGreaterThanOrEqual(4);
    // The Web API failure: method, error, when it is retried.
    expect(
      entries.find((e) => e.level === 'warn' && e.method === 'chat.postMessage' && e.error === 'http_503'),
    ).toMatchObject({ retryInMs: expect.any(Number) });
    // The job run: job, period, outcome, ms.
    expect(entries.find((e) => e.job === 'reminders' && e.outcome === 'done')).toMatchObject({
      level: 'info',
      period: expect.any(String),
      // Counts as fields a log platform can sum, and the same in words.
      dms: expect.any(Number),
      lists: expect.any(Number),
      summary: expect.any(String),
      ms: expect.any(Number),
    });
    expect(entries.find((e) => e.msg === 'request refused')).toMatchObject({ level: 'warn', status: 401 });
    // Bolt's own lines come out the same way.
    expect(entries.some((e) => e.src === 'slack-sdk' && String(e.msg).includes('/nowhere'))).toBe(true);
  });

  it('without debug logging, a listener failure still names its request id (no request scope is kept then)', async () => {
    const { lines } = await start(METRICS_TOKEN, 'info');
    const em = emulator as SlackEmulator;
    em.failNext('views.open', { error: 'internal_error' });
    await em.command({ userId: 'UALICE', channelId: CHANNELS.it, text: 'new' });
    await em.command({ userId: 'UALICE', channelId: CHANNELS.it, text: 'list' });
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const failed = entries.find((e) => e.level === 'error' && e.kind === 'command');
    expect(failed).toMatchObject({ subcommand: 'new', userId: 'UALICE', reqId: expect.any(String) });
    // Info level: the per-request debug lines are not written.
    expect(entries.filter((e) => e.outcome === 'ok')).toEqual([]);
  });

  it('redacts secrets and bodies by key, and LOG_FORMAT=pretty writes lines for people', () => {
    const { stream, lines } = capture();
    const log = createLog({ level: 'info', destination: stream });
    log.info(
      {
        token: 'xoxb-leak',
        nested: { signingSecret: 'leak2', text: 'leak3' },
        authorization: 'Bearer leak4',
      },
      'hello',
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/leak/);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      level: 'info',
      msg: 'hello',
      token: '[redacted]',
    });

    const human = capture();
    createLog({ level: 'info', format: 'pretty', destination: human.stream }).warn({ job: 'digest' }, 'slow');
    expect(human.lines.join('\n')).toMatch(/WARN.*slow/);
    expect(human.lines.join('\n')).toContain('digest');
    expect(() => JSON.parse(human.lines[0] as string)).toThrow();
  });
});

describe('GET /metrics', () => {
  it('serves exposition text to the bearer of CX_METRICS_TOKEN, with the series the contract names', async () => {
    const { base } = await start(METRICS_TOKEN);
    const em = emulator as SlackEmulator;

    expect((await scrape(base, null)).status).toBe(401);
    expect((await scrape(base, 'metrics-token-0123456789abcdeX')).status).toBe(401);
    expect((await scrape(base, `${METRICS_TOKEN}x`)).status).toBe(401);

    const before = await scrape(base);
    expect(before.status).toBe(200);
    expect(before.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const first = parseExposition(await before.text());
    const commandsBefore = value(first.samples, 'cx_slack_ack_seconds_count', { kind: 'command' });

    await em.command({ userId: 'UALICE', channelId: CHANNELS.it, text: 'new Measured lead:it' });
    await em.command({ userId: 'UALICE', channelId: CHANNELS.it, text: 'log I-1 Step due:+2d' });
    em.failNext('chat.postMessage', { error: 'not_in_channel' });
    await em.command({ userId: 'UALICE', channelId: CHANNELS.it, text: 'done A-1' });
    await (bot as RunningBot).notifier.drain();
    await (bot as RunningBot).scheduler.runNow('reminders', new Date('2026-03-03T09:00:00Z'));

    const after = parseExposition(await (await scrape(base)).text());
    const { samples, types } = after;
    expect(types.get('cx_slack_ack_seconds')).toBe('histogram');
    expect(value(samples, 'cx_slack_ack_seconds_count', { kind: 'command' })).toBe(commandsBefore + 3);
    expect(samples.some((s) => s.name === 'cx_slack_ack_seconds_bucket' && s.labels.le === '+Inf')).toBe(
      true,
    );
    expect(types.get('cx_slack_api_calls_total')).toBe('counter');
    expect(
      value(samples, 'cx_slack_api_calls_total', { method: 'auth.test', outcome: 'ok' }),
    ).toBeGreaterThan(0);
    expect(
      value(samples, 'cx_slack_api_calls_total', { method: 'chat.postMessage', outcome: 'not_in_channel' }),
    ).toBe(1);
    expect(types.get('cx_outbox_pending')).toBe('gauge');
    // Read from the outbox when scraped.
    const held = (bot as RunningBot).handle.sqlite
      .prepare(`select count(*) as n from outbox where status = 'held'`)
      .get() as { n: number };
    expect(held.n).toBeGreaterThan(0);
    expect(value(samples, 'cx_outbox_held')).toBe(held.n);
    expect(samples.some((s) => s.name === 'cx_outbox_pending')).toBe(true);
    expect(value(samples, 'cx_job_runs_total', { job: 'reminders', outcome: 'done' })).toBe(1);
    expect(types.get('cx_votes_total')).toBe('counter');
    // The process's own metrics.
    expect(samples.some((s) => s.name === 'process_cpu_user_seconds_total')).toBe(true);
    expect(samples.some((s) => s.name === 'nodejs_heap_size_used_bytes')).toBe(true);
  });

  it('answers 404 when no token is configured', async () => {
    const { base } = await start(null);
    expect((await scrape(base)).status).toBe(404);
    expect((await scrape(base, null)).status).toBe(404);
  });
});

describe('votes', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('counts reactions on a poll by what they did', async () => {
    h = await startHarness({
      now: new Date('2026-03-02T10:00:00Z'),
      admins: ['UADMIN'],
      jobs: [roundOpenJob, roundCloseJob],
    });
    await h.cx('UALICE', 'pain Invoices are hard to read', CHANNELS.sales);
    await h.cx('UADMIN', 'round open');
    await h.drain();
    await h.emulator.settle();
    const poll = h.emulator
      .messages(CHANNELS.sales)
      .find((m) => String(m.metadata?.event_payload?.key ?? '').startsWith('poll:'));
    if (!poll) throw new Error('no poll');
    await h.emulator.react('UBOB', CHANNELS.sales, poll.ts, 'one');
    await h.emulator.unreact('UBOB', CHANNELS.sales, poll.ts, 'one');
    // Events are acknowledged before they are handled: wait until the removal has been counted.
    let text = '';
    for (let i = 0; i < 300 && !text.includes('outcome="removed"'); i++) {
      text = await h.bot.metrics.registry.getSingleMetricAsString('cx_votes_total');
      if (!text.includes('outcome="removed"')) await new Promise((r) => setTimeout(r, 10));
    }
    const { samples } = parseExposition(`${text}\n`);
    expect(value(samples, 'cx_votes_total', { outcome: 'counted' })).toBe(1);
    expect(value(samples, 'cx_votes_total', { outcome: 'removed' })).toBe(1);
  });
});

describe('Socket Mode', () => {
  it('times the ack of each envelope by kind', async () => {
    const appToken = 'xapp-1-A0TEST-1-abcdef';
    emulator = await startEmulator({ port: 0, signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, appToken });
    emulator.addChannel({ id: CHANNELS.it, name: 'cx-it', botIsMember: true });
    const { stream, lines } = capture();
    bot = await startBot(
      {
        mode: 'socket',
        botToken: BOT_TOKEN,
        signingSecret: null,
        appToken,
        slackApiUrl: emulator.apiUrl,
        port: 0,
        databasePath: `${tempDir()}/cx.sqlite`,
        timeZone: 'UTC',
        admins: [],
        channels: { it: CHANNELS.it },
        logLevel: 'debug',
        metricsToken: METRICS_TOKEN,
      },
      {
        clock: new ManualClock(new Date('2026-03-02T10:00:00Z')),
        log: createLog({ level: 'debug', destination: stream }),
        jobs: [],
      },
    );
    const em = emulator;
    await eventually(() => em.socketMode.connected);
    await em.command({ userId: 'UALICE', channelId: CHANNELS.it, text: `new ${PLANTED} lead:it` });
    const { samples } = parseExposition(await (bot as RunningBot).metrics.registry.metrics());
    expect(value(samples, 'cx_slack_ack_seconds_count', { kind: 'command' })).toBe(1);
    const handled = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((e) => e.kind === 'command');
    expect(handled).toMatchObject({ subcommand: 'new', outcome: 'ok', reqId: expect.any(String) });
    expect(lines.join('\n')).not.toContain(PLANTED);
    expect(lines.join('\n')).not.toContain(appToken);
    // No events endpoint in Socket Mode, but /healthz and /metrics are served on PORT all the same.
    const base = `http://127.0.0.1:${(bot as RunningBot).port}`;
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ ok: true });
    expect((await scrape(base, 'wrong-token-wrong-token')).status).toBe(401);
    const scraped = await scrape(base);
    expect(scraped.status).toBe(200);
    expect(
      value(parseExposition(await scraped.text()).samples, 'cx_slack_ack_seconds_count', { kind: 'command' }),
    ).toBe(1);
  });
});
