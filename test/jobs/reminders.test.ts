import type { KnownBlock } from '@slack/types';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, startOfLocalDay, zonedTime } from '../../src/domain/dates.js';
import { remindersJob } from '../../src/jobs/reminders.js';
import type { EmuMessage } from '../../src/sandbox/emulator/index.js';
import { count as countRows } from '../support/count.js';
import { CHANNELS, eventually, type Harness, openedView, startHarness } from '../support/harness.js';
import { DAY_MS, daysBefore, seedAction, seedInitiative } from '../support/seed.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function start(now: string, timeZone = 'UTC'): Promise<Harness> {
  h = await startHarness({ now: new Date(now), timeZone, jobs: [remindersJob] });
  for (const [id, tz] of [
    ['UOWNER', 'UTC'],
    ['ULEAD', 'UTC'],
    ['UNY', 'America/New_York'],
    ['UBER', 'Europe/Berlin'],
    ['UAWAY', 'UTC'],
    ['UOTHER', 'UTC'],
  ] as const) {
    h.emulator.addUser({ id, name: id.toLowerCase(), tz });
  }
  return h;
}

/** Moves the bot's clock to `iso`, runs whatever is due then, and waits for the posts. */
async function runAt(harness: Harness, iso: string | Date) {
  harness.clock.set(new Date(iso));
  const outcomes = await harness.bot.scheduler.tick(harness.clock.now());
  await harness.drain();
  return outcomes;
}

const blockIds = (m: EmuMessage | undefined) =>
  ((m?.blocks ?? []) as KnownBlock[]).map((b) => b.block_id ?? '');
const textOf = (m: EmuMessage | undefined) => JSON.stringify(m?.blocks ?? []);
const count = (harness: Harness, sql: string) => countRows(harness.bot.handle.sqlite, sql);

