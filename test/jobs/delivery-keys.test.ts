/**
 * processed_events (the delivery keys that make Slack's retries take effect once) is pruned by the daily
 * metric-checks run: keys older than the retention go, in batches, and a retry inside the window is still
 * recognised.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { DELIVERY_KEY_RETENTION_DAYS, PRUNE_BATCH_ROWS } from '../../src/app/delivery-keys.js';
import { processedCutoff, pruneProcessedBatch } from '../../src/db/repositories/settings-repo.js';
import { metricChecksJob } from '../../src/jobs/metric-checks.js';
import { count } from '../support/count.js';
import { type Harness, startHarness } from '../support/harness.js';
import { type TempDb, tempDb } from '../support/temp-db.js';

const DAY = 86_400_000;
/** The daily run this test makes; keys received before CUTOFF are past the retention then. */
const RUN_AT = new Date('2026-03-03T09:00:00Z');
const CUTOFF = RUN_AT.getTime() - DELIVERY_KEY_RETENTION_DAYS * DAY;

function insertKeys(sqlite: Harness['bot']['handle']['sqlite'], keys: [string, number][]) {
  const insert = sqlite.prepare('insert into processed_events (key, received_at) values (?, ?)');
  sqlite.transaction(() => {
    for (const [key, at] of keys) insert.run(key, at);
  })();
}

describe('job metric-checks prunes old delivery keys', () => {
  let h: Harness;
  afterEach(async () => {
    await h.stop();
  });

  it('removes keys older than the retention in batches, keeps newer ones, and a retry is still a duplicate', async () => {
    h = await startHarness({ now: new Date('2026-03-02T10:00:00Z'), jobs: [metricChecksJob] });
    const sqlite = h.bot.handle.sqlite;
    // A year of deliveries before the retention (4.6 batches' worth), the last one a millisecond too old.
    const backlog = Math.round(PRUNE_BATCH_ROWS * 4.6);
    const yearAgo = CUTOFF - 365 * DAY;
    const old: [string, number][] = Array.from({ length: backlog }, (_, i) => [
      `cmd:old-${i}`,
      i === backlog - 1 ? CUTOFF - 1 : yearAgo + i * Math.floor((365 * DAY) / backlog),
    ]);
    insertKeys(sqlite, old);
    insertKeys(sqlite, [
      ['event:EvEXACTLY7DAYS', CUTOFF],
      ['event:EvTWODAYSAGO', RUN_AT.getTime() - 2 * DAY],
    ]);
    // A real command just as the run starts: its key is recorded at the clock's "now".
    h.clock.set(RUN_AT);
    expect((await h.cx('UALICE', 'new Keep the key lead:it')).status).toBe(200);
    const command = h.emulator.deliveries.at(-1);
    const kept = sqlite
      .prepare(`select key from processed_events where received_at >= ? order by rowid`)
      .pluck()
      .all(CUTOFF);
    expect(kept).toHaveLength(3);

    const oldLeft = () => count(sqlite, 'processed_events where received_at < ?', CUTOFF);
    // Watches the table on every turn of the event loop while the run goes on.
    const seen = new Set<number>();
    let running = true;
    const watching = (async () => {
      while (running) {
        seen.add(oldLeft());
        await nextTurn();
      }
    })();
    const outcomes = await h.bot.scheduler.tick(RUN_AT);
    running = false;
    await watching;

    expect(outcomes).toEqual([
      {
        job: 'metric-checks',
        period: '2026-03-03',
        status: 'done',
        summary: `0 checks asked, 0 skipped, 0 verdicts posted; ${backlog} delivery keys older than 7 days removed`,
      },
    ]);
    expect(oldLeft()).toBe(0);
    expect(sqlite.prepare('select key from processed_events order by rowid').pluck().all()).toEqual(kept);
    // Several statements, and requests could be answered between them: the watcher saw each batch's result.
    const between = [...seen].filter((n) => n > 0 && n < backlog).sort((a, b) => b - a);
    expect(between).toEqual([1, 2, 3, 4].map((k) => backlog - k * PRUNE_BATCH_ROWS));

    // Slack retries the command: its key is still there, so it is answered as a duplicate.
    const retry = await h.emulator.deliverRaw({
      body: new URLSearchParams(command?.sent as Record<string, string>).toString(),
      contentType: 'application/x-www-form-urlencoded',
      headers: { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    expect(count(sqlite, 'initiatives')).toBe(1);

    // The next day, after another command, the run removes the one key that has passed the retention since.
    const nextDay = new Date(RUN_AT.getTime() + DAY);
    h.clock.set(nextDay);
    await h.cx('UBOB', 'new Another week lead:sales');
    expect(await h.bot.scheduler.tick(nextDay)).toMatchObject([
      { summary: '0 checks asked, 0 skipped, 0 verdicts posted; 1 delivery key older than 7 days removed' },
    ]);
    const left = sqlite.prepare('select key from processed_events order by rowid').pluck().all();
    expect(left).toEqual([...kept.slice(1), expect.stringMatching(/^cmd:/)]);

    // A run by hand a year ahead (`cx job metric-checks --at …`, a demo) keeps the keys of the last week of
    // deliveries: their retries may still come.
    const outcome = await h.bot.scheduler.runNow('metric-checks', new Date(nextDay.getTime() + 365 * DAY));
    expect(outcome).toMatchObject({ status: 'done', summary: expect.stringMatching(/verdicts? posted$/) });
    expect(sqlite.prepare('select key from processed_events order by rowid').pluck().all()).toEqual(left);
  });
});

describe('finding the old keys without an index', () => {
  let db: TempDb;
  afterEach(() => db.remove());

  it('an empty table has nothing to prune', () => {
    db = tempDb('cx-delivery-keys');
    expect(processedCutoff(db.handle.db, new Date(CUTOFF))).toBe(0);
    expect(pruneProcessedBatch(db.handle.db, 0, new Date(CUTOFF), 10)).toBe(0);
  });

  it('a key that arrived out of order (newer, before older ones) is never deleted early', () => {
    db = tempDb('cx-delivery-keys');
    const { sqlite } = db.handle;
    const at = (days: number) => CUTOFF + days * DAY;
    insertKeys(sqlite, [
      ['a', at(-30)],
      ['late-clock', at(+1)],
      ['b', at(-20)],
      ['c', at(-10)],
      ['d', at(+2)],
      ['e', at(+3)],
    ]);
    const end = processedCutoff(db.handle.db, new Date(CUTOFF));
    expect(pruneProcessedBatch(db.handle.db, end, new Date(CUTOFF), 2)).toBe(2);
    expect(pruneProcessedBatch(db.handle.db, end, new Date(CUTOFF), 2)).toBe(1);
    expect(pruneProcessedBatch(db.handle.db, end, new Date(CUTOFF), 2)).toBe(0);
    expect(sqlite.prepare('select key from processed_events order by rowid').pluck().all()).toEqual([
      'late-clock',
      'd',
      'e',
    ]);
  });
});
