/**
 * Issue 15, requests across departments: `/cx ask` creates R-n and posts it in the asked department's
 * channel with I'll take it / Can't do it; taking makes the action and rewrites the post in place (one
 * taker, even for two presses at once); declining asks why; `/cx asks` and `/cx show R-n`. Everything
 * through signed HTTP and the Slack emulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EmuMessage } from '../../src/sandbox/emulator/index.js';
import { ACTION, FIELD } from '../../src/slack/ids.js';
import {
  CHANNELS,
  eventually,
  type Harness,
  type HarnessOptions,
  openedView,
  startHarness,
} from '../support/harness.js';

// Monday 2 March 2026, 10:00 UTC. Seeded users: UADMIN, UALICE, UBOB.
const MONDAY = new Date('2026-03-02T10:00:00Z');

let h: Harness;
async function start(options: HarnessOptions = {}) {
  h = await startHarness({ now: MONDAY, admins: ['UADMIN'], jobs: [], ...options });
}
afterEach(async () => {
  await h.stop();
});

const keyOf = (m: EmuMessage) => String(m.metadata?.event_payload?.key ?? '');
const shown = (m: EmuMessage | undefined) => `${m?.text ?? ''}\n${JSON.stringify(m?.blocks ?? [])}`;
const post = (channel: string, ref: string) => {
  const found = h.emulator.messages(channel).filter((m) => keyOf(m) === `request:${ref}`);
  expect(found, `the post of ${ref} in ${channel}`).toHaveLength(1);
  return found[0] as EmuMessage;
};
const buttonsOf = (m: EmuMessage) => JSON.stringify(m.blocks ?? []).match(/cx_request_(take|decline)/g) ?? [];
const rows = (sql: string) => h.bot.handle.sqlite.prepare(sql).all() as Record<string, unknown>[];

async function settle() {
  await h.drain();
  await h.emulator.settle();
}

/** I-1, essential, with a customer metric: what the post says "why it matters" with. */
async function initiative() {
  await h.cx('UALICE', 'new Faster refunds lead:marketing with:it essential');
  await h.cx('UALICE', 'metric I-1 customer "Refund NPS" 30 -> 45');
}

async function ask(text: string, user = 'UALICE', channel: string = CHANNELS.marketing) {
  const reply = h.replyText(await h.cx(user, `ask ${text}`, channel));
  await settle();
  return reply;
}

async function press(user: string, action: 'take' | 'decline', ref: string, channel: string = CHANNELS.it) {
  return h.emulator.blockAction({
    userId: user,
    actionId: action === 'take' ? ACTION.requestTake : ACTION.requestDecline,
    value: ref,
    channelId: channel,
    messageTs: post(channel, ref).ts,
  });
}

/** Answers to button presses (a command's ack is shown as a response_url post too: those are left out). */
const buttonAnswers = (user?: string) =>
  h.emulator.ephemerals.filter(
    (e) => e.via === 'response_url' && (!user || e.user === user) && /R-\d+\*? was|You took/.test(e.text),
  );

/** The newest answer `user` got to a button press. */
const lastAnswer = (user: string) => eventually(() => buttonAnswers(user).at(-1));