describe('reminder DMs', () => {
  it('one DM per owner listing all their stalled actions, with Done / Add update / Snooze; a second run posts nothing', async () => {
    const harness = await start('2026-03-02T08:00:00Z');
    const db = harness.bot.handle.sqlite;
    const now = new Date('2026-03-03T09:30:00Z'); // Tuesday
    const i = seedInitiative(db);
    const a1 = seedAction(db, {
      initiativeId: i,
      title: 'Call the ten biggest accounts',
      lastActivityAt: daysBefore(now, 9),
    });
    const a2 = seedAction(db, {
      initiativeId: i,
      title: 'Fix the FAQ',
      lastActivityAt: daysBefore(now, 1),
      dueDate: '2026-03-02',
    });
    const fresh = seedAction(db, { initiativeId: i, title: 'Fresh', lastActivityAt: daysBefore(now, 1) });
    const other = seedAction(db, { initiativeId: i, ownerId: 'UOTHER', lastActivityAt: daysBefore(now, 8) });

    expect(await runAt(harness, '2026-03-03T09:29:00Z')).toMatchObject([
      { job: 'reminders', status: 'done' },
    ]);
    expect(harness.emulator.dms('UOWNER')).toHaveLength(0); // 09:00 slot: too early

    await runAt(harness, now);
    const dms = harness.emulator.dms('UOWNER');
    expect(dms).toHaveLength(1);
    const dm = dms[0];
    // Overdue first (soonest due), then the idle one; the fresh one is not stalled.
    expect(blockIds(dm).filter((id) => id.startsWith('cx_rem_'))).toEqual([`cx_rem_${a2}`, `cx_rem_${a1}`]);
    expect(textOf(dm)).not.toContain(`A-${fresh}`);
    const elements = (
      (dm?.blocks ?? []) as Array<{
        type: string;
        elements?: Array<{ type: string; action_id: string; value: string }>;
      }>
    )
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements ?? []);
    // Each action's row also ends in the Reschedule / Reassign / Drop menu (issue 11).
    expect(elements.filter((e) => e.type === 'overflow').map((e) => e.action_id)).toEqual([
      'cx_action_menu',
      'cx_action_menu',
    ]);
    const buttons = elements.filter((e) => e.type === 'button');
    expect(buttons.map((b) => `${b.action_id}:${b.value}`)).toEqual([
      `cx_action_done:A-${a2}`,
      `cx_action_update:A-${a2}`,
      `cx_action_snooze:A-${a2}`,
      `cx_action_done:A-${a1}`,
      `cx_action_update:A-${a1}`,
      `cx_action_snooze:A-${a1}`,
    ]);
    expect(dm?.text).toContain(`A-${a1}`);
    expect(harness.emulator.dms('UOTHER')).toHaveLength(1);
    expect(textOf(harness.emulator.dms('UOTHER')[0])).toContain(`A-${other}`);

    // The same instant again, the next slot, and a run by hand: nothing new.
    expect(await runAt(harness, now)).toEqual([]);
    await runAt(harness, '2026-03-03T10:00:00Z');
    expect(await harness.bot.scheduler.runNow('reminders', new Date('2026-03-03T10:05:00Z'))).toMatchObject({
      status: 'already_done',
    });
    await harness.bot.scheduler.runNow('reminders', new Date('2026-03-03T15:35:00Z'));
    await harness.drain();
    expect(harness.emulator.dms('UOWNER')).toHaveLength(1);
    expect(harness.emulator.callsTo('chat.postMessage').filter((c) => c.ok)).toHaveLength(2);
    expect(count(harness, `reminders_sent where recipient_id = 'UOWNER'`)).toBe(2);
  });

  it('snoozed, away and done actions never get reminders; one updated yesterday is not stalled', async () => {
    const harness = await start('2026-03-02T09:00:00Z');
    const db = harness.bot.handle.sqlite;
    const i = seedInitiative(db);
    const old = new Date('2026-02-20T09:00:00Z');
    const stalled = seedAction(db, { initiativeId: i, title: 'Still stalled', lastActivityAt: old });
    const snoozed = seedAction(db, { initiativeId: i, title: 'Snoozed', lastActivityAt: old });
    const done = seedAction(db, { initiativeId: i, title: 'Done', lastActivityAt: old });
    const updated = seedAction(db, { initiativeId: i, title: 'Updated', lastActivityAt: old });
    const awayAction = seedAction(db, { initiativeId: i, ownerId: 'UAWAY', lastActivityAt: old });

    // Through /cx, as the owners would: Monday 2 March.
    harness.clock.set(new Date('2026-03-02T10:00:00Z'));
    expect(harness.replyText(await harness.cx('UOWNER', `snooze A-${snoozed}`))).toContain('snoozed');
    expect(harness.replyText(await harness.cx('UOWNER', `done A-${done}`))).toContain('Done');
    expect(harness.replyText(await harness.cx('UAWAY', 'away until 2026-03-04'))).toContain('2026-03-04');
    harness.clock.set(new Date('2026-03-02T16:00:00Z'));
    await harness.cx('UOWNER', `update A-${updated} Talked to legal`);
    await harness.drain();
    const before = harness.emulator.callsTo('chat.postMessage').length;

    await runAt(harness, '2026-03-03T09:30:00Z');
    const dm = harness.emulator.dms('UOWNER').at(-1);
    expect(blockIds(dm).filter((id) => id.startsWith('cx_rem_'))).toEqual([`cx_rem_${stalled}`]);
    expect(harness.emulator.dms('UAWAY')).toHaveLength(0);
    expect(harness.emulator.callsTo('chat.postMessage').length).toBe(before + 1);

    // Back after the 4th (inclusive): reminded on Thursday.
    await runAt(harness, '2026-03-04T09:30:00Z');
    expect(harness.emulator.dms('UAWAY')).toHaveLength(0);
    await runAt(harness, '2026-03-05T09:30:00Z');
    expect(textOf(harness.emulator.dms('UAWAY')[0])).toContain(`A-${awayAction}`);
    // The snooze (3 days from Monday 10:00) is over on Thursday 10:00.
    await runAt(harness, '2026-03-05T10:00:00Z');
    expect(textOf(harness.emulator.dms('UOWNER').at(-1))).toContain(`cx_rem_${snoozed}`);
  });

  it('reminds of an action at most once per 7 days', async () => {
    const harness = await start('2026-03-01T10:00:00Z');
    const db = harness.bot.handle.sqlite;
    const i = seedInitiative(db);
    const a = seedAction(db, { initiativeId: i, lastActivityAt: new Date('2026-02-20T09:00:00Z') });
    const days: string[] = [];
    for (let d = 2; d <= 17; d++) {
      const day = `2026-03-${String(d).padStart(2, '0')}`;
      const n = harness.emulator.dms('UOWNER').length;
      await runAt(harness, `${day}T09:30:00Z`);
      await runAt(harness, `${day}T15:00:00Z`);
      if (harness.emulator.dms('UOWNER').length > n) days.push(day);
    }
    // Mondays 2, 9 and 16 March: every 7 days, the same weekday and slot.
    expect(days).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
    expect(count(harness, `reminders_sent where action_id = ${a} and recipient_id = 'UOWNER'`)).toBe(3);
  });

  it('after 3 unanswered reminders: no more DMs; the initiative owner is told once, in their own hours; activity starts over', async () => {
    const harness = await start('2026-03-02T08:00:00Z');
    harness.emulator.addUser({ id: 'ULA', name: 'june', tz: 'America/Los_Angeles' });
    const db = harness.bot.handle.sqlite;
    const i = seedInitiative(db, { ownerId: 'ULA' });
    const old = new Date('2026-02-20T09:00:00Z');
    const forgotten = seedAction(db, { initiativeId: i, title: 'Long forgotten', lastActivityAt: old });
    // The initiative's owner's own action: after 3 reminders it just stops (nobody to escalate to).
    const theirs = seedAction(db, {
      initiativeId: i,
      ownerId: 'ULA',
      title: 'Own step',
      lastActivityAt: old,
    });

    // Runs across each day, in and out of both people's hours (UTC and Los Angeles).
    const slots = ['01:00', '09:30', '12:00', '16:30', '17:30', '21:00'];
    const received = (userId: string, zone: string) => {
      const seen: Array<{ at: string; text: string }> = [];
      return {
        seen,
        check: (at: Date, before: number) => {
          for (const m of harness.emulator.dms(userId).slice(before)) {
            const z = zonedTime(at, zone);
            const time = `${String(z.hour).padStart(2, '0')}:${String(z.minute).padStart(2, '0')}`;
            seen.push({ at: `${at.toISOString().slice(0, 10)} ${z.weekday} ${time}`, text: textOf(m) });
          }
        },
      };
    };
    const owner = received('UOWNER', 'UTC');
    const lead = received('ULA', 'America/Los_Angeles');
    const runDays = async (from: string, days: number) => {
      for (let d = 0; d < days; d++) {
        const day = addDays(from, d);
        for (const slot of slots) {
          const at = new Date(`${day}T${slot}:00Z`);
          const o = harness.emulator.dms('UOWNER').length;
          const l = harness.emulator.dms('ULA').length;
          await runAt(harness, at);
          owner.check(at, o);
          lead.check(at, l);
        }
      }
    };
    await runDays('2026-03-02', 42); // six weeks, to Sunday 12 April

    // The owner: Mondays 2, 9 and 16 March, then never again.
    expect(owner.seen.map((s) => s.at)).toEqual([
      '2026-03-02 1 09:30',
      '2026-03-09 1 09:30',
      '2026-03-16 1 09:30',
    ]);
    expect(owner.seen.every((s) => s.text.includes(`A-${forgotten}`))).toBe(true);
    // The initiative owner: their own action three times, then one escalation (a week after the third
    // reminder) at 09:30 in Los Angeles, and nothing about their own action beyond three.
    expect(lead.seen.map((s) => s.at)).toEqual([
      '2026-03-02 1 09:30', // 17:30 UTC in winter time
      // Summer time from 8 March: 09:30 is 16:30 UTC, but 7 × 24 hours since the last reminder end at 17:30.
      '2026-03-09 1 10:30',
      '2026-03-16 1 10:30',
      // The escalation: a week after the owner's third reminder (16 March 09:30 UTC), at 09:30 there.
      '2026-03-23 1 09:30',
    ]);
    const escalation = lead.seen[3]?.text ?? '';
    expect(escalation).toContain(`A-${forgotten}`);
    expect(escalation).toContain('<@UOWNER>');
    expect(escalation).not.toContain(`A-${theirs}`);
    expect(escalation).not.toContain('cx_rem_');
    expect(lead.seen.slice(0, 3).every((s) => s.text.includes(`cx_rem_${theirs}`))).toBe(true);
    expect(count(harness, `reminders_sent where action_id = ${forgotten} and role = 'escalation'`)).toBe(1);

    // Activity starts the count again: an update on Monday 13 April, stalled again 7 days later.
    harness.clock.set(new Date('2026-04-13T09:00:00Z'));
    await harness.cx('UOWNER', `update A-${forgotten} Called them again`);
    await harness.drain();
    await runDays('2026-04-13', 8);
    expect(owner.seen.map((s) => s.at).slice(3)).toEqual(['2026-04-20 1 09:30']);
    expect(owner.seen[3]?.text).toContain(`cx_rem_${forgotten}`);
    expect(lead.seen).toHaveLength(4);
  });
});

