/**
 * Issue 11, "people are told when work lands on them": an action logged or handed to someone else is one
 * DM to them (with the action's buttons), the previous owner is told, a block tells the initiative's owner
 * and whoever the reason mentions — each exactly once, never to the person who did it. And twenty
 * assignments at once stay inside Slack's rate limits.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EmuMessage } from '../../src/sandbox/emulator/state.js';
import { ACTION, FIELD } from '../../src/slack/ids.js';
import { count } from '../support/count.js';
import {
  eventually,
  type Harness,
  type HarnessOptions,
  openedView,
  startHarness,
  submitLogModal,
} from '../support/harness.js';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

async function start(options: HarnessOptions = {}) {
  h = await startHarness({ now: new Date('2026-03-02T10:00:00Z'), jobs: [], ...options });
  h.emulator.addUser({ id: 'UCAROL', name: 'carol', tz: 'Europe/Berlin' });
  await h.cx('UALICE', 'new Faster answers lead:service');
}

const text = (m: EmuMessage | undefined) => JSON.stringify(m?.blocks ?? []);
/** DMs to each person, after everything queued was delivered. */
async function dmCounts(...users: string[]): Promise<Record<string, number>> {
  await h.drain();
  return Object.fromEntries(users.map((u) => [u, h.emulator.dms(u).length]));
}

describe('logging an action for someone', () => {
  it('sends them one DM: who gave it, the initiative, the due date and the action buttons', async () => {
    await start();
    const reply = h.replyText(await h.cx('UALICE', 'log I-1 Call the ten biggest customers <@UBOB> due:+7d'));
    expect(reply).toContain('<@UBOB> gets a DM');
    expect(await dmCounts('UBOB', 'UALICE')).toEqual({ UBOB: 1, UALICE: 0 });
    const dm = h.emulator.dms('UBOB')[0];
    const blocks = text(dm);
    expect(blocks).toContain('<@UALICE> logged an action for you');
    expect(blocks).toContain('A-1');
    expect(blocks).toContain('Call the ten biggest customers');
    expect(blocks).toContain('I-1');
    expect(blocks).toContain('Faster answers');
    expect(blocks).toContain('Due 2026-03-09');
    for (const id of [ACTION.done, ACTION.update, ACTION.snooze]) expect(blocks).toContain(id);
  });

  it('sends nothing when you log it for yourself', async () => {
    await start();
    await h.cx('UALICE', 'log I-1 My own step due:+7d');
    await h.cx('UBOB', 'log I-1 Bob names himself <@UBOB>');
    expect(await dmCounts('UALICE', 'UBOB')).toEqual({ UALICE: 0, UBOB: 0 });
    expect(count(h.bot.handle.sqlite, "outbox where kind = 'action_assigned'")).toBe(0);
  });

  it('the Log action modal sends the same DM', async () => {
    await start();
    const submitted = await submitLogModal(h, 'UALICE', {
      [FIELD.initiative]: '1',
      [FIELD.title]: 'Draft the FAQ',
      [FIELD.owner]: 'UBOB',
      [FIELD.due]: '2026-03-12',
    });
    expect(submitted.viewClosed).toBe(true);
    expect(await dmCounts('UBOB', 'UALICE')).toEqual({ UBOB: 1, UALICE: 0 });
    expect(text(h.emulator.dms('UBOB')[0])).toContain('Due 2026-03-12');
  });

  it('a /cx log delivered twice by Slack sends the DM once', async () => {
    await start();
    await h.cx('UALICE', 'log I-1 Only once <@UBOB>');
    const delivery = h.emulator.deliveries.at(-1);
    const body = new URLSearchParams(delivery?.sent as Record<string, string>).toString();
    const again = await h.emulator.deliverRaw({ body, contentType: 'application/x-www-form-urlencoded' });
    expect((again.body as { text?: string }).text).toMatch(/already handled/);
    expect(await dmCounts('UBOB')).toEqual({ UBOB: 1 });
    expect(count(h.bot.handle.sqlite, 'actions')).toBe(1);
  });

  it('a bot that stops after logging, before the DM went out, sends it once when it is back', async () => {
    await start();
    const databasePath = h.config.databasePath;
    // The process "dies" between the commit and the delivery: its notifier is gone before the command.
    await h.bot.notifier.stop();
    await h.cx('UALICE', 'log I-1 Survives a restart <@UBOB>');
    const delivery = h.emulator.deliveries.at(-1);
    await h.stop();
    expect(h.emulator.dms('UBOB')).toHaveLength(0);

    h = await startHarness({ now: new Date('2026-03-02T10:05:00Z'), jobs: [], databasePath });
    await h.drain();
    expect(h.emulator.dms('UBOB')).toHaveLength(1);
    expect(text(h.emulator.dms('UBOB')[0])).toContain('Survives a restart');
    // Slack delivering the same command again now changes nothing and sends nothing.
    const body = new URLSearchParams(delivery?.sent as Record<string, string>).toString();
    const again = await h.emulator.deliverRaw({ body, contentType: 'application/x-www-form-urlencoded' });
    expect((again.body as { text?: string }).text).toMatch(/already handled/);
    expect(await dmCounts('UBOB')).toEqual({ UBOB: 1 });
    const rows = h.bot.handle.sqlite
      .prepare("select status from outbox where kind = 'action_assigned'")
      .all();
    expect(rows).toEqual([{ status: 'sent' }]);
  });

  it('Done in the DM completes the action and replaces the buttons in place', async () => {
    await start();
    await h.cx('UALICE', 'log I-1 Quick one <@UBOB> due:+2d');
    await h.drain();
    const dm = h.emulator.dms('UBOB')[0];
    if (!dm) throw new Error('no DM');
    await h.emulator.blockAction({
      userId: 'UBOB',
      actionId: ACTION.done,
      value: 'A-1',
      channelId: dm.channel,
      messageTs: dm.ts,
    });
    const status = () => h.bot.handle.sqlite.prepare('select status from actions where id = 1').get();
    await eventually(() => (status() as { status: string }).status === 'done');
    await eventually(() => !text(h.emulator.dms('UBOB')[0]).includes(ACTION.done));
    expect(text(h.emulator.dms('UBOB')[0])).toContain('Quick one');
  });
});

