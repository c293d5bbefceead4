import { afterEach, describe, expect, it } from 'vitest';
import { remindersJob } from '../../src/jobs/reminders.js';
import { createScheduler } from '../../src/jobs/scheduler.js';
import { type Harness, quietLogger, startHarness } from '../support/harness.js';
import { seedAction, seedInitiative } from '../support/seed.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('reminders under Slack rate limits', () => {
  it('500 owners with stalled actions: all 500 DMs delivered, none twice, through 429s', async () => {
    // A "minute" of the emulator's limits lasts 0.6 s: users.info (Tier 4) allows 100 of them, and
    // chat.postMessage 300 across the workspace; beyond that it answers 429 with Retry-After.
    // No jobs in the bot: its node-cron would fire `*/30` on the real clock, and a fire during the test
    // runs reminders at whatever instant the pinned clock holds. This test drives its own scheduler.
    h = await startHarness({
      now: new Date('2026-03-02T08:00:00Z'),
      rateLimits: true,
      rateLimitScale: 0.01,
      jobs: [],
    });
    const scheduler = createScheduler({
      ctx: h.bot.ctx,
      jobs: [remindersJob],
      logger: quietLogger(),
      cron: false,
    });
    const owners = Array.from({ length: 500 }, (_, i) => `UOWN${String(i).padStart(4, '0')}`);
    for (const [i, id] of owners.entries()) {
      h.emulator.addUser({ id, name: id.toLowerCase(), tz: i % 2 === 0 ? 'Europe/London' : 'Europe/Lisbon' });
    }
    const db = h.bot.handle.sqlite;
    const initiative = seedInitiative(db, { ownerId: 'ULEAD' });
    db.transaction(() => {
      for (const ownerId of owners) {
        seedAction(db, {
          initiativeId: initiative,
          ownerId,
          lastActivityAt: new Date('2026-02-20T09:00:00Z'),
        });
      }
    })();

    // Our four delivery lanes stay under the workspace cap for posts; Slack also answers 429 for its own
    // reasons, so a few are added on top. The owners' zones come from users.list (200 a page), which is
    // rate-limited once too: the job waits it out instead of asking users.info 500 times.
    const retryLater = { status: 429, retryAfter: 1 };
    h.emulator.failNext('chat.postMessage', retryLater, retryLater, retryLater);
    h.emulator.failNext('users.list', retryLater);

    h.clock.set(new Date('2026-03-03T09:30:00Z'));
    const [outcome] = await scheduler.tick(h.clock.now());
    expect(outcome).toMatchObject({ status: 'done', summary: expect.stringContaining('500 reminder DMs') });
    await h.drain();

    for (const id of owners) expect(h.emulator.dms(id), id).toHaveLength(1);
    const posts = h.emulator.callsTo('chat.postMessage');
    expect(posts.filter((c) => c.ok)).toHaveLength(500);
    const limited = h.emulator.calls.filter((c) => c.status === 429);
    expect(limited.some((c) => c.method === 'users.list')).toBe(true);
    expect(h.emulator.callsTo('users.list').filter((c) => c.ok).length).toBeLessThanOrEqual(3);
    // (users.info of the bot itself happens once at start-up, for its app id.)
    expect(h.emulator.callsTo('users.info').filter((c) => c.args.user !== 'UBOT')).toEqual([]);
    // Each owner's zone was used: London and Lisbon are both UTC in March, so every DM went out at 09:30.
    expect(JSON.stringify(h.emulator.dms('UOWN0000')[0])).toMatch(/Good morning/);
    expect(limited.some((c) => c.method === 'chat.postMessage')).toBe(true);
    const statuses = db.prepare('select status, count(*) as n from outbox group by status').all();
    expect(statuses).toEqual([{ status: 'sent', n: 500 }]);

    // Running it again at the same instant posts nothing.
    expect(await scheduler.runNow('reminders', h.clock.now())).toMatchObject({
      status: 'already_done',
    });
    await h.drain();
    expect(h.emulator.callsTo('chat.postMessage').filter((c) => c.ok)).toHaveLength(500);
  }, 120_000);

  it('when users.list fails, each owner is looked up with users.info instead, and still reminded once', async () => {
    h = await startHarness({ now: new Date('2026-03-02T08:00:00Z'), jobs: [] });
    const scheduler = createScheduler({
      ctx: h.bot.ctx,
      jobs: [remindersJob],
      logger: quietLogger(),
      cron: false,
    });
    const owners = Array.from({ length: 25 }, (_, i) => `UOWN${String(i).padStart(4, '0')}`);
    for (const id of owners) h.emulator.addUser({ id, name: id.toLowerCase(), tz: 'Europe/London' });
    const db = h.bot.handle.sqlite;
    const initiative = seedInitiative(db, { ownerId: 'ULEAD' });
    for (const ownerId of owners) {
      seedAction(db, { initiativeId: initiative, ownerId, lastActivityAt: new Date('2026-02-20T09:00:00Z') });
    }
    h.emulator.failNext('users.list', ...Array.from({ length: 20 }, () => ({ status: 500 })));
    h.clock.set(new Date('2026-03-03T09:30:00Z'));
    expect((await scheduler.tick(h.clock.now()))[0]).toMatchObject({ status: 'done' });
    await h.drain();
    for (const id of owners) expect(h.emulator.dms(id), id).toHaveLength(1);
    expect(h.emulator.callsTo('users.info').filter((c) => owners.includes(String(c.args.user)))).toHaveLength(
      25,
    );
  }, 60_000);
});