describe("DST: each owner's own 09:30, never on a weekend", () => {
  it.each([
    ['US spring forward (8 March)', '2026-03-06', ['2026-03-06', '2026-03-09', '2026-03-10']],
    ['EU spring forward (29 March)', '2026-03-27', ['2026-03-27', '2026-03-30', '2026-03-31']],
    ['EU fall back (25 October)', '2026-10-23', ['2026-10-23', '2026-10-26', '2026-10-27']],
    ['US fall back (1 November)', '2026-10-30', ['2026-10-30', '2026-11-02', '2026-11-03']],
  ])('%s', async (_label, friday, workingDays) => {
    // From Thursday noon UTC: before Friday has begun in either zone.
    const startAt = new Date(new Date(`${friday}T12:00:00Z`).getTime() - DAY_MS);
    const harness = await start(startAt.toISOString());
    const db = harness.bot.handle.sqlite;
    const i = seedInitiative(db, { ownerId: 'ULEAD' });
    // For each owner, one action goes stale at each local midnight from Friday on, so every day has
    // something new to remind of (one reminder per action per 7 days would otherwise stop the daily DM).
    for (let d = 0; d < 5; d++) {
      for (const [owner, zone] of [
        ['UNY', 'America/New_York'],
        ['UBER', 'Europe/Berlin'],
      ] as const) {
        const midnight = startOfLocalDay(addDays(friday, d), zone);
        seedAction(db, { initiativeId: i, ownerId: owner, lastActivityAt: daysBefore(midnight, 7) });
      }
    }
    const arrivals: Record<string, string[]> = { UNY: [], UBER: [] };
    for (let t = startAt.getTime(); t < startAt.getTime() + 6 * DAY_MS; t += 30 * 60_000) {
      const before = { UNY: harness.emulator.dms('UNY').length, UBER: harness.emulator.dms('UBER').length };
      await runAt(harness, new Date(t));
      for (const [owner, zone] of [
        ['UNY', 'America/New_York'],
        ['UBER', 'Europe/Berlin'],
      ] as const) {
        const now = harness.emulator.dms(owner).length;
        expect(now - before[owner], `${owner} at ${new Date(t).toISOString()}`).toBeLessThanOrEqual(1);
        if (now > before[owner]) {
          const z = zonedTime(new Date(t), zone);
          const day = `${z.year}-${String(z.month).padStart(2, '0')}-${String(z.day).padStart(2, '0')}`;
          arrivals[owner]?.push(
            `${day} ${String(z.hour).padStart(2, '0')}:${String(z.minute).padStart(2, '0')} ${z.weekday}`,
          );
        }
      }
    }
    const expected = (days: string[]) =>
      days.map((d) => `${d} 09:30 ${new Date(`${d}T12:00:00Z`).getUTCDay()}`);
    expect(arrivals.UNY).toEqual(expected(workingDays));
    expect(arrivals.UBER).toEqual(expected(workingDays));
  });
});