describe('Add update from the DM on a blocked action', () => {
  it('keeps it blocked and the confirmation says how to unblock', async () => {
    await start();
    await h.cx('UALICE', 'log I-1 Send the survey <@UBOB> due:+7d');
    await h.cx('UBOB', 'block A-1 waiting for legal');
    await h.drain();
    const dm = h.emulator.dms('UBOB')[0];
    if (!dm) throw new Error('no DM');
    const opened = h.emulator.callsTo('views.open').length;
    await h.emulator.blockAction({
      userId: 'UBOB',
      actionId: ACTION.update,
      value: 'A-1',
      channelId: dm.channel,
      messageTs: dm.ts,
    });
    const viewId = await openedView(h.emulator, 'UBOB', opened);
    const shown = h.emulator.state.ephemerals.length;
    await h.emulator.viewSubmission({ userId: 'UBOB', viewId, values: { [FIELD.note]: 'chased legal' } });
    const confirmation = await eventually(() =>
      h.emulator.state.ephemerals.slice(shown).find((e) => e.user === 'UBOB' && e.text.includes('A-1')),
    );
    expect(confirmation.text).toContain('still blocked');
    expect(confirmation.text).toContain('/cx unblock A-1');
    const row = h.bot.handle.sqlite.prepare('select status, blocked_reason from actions').get();
    expect(row).toEqual({ status: 'blocked', blocked_reason: 'waiting for legal' });
  });
});

