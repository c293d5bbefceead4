/**
 * Issue 12, the monthly round's results: distinct ranks, the Adopt button gone in every channel once a pain
 * point is adopted (chat.update through the outbox), one line for a round nobody voted in, and closing and
 * history times in the reader's zone. Everything through signed HTTP and the Slack emulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { roundCloseJob } from '../../src/jobs/round-close.js';
import { roundOpenJob } from '../../src/jobs/round-open.js';
import type { EmuMessage } from '../../src/sandbox/emulator/index.js';
import { ACTION } from '../../src/slack/ids.js';
import {
  CHANNELS,
  eventually,
  type Harness,
  type HarnessOptions,
  openedView,
  startHarness,
} from '../support/harness.js';

// Monday 2 March 2026, 10:00 UTC: the first Monday of the month. Seeded users: UADMIN, UALICE, UBOB.
const MONDAY = new Date('2026-03-02T10:00:00Z');
const DEPTS = [CHANNELS.marketing, CHANNELS.sales, CHANNELS.service, CHANNELS.it];
const EVERY = [...DEPTS, CHANNELS.hub];

let h: Harness;
async function start(options: HarnessOptions = {}) {
  h = await startHarness({
    now: MONDAY,
    admins: ['UADMIN'],
    jobs: [roundOpenJob, roundCloseJob],
    ...options,
  });
}
afterEach(async () => {
  await h.stop();
});

const keyOf = (m: EmuMessage) => String(m.metadata?.event_payload?.key ?? '');
const posted = (channel: string, prefix: string) =>
  h.emulator.messages(channel).filter((m) => keyOf(m).startsWith(prefix));
const only = (channel: string, prefix: string) => {
  const found = posted(channel, prefix);
  expect(found, `${prefix} in ${channel}`).toHaveLength(1);
  return found[0] as EmuMessage;
};
const shown = (m: EmuMessage | undefined) => `${m?.text ?? ''}\n${JSON.stringify(m?.blocks ?? [])}`;
const buttonsOf = (m: EmuMessage) =>
  (m.blocks ?? [])
    .map((b) => (b as { accessory?: { action_id?: string; value?: string } }).accessory)
    .filter((a) => a?.action_id === ACTION.adoptPainPoint)
    .map((a) => a?.value);

async function settle() {
  await h.drain();
  await h.emulator.settle();
}

async function pain(user: string, text: string, channel: string = CHANNELS.sales) {
  return h.replyText(await h.cx(user, `pain ${text}`, channel));
}

async function react(user: string, channel: string, reaction: string) {
  await h.emulator.react(user, channel, only(channel, 'poll:').ts, reaction);
}

/** Four pain points on the March poll; P-2 2 votes, P-3 and P-4 1 each (a tie), P-1 none. Then closed. */
async function closedWithATie() {
  for (const [text, channel] of [
    ['Invoices are hard to read', CHANNELS.sales],
    ['Password reset takes days', CHANNELS.it],
    ['Chat is slow', CHANNELS.service],
    ['No dark mode', CHANNELS.marketing],
  ] as const) {
    await pain('UALICE', text, channel);
  }
  await h.cx('UADMIN', 'round open');
  await settle();
  // P-4's vote comes first, so arrival order would put it ahead of P-3: the tie must not follow arrival.
  await react('UBOB', CHANNELS.it, 'four');
  await react('UADMIN', CHANNELS.marketing, 'three');
  await react('UALICE', CHANNELS.sales, 'two');
  await react('UBOB', CHANNELS.it, 'two');
  await h.cx('UADMIN', 'round close');
  await settle();
}

/** Presses Adopt on `ref` in `channel` and submits the pre-filled modal; returns the submission's answer. */
async function adopt(user: string, ref: string, channel: string) {
  const opened = h.emulator.callsTo('views.open').length;
  await h.emulator.blockAction({
    userId: user,
    actionId: ACTION.adoptPainPoint,
    value: ref,
    channelId: channel,
    messageTs: only(channel, 'results:').ts,
  });
  const viewId = await openedView(h.emulator, user, opened);
  const res = await h.emulator.viewSubmission({ userId: user, viewId });
  expect(res.problems).toEqual([]);
  await settle();
  return res;
}