describe('Monday department lists', () => {
  it("posts each bound department's stalled actions in its channel once, owners mentioned", async () => {
    const harness = await start('2026-03-01T10:00:00Z');
    const db = harness.bot.handle.sqlite;
    const i = seedInitiative(db, { depts: ['sales', 'it'] });
    const old = new Date('2026-02-20T09:00:00Z');
    const sales = seedAction(db, { initiativeId: i, dept: 'sales', ownerId: 'UNY', lastActivityAt: old });
    const it = seedAction(db, { initiativeId: i, dept: 'it', ownerId: 'UBER', lastActivityAt: old });
    await runAt(harness, '2026-03-02T09:00:00Z');
    expect(harness.emulator.messages(CHANNELS.sales)).toHaveLength(0);
    await runAt(harness, '2026-03-02T09:30:00Z');
    await runAt(harness, '2026-03-02T10:00:00Z');
    const posted = harness.emulator.messages(CHANNELS.sales);
    expect(posted).toHaveLength(1);
    expect(textOf(posted[0])).toContain(`A-${sales}`);
    expect(textOf(posted[0])).toContain('<@UNY>');
    expect(textOf(posted[0])).not.toContain(`A-${it}`);
    expect(textOf(harness.emulator.messages(CHANNELS.it)[0])).toContain(`A-${it}`);
    expect(harness.emulator.messages(CHANNELS.marketing)).toHaveLength(0);
    // Tuesday: no list.
    await runAt(harness, '2026-03-03T09:30:00Z');
    expect(harness.emulator.messages(CHANNELS.sales)).toHaveLength(1);
  });

  it("is not posted when it is the same list as the previous Monday's; posted again once it changed", async () => {
    const harness = await start('2026-03-01T10:00:00Z');
    const db = harness.bot.handle.sqlite;
    const i = seedInitiative(db, { depts: ['sales'] });
    const old = new Date('2026-02-20T09:00:00Z');
    const a1 = seedAction(db, { initiativeId: i, dept: 'sales', ownerId: 'UNY', lastActivityAt: old });
    const a2 = seedAction(db, { initiativeId: i, dept: 'sales', ownerId: 'UBER', lastActivityAt: old });
    const posts = () => harness.emulator.messages(CHANNELS.sales);
    const monday = async (day: string) => {
      for (const slot of ['09:30', '12:00', '17:00']) await runAt(harness, `${day}T${slot}:00Z`);
    };

    await monday('2026-03-02');
    expect(posts()).toHaveLength(1);
    // A week later: the same two actions, still idle (only older): nothing new in the channel.
    await monday('2026-03-09');
    expect(posts()).toHaveLength(1);

    // One of them is done: the list changed, so it is posted.
    harness.clock.set(new Date('2026-03-10T10:00:00Z'));
    await harness.cx('UNY', `done A-${a1}`);
    await harness.drain();
    const before = posts().length;
    await monday('2026-03-16');
    expect(posts()).toHaveLength(before + 1);
    expect(textOf(posts().at(-1))).toContain(`A-${a2}`);
    expect(textOf(posts().at(-1))).not.toContain(`A-${a1}`);
    await monday('2026-03-23');
    expect(posts()).toHaveLength(before + 1);

    // Same action, another state (it went past its due date): posted.
    db.prepare(`update actions set due_date = '2026-03-25' where id = ?`).run(a2);
    await monday('2026-03-30');
    expect(posts()).toHaveLength(before + 2);
    expect(textOf(posts().at(-1))).toContain('due 2026-03-25, 5 days late');
  });
});

