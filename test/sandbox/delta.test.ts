/**
 * The page catches up with what changed (GET /_sandbox/changes) instead of reloading the whole state: the
 * answer applied to the state the page held (page/delta.js, as the page runs it) must equal a fresh full
 * state — after commands, a post, an edit, a deletion, a reaction, a thread reply, an ephemeral replaced,
 * a modal opened and closed, and the clock moved. A page of another run or too far behind gets the full
 * state; so does one when people or channels change.
 */

import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_CHANNELS } from '../../src/sandbox/workspace.js';
import type { SandboxState } from '../support/sandbox.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
type State = SandboxState & { epoch: string; version: number };
type Delta = Record<string, unknown>;
const { applyDelta, changesQuery } = (await import(
  pathToFileURL(path.join(REPO, 'src/sandbox/page/delta.js')).href
)) as {
  applyDelta(state: State, delta: Delta): State | null;
  changesQuery(state: State | null, me: string): string | null;
};

let t: TestSandbox;
beforeEach(async () => {
  t = await startTestSandbox({ now: new Date('2026-03-02T10:00:00Z') });
});
afterEach(async () => {
  await t.stop();
});

const C = SANDBOX_CHANNELS;
const full = async (user: string) => (await t.call(`/_sandbox/state?user=${user}`)).json as unknown as State;
const changes = async (state: State, user = state.me) =>
  (await t.call(changesQuery(state, user) as string)).json as Delta;
/** The page's state after catching up: what it held, with the delta applied. */
async function caughtUp(state: State): Promise<State> {
  const next = applyDelta(structuredClone(state), await changes(state));
  if (!next) throw new Error('the delta did not apply');
  return next;
}
/** A Web API call as the bot makes it. */
async function api(method: string, args: Record<string, unknown>) {
  const emulator = t.sandbox.emulator;
  const res = await fetch(`${emulator.apiUrl}${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${emulator.opts.botToken}` },
    body: JSON.stringify(args),
  });
  return (await res.json()) as { ok: boolean; ts?: string };
}
const cx = (user: string, channel: string, text: string) =>
  t.call('/_sandbox/command', { user, channel, text: `/cx ${text}` });

describe('catching up with a delta', () => {
  it('brings an old state to the fresh full state after every kind of change', async () => {
    await cx('UMAYA', C.hub, 'new Faster answers');
    const old = await full('UMAYA');
    const oldLiam = await full('ULIAM');
    expect(old.version).toBeGreaterThan(0);

    await cx('UMAYA', C.hub, 'list');
    const posted = await api('chat.postMessage', { channel: C.hub, text: 'first' });
    const other = await api('chat.postMessage', { channel: C.hub, text: 'second' });
    await api('chat.update', { channel: C.hub, ts: posted.ts, text: 'first, edited' });
    await api('chat.delete', { channel: C.hub, ts: other.ts });
    await t.call('/_sandbox/react', { user: 'ULIAM', channel: C.hub, ts: posted.ts, name: 'tada' });
    await t.call('/_sandbox/command', {
      user: 'ULIAM',
      channel: C.hub,
      text: 'a reply',
      threadTs: posted.ts,
    });
    await t.call('/_sandbox/clock', { travel: 'day' });

    const now = await full('UMAYA');
    const delta = await changes(old);
    expect(delta.full).toBeUndefined();
    // Only what changed travels: far less than the full state.
    expect(JSON.stringify(delta).length).toBeLessThan(JSON.stringify(now).length);
    expect(await caughtUp(old)).toEqual(now);
    expect(await caughtUp(oldLiam)).toEqual(await full('ULIAM'));

    const msgs = now.messages[C.hub] ?? [];
    expect(msgs.find((m) => m.ts === posted.ts)).toMatchObject({
      text: 'first, edited',
      edited: true,
      replyCount: 1,
      reactions: [{ name: 'tada', count: 1, mine: false }],
    });
    expect(msgs.some((m) => m.ts === other.ts)).toBe(false);
  });

  it('reflects a deleted thread reply in its parent, and nothing for someone who cannot see it', async () => {
    const parent = await api('chat.postMessage', { channel: C.sales, text: 'parent' });
    const reply = await api('chat.postMessage', { channel: C.sales, text: 'reply', thread_ts: parent.ts });
    const before = await full('ULIAM');
    expect(before.messages[C.sales]?.find((m) => m.ts === parent.ts)?.replyCount).toBe(1);
    await api('chat.delete', { channel: C.sales, ts: reply.ts });
    const after = await caughtUp(before);
    expect(after.messages[C.sales]?.find((m) => m.ts === parent.ts)?.replyCount).toBe(0);
    expect(after).toEqual(await full('ULIAM'));
    // Liam's DM is his alone: a post there is no change for Maya.
    const maya = await full('UMAYA');
    await api('chat.postMessage', { channel: 'ULIAM', text: 'just for Liam' });
    expect((await changes(maya)).messages).toEqual([]);
    expect(await caughtUp(maya)).toEqual(await full('UMAYA'));
  });

  it('shows a modal when it opens and none once it is closed', async () => {
    const before = await full('UMAYA');
    await cx('UMAYA', C.service, 'new');
    let state = before;
    for (let i = 0; i < 100 && !state.modal; i++) {
      state = await caughtUp(state);
      if (!state.modal) await new Promise((r) => setTimeout(r, 20));
    }
    if (!state.modal) throw new Error('no modal');
    expect(state.modal.callback_id).toBe('cx_new_initiative');
    expect(state).toEqual(await full('UMAYA'));
    await t.call('/_sandbox/close', { user: 'UMAYA', viewId: state.modal.id });
    const closed = await caughtUp(state);
    expect(closed.modal).toBeNull();
    expect(closed).toEqual(await full('UMAYA'));
  });

  it('replaces an ephemeral the bot replaced through its response_url', async () => {
    await cx('UMAYA', C.hub, 'help');
    const before = await full('UMAYA');
    const eph = before.ephemerals.at(-1);
    expect(eph).toBeDefined();
    const url = t.sandbox.emulator.deliveries.filter((d) => d.kind === 'command').at(-1)?.sent as {
      response_url: string;
    };
    await fetch(url.response_url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ replace_original: true, text: 'replaced' }),
    });
    const after = await caughtUp(before);
    expect(after.ephemerals.map((e) => e.text)).toContain('replaced');
    expect(after.ephemerals.some((e) => e.ts === eph?.ts)).toBe(false);
    expect(after).toEqual(await full('UMAYA'));
  });
});