describe('results: distinct ranks', () => {
  it('a tie shows distinct ranks, the pain point raised first ahead, as the intro says', async () => {
    await start();
    await closedWithATie();
    for (const channel of EVERY) {
      const text = shown(only(channel, 'results:'));
      expect(text).toContain('*1.* *P-2* Password reset takes days · *2 votes*');
      expect(text).toContain('*2.* *P-3* Chat is slow · *1 vote*');
      expect(text).toContain('*3.* *P-4* No dark mode · *1 vote*');
      expect(text).toContain('*4.* *P-1* Invoices are hard to read · *0 votes*');
      expect(text).toMatch(/a tie goes to the pain point raised first/);
      // Each rank once, in order.
      const ranks = [...text.matchAll(/\*(\d+)\.\* \*P-/g)].map((m) => Number(m[1]));
      expect(ranks.slice(0, 4)).toEqual([1, 2, 3, 4]);
      expect(text).toContain('1. P-2 (2), 2. P-3 (1), 3. P-4 (1), 4. P-1 (0)');
    }
    // /cx round status says the same.
    expect(h.replyText(await h.cx('UBOB', 'round status'))).toContain('1. P-2 (2), 2. P-3 (1), 3. P-4 (1)');
  });
});

describe('results: adoption', () => {
  it('adopting in Sales removes that Adopt button in every channel (chat.update); a second press is refused', async () => {
    await start();
    await closedWithATie();
    const before = Object.fromEntries(EVERY.map((c) => [c, only(c, 'results:')]));
    for (const channel of EVERY)
      expect(buttonsOf(before[channel] as EmuMessage)).toEqual(['P-2', 'P-3', 'P-4']);

    await adopt('UBOB', 'P-2', CHANNELS.sales);
    for (const channel of EVERY) {
      // The same message, edited in place: no second post, its ts and thread kept.
      const after = only(channel, 'results:');
      expect(after.ts).toBe(before[channel]?.ts);
      expect(after.edited).toBeTruthy();
      expect(buttonsOf(after)).toEqual(['P-3', 'P-4']);
      expect(shown(after)).toContain(
        '*1.* *P-2* Password reset takes days · *2 votes* · _IT_ · :white_check_mark: adopted as *I-1*',
      );
      expect(only(channel, 'results-detail:').thread_ts).toBe(after.ts);
    }
    const updates = h.emulator.callsTo('chat.update').filter((c) => c.ok);
    expect(updates).toHaveLength(EVERY.length);

    // A second press (a client still showing the old message) is refused clearly; no modal, nothing changes.
    const opened = h.emulator.callsTo('views.open').length;
    const snapshot = h.snapshot();
    await h.emulator.blockAction({
      userId: 'UALICE',
      actionId: ACTION.adoptPainPoint,
      value: 'P-2',
      channelId: CHANNELS.it,
      messageTs: only(CHANNELS.it, 'results:').ts,
    });
    const refusal = await eventually(() =>
      h.emulator.ephemerals.find((e) => e.user === 'UALICE' && /already adopted/.test(e.text)),
    );
    expect(refusal.channel).toBe(CHANNELS.it);
    expect(refusal.text).toMatch(/P-2\* was already adopted as \*I-1\*/);
    expect(h.emulator.callsTo('views.open')).toHaveLength(opened);
    expect(h.snapshot()).toEqual(snapshot);

    // A second adoption, from IT: every channel's results now show both, with P-4's button alone left.
    await adopt('UALICE', 'P-3', CHANNELS.it);
    for (const channel of EVERY) {
      const after = only(channel, 'results:');
      expect(buttonsOf(after)).toEqual(['P-4']);
      expect(shown(after)).toContain('adopted as *I-1*');
      expect(shown(after)).toContain(
        '*2.* *P-3* Chat is slow · *1 vote* · _Service_ · :white_check_mark: adopted as *I-2*',
      );
    }
    expect(
      h.bot.handle.sqlite.prepare(`select count(*) from outbox where status != 'sent'`).pluck().get(),
    ).toBe(0);
  });

  it('the update waits in the outbox while Slack rate-limits it, then lands', async () => {
    // Two chat.update calls per (scaled, 1.2 s) minute: the five channels' updates meet 429s on the way.
    await start({
      rateLimits: true,
      rateLimitScale: 0.02,
      rateLimitOptions: { perMinute: { 'chat.update': 2 } },
    });
    await closedWithATie();
    await adopt('UBOB', 'P-2', CHANNELS.sales);
    await eventually(() => EVERY.every((c) => buttonsOf(only(c, 'results:')).join() === 'P-3,P-4'), 20_000);
    expect(h.emulator.callsTo('chat.update').filter((c) => !c.ok).length).toBeGreaterThan(0);
    expect(h.emulator.callsTo('chat.update').filter((c) => c.ok)).toHaveLength(EVERY.length);
  }, 30_000);
});

