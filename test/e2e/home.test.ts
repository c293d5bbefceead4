import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION, FIELD } from '../../src/slack/ids.js';
import { eventually, type Harness, openedView, openHomeTab, startHarness } from '../support/harness.js';

let h: Harness;

beforeEach(async () => {
  h = await startHarness({ now: new Date('2026-03-02T10:00:00Z'), jobs: [] });
});
afterEach(async () => {
  await h.stop();
});

const text = (view: unknown) => JSON.stringify(view);

/** Opens the Home tab as `userId` and waits for the view the bot publishes. */
const openHome = (userId: string) => openHomeTab(h.emulator, userId);

/** Presses a button of action `A-n` in the Home tab and waits for the republished view. */
async function pressInHome(userId: string, actionId: string, n: number) {
  const view = h.emulator.homeView(userId);
  if (!view) throw new Error('no home view');
  const before = h.emulator.homeViews(userId).length;
  await h.emulator.blockAction({ userId, actionId, viewId: view.id, blockId: `home_act_${n}` });
  return eventually(() => h.emulator.homeViews(userId).length > before && h.emulator.homeView(userId));
}

describe('App Home', () => {
  it('shows the viewer’s actions soonest first with buttons, their initiatives, and the team picture', async () => {
    await h.cx('UALICE', 'new Faster answers lead:service essential');
    await h.cx('UALICE', 'metric I-1 customer "NPS" 30 -> 45');
    await h.cx('UBOB', 'new Bob’s own lead:sales');
    await h.cx('UALICE', 'log I-1 Later one due:2026-04-01');
    await h.cx('UALICE', 'log I-1 Sooner one due:2026-03-10');
    await h.cx('UALICE', 'log I-2 Undated one');
    await h.cx('UBOB', 'log I-2 Bob’s action due:2026-03-05 dept:sales');
    await h.cx('UALICE', 'log I-1 Finished one due:2026-03-20');
    await h.cx('UALICE', 'done A-5');

    const view = await openHome('UALICE');
    const blocks = view.blocks as { type: string; block_id?: string; text?: { text: string } }[];
    const body = text(blocks);
    // Own open actions only, soonest due first, undated last; each with Done / Add update / Snooze.
    const order = blocks.filter((b) => b.block_id?.startsWith('home_act_')).map((b) => b.block_id);
    expect(order).toEqual(['home_act_2', 'home_act_1', 'home_act_3']);
    expect(body).toContain(ACTION.done);
    expect(body).toContain(ACTION.update);
    expect(body).toContain(ACTION.snooze);
    expect(body).not.toContain('Bob’s action');
    // Own initiatives with a progress bar and the 6–12-month status; missing metrics flagged.
    expect(body).toContain('Initiatives you own* (1)');
    expect(body).toMatch(/▓▓▓░░░░░░░ 33% \(1\/3\)/);
    expect(body).toContain('6-month check 2026-09-02: upcoming · 12-month check 2027-03-02: upcoming');
    expect(body).toContain('no business metric: how will we know?');
    // Team picture: the essentials, the round slot (none this month yet), recent wins.
    expect(body).toContain(':star: *I-1* Faster answers');
    expect(body).toContain('No pain-point round this month yet');
    expect(body).toContain('*A-5* Finished one');
  });

  it('with no requests, its "Ask another department" button stands under a heading that says so, not loose under the actions', async () => {
    await h.cx('UALICE', 'new Faster answers lead:service');
    await h.cx('UALICE', 'log I-1 First step due:2026-03-10');
    const view = await openHome('UALICE');
    const blocks = view.blocks as { type: string; block_id?: string; text?: { text: string } }[];
    const ask = blocks.findIndex((b) => b.block_id === 'ask_home');
    expect(ask).toBeGreaterThan(1);
    expect(blocks[ask - 2]?.type).toBe('divider');
    expect(blocks[ask - 1]?.text?.text).toBe(
      '*Requests across departments*: none wait on you, and you have none open. Need something from another department for an initiative?',
    );
  });

  it('a user with 500 open actions gets a view within Slack’s limits that says how many are not shown', async () => {
    await h.cx('UALICE', 'new Big backlog lead:it');
    const db = h.bot.handle.sqlite;
    const insert = db.prepare(
      `insert into actions (initiative_id, title, owner_id, dept, due_date, status, last_activity_at, created_by, created_at)
       values (1, ?, 'UALICE', 'it', ?, 'open', ?, 'UALICE', ?)`,
    );
    const at = Date.parse('2026-03-02T10:00:00Z');
    db.transaction(() => {
      for (let i = 0; i < 500; i++) {
        const due = new Date(Date.UTC(2026, 3, 1) + (i % 300) * 86_400_000).toISOString().slice(0, 10);
        insert.run(`Action number ${i + 1} ${'with a longer title '.repeat(4)}`, due, at, at);
      }
    })();
    const view = await openHome('UALICE');
    expect(h.emulator.callsTo('views.publish').every((c) => c.ok)).toBe(true);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(text(view.blocks)).toContain('Your open actions* (500)');
    expect(text(view.blocks)).toContain('…and 480 more open actions not shown here');
  });

  it('Done and Snooze pressed in the Home tab take effect and refresh it', async () => {
    await h.cx('UALICE', 'new Home buttons lead:service');
    await h.cx('UALICE', 'log I-1 First due:2026-03-10');
    await h.cx('UALICE', 'log I-1 Second due:2026-03-12');
    await openHome('UALICE');

    const afterDone = await pressInHome('UALICE', ACTION.done, 1);
    expect(h.bot.handle.sqlite.prepare('select status from actions where id = 1').get()).toEqual({
      status: 'done',
    });
    expect(text(afterDone.blocks)).not.toContain('home_act_1');
    expect(text(afterDone.blocks)).toContain('Done: *A-1* First');
    expect(text(afterDone.blocks)).toContain('*A-1* First'); // now among the recent wins
    expect(text(afterDone.blocks)).toContain('Your open actions* (1)');

    const afterSnooze = await pressInHome('UALICE', ACTION.snooze, 2);
    const snoozed = h.bot.handle.sqlite.prepare('select snoozed_until from actions where id = 2').get() as {
      snoozed_until: number | null;
    };
    expect(snoozed.snoozed_until).not.toBeNull();
    expect(text(afterSnooze.blocks)).toContain('snoozed for 3 days');

    // A stale home: the action was finished elsewhere meanwhile; the press says so and the home catches up.
    await h.cx('UALICE', 'log I-1 Third due:2026-03-14 <@UBOB>');
    await openHome('UBOB');
    await h.cx('UALICE', 'done A-3');
    const stale = await pressInHome('UBOB', ACTION.done, 3);
    expect(text(stale.blocks)).toContain('A-3 is already done');
    expect(text(stale.blocks)).not.toContain('home_act_3');
  });

  it('Add update from the Home tab opens the modal; submitting it refreshes the home', async () => {
    await h.cx('UALICE', 'new Update from home lead:service');
    await h.cx('UALICE', 'log I-1 Needs news due:2026-03-10');
    const view = await openHome('UALICE');
    const opened = h.emulator.callsTo('views.open').length;
    await h.emulator.blockAction({
      userId: 'UALICE',
      actionId: ACTION.update,
      viewId: view.id,
      blockId: 'home_act_1',
    });
    const modalId = await openedView(h.emulator, 'UALICE', opened);
    const before = h.emulator.homeViews('UALICE').length;
    const submitted = await h.emulator.viewSubmission({
      userId: 'UALICE',
      viewId: modalId,
      values: { [FIELD.note]: 'Called two' },
    });
    expect(submitted.viewClosed).toBe(true);
    const refreshed = await eventually(
      () => h.emulator.homeViews('UALICE').length > before && h.emulator.homeView('UALICE'),
    );
    expect(text(refreshed.blocks)).toContain('Progress on *A-1* recorded');
    expect(
      h.bot.handle.sqlite.prepare(`select note from history where entity = 'A' and kind = 'update'`).all(),
    ).toEqual([{ note: 'Called two' }]);
  });

  it('shows the essentials of everyone and this month’s pain-point round standings', async () => {
    await h.cx('UBOB', 'new Bob focus lead:sales essential');
    await h.cx('UBOB', 'pain Customers wait too long on the phone');
    await h.cx('UBOB', 'pain Invoices are confusing');
    await h.cx('UADMIN', 'round open');
    const view = await openHome('UALICE');
    const body = text(view.blocks);
    expect(body).toContain(':star: *I-1* Bob focus');
    expect(body).toContain('This month’s pain-point round* (March 2026): voting is open');
    expect(body).toContain('P-1');
    expect(body).toContain('You own no active initiative');
    expect(body).toContain('You have no open actions');
  });
});