describe('the change stream the page listens to', () => {
  it('says the clock is moving while a travel runs the jobs on the way, then that it is there', async () => {
    const ctrl = new AbortController();
    const stream = await fetch(`${t.sandbox.url}_emulator/changes?quiet=1`, { signal: ctrl.signal });
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    const events = async () => {
      for (;;) {
        const { value } = await reader.read();
        text += new TextDecoder().decode(value);
        if (text.includes('"kind":"clock"}')) return;
      }
    };
    const read = events();
    await cx('UMAYA', C.hub, 'help');
    await t.call('/_sandbox/clock', { travel: 'week' });
    await read;
    ctrl.abort();
    const kinds = text
      .split('\n\n')
      .filter((e) => e.startsWith('data: '))
      .map((e) => JSON.parse(e.slice(6)) as { kind: string; moving?: boolean });
    // Quiet: no event per Web API call or delivery.
    expect(kinds.some((c) => c.kind === 'call' || c.kind === 'delivery')).toBe(false);
    const moving = kinds.findIndex((c) => c.kind === 'clock' && c.moving === true);
    const there = kinds.findIndex((c) => c.kind === 'clock' && c.moving === undefined);
    expect(moving).toBeGreaterThanOrEqual(0);
    expect(there).toBeGreaterThan(moving);
  });
});

describe('when a delta cannot catch up', () => {
  it('answers the full state to a page of another run, one ahead of the server, or a restarted one', async () => {
    const s = await full('UMAYA');
    for (const query of [
      `/_sandbox/changes?user=UMAYA&epoch=other&since=${s.version}`,
      `/_sandbox/changes?user=UMAYA&epoch=${s.epoch}&since=${s.version + 1000}`,
      `/_sandbox/changes?user=UMAYA&epoch=${s.epoch}&since=nope`,
    ]) {
      const answer = (await t.call(query)).json as { full?: State };
      expect(answer.full, query).toEqual(s);
      expect(applyDelta(structuredClone(s), answer)).toEqual(s);
    }
    // Switching who the page acts as asks for the full state too.
    expect(changesQuery(s, 'ULIAM')).toBeNull();
    expect(changesQuery(null, 'UMAYA')).toBeNull();
  });

  it('answers the full state when people or channels changed', async () => {
    const s = await full('UMAYA');
    t.sandbox.emulator.addChannel({ id: 'CNEW', name: 'cx-new', botIsMember: true });
    const answer = await changes(s);
    expect(answer.full).toBeDefined();
    expect((answer.full as State).channels.map((c) => c.id)).toContain('CNEW');
  });

  it('answers the full state to a page further behind than the journal remembers', async () => {
    const { JOURNAL_LIMIT } = await import('../../src/sandbox/journal.js');
    const s = await full('UMAYA');
    const state = t.sandbox.emulator.state;
    for (let i = 0; i <= JOURNAL_LIMIT; i++) {
      state.addMessage({ channel: C.it, ts: state.nextTs(), user: 'UTOMAS', text: `m${i}`, reactions: [] });
    }
    const answer = await changes(s);
    expect(answer.full).toBeDefined();
    // A page that kept up still gets a delta.
    const recent = await full('UMAYA');
    state.addMessage({ channel: C.it, ts: state.nextTs(), user: 'UTOMAS', text: 'one more', reactions: [] });
    expect((await changes(recent)).full).toBeUndefined();
    expect(await caughtUp(recent)).toEqual(await full('UMAYA'));
  });
});
