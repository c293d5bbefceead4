import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS, type Harness, startHarness } from '../support/harness.js';
import { postsOf } from '../support/posts.js';

/**
 * The bot as a whole: wins that pile up for one channel while its lane waits (here: the bot was removed from it) are posted as
 * one message (src/slack/notifier/merge.ts, wired in src/runtime/runtime.ts).
 */
let h: Harness;

beforeEach(async () => {
  h = await startHarness({ now: new Date('2026-03-02T10:00:00Z'), jobs: [], admins: ['UADMIN'] });
});
afterEach(async () => {
  await h.stop();
});

const flat = (blocks: unknown) => JSON.stringify(blocks ?? []);

describe('wins closed out together', () => {
  it('four /cx done while the channel is broken: after re-binding, one post naming all four, every row sent', async () => {
    await h.cx('UALICE', 'new Faster answers lead:marketing');
    for (const step of ['Draft the format', 'Ask ten customers', 'Sort the answers', 'Share the summary']) {
      await h.cx('UALICE', `log I-1 ${step}`);
    }
    await h.drain();
    // The bot was removed from the channel: the wins wait (held) instead of failing one by one. No race with
    // a real-time Retry-After: they wait until the admin binds the channel again.
    h.emulator.leaveChannel(CHANNELS.marketing);
    for (const id of [1, 2, 3, 4]) await h.cx('UALICE', `done A-${id}`);
    await h.drain();
    expect(postsOf(h.emulator, CHANNELS.marketing, 'win:')).toHaveLength(0);
    const before = h.emulator.callsTo('chat.postMessage').filter((c) => c.status === 200).length;

    await h.cx('UADMIN', 'setup channel marketing', CHANNELS.marketing);
    await h.drain();

    const wins = postsOf(h.emulator, CHANNELS.marketing, 'win:');
    expect(wins).toHaveLength(1);
    const post = wins[0]!;
    expect(post.metadata?.event_payload.keys).toBe(
      [1, 2, 3, 4].map((id) => `win:A-${id}:marketing`).join(' '),
    );
    expect(post.text).toBe('4 progress wins: A-1, A-2, A-3, A-4.');
    const text = flat(post.blocks);
    for (const [id, step] of [
      [1, 'Draft the format'],
      [4, 'Share the summary'],
    ] as const) {
      expect(text).toContain(`<@UALICE> finished *A-${id}* ${step} for *I-1* Faster answers.`);
    }
    // The initiative's progress once, after its last win: all four of four done.
    expect(text).toContain('(4/4) I-1');
    expect(text).not.toContain('(1/4)');
    // One successful call for four wins.
    const posted = h.emulator.callsTo('chat.postMessage').filter((c) => c.status === 200);
    expect(posted.length - before).toBe(1);
    const rows = h.bot.handle.sqlite
      .prepare(`select status, sent_ts from outbox where kind = 'win' order by id`)
      .all() as { status: string; sent_ts: string }[];
    expect(rows).toEqual([1, 2, 3, 4].map(() => ({ status: 'sent', sent_ts: post.ts })));
  });

  it('seven /cx done in a row under Slack’s limits: every win reaches the channel once, none refused', async () => {
    await h.stop();
    // Slack's own limits: a post a second per channel after a short burst.
    h = await startHarness({ now: new Date('2026-03-02T10:00:00Z'), jobs: [], rateLimits: true });
    await h.cx('UALICE', 'new Faster answers lead:marketing');
    for (let i = 1; i <= 7; i++) await h.cx('UALICE', `log I-1 Step ${i}`);
    await h.drain();
    for (let id = 1; id <= 7; id++) await h.cx('UALICE', `done A-${id}`);
    await h.drain();

    const calls = h.emulator.callsTo('chat.postMessage');
    expect(calls.filter((c) => c.status === 429)).toEqual([]);
    const covered = postsOf(h.emulator, CHANNELS.marketing, 'win:').flatMap((m) => {
      const p = m.metadata?.event_payload ?? {};
      return typeof p.keys === 'string' ? p.keys.split(' ') : [String(p.key)];
    });
    expect(covered).toEqual([1, 2, 3, 4, 5, 6, 7].map((id) => `win:A-${id}:marketing`));
  });
});