describe('reassigning', () => {
  it('the new owner gets one DM and the previous owner is told, the one who did it nothing', async () => {
    await start();
    await h.cx('UALICE', 'log I-1 Call the customers <@UBOB> due:+7d');
    await h.drain();
    const before = await dmCounts('UALICE', 'UBOB', 'UCAROL');
    await h.cx('UALICE', 'assign A-1 <@UCAROL>');
    expect(await dmCounts('UALICE', 'UBOB', 'UCAROL')).toEqual({
      UALICE: before.UALICE,
      UBOB: (before.UBOB ?? 0) + 1,
      UCAROL: 1,
    });
    const toCarol = text(h.emulator.dms('UCAROL').at(-1));
    expect(toCarol).toContain('<@UALICE> handed you an action');
    expect(toCarol).toContain("it was <@UBOB>'s");
    expect(toCarol).toContain('Due 2026-03-09');
    const toBob = text(h.emulator.dms('UBOB').at(-1));
    expect(toBob).toContain('<@UALICE> handed *A-1*');
    expect(toBob).toContain('to <@UCAROL>');
    // The notifications (a phone shows only the text) say when it is due and with whom it is now.
    expect(h.emulator.dms('UCAROL').at(-1)?.text).toBe(
      '<@UALICE> gave you A-1 Call the customers (I-1), due 2026-03-09.',
    );
    expect(h.emulator.dms('UBOB').at(-1)?.text).toBe('A-1 Call the customers is now with <@UCAROL>.');
  });

  it('handing your own action on tells only the new owner; taking one tells only the previous owner', async () => {
    await start();
    await h.cx('UBOB', 'log I-1 Bob logs his own');
    await h.cx('UBOB', 'assign A-1 <@UCAROL>');
    expect(await dmCounts('UBOB', 'UCAROL')).toEqual({ UBOB: 0, UCAROL: 1 });
    // Bob handed on his own work: the DM names him once, with no "(it was Bob's)" aside.
    const toCarol = text(h.emulator.dms('UCAROL').at(-1));
    expect(toCarol).toContain('<@UBOB> handed you an action');
    expect(toCarol).not.toContain('it was');
    await h.cx('UADMIN', 'assign A-1 <@UADMIN>');
    expect(await dmCounts('UADMIN', 'UCAROL')).toEqual({ UADMIN: 0, UCAROL: 2 });
    expect(text(h.emulator.dms('UCAROL').at(-1))).toContain('It is no longer yours');
  });

  it('handing it back and forth: each handover is its own DM, each delivered once', async () => {
    await start();
    await h.cx('UALICE', 'log I-1 Ping pong');
    await h.cx('UALICE', 'assign A-1 <@UBOB>');
    await h.cx('UALICE', 'assign A-1 <@UCAROL>');
    await h.cx('UALICE', 'assign A-1 <@UBOB>');
    // Bob: given it, told it went to Carol, given it again.
    expect(await dmCounts('UBOB', 'UCAROL', 'UALICE')).toEqual({ UBOB: 3, UCAROL: 2, UALICE: 0 });
  });
});

