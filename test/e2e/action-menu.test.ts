import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { remindersJob } from '../../src/jobs/reminders.js';
import type { EmuEphemeral, EmuMessage } from '../../src/sandbox/emulator/index.js';
import { ACTION, FIELD, VIEW } from '../../src/slack/ids.js';
import { count } from '../support/count.js';
import { CHANNELS, eventually, type Harness, openedView, startHarness } from '../support/harness.js';

/**
 * The "⋯" menu next to Done / Add update / Snooze (issue 11): Reschedule, Reassign and Drop, each a small
 * modal with inline validation, on `/cx mine`, the App Home and the DMs; the change shows in place.
 * Everything goes through signed deliveries from the emulator, as Slack would send them.
 */
let h: Harness;

beforeEach(async () => {
  h = await startHarness({ now: new Date('2026-03-02T10:00:00Z'), jobs: [remindersJob] });
  h.emulator.addUser({ id: 'UEVE', name: 'eve', realName: 'Eve Stone', tz: 'UTC' });
});
afterEach(async () => {
  await h.stop();
});

type Block = {
  type: string;
  block_id?: string;
  elements?: { type: string; action_id?: string; options?: { value: string }[] }[];
  element?: Record<string, unknown>;
};

const overflows = (blocks: unknown) =>
  ((blocks ?? []) as Block[])
    .flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []))
    .filter((e) => e.type === 'overflow');

const textOf = (x: unknown) => JSON.stringify(x);

/** `/cx mine` as `userId`; the ephemeral list it shows. */
async function mine(userId: string): Promise<EmuEphemeral> {
  await h.cx(userId, 'mine');
  const eph = h.emulator.ephemerals.filter((e) => e.user === userId).at(-1);
  if (!eph) throw new Error('no /cx mine reply');
  return eph;
}

/** Picks `choice` from the menu of A-n in a message (or ephemeral) and returns the opened modal's id. */
async function pick(
  userId: string,
  where: { channelId: string; messageTs: string } | { viewId: string },
  value: string,
): Promise<string> {
  const before = h.emulator.callsTo('views.open').length;
  const result = await h.emulator.blockAction({
    userId,
    actionId: ACTION.actionMenu,
    selectedOption: value,
    ...where,
  });
  expect(result.status).toBe(200);
  return openedView(h.emulator, userId, before);
}

/** `/cx show <ref>` as `userId`: everything the reply shows. */
async function shown(userId: string, ref: string): Promise<string> {
  const result = await h.cx(userId, `show ${ref}`);
  return textOf((result.body as { blocks?: unknown }).blocks);
}

const errorsOf = (result: { body: unknown }) =>
  (result.body as { response_action?: string; errors?: Record<string, string> }).errors ?? {};

const actionRow = (id: number) =>
  h.bot.handle.sqlite
    .prepare('select status, owner_id as ownerId, due_date as dueDate from actions where id = ?')
    .get(id) as { status: string; ownerId: string; dueDate: string | null };