describe('Monday department lists, held up', () => {
  it('queued at 17:30 and not posted before the bot went down: posted at 09:30, not in the night (it mentions people)', async () => {
    let harness = await start('2026-03-02T17:00:00Z');
    const db = harness.bot.handle.sqlite;
    const i = seedInitiative(db, { depts: ['sales'] });
    seedAction(db, {
      initiativeId: i,
      dept: 'sales',
      ownerId: 'UNY',
      lastActivityAt: new Date('2026-02-20T09:00:00Z'),
    });
    await harness.bot.notifier.stop();
    harness.clock.set(new Date('2026-03-02T17:30:00Z'));
    await harness.bot.scheduler.tick(harness.clock.now());
    await harness.bot.scheduler.idle();
    const databasePath = harness.config.databasePath;
    await harness.stop();

    h = await startHarness({ now: new Date('2026-03-02T21:00:00Z'), databasePath, jobs: [remindersJob] });
    harness = h;
    await harness.drain();
    expect(harness.emulator.messages(CHANNELS.sales)).toHaveLength(0);
    await runAt(harness, '2026-03-03T09:00:00Z');
    expect(harness.emulator.messages(CHANNELS.sales)).toHaveLength(0);
    await runAt(harness, '2026-03-03T09:30:00Z');
    const posted = harness.emulator.messages(CHANNELS.sales);
    expect(posted).toHaveLength(1);
    expect(textOf(posted[0])).toContain('<@UNY>');
  });
});