describe('blocking', () => {
  it("tells the initiative's owner and everyone the reason mentions, each once, not the blocker", async () => {
    await start();
    await h.cx('UALICE', 'log I-1 Send the survey <@UBOB> due:+7d');
    await h.drain();
    const bobBefore = h.emulator.dms('UBOB').length;
    await h.cx('UBOB', 'block A-1 waiting on <@UCAROL> for the customer list, and <@UCAROL> again');
    expect(await dmCounts('UALICE', 'UCAROL')).toEqual({ UALICE: 1, UCAROL: 1 });
    expect(h.emulator.dms('UBOB')).toHaveLength(bobBefore);
    const toAlice = text(h.emulator.dms('UALICE')[0]);
    expect(toAlice).toContain('in your initiative *I-1*');
    expect(toAlice).toContain('blocked by <@UBOB>');
    expect(toAlice).toContain('for the customer list');
    const toCarol = text(h.emulator.dms('UCAROL')[0]);
    expect(toCarol).toContain('it is waiting on you');
    // The notification (a phone shows only the text) says why, not only that.
    expect(h.emulator.dms('UALICE')[0]?.text).toBe(
      'A-1 in I-1 is blocked: waiting on <@UCAROL> for the customer list, and <@UCAROL> again',
    );
    expect(h.emulator.dms('UCAROL')[0]?.text).toBe(
      'A-1 is waiting on you: waiting on <@UCAROL> for the customer list, and <@UCAROL> again',
    );
  });

  it("the initiative's owner blocking it is not told; mentioned in the reason, they get one DM", async () => {
    await start();
    await h.cx('UALICE', 'log I-1 Send the survey <@UBOB> due:+7d');
    await h.drain();
    const bobBefore = h.emulator.dms('UBOB').length;
    await h.cx('UALICE', 'block A-1 needs <@UBOB> and me <@UALICE>');
    expect(await dmCounts('UALICE')).toEqual({ UALICE: 0 });
    expect(h.emulator.dms('UBOB')).toHaveLength(bobBefore + 1);
    await h.cx('UBOB', 'unblock A-1');
    await h.cx('UBOB', 'block A-1 <@UALICE> has to sign');
    expect(await dmCounts('UALICE')).toEqual({ UALICE: 1 });
    expect(text(h.emulator.dms('UALICE')[0])).toContain('it is waiting on you');
  });
});

describe('twenty assignments at once', () => {
  const people = Array.from({ length: 20 }, (_, i) => `UPERSON${String(i).padStart(2, '0')}`);

  async function logTwenty() {
    for (const id of people) h.emulator.addUser({ id, name: id.toLowerCase(), tz: 'Europe/Paris' });
    for (const [i, id] of people.entries()) {
      const reply = h.replyText(await h.cx('UADMIN', `log I-1 Step ${i + 1} <@${id}> due:+7d`));
      expect(reply).toContain(`A-${i + 1}`);
    }
  }

  function expectEachOnce() {
    for (const id of people) expect(h.emulator.dms(id), id).toHaveLength(1);
    const delivered = h.emulator.callsTo('chat.postMessage').filter((c) => c.ok);
    const dms = delivered.filter((c) => people.includes(String(c.args?.channel ?? '')));
    expect(dms).toHaveLength(20);
    const statuses = h.bot.handle.sqlite
      .prepare("select status, count(*) as n from outbox where kind = 'action_assigned' group by status")
      .all();
    expect(statuses).toEqual([{ status: 'sent', n: 20 }]);
  }

  it("under Slack's own limits: twenty DMs, not one call answered 429", async () => {
    // Real windows (scale 1): a minute is a minute, so nothing here depends on how fast the machine is.
    await start({ rateLimits: true, rateLimitScale: 1 });
    await logTwenty();
    await h.drain();
    expectEachOnce();
    expect(h.emulator.calls.filter((c) => c.status === 429)).toEqual([]);
  });

  it('when Slack does answer 429 (a tight workspace cap, and some refusals of its own), each DM still arrives once', async () => {
    // A "minute" of 600 ms with room for only 5 posts, and three 429s whatever the pace: the notifier waits
    // out each Retry-After and posts every DM exactly once.
    await start({
      rateLimits: true,
      rateLimitScale: 0.01,
      rateLimitOptions: { postMessageWorkspacePerMinute: 5 },
    });
    const retryLater = { status: 429, retryAfter: 1 };
    h.emulator.failNext('chat.postMessage', retryLater, retryLater, retryLater);
    await logTwenty();
    await h.drain();
    expectEachOnce();
    expect(h.emulator.calls.some((c) => c.method === 'chat.postMessage' && c.status === 429)).toBe(true);
  }, 60_000);
});