describe('the action menu', () => {
  it('/cx mine: Reschedule refuses a date out of range inline and changes nothing, then moves the due date and redraws the list', async () => {
    await h.cx('UALICE', 'new Faster answers lead:service');
    await h.cx('UALICE', 'log I-1 Draft the FAQ due:2026-03-10');
    const list = await mine('UALICE');
    expect(overflows(list.blocks).map((o) => o.options?.map((x) => x.value))).toEqual([
      ['reschedule:A-1', 'reassign:A-1', 'drop:A-1'],
    ]);

    const viewId = await pick(
      'UALICE',
      { channelId: CHANNELS.marketing, messageTs: list.ts },
      'reschedule:A-1',
    );
    const view = h.emulator.view(viewId);
    expect(view?.callback_id).toBe(VIEW.reschedule);
    const due = ((view?.blocks ?? []) as Block[]).find((b) => b.block_id === FIELD.due);
    expect(due?.element).toMatchObject({ type: 'datepicker', initial_date: '2026-03-10' });

    const before = h.snapshot();
    const past = await h.emulator.viewSubmission({ userId: 'UALICE', viewId, values: { due: '2026-03-01' } });
    expect(past.viewClosed).toBe(false);
    expect(errorsOf(past)[FIELD.due]).toBe('Pick a date between 2026-03-02 and 2031-03-02.');
    const far = await h.emulator.viewSubmission({ userId: 'UALICE', viewId, values: { due: '2031-03-03' } });
    expect(far.viewClosed).toBe(false);
    expect(errorsOf(far)[FIELD.due]).toBe('Pick a date between 2026-03-02 and 2031-03-02.');
    const same = await h.emulator.viewSubmission({ userId: 'UALICE', viewId, values: { due: '2026-03-10' } });
    expect(errorsOf(same)[FIELD.due]).toMatch(/already its due date/);
    expect(h.snapshot()).toEqual(before);

    const good = await h.emulator.viewSubmission({
      userId: 'UALICE',
      viewId,
      values: { due: '2031-03-02', reason: 'Waiting for legal' },
    });
    expect(good.viewClosed).toBe(true);
    expect(actionRow(1).dueDate).toBe('2031-03-02');
    const show = await shown('UALICE', 'A-1');
    expect(show).toContain('2026-03-10');
    expect(show).toContain('Waiting for legal');

    // The ephemeral list is redrawn through its response_url: replaced, with the change on top.
    const redrawn = await eventually(() =>
      h.emulator.ephemerals.find((e) => e.user === 'UALICE' && e.ts > list.ts && e.via === 'response_url'),
    );
    expect(h.emulator.ephemerals.find((e) => e.ts === list.ts)?.replaced).toBe(true);
    expect(textOf(redrawn.blocks)).toContain('*A-1* is now due 2031-03-02');
    expect(textOf(redrawn.blocks)).toContain('reschedule:A-1');
    // Its text, read aloud instead of the blocks, leads with the change too.
    expect(redrawn.text?.split('\n')[0]).toContain('*A-1* is now due 2031-03-02');
  });

  it('a reminder DM: Reassign hands the action over, the new owner gets the assignment DM with the buttons, the reminder shows it in place; a retried submission takes effect once', async () => {
    await h.cx('UALICE', 'new Faster answers lead:service');
    await h.cx('UALICE', 'log I-1 Draft the FAQ due:2026-03-03');
    // Thursday 11:00 in New York (Alice's zone): the action is overdue, the reminder goes out.
    h.clock.set(new Date('2026-03-05T16:00:00Z'));
    await h.bot.scheduler.runNow('reminders', h.clock.now());
    await h.drain();
    const reminder = h.emulator.dms('UALICE').at(-1) as EmuMessage;
    expect(overflows(reminder.blocks)).toHaveLength(1);

    const viewId = await pick(
      'UALICE',
      { channelId: reminder.channel, messageTs: reminder.ts },
      'reassign:A-1',
    );
    expect(h.emulator.view(viewId)?.callback_id).toBe(VIEW.reassign);
    const before = h.snapshot();
    const toBot = await h.emulator.viewSubmission({
      userId: 'UALICE',
      viewId,
      values: { owner: h.emulator.botUserId },
    });
    expect(errorsOf(toBot)[FIELD.owner]).toMatch(/person/);
    const toSelf = await h.emulator.viewSubmission({ userId: 'UALICE', viewId, values: { owner: 'UALICE' } });
    expect(errorsOf(toSelf)[FIELD.owner]).toMatch(/already own/);
    expect(h.snapshot()).toEqual(before);

    const done = await h.emulator.viewSubmission({ userId: 'UALICE', viewId, values: { owner: 'UBOB' } });
    expect(done.viewClosed).toBe(true);
    expect(actionRow(1).ownerId).toBe('UBOB');
    await h.drain();
    const dm = await eventually(() => h.emulator.dms('UBOB').at(-1));
    expect(dm.text).toContain('A-1');
    expect(overflows(dm.blocks).map((o) => o.options?.length)).toEqual([3]);
    // The reminder's row for A-1 now says what happened.
    const updated = await eventually(() => {
      const m = h.emulator.message(reminder.channel, reminder.ts);
      return m?.edited ? m : undefined;
    });
    const row = (updated.blocks as Block[]).find((b) => b.block_id === 'cx_rem_1');
    expect(row?.type).toBe('context');
    expect(textOf(row)).toContain('Handed to <@UBOB> by <@UALICE>');

    // Slack delivers the same submission again: nothing more happens.
    const history = count(h.bot.handle.sqlite, 'history');
    const bobDms = h.emulator.dms('UBOB').length;
    const sent = h.emulator.deliveries.filter((d) => d.kind === 'view_submission').at(-1)?.sent;
    const again = await h.emulator.deliverRaw({
      body: new URLSearchParams({ payload: JSON.stringify(sent) }).toString(),
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(again.status).toBe(200);
    await h.drain();
    expect(count(h.bot.handle.sqlite, 'history')).toBe(history);
    expect(h.emulator.dms('UBOB')).toHaveLength(bobDms);
  });

  it('the App Home: Drop needs a reason, is final, posts no win, and the Home is republished without the action', async () => {
    await h.cx('UALICE', 'new Faster answers lead:service');
    await h.cx('UALICE', 'log I-1 Draft the FAQ due:2026-03-10');
    await h.cx('UALICE', 'log I-1 Call five customers due:2026-03-12');
    const published = h.emulator.homeViews('UALICE').length;
    await h.emulator.openHome('UALICE');
    const home = await eventually(
      () => h.emulator.homeViews('UALICE').length > published && h.emulator.homeView('UALICE'),
    );
    expect(overflows(home.blocks)).toHaveLength(2);

    const viewId = await pick('UALICE', { viewId: home.id }, 'drop:A-1');
    expect(h.emulator.view(viewId)?.callback_id).toBe(VIEW.drop);
    const before = h.snapshot();
    const empty = await h.emulator.viewSubmission({ userId: 'UALICE', viewId, values: { reason: '   ' } });
    expect(empty.viewClosed).toBe(false);
    expect(errorsOf(empty)[FIELD.reason]).toMatch(/fill this in/);
    expect(h.snapshot()).toEqual(before);

    const homes = h.emulator.homeViews('UALICE').length;
    const channelPosts = Object.values(CHANNELS).map((c) => h.emulator.messages(c).length);
    const dropped = await h.emulator.viewSubmission({
      userId: 'UALICE',
      viewId,
      values: { reason: 'The vendor ships an FAQ' },
    });
    expect(dropped.viewClosed).toBe(true);
    expect(actionRow(1).status).toBe('dropped');
    const republished = await eventually(
      () => h.emulator.homeViews('UALICE').length > homes && h.emulator.homeView('UALICE'),
    );
    expect(textOf(republished.blocks)).toContain('*A-1* is dropped.');
    expect(textOf(republished.blocks)).not.toContain('drop:A-1');
    expect(textOf(republished.blocks)).toContain('drop:A-2');
    await h.drain();
    expect(Object.values(CHANNELS).map((c) => h.emulator.messages(c).length)).toEqual(channelPosts);
    expect(await shown('UALICE', 'A-1')).toContain('The vendor ships an FAQ');

    // The menu of an action that is no longer open says so, on top of the Home, and opens nothing.
    await h.cx('UALICE', 'done A-2');
    const opens = h.emulator.callsTo('views.open').length;
    const homesNow = h.emulator.homeViews('UALICE').length;
    const stale = await h.emulator.blockAction({
      userId: 'UALICE',
      actionId: ACTION.actionMenu,
      viewId: republished.id,
      selectedOption: 'reschedule:A-2',
    });
    expect(stale.status).toBe(200);
    const told = await eventually(
      () => h.emulator.homeViews('UALICE').length > homesNow && h.emulator.homeView('UALICE'),
    );
    expect(textOf(told.blocks)).toContain('*A-2* is done already');
    expect(h.emulator.callsTo('views.open')).toHaveLength(opens);
  });

  it('who may: the owner, the initiative’s owner and an admin get the modal; anyone else a refusal, no modal, nothing changed — and no menu of their own', async () => {
    await h.cx('UBOB', 'new Bob’s initiative lead:sales');
    await h.cx('UBOB', 'log I-1 Alice’s part <@UALICE> due:2026-03-10');
    const list = await mine('UALICE');
    const where = { channelId: CHANNELS.marketing, messageTs: list.ts };
    for (const userId of ['UALICE', 'UBOB', 'UADMIN']) {
      const viewId = await pick(userId, where, 'reschedule:A-1');
      expect(h.emulator.view(viewId)?.callback_id).toBe(VIEW.reschedule);
      await h.emulator.closeView({ userId, viewId });
    }

    const before = h.snapshot();
    const opens = h.emulator.callsTo('views.open').length;
    const ephemerals = h.emulator.ephemerals.length;
    for (const value of ['reschedule:A-1', 'reassign:A-1', 'drop:A-1']) {
      const forged = await h.emulator.blockAction({
        userId: 'UEVE',
        actionId: ACTION.actionMenu,
        selectedOption: value,
        ...where,
      });
      expect(forged.status).toBe(200);
    }
    const refusals = await eventually(() => {
      const r = h.emulator.ephemerals.slice(ephemerals).filter((e) => e.user === 'UEVE');
      return r.length === 3 && r;
    });
    for (const r of refusals) expect(r.text).toMatch(/Only <@UALICE> or <@UBOB> or an admin can change that/);
    expect(h.emulator.callsTo('views.open')).toHaveLength(opens);
    expect(h.snapshot()).toEqual(before);

    // `/cx show A-1` offers the buttons and the menu to those who may change it, and to nobody else.
    for (const userId of ['UALICE', 'UBOB', 'UADMIN']) {
      const reply = await h.cx(userId, 'show A-1');
      expect(overflows((reply.body as { blocks?: unknown }).blocks)).toHaveLength(1);
    }
    const eves = await h.cx('UEVE', 'show A-1');
    expect(textOf((eves.body as { blocks?: unknown }).blocks)).toContain('Alice’s part');
    expect(textOf((eves.body as { blocks?: unknown }).blocks)).not.toContain(ACTION.done);
    expect(overflows((eves.body as { blocks?: unknown }).blocks)).toHaveLength(0);

    // Eve owns nothing: her list and her Home offer no menu at all.
    expect(overflows((await mine('UEVE')).blocks)).toHaveLength(0);
    await h.emulator.openHome('UEVE');
    const home = await eventually(() => h.emulator.homeView('UEVE'));
    expect(overflows(home.blocks)).toHaveLength(0);
  });

  it('/cx show A-n: the initiative’s owner reschedules from the reply, which is redrawn with the change; a finished action shows no buttons', async () => {
    await h.cx('UBOB', 'new Bob’s initiative lead:sales');
    await h.cx('UBOB', 'log I-1 Alice’s part <@UALICE> due:2026-03-10');
    await h.cx('UBOB', 'show A-1');
    const reply = h.emulator.ephemerals.filter((e) => e.user === 'UBOB').at(-1) as EmuEphemeral;
    const viewId = await pick(
      'UBOB',
      { channelId: CHANNELS.marketing, messageTs: reply.ts },
      'reschedule:A-1',
    );
    const done = await h.emulator.viewSubmission({ userId: 'UBOB', viewId, values: { due: '2026-04-01' } });
    expect(done.viewClosed).toBe(true);
    const redrawn = await eventually(() =>
      h.emulator.ephemerals.find((e) => e.user === 'UBOB' && e.ts > reply.ts && e.via === 'response_url'),
    );
    expect(textOf(redrawn.blocks)).toContain('*A-1* is now due 2026-04-01');
    expect(textOf(redrawn.blocks)).toContain('2026-03-10');
    expect(overflows(redrawn.blocks)).toHaveLength(1);
    await h.cx('UALICE', 'done A-1');
    expect(overflows(((await h.cx('UBOB', 'show A-1')).body as { blocks?: unknown }).blocks)).toHaveLength(0);
  });

  it('Done and Snooze pressed in /cx mine redraw the list in place, the answer on top', async () => {
    await h.cx('UALICE', 'new Faster answers lead:service');
    await h.cx('UALICE', 'log I-1 Draft the FAQ due:2026-03-10');
    await h.cx('UALICE', 'log I-1 Call five customers due:2026-03-12');
    const list = await mine('UALICE');
    await h.emulator.blockAction({
      userId: 'UALICE',
      actionId: ACTION.snooze,
      channelId: CHANNELS.marketing,
      messageTs: list.ts,
      blockId: 'act_2',
    });
    const snoozed = await eventually(() =>
      h.emulator.ephemerals.find((e) => e.user === 'UALICE' && e.ts > list.ts && !e.replaced),
    );
    expect(h.emulator.ephemerals.find((e) => e.ts === list.ts)?.replaced).toBe(true);
    expect(textOf(snoozed.blocks)).toContain('Reminders for *A-2* are snoozed for 3 days.');
    expect(overflows(snoozed.blocks)).toHaveLength(2);
    await h.emulator.blockAction({
      userId: 'UALICE',
      actionId: ACTION.done,
      channelId: CHANNELS.marketing,
      messageTs: snoozed.ts,
      blockId: 'act_1',
    });
    const done = await eventually(() =>
      h.emulator.ephemerals.find((e) => e.user === 'UALICE' && e.ts > snoozed.ts && !e.replaced),
    );
    expect(actionRow(1).status).toBe('done');
    expect(textOf(done.blocks)).toContain('A-1');
    expect(overflows(done.blocks).map((o) => o.options?.[0]?.value)).toEqual(['reschedule:A-2']);
    // One list on screen, no separate answers next to it.
    expect(
      h.emulator.ephemerals.filter((e) => e.user === 'UALICE' && e.ts >= list.ts && !e.replaced),
    ).toEqual([done]);
  });

  it('a modal submitted after the person lost the right to change the action is refused inline and changes nothing', async () => {
    await h.cx('UBOB', 'new Bob’s initiative lead:sales');
    await h.cx('UBOB', 'log I-1 Alice’s part <@UALICE> due:2026-03-10');
    const list = await mine('UALICE');
    const viewId = await pick(
      'UALICE',
      { channelId: CHANNELS.marketing, messageTs: list.ts },
      'reschedule:A-1',
    );
    // Meanwhile the initiative's owner hands the action to Eve.
    expect(h.replyText(await h.cx('UBOB', 'assign A-1 <@UEVE>'))).toContain('A-1');
    await h.drain();
    const before = h.snapshot();
    const late = await h.emulator.viewSubmission({ userId: 'UALICE', viewId, values: { due: '2026-03-20' } });
    expect(late.viewClosed).toBe(false);
    expect(errorsOf(late)[FIELD.due]).toMatch(/Only its owner, the initiative’s owner or an admin/);
    expect(h.snapshot()).toEqual(before);
    expect(actionRow(1)).toMatchObject({ ownerId: 'UEVE', dueDate: '2026-03-10' });
  });
});

describe('an overdue action says how late it is wherever it is shown for a decision', () => {
  it('the menu modal, the assignment DM and the /cx close list: "due 2026-03-03, 4 days late"', async () => {
    await h.cx('UALICE', 'new Faster answers lead:service');
    await h.cx('UALICE', 'log I-1 Draft the FAQ due:2026-03-03');
    // Saturday 7 March: four days past its due date.
    h.clock.set(new Date('2026-03-07T10:00:00Z'));

    const list = await mine('UALICE');
    const viewId = await pick(
      'UALICE',
      { channelId: CHANNELS.marketing, messageTs: list.ts },
      'reassign:A-1',
    );
    expect(textOf(h.emulator.view(viewId)?.blocks)).toContain('due 2026-03-03, 4 days late');

    await h.cx('UALICE', 'assign A-1 <@UEVE>');
    await h.drain();
    const dm = textOf(h.emulator.dms('UEVE').at(-1)?.blocks);
    expect(dm).toContain('handed you an action');
    expect(dm).toContain('Due 2026-03-03, 4 days late');

    const close = await h.cx('UALICE', 'close I-1 Done for now');
    expect(textOf((close.body as { blocks?: unknown }).blocks)).toContain('due 2026-03-03, 4 days late');
  });
});

describe('Add update from the /cx mine list', () => {
  /** Alice's A-1 in her `/cx mine` list, and the Add update modal its button opened. */
  async function addUpdateFromMine(): Promise<{ list: EmuEphemeral; viewId: string }> {
    await h.cx('UALICE', 'new Faster answers lead:service');
    await h.cx('UALICE', 'log I-1 Draft the FAQ due:2026-03-10');
    const list = await mine('UALICE');
    const before = h.emulator.callsTo('views.open').length;
    await h.emulator.blockAction({
      userId: 'UALICE',
      actionId: ACTION.update,
      value: 'A-1',
      channelId: CHANNELS.marketing,
      messageTs: list.ts,
    });
    return { list, viewId: await openedView(h.emulator, 'UALICE', before) };
  }

  it('records the note and redraws the list with it on top, as the menu does', async () => {
    const { list, viewId } = await addUpdateFromMine();
    const submitted = await h.emulator.viewSubmission({
      userId: 'UALICE',
      viewId,
      values: { [FIELD.note]: 'Two answers drafted' },
    });
    expect(submitted.viewClosed).toBe(true);
    expect(
      h.bot.handle.sqlite.prepare(`select note from history where entity = 'A' and kind = 'update'`).all(),
    ).toEqual([{ note: 'Two answers drafted' }]);

    const redrawn = await eventually(() =>
      h.emulator.ephemerals.find((e) => e.user === 'UALICE' && e.ts > list.ts && e.via === 'response_url'),
    );
    expect(h.emulator.ephemerals.find((e) => e.ts === list.ts)?.replaced).toBe(true);
    expect(textOf(redrawn.blocks)).toContain('Progress on *A-1* recorded');
    expect(textOf(redrawn.blocks)).toContain('reschedule:A-1');
  });

  it('a modal opened before an update of the bot (older metadata) still records the note and confirms it', async () => {
    const { viewId } = await addUpdateFromMine();
    const view = h.emulator.view(viewId);
    if (!view) throw new Error('no modal');
    view.private_metadata = JSON.stringify({ actionId: 1, channelId: CHANNELS.marketing });
    const shown = h.emulator.ephemerals.length;
    const submitted = await h.emulator.viewSubmission({
      userId: 'UALICE',
      viewId,
      values: { [FIELD.note]: 'Later' },
    });
    expect(submitted.viewClosed).toBe(true);
    const note = await eventually(() =>
      h.emulator.ephemerals.slice(shown).find((e) => e.user === 'UALICE' && e.text.includes('A-1')),
    );
    expect(note.text).toContain('recorded');
    expect(
      h.bot.handle.sqlite.prepare(`select note from history where entity = 'A' and kind = 'update'`).all(),
    ).toEqual([{ note: 'Later' }]);
  });
});
