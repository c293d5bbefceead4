/**
 * Someone leaves and their Slack account is deactivated while they still own open actions. Their reminder
 * DM cannot be delivered (Slack: `user_disabled`); the admins are told who it was for, that the account is
 * deactivated and which actions need a new owner — not to invite the bot into a channel. Through the real
 * bot, its reminders job and the emulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { digestJob } from '../../src/jobs/digest.js';
import { metricChecksJob } from '../../src/jobs/metric-checks.js';
import { remindersJob } from '../../src/jobs/reminders.js';
import { createScheduler } from '../../src/jobs/scheduler.js';
import { ACTION } from '../../src/slack/ids.js';
import {
  CHANNELS,
  eventually,
  type Harness,
  openHomeTab,
  pressOnEphemeral,
  quietLogger,
  startHarness,
} from '../support/harness.js';
import { daysBefore, seedAction, seedInitiative } from '../support/seed.js';

let h: Harness;
afterEach(async () => {
  await h.stop();
});

// Tuesday 3 March 2026, 10:00 UTC: inside working hours for people in UTC.
const NOW = '2026-03-03T10:00:00Z';

async function departedOwnerWithStalledWork(
  actions: number,
  adminLanguage?: 'de',
  leave: (id: string) => void = (id) => h.emulator.deactivateUser(id),
) {
  h = await startHarness({ now: new Date(NOW), jobs: [remindersJob], admins: ['UADMIN'] });
  await h.bot.scheduler.idle();
  if (adminLanguage) await h.cx('UADMIN', `lang ${adminLanguage}`);
  h.emulator.addUser({ id: 'UGONE', name: 'gone', tz: 'UTC' });
  const db = h.bot.handle.sqlite;
  const initiative = seedInitiative(db, { ownerId: 'UALICE' });
  const ids: number[] = [];
  for (let n = 0; n < actions; n++)
    ids.push(
      seedAction(db, {
        initiativeId: initiative,
        ownerId: 'UGONE',
        lastActivityAt: daysBefore(new Date(NOW), 9),
      }),
    );
  leave('UGONE');
  // The next half-hourly run (the one at start-up came before anything was seeded).
  h.clock.set(new Date(Date.parse(NOW) + 30 * 60_000));
  await h.bot.scheduler.tick(h.clock.now());
  await h.drain();
  return ids;
}

const problemsTo = (admin: string, words = /could not send/) =>
  h.emulator.dms(admin).filter((m) => words.test(m.text));

describe('a reminder to someone whose account was deactivated', () => {
  it('tells the admins once whose it was and which actions need a new owner, with the command', async () => {
    const ids = await departedOwnerWithStalledWork(2);
    expect(h.emulator.dms('UGONE')).toEqual([]);
    await eventually(() => problemsTo('UADMIN')[0]);
    const notices = problemsTo('UADMIN');
    expect(notices).toHaveLength(1);
    const text = notices[0]?.text ?? '';
    expect(text).toContain('I could not send <@UGONE> a reminder');
    expect(text).toContain('their Slack account is deactivated');
    expect(text).toContain(`They still own A-${ids[0]} and A-${ids[1]}`);
    expect(text).toContain('/cx assign A-n @someone');
    // Not the advice for a channel the bot is missing from.
    expect(text).not.toMatch(/invite me|setup channel/);
  });

  it('handing their work on tells the new owner, and sends the departed person nothing (no second notice to the admins)', async () => {
    const ids = await departedOwnerWithStalledWork(2);
    await eventually(() => problemsTo('UADMIN')[0]);
    await h.cx('UADMIN', `assign A-${ids[0]} <@UBOB>`);
    await h.drain();
    expect(h.emulator.dms('UBOB').some((m) => m.text.includes(`A-${ids[0]}`))).toBe(true);
    const unassigned = h.bot.handle.sqlite
      .prepare(`select count(*) as n from outbox where kind = 'action_unassigned'`)
      .get();
    expect(unassigned).toEqual({ n: 0 });
    expect(problemsTo('UADMIN')).toHaveLength(1);
  });

  it('someone Slack no longer knows at all (users.info: user_not_found) is named as such, not as deactivated', async () => {
    await departedOwnerWithStalledWork(1, undefined, (id) => h.emulator.removeUser(id));
    const text = (await eventually(() => problemsTo('UADMIN')[0])).text;
    expect(text).toContain(
      'I could not send <@UGONE> a reminder of their stalled actions: Slack no longer knows them.',
    );
    expect(text).not.toContain('deactivated');
    expect(text).toContain('They still own A-1');
  });

  it('names at most five actions and counts the rest', async () => {
    const ids = await departedOwnerWithStalledWork(7);
    const text = (await eventually(() => problemsTo('UADMIN')[0])).text;
    expect(text).toContain(
      `They still own A-${ids[0]}, A-${ids[1]}, A-${ids[2]}, A-${ids[3]}, A-${ids[4]} and 2 more`,
    );
  });

  it("in the admin's own language", async () => {
    const ids = await departedOwnerWithStalledWork(1, 'de');
    const text = (await eventually(() => problemsTo('UADMIN', /nicht schicken/)[0])).text;
    expect(text).toContain(
      'Ich konnte <@UGONE> eine Erinnerung an ihre stockenden Maßnahmen nicht schicken: das Slack-Konto ist deaktiviert.',
    );
    expect(text).toContain(`Die Person ist noch für A-${ids[0]} zuständig`);
  });
});

describe('the lists that name the owners of stalled work', () => {
  it('say of someone who left that they have, and how to hand the action on: the Monday list and the weekly digest', async () => {
    const [id] = await departedOwnerWithStalledWork(1);
    await eventually(() => problemsTo('UADMIN')[0]);
    const mark = `<@UGONE> (has left: \`/cx assign A-${id} @someone\`)`;
    // The action itself says so too.
    expect(h.replyText(await h.cx('UADMIN', `show A-${id}`))).toContain(
      `:warning: <@UGONE> has left (their Slack account is deactivated): hand it on with \`/cx assign A-${id} @someone\`.`,
    );

    // Friday: the weekly digest's thread lists it under "Stalled and blocked".
    const scheduler = createScheduler({
      ctx: h.bot.ctx,
      jobs: [digestJob],
      logger: quietLogger(),
      cron: false,
    });
    const friday = new Date('2026-03-06T14:00:00Z');
    h.clock.set(friday);
    expect(await scheduler.runNow('digest', friday)).toMatchObject({ status: 'done' });
    await h.drain();
    const digest = JSON.stringify(h.emulator.messages(CHANNELS.marketing));
    expect(digest).toContain(mark);

    // Monday: the department's list of stalled actions.
    h.clock.set(new Date('2026-03-09T09:00:00Z'));
    await h.bot.scheduler.tick(h.clock.now());
    await h.drain();
    const lists = h.emulator.messages(CHANNELS.marketing).filter((m) => /stalled/i.test(m.text));
    expect(JSON.stringify(lists.at(-1))).toContain(mark);
    // Someone still here is named as always.
    expect(JSON.stringify(lists.at(-1))).not.toContain('<@UALICE> (has left');
  });
});

describe('someone Slack no longer knows at all (users.info: user_not_found)', () => {
  it("counts as someone who left: /cx show and the admins' Home say so, and later reminders runs do not ask Slack again", async () => {
    const [id] = await departedOwnerWithStalledWork(1, undefined, (gone) => h.emulator.removeUser(gone));
    await eventually(() => problemsTo('UADMIN')[0]);
    expect(h.replyText(await h.cx('UADMIN', `show A-${id}`))).toContain(
      `:warning: <@UGONE> has left (Slack no longer knows them): hand it on with \`/cx assign A-${id} @someone\`.`,
    );
    const home = JSON.stringify((await openHomeTab(h.emulator, 'UADMIN')).blocks);
    expect(home).toContain(`• <@UGONE> · open A-${id} → \`/cx assign A-n @someone\``);
    const lookups = () => h.emulator.callsTo('users.info').filter((c) => c.args.user === 'UGONE').length;
    const asked = lookups();
    expect(asked).toBeGreaterThan(0);

    // The reminders runs of the same day (still stalled, still theirs) take the answer from the cache.
    h.clock.set(new Date('2026-03-03T11:00:00Z'));
    await h.bot.scheduler.tick(h.clock.now());
    await h.drain();
    h.clock.set(new Date('2026-03-03T18:00:00Z'));
    await h.bot.scheduler.tick(h.clock.now());
    await h.drain();
    expect(lookups()).toBe(asked);
    expect(problemsTo('UADMIN')).toHaveLength(1);
  });
});

describe("an admin's App Home", () => {
  const openHome = async (userId: string) => JSON.stringify((await openHomeTab(h.emulator, userId)).blocks);

  it('lists the work of people who left, with how to hand it on; others do not see it', async () => {
    const ids = await departedOwnerWithStalledWork(7);
    await eventually(() => problemsTo('UADMIN')[0]);
    seedInitiative(h.bot.handle.sqlite, { ownerId: 'UGONE', title: 'Faster refunds' });
    const home = await openHome('UADMIN');
    expect(home).toContain('*Work of people who left*');
    expect(home).toContain(
      `• <@UGONE> · open A-${ids[0]}, A-${ids[1]}, A-${ids[2]}, A-${ids[3]}, A-${ids[4]} and 2 more → \`/cx assign A-n @someone\` · owns I-2 Faster refunds → *Hand over* in \`/cx show I-n\``,
    );
    expect(await openHome('UALICE')).not.toContain('Work of people who left');

    // Handed on, it leaves the list.
    for (const id of ids) await h.cx('UADMIN', `assign A-${id} <@UBOB>`);
    await h.cx('UADMIN', 'show I-2');
    const viewId = await pressOnEphemeral(h.emulator, 'UADMIN', CHANNELS.marketing, ACTION.handOver, 'I-2');
    await h.emulator.viewSubmission({ userId: 'UADMIN', viewId, values: { owner: 'UBOB' } });
    expect(await openHome('UADMIN')).not.toContain('Work of people who left');
  });
});

describe('the 6-month check of an initiative whose owner left', () => {
  /** The initiative of someone who left, on the day its 6-month check is asked of them: its id. */
  async function departedOwnersCheck(): Promise<number> {
    // Nobody looked the owner up before (no reminder, no command): the admins' DM asks Slack who it was.
    h = await startHarness({
      now: new Date('2026-07-06T08:00:00Z'),
      jobs: [metricChecksJob],
      admins: ['UADMIN'],
    });
    await h.bot.scheduler.idle();
    h.emulator.addUser({ id: 'UGONE', name: 'gone', tz: 'UTC' });
    const id = seedInitiative(h.bot.handle.sqlite, { ownerId: 'UGONE', title: 'Faster answers' });
    h.emulator.deactivateUser('UGONE');
    h.clock.set(new Date('2026-07-06T09:00:00Z'));
    await h.bot.scheduler.tick(h.clock.now());
    await h.drain();
    return id;
  }

  it('tells the admins they can record its values themselves, with the command', async () => {
    const initiative = await departedOwnersCheck();
    const notice = await eventually(() => problemsTo('UADMIN')[0]);
    expect(notice.text).toContain(
      'I could not send <@UGONE> the 6/12-month metric check of an initiative they own: their Slack account is deactivated.',
    );
    expect(notice.text).toContain(
      `They own I-${initiative}: record its values yourself with \`/cx check I-${initiative} customer=&lt;value&gt; business=&lt;value&gt;\``,
    );
  });

  it('tells the admins to hand it over; handed over, the new owner learns how to answer the waiting check', async () => {
    const id = await departedOwnersCheck();
    const notice = await eventually(() =>
      h.emulator.dms('UADMIN').find((m) => m.text.includes('could not send <@UGONE>')),
    );
    expect(notice.text).toContain(`give it a new owner with *Hand over* in \`/cx show I-${id}\``);

    const leftLine = `:warning: <@UGONE> has left (their Slack account is deactivated): its checks and escalations reach nobody. An admin can give it a new owner with *Hand over*.`;
    expect(JSON.stringify((await h.cx('UADMIN', `show I-${id}`)).body)).toContain(leftLine);
    const viewId = await pressOnEphemeral(
      h.emulator,
      'UADMIN',
      CHANNELS.marketing,
      ACTION.handOver,
      `I-${id}`,
    );
    await h.emulator.viewSubmission({ userId: 'UADMIN', viewId, values: { owner: 'UBOB' } });
    await h.drain();
    expect(h.bot.handle.sqlite.prepare('select owner_id from initiatives').all()).toEqual([
      { owner_id: 'UBOB' },
    ]);
    expect(JSON.stringify((await h.cx('UADMIN', `show I-${id}`)).body)).not.toContain('has left');
    const toBob = await eventually(() => h.emulator.dms('UBOB').find((m) => m.text.includes(`I-${id}`)));
    expect(JSON.stringify(toBob.blocks)).toContain(
      `Its 6-month check (due 2026-07-05) is waiting for values: \`/cx check I-${id}\``,
    );
    // No DM to the one who left (Slack would refuse it), so no second notice to the admins.
    const toGone = h.bot.handle.sqlite
      .prepare(
        `select count(*) as n from outbox where kind = 'initiative_handed_over' and recipient like '%UGONE%'`,
      )
      .get();
    expect(toGone).toEqual({ n: 0 });
    // The check DM held for the one who left is not retried any more: the new owner answers it.
    expect(
      h.bot.handle.sqlite.prepare(`select status from outbox where kind = 'metric_check'`).all(),
    ).toEqual([{ status: 'expired' }]);
    const confirmation = await eventually(() =>
      h.emulator.ephemerals.find((e) => e.user === 'UADMIN' && e.text.includes('now belongs to <@UBOB>')),
    );
    expect(confirmation.text).not.toContain('UGONE');
    expect(h.emulator.dms('UADMIN').filter((m) => m.text.includes('could not send'))).toHaveLength(1);
  });
});

