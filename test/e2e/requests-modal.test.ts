/**
 * Issue 15: `/cx ask` alone opens the Ask another department modal; `/cx show I-n` of an active initiative
 * carries an "Ask another department" button that opens it with the initiative selected. Through signed
 * HTTP and the Slack emulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EmuMessage } from '../../src/sandbox/emulator/index.js';
import { ACTION, FIELD } from '../../src/slack/ids.js';
import {
  CHANNELS,
  eventually,
  type Harness,
  openedView,
  openHomeTab,
  pressOnEphemeral,
  startHarness,
} from '../support/harness.js';

let h: Harness;
afterEach(async () => {
  await h.stop();
});

const keyOf = (m: EmuMessage) => String(m.metadata?.event_payload?.key ?? '');
const rows = (sql: string) => h.bot.handle.sqlite.prepare(sql).all() as Record<string, unknown>[];

async function start() {
  h = await startHarness({ now: new Date('2026-03-02T10:00:00Z'), jobs: [] });
  await h.cx('UALICE', 'new Faster refunds lead:marketing');
}

describe('the Ask another department modal', () => {
  it('opens on `/cx ask` alone; refuses a form missing its fields; creates R-n from a complete one', async () => {
    await start();
    const opened = h.emulator.callsTo('views.open').length;
    await h.cx('UBOB', 'ask', CHANNELS.sales);
    const viewId = await openedView(h.emulator, 'UBOB', opened);
    const before = h.snapshot();
    const empty = await h.emulator.viewSubmission({ userId: 'UBOB', viewId, values: {} });
    expect(empty.viewClosed).toBe(false);
    expect(JSON.stringify(empty.body)).toContain(FIELD.dept);
    const past = await h.emulator.viewSubmission({
      userId: 'UBOB',
      viewId,
      values: {
        [FIELD.dept]: 'it',
        [FIELD.initiative]: '1',
        [FIELD.title]: 'Export',
        [FIELD.due]: '2026-03-01',
      },
    });
    expect(past.viewClosed).toBe(false);
    expect(h.snapshot()).toEqual(before);
    const done = await h.emulator.viewSubmission({
      userId: 'UBOB',
      viewId,
      values: {
        [FIELD.dept]: 'it',
        [FIELD.initiative]: '1',
        [FIELD.title]: 'Export of last year’s refund tickets',
        [FIELD.due]: '2026-03-20',
      },
    });
    expect(done.viewClosed).toBe(true);
    await h.drain();
    // Opened in the sales channel: Sales asks.
    expect(rows('select asking_dept, asked_dept, what, by_date, asker_id from requests')).toEqual([
      {
        asking_dept: 'sales',
        asked_dept: 'it',
        what: 'Export of last year’s refund tickets',
        by_date: '2026-03-20',
        asker_id: 'UBOB',
      },
    ]);
    expect(h.emulator.messages(CHANNELS.it).filter((m) => keyOf(m) === 'request:R-1')).toHaveLength(1);
    const note = await eventually(() =>
      h.emulator.ephemerals.find((e) => e.user === 'UBOB' && e.text.includes('*R-1* asked of IT')),
    );
    expect(note.channel).toBe(CHANNELS.sales);
  });

  it('`/cx show I-n` offers the button on an active initiative, which opens the modal with it selected', async () => {
    await start();
    const show = await h.cx('UBOB', 'show I-1', CHANNELS.sales);
    expect(JSON.stringify(show.body)).toContain(ACTION.askDepartment);
    const viewId = await pressOnEphemeral(h.emulator, 'UBOB', CHANNELS.sales, ACTION.askDepartment, 'I-1');
    const view = JSON.stringify(h.emulator.view(viewId)?.blocks);
    expect(view).toContain('"initial_option":{"text":{"type":"plain_text","text":"I-1 Faster refunds"');
    await h.emulator.viewSubmission({
      userId: 'UBOB',
      viewId,
      values: { [FIELD.dept]: 'service', [FIELD.title]: 'Call back the angry ones' },
    });
    await h.drain();
    expect(rows('select initiative_id, asked_dept, by_date from requests')).toEqual([
      { initiative_id: 1, asked_dept: 'service', by_date: null },
    ]);
  });

  it('a closed initiative offers no button', async () => {
    await start();
    await h.cx('UALICE', 'close I-1 Done with it');
    const show = await h.cx('UALICE', 'show I-1');
    expect(JSON.stringify(show.body)).not.toContain(ACTION.askDepartment);
  });
});

describe('the App Home', () => {
  const openHome = async (userId: string) => JSON.stringify((await openHomeTab(h.emulator, userId)).blocks);

  it('shows the requests waiting on the viewer’s departments (those they own actions in) and their own open ones', async () => {
    await start();
    // UBOB owns an action in IT: IT is one of his departments.
    await h.cx('UALICE', 'log I-1 Check the refund API <@UBOB> dept:it');
    await h.cx('UALICE', 'ask it I-1 Export of last year’s refund tickets');
    await h.cx('UALICE', 'ask service I-1 Call back the angry ones');
    await h.drain();
    const bob = await openHome('UBOB');
    expect(bob).toContain('Requests waiting on your department* (IT)');
    expect(bob).toContain('*R-1* Marketing → IT · Export of last year’s refund tickets');
    expect(bob).not.toContain('*R-2*');
    expect(bob).toContain('those you own actions in or took requests for');
    const alice = await openHome('UALICE');
    expect(alice).toContain('Your open requests');
    expect(alice).toContain('*R-1*');
    expect(alice).toContain('*R-2*');
  });

  it('has an Ask another department button that opens the modal, the initiative picked in it', async () => {
    await start();
    expect(await openHome('UBOB')).toContain(ACTION.askDepartment);
    const home = h.emulator.homeView('UBOB');
    const opened = h.emulator.callsTo('views.open').length;
    await h.emulator.blockAction({ userId: 'UBOB', actionId: ACTION.askDepartment, viewId: home?.id });
    const viewId = await openedView(h.emulator, 'UBOB', opened);
    const done = await h.emulator.viewSubmission({
      userId: 'UBOB',
      viewId,
      values: { [FIELD.dept]: 'it', [FIELD.initiative]: '1', [FIELD.title]: 'Export the tickets' },
    });
    expect(done.viewClosed).toBe(true);
    await h.drain();
    // No channel to speak for: the initiative's lead department asks.
    expect(rows('select asking_dept, asked_dept from requests')).toEqual([
      { asking_dept: 'marketing', asked_dept: 'it' },
    ]);
  });
});