describe('/cx ask', () => {
  it('creates R-n and posts it in the asked department’s channel, with who, why, what, by when and both buttons', async () => {
    await start();
    await initiative();
    const reply = await ask('it I-1 Export of last year’s refund tickets by:2026-03-20');
    expect(reply).toContain('*R-1* asked of IT: Export of last year’s refund tickets');
    const m = post(CHANNELS.it, 'R-1');
    const text = shown(m);
    expect(text).toContain('*R-1* · Marketing asks IT');
    expect(text).toContain('<@UALICE> asks for *I-1* Faster refunds');
    expect(text).toContain(':star: essential · customer metric: Refund NPS');
    expect(text).toContain('Export of last year’s refund tickets');
    expect(text).toContain('Needed by *2026-03-20*');
    expect(buttonsOf(m)).toEqual(['cx_request_take', 'cx_request_decline']);
    // Nowhere else.
    expect(h.emulator.messages(CHANNELS.marketing).filter((x) => keyOf(x).startsWith('request'))).toEqual([]);
    expect(rows('select id, asking_dept, asked_dept, status, by_date from requests')).toEqual([
      { id: 1, asking_dept: 'marketing', asked_dept: 'it', status: 'open', by_date: '2026-03-20' },
    ]);
  });

  it('numbers requests R-1, R-2… and never reuses a number; `show r-2` works in any case', async () => {
    await start();
    await initiative();
    await ask('it I-1 First thing');
    await ask('service I-1 Second thing', 'UBOB', CHANNELS.sales);
    const shownReply = JSON.stringify((await h.cx('UBOB', 'show r-2')).body);
    expect(shownReply).toContain('*R-2* Second thing');
    // Asked from the sales channel: Sales is the asking department, not the initiative's lead.
    expect(shownReply).toContain('Sales asks Service');
    expect(shownReply).toContain('asked by <@UBOB>');
    h.bot.handle.sqlite.prepare('delete from request_events where request_id = 2').run();
    h.bot.handle.sqlite.prepare('delete from requests where id = 2').run();
    await ask('service I-1 Third thing');
    expect(rows('select id from requests')).toEqual([{ id: 1 }, { id: 3 }]);
  });

  it('refuses the hub, an unknown department, a missing text, a bad by: and an unknown initiative, changing nothing', async () => {
    await start();
    await initiative();
    const before = h.snapshot();
    expect(await ask('hub I-1 Anything')).toContain('The hub is no department, so it can’t take a request');
    expect(await ask('legal I-1 Anything')).toContain('is not a department');
    const noText = await ask('it I-1');
    expect(noText).toMatch(/Usage of `\/cx ask`/);
    // It says what is missing for a request (it spoke of a pain point, the message of `/cx pain`).
    expect(noText).toContain('What is needed is missing: say what you ask the department for');
    expect(noText).not.toContain('pain point');
    expect(await ask('it I-1 Something by:2020-01-01')).toMatch(/must lie between/);
    expect(await ask('it I-9 Something')).toContain('There is no `I-9`');
    expect(h.snapshot()).toEqual(before);
  });

  it('refuses a department with no channel, saying how to bind one, and changes nothing', async () => {
    await start({ bind: ['marketing', 'hub'] });
    await initiative();
    const before = h.snapshot();
    const reply = await ask('it I-1 Export the tickets');
    expect(reply).toContain('IT has no channel yet, so nobody there would see the request');
    expect(reply).toContain('/cx setup channel it');
    expect(h.snapshot()).toEqual(before);
  });

  it('allows asking the initiative’s own lead department', async () => {
    await start();
    await initiative();
    expect(await ask('marketing I-1 A landing page', 'UBOB', CHANNELS.it)).toContain(
      '*R-1* asked of Marketing',
    );
    expect(shown(post(CHANNELS.marketing, 'R-1'))).toContain('IT asks Marketing');
  });
});

describe('I’ll take it', () => {
  it('makes the presser’s action of the asked department, due in 7 days, rewrites the post in place and DMs the asker', async () => {
    await start();
    await initiative();
    await ask('it I-1 Export of last year’s refund tickets');
    const before = post(CHANNELS.it, 'R-1');
    await press('UBOB', 'take', 'R-1');
    expect((await lastAnswer('UBOB')).text).toContain(
      'You took *R-1*: it is your action *A-1*, due 2026-03-09',
    );
    await settle();
    expect(rows('select id, owner_id, dept, due_date, title, initiative_id from actions')).toEqual([
      {
        id: 1,
        owner_id: 'UBOB',
        dept: 'it',
        due_date: '2026-03-09',
        title: 'Export of last year’s refund tickets',
        initiative_id: 1,
      },
    ]);
    // The same message, edited: "Taken by … as A-1", no buttons left to press.
    const after = post(CHANNELS.it, 'R-1');
    expect(after.ts).toBe(before.ts);
    expect(shown(after)).toContain('Taken by <@UBOB> as *A-1*, due 2026-03-09');
    expect(buttonsOf(after)).toEqual([]);
    const dm = h.emulator.dms('UALICE').filter((m) => keyOf(m) === 'request-answered:R-1');
    expect(dm).toHaveLength(1);
    expect(shown(dm[0])).toContain('<@UBOB> (IT) took your request *R-1*');
    expect(shown(dm[0])).toContain('it is *A-1*, due 2026-03-09');
    const history = JSON.stringify((await h.cx('UALICE', 'show R-1')).body);
    expect(history).toMatch(/<!date\^\d+\^[^|]+\|[^>]+> · <@UALICE> · asked/);
    expect(history).toMatch(/<!date\^\d+\^[^|]+\|[^>]+> · <@UBOB> · took it: A-1/);
  });

  it('uses the by: date as the action’s due date', async () => {
    await start();
    await initiative();
    await ask('it I-1 Export the tickets by:+10d');
    await press('UBOB', 'take', 'R-1');
    await settle();
    expect(rows('select due_date from actions')).toEqual([{ due_date: '2026-03-12' }]);
  });

  it('tells a second presser who took it, and changes nothing', async () => {
    await start();
    await initiative();
    await ask('it I-1 Export the tickets');
    // The post is still on UADMIN's screen with its buttons: the edit has not reached Slack yet.
    h.emulator.failNext('chat.update', { status: 429, retryAfter: 1 });
    await press('UBOB', 'take', 'R-1');
    await lastAnswer('UBOB');
    const before = h.snapshot();
    await press('UADMIN', 'take', 'R-1');
    expect((await lastAnswer('UADMIN')).text).toContain('*R-1* was already taken by <@UBOB> as *A-1*');
    await settle();
    expect(h.snapshot()).toEqual(before);
  });

  it('two presses at the same instant give one taker, one action, one DM', async () => {
    await start();
    await initiative();
    await ask('it I-1 Export the tickets');
    await Promise.all([press('UBOB', 'take', 'R-1'), press('UADMIN', 'take', 'R-1')]);
    const answers = await eventually(() => {
      const got = buttonAnswers().map((e) => e.text);
      return got.length >= 2 ? got : undefined;
    });
    await settle();
    expect(rows('select owner_id from actions')).toHaveLength(1);
    const taker = rows('select answered_by from requests')[0]?.answered_by;
    expect(['UBOB', 'UADMIN']).toContain(taker);
    expect(answers.filter((t) => t.includes('You took *R-1*'))).toHaveLength(1);
    expect(answers.filter((t) => t.includes(`already taken by <@${String(taker)}>`))).toHaveLength(1);
    expect(h.emulator.dms('UALICE').filter((m) => keyOf(m) === 'request-answered:R-1')).toHaveLength(1);
  });
});