describe('a DM to someone who left and owns nothing', () => {
  it('tells the admins nothing, and stops trying: there is nothing for them to do, and it can never arrive', async () => {
    h = await startHarness({ now: new Date(NOW), admins: ['UADMIN'] });
    h.emulator.addUser({ id: 'UGONE', name: 'gone', tz: 'UTC', deleted: true });
    await h.cx('UALICE', 'new Faster answers lead:service');
    await h.cx('UALICE', 'log I-1 Call the customer due:+7d');
    // The refusal looks UGONE up, so the bot knows the account is deactivated before the DM below.
    expect(h.replyText(await h.cx('UALICE', 'assign A-1 <@UGONE>'))).toContain('deactivated');
    // Mentioned in a block reason: the DM to them is refused by Slack.
    await h.cx('UALICE', 'block A-1 waiting on <@UGONE> and <@UBOB>');
    await h.drain();
    await eventually(() => h.emulator.dms('UBOB').find((m) => /waiting on you/.test(m.text)));
    await h.drain();
    // Not held (tried again every 15 minutes for good, and counted as held on /metrics): expired, with why.
    const dm = () =>
      h.bot.handle.sqlite
        .prepare(
          `select status, last_error as error from outbox where kind = 'action_blocked' and recipient like '%UGONE%'`,
        )
        .all() as { status: string; error: string }[];
    await eventually(() => dm()[0]?.status === 'expired' || undefined);
    expect(dm()).toEqual([{ status: 'expired', error: expect.stringMatching(/^recipient_left: /) }]);
    expect(
      h.bot.handle.sqlite.prepare(`select count(*) as n from outbox where status = 'held'`).get(),
    ).toEqual({
      n: 0,
    });
    expect(problemsTo('UADMIN')).toEqual([]);
  });
});

describe('a DM Slack refuses for someone still here', () => {
  it('says to whom and what, and to check that they can receive messages — not to invite the bot into a channel', async () => {
    h = await startHarness({ now: new Date(NOW), admins: ['UADMIN'] });
    await h.cx('UALICE', 'new Faster answers lead:service');
    await h.drain();
    h.emulator.failNext('chat.postMessage', { error: 'messages_tab_disabled' });
    await h.cx('UALICE', 'log I-1 Call the customer <@UBOB> due:+7d');
    await h.drain();
    const text = (await eventually(() => problemsTo('UADMIN')[0])).text;
    expect(text).toContain(
      'I could not send <@UBOB> the news of an action given to them (messages_tab_disabled)',
    );
    expect(text).toContain('check that they can receive messages from CX Bridge');
    expect(text).not.toMatch(/invite me|setup channel|deactivated/);
  });
});
