/**
 * Issue 16: the 6–12-month test on values other systems sent. At a check's date, values received through
 * POST /api/metrics (or an import) in the 30 days before answer it: the verdict goes out and the owner is
 * not asked. Values older than that, or for one metric only, leave the check to the owner as before.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { metricChecksJob } from '../../src/jobs/metric-checks.js';
import { ACTION } from '../../src/slack/ids.js';
import { CHANNELS, type Harness, startHarness } from '../support/harness.js';

const TOKEN = 'api-token-0123456789abcdef';
let h: Harness;

afterEach(async () => {
  await h?.stop();
});

async function start() {
  h = await startHarness({
    now: new Date('2026-03-02T10:00:00Z'),
    jobs: [metricChecksJob],
    config: { apiToken: TOKEN },
  });
  const reply = h.replyText(await h.cx('UALICE', 'new Faster answers lead:service'));
  const id = Number(/I-(\d+)/.exec(reply)?.[1]);
  await h.cx('UALICE', `metric I-${id} customer "NPS" 30 -> 45`);
  await h.cx('UALICE', `metric I-${id} business "Cost to serve" 12€ -> 9€`);
  return id;
}

async function feed(at: string, items: unknown[]) {
  h.clock.set(new Date(at));
  const res = await fetch(`http://127.0.0.1:${h.bot.port}/api/metrics`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(items),
  });
  expect(res.status).toBe(200);
}

async function runAt(at: string) {
  const when = new Date(at);
  h.clock.set(when);
  await h.bot.scheduler.tick(when);
  await h.drain();
}

const flat = (x: unknown) => JSON.stringify(x ?? []);
const checkDms = () =>
  h.emulator.dms('UALICE').filter((m) => flat(m.blocks).includes(ACTION.metricCheckOpen));
const verdictPosts = () => h.emulator.messages(CHANNELS.service).filter((m) => /check of I-\d+/.test(m.text));
const checkRow = () =>
  h.bot.handle.sqlite
    .prepare('select status, verdict, customer_value, business_value from metric_checks')
    .all();

describe('the 6-month check on values from other systems', () => {
  it('values sent in the 30 days before the date: the verdict is posted and the owner is not asked', async () => {
    const id = await start();
    // An old value (outside the window) and the fresh ones; the check takes the newest of each.
    await feed('2026-07-01T08:00:00Z', [
      { initiative: `I-${id}`, metric: 'customer', value: 25, date: '2026-07-01' },
    ]);
    await feed('2026-08-20T08:00:00Z', [
      { initiative: `I-${id}`, metric: 'customer', value: 41, date: '2026-08-10' },
      { initiative: `I-${id}`, metric: 'business', value: 10.5 },
    ]);
    await runAt('2026-09-02T09:00:00Z');
    expect(checkDms()).toHaveLength(0);
    expect(checkRow()).toEqual([
      { status: 'judged', verdict: 'pass', customer_value: 41, business_value: 10.5 },
    ]);
    expect(verdictPosts()).toHaveLength(1);
    // A second run changes nothing: no DM, no second verdict.
    await runAt('2026-09-03T09:00:00Z');
    expect(checkDms()).toHaveLength(0);
    expect(verdictPosts()).toHaveLength(1);
  });

  it('values older than 30 days, or for one metric only: the owner is asked as before', async () => {
    const id = await start();
    await feed('2026-07-20T08:00:00Z', [
      { initiative: `I-${id}`, metric: 'customer', value: 41 },
      { initiative: `I-${id}`, metric: 'business', value: 10.5 },
    ]);
    await feed('2026-08-20T08:00:00Z', [{ initiative: `I-${id}`, metric: 'customer', value: 42 }]);
    await runAt('2026-09-02T09:00:00Z');
    expect(checkDms()).toHaveLength(1);
    expect(checkRow()).toEqual([
      { status: 'asked', verdict: null, customer_value: null, business_value: null },
    ]);
    expect(verdictPosts()).toHaveLength(0);
    // The missing value arrives through the API after the question: it completes the check.
    await feed('2026-09-04T08:00:00Z', [
      { initiative: `I-${id}`, metric: 'customer', value: 43 },
      { initiative: `I-${id}`, metric: 'business', value: 11.8 },
    ]);
    await h.drain();
    expect(checkRow()).toEqual([
      { status: 'judged', verdict: 'pass', customer_value: 43, business_value: 11.8 },
    ]);
    expect(verdictPosts()).toHaveLength(1);
  });
});