describe('a round nobody voted in', () => {
  it('posts one line per bound channel, and its pain points are on the next poll', async () => {
    await start();
    for (let i = 1; i <= 2; i++) await pain('UALICE', `March problem ${i} with thing${i}`);
    await h.cx('UADMIN', 'round open');
    await settle();
    const reply = h.replyText(await h.cx('UADMIN', 'round close'));
    expect(reply).toMatch(/nobody voted, so all 2 pain points carry over/);
    await settle();
    for (const channel of EVERY) {
      const results = only(channel, 'results:');
      expect(results.text).toBe(
        'No votes in the March 2026 pain-point vote: all 2 pain points carry over to the next one.',
      );
      expect(results.blocks).toHaveLength(1);
      expect(shown(results)).not.toMatch(/0 votes|cx_adopt_pain_point/);
      expect(posted(channel, 'results-detail:')).toEqual([]);
    }
    expect(h.replyText(await h.cx('UBOB', 'round status'))).toMatch(
      /No votes in the March 2026 pain-point vote/,
    );

    // April: nine new pain points join; the two from March are still on the ten-option poll.
    h.clock.set(new Date('2026-04-06T10:00:00Z'));
    for (let i = 3; i <= 11; i++) await pain('UBOB', `April problem ${i} with widget${i}`);
    await h.bot.scheduler.runNow('round-open', h.clock.now());
    await settle();
    const april = shown(only(CHANNELS.sales, 'poll:2026-04'));
    expect(april).toContain(':one: *P-1* March problem 1');
    expect(april).toContain(':two: *P-2* March problem 2');
    expect(
      h.bot.handle.sqlite.prepare(`select status from pain_points where id in (1, 2)`).pluck().all(),
    ).toEqual(['open', 'open']);
  });
});

describe('times are the reader’s', () => {
  it('the poll’s closing time, the open reply, the live standings and a pain point’s history are <!date^…> moments', async () => {
    await start({ timeZone: 'America/Los_Angeles' });
    await pain('UALICE', 'Invoices are hard to read');
    const opened = h.replyText(await h.cx('UADMIN', 'round open'));
    await settle();
    const closes = Math.floor(Date.parse('2026-03-07T10:00:00Z') / 1000);
    const moment = `<!date^${closes}^{date_short_pretty} {time}|Sat, 7 Mar 2026, 02:00 (America/Los_Angeles)>`;
    for (const channel of DEPTS) {
      const poll = only(channel, 'poll:');
      expect(JSON.stringify(poll.blocks)).toContain(`Voting closes *${moment}*`);
      expect(poll.text).toContain(moment);
    }
    expect(opened).toContain(`it closes ${moment}`);
    expect(h.replyText(await h.cx('UBOB', 'round status'))).toContain(`closes ${moment}`);
    const show = JSON.stringify((await h.cx('UBOB', 'show P-1')).body);
    const raised = Math.floor(MONDAY.getTime() / 1000);
    expect(show).toContain(`on <!date^${raised}^{date_short_pretty}|Mon, 2 Mar 2026>`);
    expect(show).toContain(
      `<!date^${raised}^{date_short_pretty} {time}|Mon, 2 Mar 2026, 02:00 (America/Los_Angeles)> · <@UALICE> · logged with \`/cx pain\``,
    );
  });
});