describe('buttons in a reminder', () => {
  async function reminded() {
    const harness = await start('2026-03-02T08:00:00Z');
    const db = harness.bot.handle.sqlite;
    const i = seedInitiative(db, { ownerId: 'ULEAD' });
    const old = new Date('2026-02-20T09:00:00Z');
    const ids = [1, 2, 3].map((n) =>
      seedAction(db, { initiativeId: i, title: `Step ${n}`, lastActivityAt: old, dueDate: `2026-03-0${n}` }),
    );
    await runAt(harness, '2026-03-03T09:30:00Z');
    const dm = harness.emulator.dms('UOWNER')[0];
    const channelId = harness.emulator.dmChannelOf('UOWNER');
    if (!dm || !channelId) throw new Error('no reminder');
    return { harness, ids, dm, channelId };
  }

  const press = (
    harness: Harness,
    userId: string,
    actionId: string,
    value: string,
    channelId: string,
    messageTs: string,
  ) => harness.emulator.blockAction({ userId, actionId, value, channelId, messageTs });

  it('Done and Snooze act with the usual rules and update the reminder in place', async () => {
    const { harness, ids, dm, channelId } = await reminded();
    const [first = 0, second = 0, third = 0] = ids;
    await press(harness, 'UOWNER', 'cx_action_done', `A-${first}`, channelId, dm.ts);
    const afterDone = await eventually(() => {
      const m = harness.emulator.message(channelId, dm.ts);
      return m?.edited ? m : undefined;
    });
    expect(textOf(afterDone)).toContain('Done, marked by <@UOWNER>');
    const statusOf = (id: number) =>
      harness.bot.handle.sqlite.prepare('select status, snoozed_until from actions where id = ?').get(id) as {
        status: string;
        snoozed_until: number | null;
      };
    expect(statusOf(first).status).toBe('done');
    // Its buttons are gone; the others are still there.
    const actionsBlocks = (m: EmuMessage | undefined) =>
      ((m?.blocks ?? []) as KnownBlock[]).filter((b) => b.type === 'actions').map((b) => b.block_id);
    expect(actionsBlocks(afterDone)).toEqual([`cx_rem_${second}`, `cx_rem_${third}`]);

    await press(harness, 'UOWNER', 'cx_action_snooze', `A-${second}`, channelId, dm.ts);
    await eventually(() => textOf(harness.emulator.message(channelId, dm.ts)).includes('Snoozed for 3 days'));
    expect(statusOf(second).snoozed_until).toBe(new Date('2026-03-06T09:30:00Z').getTime());
    expect(actionsBlocks(harness.emulator.message(channelId, dm.ts))).toEqual([`cx_rem_${third}`]);
    expect(harness.emulator.callsTo('chat.update').filter((c) => c.ok)).toHaveLength(2);

    // Someone who is neither the owner, the initiative owner nor an admin is refused; nothing changes.
    await press(harness, 'UOTHER', 'cx_action_done', `A-${third}`, channelId, dm.ts);
    await eventually(() => harness.emulator.state.ephemerals.some((e) => e.user === 'UOTHER'));
    expect(statusOf(third).status).toBe('open');
    expect(harness.emulator.callsTo('chat.update')).toHaveLength(2);
  });

  it('Add update opens the modal; submitting it records the update and updates the reminder in place', async () => {
    const { harness, ids, dm, channelId } = await reminded();
    const third = ids[2] ?? 0;
    const opened = harness.emulator.callsTo('views.open').length;
    await press(harness, 'UOWNER', 'cx_action_update', `A-${third}`, channelId, dm.ts);
    const viewId = await openedView(harness.emulator, 'UOWNER', opened);
    const submitted = await harness.emulator.viewSubmission({
      userId: 'UOWNER',
      viewId,
      values: { note: 'Vendor called back' },
    });
    expect(submitted.status).toBe(200);
    await eventually(() =>
      textOf(harness.emulator.message(channelId, dm.ts)).includes('Update recorded by <@UOWNER>'),
    );
    const row = harness.bot.handle.sqlite
      .prepare('select last_activity_at from actions where id = ?')
      .get(third) as {
      last_activity_at: number;
    };
    expect(row.last_activity_at).toBe(new Date('2026-03-03T09:30:00Z').getTime());
  });
});
