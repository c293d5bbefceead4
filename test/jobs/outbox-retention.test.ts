/**
 * The daily metric-checks run drops the payloads of posts delivered more than a month ago (the snapshot each
 * was rendered from, most of a year-old database) and keeps the rows: their keys still stop a duplicate, their
 * channel and ts still anchor a thread. Kept whatever their age: round results (re-rendered on adoption), rows
 * not delivered (pending, held) and rows given up (dead).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { OUTBOX_PAYLOAD_RETENTION_DAYS, pruneOutboxPayloads } from '../../src/app/outbox-retention.js';
import { metricChecksJob } from '../../src/jobs/metric-checks.js';
import { type Harness, startHarness } from '../support/harness.js';

const DAY = 86_400_000;
const START = new Date('2026-01-05T10:00:00Z');

let h: Harness;
afterEach(async () => {
  await h.stop();
});

const payloadOf = (key: string) =>
  h.bot.handle.sqlite
    .prepare('select payload from outbox where idempotency_key = ?')
    .pluck()
    .get(key) as string;

/** A row as the outbox holds one the bot wrote `daysAgo` days before START + 40 days, in `status`. */
function addRow(key: string, kind: string, status: string, daysAgo: number) {
  const at = START.getTime() + 40 * DAY - daysAgo * DAY;
  h.bot.handle.sqlite
    .prepare(
      `insert into outbox (idempotency_key, kind, recipient, payload, status, attempts, next_attempt_at, created_at, sent_at, sent_channel, sent_ts)
       values (?, ?, '{"type":"binding","key":"it"}', '{"lines":[]}', ?, 1, ?, ?, ?, 'CIT', '1.000001')`,
    )
    .run(key, kind, status, at, at, status === 'sent' ? at : null);
}

describe('job metric-checks drops the payloads of long-delivered posts', () => {
  it('drops those delivered over 30 days ago, keeps newer ones, round results, and anything not delivered', async () => {
    h = await startHarness({ now: START, jobs: [metricChecksJob] });
    await h.cx('UALICE', 'new Faster refunds lead:it');
    await h.cx('UALICE', 'log I-1 Map the refund steps');
    await h.cx('UALICE', 'done A-1');
    await h.drain();
    const old = h.bot.handle.sqlite
      .prepare(`select idempotency_key from outbox where status = 'sent' order by id`)
      .pluck()
      .all() as string[];
    expect(old.length).toBeGreaterThanOrEqual(2); // the announcement and the win, at least
    addRow('results:old', 'round_results', 'sent', 60);
    addRow('win:held-old', 'win', 'held', 60);
    addRow('win:dead-old', 'win', 'dead', 60);
    addRow('win:expired-old', 'reminder', 'expired', 60);

    // 32 days later: another win, delivered now.
    h.clock.set(new Date(START.getTime() + 32 * DAY));
    await h.cx('UALICE', 'log I-1 Train the team');
    await h.cx('UALICE', 'done A-2');
    await h.drain();
    const recent = h.bot.handle.sqlite
      .prepare(`select idempotency_key from outbox where status = 'sent' and kind = 'win' order by id desc`)
      .pluck()
      .get() as string;

    // The daily run, 40 days after START: the first rows are 40 days old, the recent win 8.
    const runAt = new Date(START.getTime() + 40 * DAY - 60 * 60_000);
    h.clock.set(runAt);
    const [outcome] = await h.bot.scheduler.tick(new Date('2026-02-14T09:00:00Z'));
    const dropped = old.length + 1; // and the expired reminder
    // (The same run also removes the delivery keys of the first commands, which are past their 7 days.)
    expect(outcome?.summary).toMatch(
      new RegExp(
        `; the content of ${dropped} posts delivered over ${OUTBOX_PAYLOAD_RETENTION_DAYS} days ago dropped$`,
      ),
    );
    for (const key of [...old, 'win:expired-old']) expect(payloadOf(key)).toBe('null');
    expect(JSON.parse(payloadOf(recent))).toMatchObject({ action: { id: 2 } });
    for (const key of ['results:old', 'win:held-old', 'win:dead-old'])
      expect(payloadOf(key)).toBe('{"lines":[]}');

    // The rows stay, with where they were posted: their keys still stop a duplicate, and anchor threads.
    const kept = h.bot.handle.sqlite
      .prepare(
        `select status, sent_channel is not null and sent_ts is not null as placed from outbox where idempotency_key = ?`,
      )
      .get(old[0]);
    expect(kept).toEqual({ status: 'sent', placed: 1 });
    // A run by hand a year ahead (`cx job metric-checks --at …`, a demo) counts back from the newest post,
    // so it keeps what the last month's posts said.
    await h.bot.scheduler.runNow('metric-checks', new Date(START.getTime() + 400 * DAY));
    expect(JSON.parse(payloadOf(recent))).toMatchObject({ action: { id: 2 } });
    // A second pass, in windows of two rows, finds nothing more to drop.
    expect(await pruneOutboxPayloads(h.bot.ctx, new Date('2026-02-14T09:00:00Z'), () => false, 2)).toEqual({
      dropped: 0,
    });
  });
});