describe('Can’t do it', () => {
  it('asks for a reason, rewrites the post, tells the asker and closes the request as declined', async () => {
    await start();
    await initiative();
    await ask('it I-1 Export the tickets');
    const opened = h.emulator.callsTo('views.open').length;
    await press('UBOB', 'decline', 'R-1');
    const viewId = await openedView(h.emulator, 'UBOB', opened);
    const before = h.snapshot();
    const empty = await h.emulator.viewSubmission({
      userId: 'UBOB',
      viewId,
      values: { [FIELD.reason]: '   ' },
    });
    expect(empty.viewClosed).toBe(false);
    expect(h.snapshot()).toEqual(before);
    // Slow to reach Slack, so the buttons are still there for the press after it (below).
    h.emulator.failNext('chat.update', { status: 429, retryAfter: 1 });
    const done = await h.emulator.viewSubmission({
      userId: 'UBOB',
      viewId,
      values: { [FIELD.reason]: 'The ticket archive is gone since the migration' },
    });
    expect(done.problems).toEqual([]);
    // Declined is final: an I'll take it pressed on the not yet updated post is told so, nothing changes.
    await press('UADMIN', 'take', 'R-1');
    expect((await lastAnswer('UADMIN')).text).toContain('*R-1* was already declined by <@UBOB>');
    await settle();
    expect(rows('select status, answered_by, decline_reason, action_id from requests')).toEqual([
      {
        status: 'declined',
        answered_by: 'UBOB',
        decline_reason: 'The ticket archive is gone since the migration',
        action_id: null,
      },
    ]);
    expect(rows('select id from actions')).toEqual([]);
    const after = post(CHANNELS.it, 'R-1');
    expect(shown(after)).toContain('Declined by <@UBOB>: The ticket archive is gone since the migration');
    expect(buttonsOf(after)).toEqual([]);
    const dm = h.emulator.dms('UALICE').filter((m) => keyOf(m) === 'request-answered:R-1');
    expect(dm).toHaveLength(1);
    expect(shown(dm[0])).toContain('<@UBOB> (IT) can’t do your request *R-1*');
    expect(shown(dm[0])).toContain('The ticket archive is gone since the migration');
    // The notification (a phone shows only the text) says why, not only that.
    expect(dm[0]?.text).toBe('R-1 was declined: The ticket archive is gone since the migration');
  });
});

describe('/cx asks', () => {
  it('lists open requests asked of and by each department, oldest first; a department filter; none once answered', async () => {
    await start();
    await initiative();
    await ask('it I-1 Export the tickets');
    h.clock.set(new Date('2026-03-03T10:00:00Z'));
    await ask('service I-1 Call back the angry ones');
    const all = h.replyText(await h.cx('UBOB', 'asks'));
    expect(all).toContain('*2 open requests*, oldest first');
    expect(all.indexOf('*R-1*')).toBeLessThan(all.indexOf('*R-2*'));
    expect(all).toContain('*Asked of IT*');
    expect(all).toContain('*Asked by Marketing*');
    expect(all).toContain('*R-1* Marketing → IT · Export the tickets · for *I-1* · waiting 1 working day');
    const it = h.replyText(await h.cx('UBOB', 'asks it'));
    expect(it).toContain('*1 open request* of or by IT');
    expect(it).not.toContain('R-2');
    expect(h.replyText(await h.cx('UBOB', 'asks legal'))).toContain('is not a department');
    await press('UBOB', 'take', 'R-1');
    await lastAnswer('UBOB');
    expect(h.replyText(await h.cx('UBOB', 'asks it'))).toContain('No open requests asked of or by IT');
  });
});

describe('delivery', () => {
  it('a request to a channel the bot was removed from is kept and the admins are told what it is', async () => {
    await start();
    await initiative();
    h.emulator.leaveChannel(CHANNELS.it);
    await ask('it I-1 Export the tickets');
    const notice = await eventually(() =>
      h.emulator.dms('UADMIN').find((m) => /could not post/.test(m.text)),
    );
    expect(notice.text).toMatch(/could not post a request from another department to the it channel/);
    expect(rows(`select status from outbox where kind = 'request_posted'`)).toEqual([{ status: 'held' }]);
  });
});
