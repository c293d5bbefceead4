import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_CHANNELS } from '../../src/sandbox/workspace.js';
import { type SandboxState, startTestSandbox, type TestSandbox } from '../support/sandbox.js';

// Monday 2 March 2026, 10:00 UTC.
let t: TestSandbox;
beforeEach(async () => {
  t = await startTestSandbox({ now: new Date('2026-03-02T10:00:00Z') });
});
afterEach(async () => {
  await t.stop();
});

const C = SANDBOX_CHANNELS;
const cx = (user: string, channel: string, text: string) =>
  t.call('/_sandbox/command', { user, channel, text: `/cx ${text}` });
/** Polls until `check` gives a value: for what follows an ack (views.open, a click's effects). */
async function until<T>(check: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

const eph = (s: SandboxState) => s.ephemerals.map((e) => e.text).join('\n');

describe('the page', () => {
  it('is served with its scripts, under a policy that runs only its own code', async () => {
    const page = await fetch(t.sandbox.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<script type="module" src="/app.js">');
    for (const asset of ['app.js', 'blocks.js', 'mrkdwn.js', 'style.css']) {
      const res = await fetch(`${t.sandbox.url}${asset}`);
      expect(res.status, asset).toBe(200);
    }
    expect((await fetch(`${t.sandbox.url}nope.js`)).status).toBe(404);
  });

  it('shows one person the five bound channels, their DM with the bot and the people in their zones', async () => {
    const s = await t.state('ULIAM');
    expect(s.me).toBe('ULIAM');
    expect(s.channels.filter((c) => c.kind === 'channel').map((c) => c.name)).toEqual([
      'cx-marketing',
      'cx-sales',
      'cx-service',
      'cx-it',
      'cx-hub',
    ]);
    expect(s.channels.filter((c) => c.kind === 'dm')).toHaveLength(1);
    const people = s.users.filter((u) => !u.isBot);
    expect(people.filter((u) => u.isAdmin).map((u) => u.id)).toEqual(['UMAYA']);
    expect(new Set(people.map((u) => u.tz)).size).toBe(people.length);
    expect(s.clock).toEqual({ now: '2026-03-02T10:00:00.000Z', timeZone: 'UTC' });
    // Without ?user= the page opens as the first person (the admin).
    expect(((await t.call('/_sandbox/state')).json as unknown as SandboxState).me).toBe('UMAYA');
  });

  it('refuses unknown people and channels', async () => {
    expect((await t.call('/_sandbox/state?user=UNOBODY')).status).toBe(400);
    expect(
      (await t.call('/_sandbox/command', { user: 'UMAYA', channel: 'CNOPE', text: '/cx help' })).status,
    ).toBe(400);
  });
});

describe('acting as a person', () => {
  it('sends a typed /cx as a real slash command; the reply is shown only to its author', async () => {
    const res = await cx('ULIAM', C.sales, 'new Faster quotes');
    expect(res.json).toMatchObject({ ok: true, status: 200 });
    const sent = t.sandbox.emulator.deliveries.filter((d) => d.kind === 'command');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.sent).toMatchObject({ command: '/cx', text: 'new Faster quotes', user_id: 'ULIAM' });
    expect(eph(await t.state('ULIAM'))).toContain('I-1');
    expect(eph(await t.state('UPRIYA'))).not.toContain('I-1');
    // Other slash commands do not exist here; plain text is an ordinary message.
    expect(
      (await t.call('/_sandbox/command', { user: 'ULIAM', channel: C.sales, text: '/giphy cats' })).json,
    ).toMatchObject({
      ok: false,
    });
    await t.call('/_sandbox/command', { user: 'ULIAM', channel: C.sales, text: 'hello <b>team</b>' });
    const msgs = (await t.state('UPRIYA')).messages[C.sales] ?? [];
    expect(msgs.at(-1)).toMatchObject({ user: 'ULIAM', text: 'hello &lt;b&gt;team&lt;/b&gt;' });
  });

  it('opens the New initiative modal, shows inline errors, and creates the initiative on a valid submit', async () => {
    await cx('UMAYA', C.service, 'new');
    const { modal } = await until(async () => {
      const state = await t.state('UMAYA');
      return state.modal ? state : undefined;
    });
    if (!modal) throw new Error('no modal');
    expect(modal.callback_id).toBe('cx_new_initiative');
    expect((await t.state('ULIAM')).modal).toBeNull();
    const form = {
      'title/title': 'Answer within 4 hours',
      'lead/lead': 'service',
      'with/with': ['it'],
      'tier/tier': 'essential',
      'owner/owner': 'UMAYA',
    };
    const bad = await t.call('/_sandbox/submit', {
      user: 'UMAYA',
      viewId: modal.id,
      values: { ...form, 'start/start': '2019-01-01' },
    });
    expect(bad.json.viewClosed).toBe(false);
    expect(bad.json.errors).toHaveProperty('start');
    expect((await t.state('UMAYA')).modal?.id).toBe(modal.id);
    const good = await t.call('/_sandbox/submit', {
      user: 'UMAYA',
      viewId: modal.id,
      values: { ...form, 'start/start': '2026-03-02' },
    });
    expect(good.json).toMatchObject({ ok: true, viewClosed: true, errors: null });
    expect((await t.state('UMAYA')).modal).toBeNull();
    expect((await cx('UMAYA', C.hub, 'list')).json.ok).toBe(true);
    expect(eph(await t.state('UMAYA'))).toContain('Answer within 4 hours');
  });

  it('clicks a button in an ephemeral message (Done in /cx mine), and the win is posted in two channels', async () => {
    await cx('ULIAM', C.sales, 'new One customer view lead:sales with:it');
    await cx('ULIAM', C.sales, 'log I-1 Interview five account managers due:+3d');
    await cx('ULIAM', C.sales, 'mine');
    const mine = (await t.state('ULIAM')).ephemerals.at(-1);
    if (!mine?.blocks) throw new Error('no /cx mine reply with buttons');
    const button = JSON.stringify(mine.blocks).match(/"action_id":"(cx_action_done)"/);
    expect(button).not.toBeNull();
    const res = await t.call('/_sandbox/action', {
      user: 'ULIAM',
      channel: C.sales,
      messageTs: mine.ts,
      actionId: 'cx_action_done',
      value: JSON.stringify(mine.blocks).match(/"value":"([^"]+)"/)?.[1],
    });
    expect(res.json.ok).toBe(true);
    // The click is acknowledged first and handled after, as Slack requires; the win follows.
    const s = await until(async () => {
      const state = await t.state('UPRIYA');
      return [C.sales, C.it].every((c) => JSON.stringify(state.messages[c]).includes('A-1'))
        ? state
        : undefined;
    });
    expect(JSON.stringify(s.messages[C.sales])).toContain('Interview five account managers');
  });

  it('toggles a reaction: added, then removed, each delivered as an event', async () => {
    await t.call('/_sandbox/command', { user: 'ULIAM', channel: C.hub, text: 'Kick-off at 3' });
    const msg = (await t.state('UJUNE')).messages[C.hub]?.at(-1);
    if (!msg) throw new Error('no message');
    const added = await t.call('/_sandbox/react', {
      user: 'UJUNE',
      channel: C.hub,
      ts: msg.ts,
      name: 'tada',
    });
    expect(added.json).toMatchObject({ ok: true, reacted: true });
    expect((await t.state('UJUNE')).messages[C.hub]?.at(-1)?.reactions).toEqual([
      { name: 'tada', count: 1, mine: true },
    ]);
    expect((await t.state('ULIAM')).messages[C.hub]?.at(-1)?.reactions[0]?.mine).toBe(false);
    const removed = await t.call('/_sandbox/react', {
      user: 'UJUNE',
      channel: C.hub,
      ts: msg.ts,
      name: 'tada',
    });
    expect(removed.json).toMatchObject({ ok: true, reacted: false });
    expect((await t.state('UJUNE')).messages[C.hub]?.at(-1)?.reactions).toEqual([]);
    const kinds = t.sandbox.emulator.deliveries.map((d) => d.kind);
    expect(kinds).toContain('event:reaction_added');
    expect(kinds).toContain('event:reaction_removed');
    expect(
      (await t.call('/_sandbox/react', { user: 'UJUNE', channel: C.hub, ts: msg.ts, name: '<b>' })).status,
    ).toBe(400);
  });

  it('replies in a thread', async () => {
    await t.call('/_sandbox/command', { user: 'ULIAM', channel: C.hub, text: 'Who owns the FAQ?' });
    const parent = (await t.state('ULIAM')).messages[C.hub]?.at(-1);
    await t.call('/_sandbox/command', { user: 'UJUNE', channel: C.hub, text: 'I do', threadTs: parent?.ts });
    const msgs = (await t.state('ULIAM')).messages[C.hub] ?? [];
    expect(msgs.find((m) => m.ts === parent?.ts)?.replyCount).toBe(1);
    expect(msgs.at(-1)).toMatchObject({ text: 'I do', threadTs: parent?.ts });
  });

  it('opens the Home tab as app_home_opened', async () => {
    expect((await t.call('/_sandbox/home', { user: 'UPRIYA' })).json.ok).toBe(true);
    const sent = t.sandbox.emulator.deliveries.find((d) => d.kind === 'event:app_home_opened');
    expect(sent?.sent).toMatchObject({ event: { type: 'app_home_opened', user: 'UPRIYA', tab: 'home' } });
  });
});

describe('a message shortcut from the "⋯" menu', () => {
  it('offers the manifest’s message shortcuts and sends a signed message_action; the bot opens its modal', async () => {
    const s = await t.state('UPRIYA');
    expect(s.shortcuts).toEqual([
      expect.objectContaining({ callbackId: 'log_pain_point', name: 'Log as pain point' }),
    ]);
    await t.call('/_sandbox/command', {
      user: 'ULIAM',
      channel: C.sales,
      text: 'Customers say the renewal form loses their data',
    });
    const msg = (await t.state('UPRIYA')).messages[C.sales]?.at(-1);
    if (!msg) throw new Error('no message');
    const res = await t.call('/_sandbox/shortcut', {
      user: 'UPRIYA',
      channel: C.sales,
      ts: msg.ts,
      callbackId: 'log_pain_point',
    });
    expect(res.json).toMatchObject({ ok: true, status: 200 });
    const sent = t.sandbox.emulator.deliveries.find((d) => d.kind === 'message_action');
    expect(sent?.sent).toMatchObject({
      type: 'message_action',
      callback_id: 'log_pain_point',
      user: { id: 'UPRIYA' },
      channel: { id: C.sales },
      message_ts: msg.ts,
      message: { text: 'Customers say the renewal form loses their data' },
    });
    // The bot took it (signature checked) and opened its modal, pre-filled, for Priya only.
    const modal = await until(async () => (await t.state('UPRIYA')).modal ?? undefined);
    expect(modal.callback_id).toBe('cx_log_pain_point');
    expect(JSON.stringify(modal.blocks)).toContain('renewal form loses their data');
    expect((await t.state('ULIAM')).modal).toBeNull();
  });

  it('refuses a shortcut the app does not have, a missing message and a conversation one cannot see', async () => {
    await t.call('/_sandbox/command', { user: 'ULIAM', channel: C.sales, text: 'hello' });
    const msg = (await t.state('ULIAM')).messages[C.sales]?.at(-1);
    const shortcut = (body: Record<string, unknown>) =>
      t.call('/_sandbox/shortcut', { user: 'UPRIYA', channel: C.sales, ts: msg?.ts, ...body });
    expect((await shortcut({ callbackId: 'delete_everything' })).status).toBe(400);
    expect((await shortcut({ callbackId: 'log_pain_point', ts: '1.000001' })).status).toBe(400);
    const liamDm = (await t.state('ULIAM')).channels.find((c) => c.kind === 'dm')?.id;
    expect((await shortcut({ callbackId: 'log_pain_point', channel: liamDm })).status).toBe(400);
    expect(t.sandbox.emulator.deliveries.filter((d) => d.kind === 'message_action')).toEqual([]);
  });
});

describe('unread badges', () => {
  const unread = async (user: string, channel: string) =>
    (await t.state(user)).channels.find((c) => c.id === channel)?.unread;

  it('are each person’s own: what others posted since that person last read the conversation', async () => {
    await t.call('/_sandbox/command', { user: 'ULIAM', channel: C.sales, text: 'one' });
    await t.call('/_sandbox/command', { user: 'ULIAM', channel: C.sales, text: 'two' });
    expect(await unread('ULIAM', C.sales)).toBe(0);
    expect(await unread('UMAYA', C.sales)).toBe(2);
    expect(await unread('UJUNE', C.sales)).toBe(2);
    const last = (await t.state('UMAYA')).messages[C.sales]?.at(-1)?.ts;
    expect((await t.call('/_sandbox/read', { user: 'UMAYA', channel: C.sales, ts: last })).json.ok).toBe(
      true,
    );
    expect(await unread('UMAYA', C.sales)).toBe(0);
    // June has not looked: her badge stays, whoever looked before her.
    expect(await unread('UJUNE', C.sales)).toBe(2);
    await t.call('/_sandbox/command', { user: 'UJUNE', channel: C.sales, text: 'three' });
    expect(await unread('UMAYA', C.sales)).toBe(1);
    expect(await unread('ULIAM', C.sales)).toBe(1);
    // A thread reply is in the thread, not the channel's count.
    await t.call('/_sandbox/command', { user: 'ULIAM', channel: C.sales, text: 'r', threadTs: last });
    expect(await unread('UMAYA', C.sales)).toBe(1);
  });

  it('count the bot’s DMs for the person they are for, and only until that person reads them', async () => {
    await cx('UPRIYA', C.service, 'new Answer within 4 hours lead:service');
    // The page turns a typed @tomas into this mention before sending.
    await cx('UPRIYA', C.service, 'log I-1 Route chat and email into one queue due:+2d <@UTOMAS>');
    await t.call('/_sandbox/clock', { travel: 'week' });
    const tomas = await t.state('UTOMAS');
    const dm = tomas.channels.find((c) => c.kind === 'dm');
    const dms = tomas.messages[dm?.id ?? ''] ?? [];
    // Told of the assignment, then reminded of the overdue action: two unread DMs.
    expect(dms.length).toBeGreaterThanOrEqual(2);
    expect(dm?.unread).toBe(dms.length);
    expect((await t.state('UPRIYA')).channels.find((c) => c.kind === 'dm')?.unread).toBe(0);
    await t.call('/_sandbox/read', { user: 'UTOMAS', channel: dm?.id, ts: dms.at(-1)?.ts });
    expect((await t.state('UTOMAS')).channels.find((c) => c.kind === 'dm')?.unread).toBe(0);
  });

  it('refuse a read mark in a conversation the person cannot see or with a bad ts', async () => {
    const liamDm = (await t.state('ULIAM')).channels.find((c) => c.kind === 'dm')?.id;
    const read = (body: Record<string, unknown>) =>
      t.call('/_sandbox/read', { user: 'UPRIYA', channel: C.sales, ts: '1.000001', ...body });
    expect((await read({ channel: liamDm })).status).toBe(400);
    expect((await read({ ts: 'soon' })).status).toBe(400);
    expect((await read({})).status).toBe(200);
  });
});

describe('the clock', () => {
  it('moves forward by the buttons and never back', async () => {
    const day = await t.call('/_sandbox/clock', { travel: 'day' });
    expect(day.json).toMatchObject({
      ok: true,
      from: '2026-03-02T10:00:00.000Z',
      now: '2026-03-03T10:00:00.000Z',
    });
    expect(t.bot.ctx.clock.now().toISOString()).toBe('2026-03-03T10:00:00.000Z');
    expect((await t.call('/_sandbox/clock', { travel: 'friday' })).json.now).toBe('2026-03-06T14:00:00.000Z');
    expect((await t.call('/_sandbox/clock', { travel: 'week' })).json.now).toBe('2026-03-13T14:00:00.000Z');
    expect((await t.call('/_sandbox/clock', { to: '2026-01-01T00:00:00Z' })).status).toBe(400);
    expect((await t.call('/_sandbox/clock', { travel: 'century' })).status).toBe(400);
    expect((await t.call('/_sandbox/clock')).json).toMatchObject({ now: '2026-03-13T14:00:00.000Z' });
  });

  it('jumps to a wall-clock time in a given person’s zone ("Jump to" on the page)', async () => {
    const la = await t.call('/_sandbox/clock', { local: '2026-03-03T10:00', zone: 'America/Los_Angeles' });
    expect(la.json).toMatchObject({ ok: true, now: '2026-03-03T18:00:00.000Z' });
    const kolkata = await t.call('/_sandbox/clock', { local: '2026-03-04T10:00', zone: 'Asia/Kolkata' });
    expect(kolkata.json.now).toBe('2026-03-04T04:30:00.000Z');
    for (const bad of [
      { local: '2026-03-05 10:00', zone: 'UTC' },
      { local: '2026-13-05T10:00', zone: 'UTC' },
      { local: '2026-03-05T10:00', zone: 'Mars/Olympus' },
      { local: '2026-03-05T10:00' },
      { local: '2026-03-01T10:00', zone: 'UTC' },
    ]) {
      expect((await t.call('/_sandbox/clock', bad)).status, JSON.stringify(bad)).toBe(400);
    }
    expect((await t.call('/_sandbox/clock')).json.now).toBe('2026-03-04T04:30:00.000Z');
  });

  it('runs due jobs as the clock passes them: the Friday digest and a reminder DM after a week', async () => {
    await cx('UPRIYA', C.service, 'new Answer within 4 hours lead:service');
    await cx('UPRIYA', C.service, 'log I-1 Route chat and email into one queue due:+2d');
    await t.call('/_sandbox/clock', { travel: 'week' });
    const s = await t.state('UPRIYA');
    const service = JSON.stringify(s.messages[C.service]);
    expect(service).toContain('Weekly progress');
    const dm = s.channels.find((c) => c.kind === 'dm');
    expect(JSON.stringify(s.messages[dm?.id ?? ''])).toContain('A-1');
    // Messages carry the sandbox time they were posted at: the digest at Friday 14:00.
    const digest = s.messages[C.service]?.find((m) => JSON.stringify(m).includes('Weekly progress'));
    expect(new Date(Number(digest?.ts) * 1000).toISOString()).toBe('2026-03-06T14:00:00.000Z');
    // The same week again runs nothing twice.
    const before = t.sandbox.emulator.callsTo('chat.postMessage').length;
    await t.bot.scheduler.tick(t.clock.now());
    await t.bot.notifier.drain();
    expect(t.sandbox.emulator.callsTo('chat.postMessage').length).toBe(before);
  });
});

describe('the demo', () => {
  it('is typed by the sandbox people through the emulator, once', async () => {
    const demo = await t.call('/_sandbox/demo', {});
    expect(demo.json.ok).toBe(true);
    const commands = t.sandbox.emulator.deliveries.filter((d) => d.kind === 'command');
    expect(new Set(commands.map((d) => (d.sent as { user_id: string }).user_id)).size).toBeGreaterThanOrEqual(
      4,
    );
    await t.bot.notifier.drain();
    const s = await t.state('UMAYA');
    await cx('UMAYA', C.hub, 'list');
    const list = eph(await t.state('UMAYA'));
    for (const ref of ['I-1', 'I-2', 'I-3', 'I-4']) expect(list).toContain(ref);
    expect(JSON.stringify(s.messages[C.service])).toContain('A-1');
    // Plans change in the demo too: one reschedule and one drop through the action menu's modals, one
    // reassignment by command (issue 11).
    const kinds = (
      t.bot.handle.sqlite.prepare(`select kind from history where entity = 'A'`).all() as { kind: string }[]
    ).map((r) => r.kind);
    for (const kind of ['due', 'assigned', 'dropped']) expect(kinds).toContain(kind);
    expect(String(demo.json.summary)).toMatch(/reschedule A-\d+.*drop A-\d+/);
    // Requests between departments (issue 15): one taken through its button, one declined through the
    // modal (the third modal submission), one left unanswered until the asks job escalates it.
    expect(t.sandbox.emulator.deliveries.filter((d) => d.kind === 'view_submission')).toHaveLength(3);
    expect(String(demo.json.summary)).toMatch(/took R-1 .*declined R-2 .*escalated R-3/);
    const requests = t.bot.handle.sqlite
      .prepare('select id, status, answered_by, action_id, escalated_at from requests order by id')
      .all() as Record<string, unknown>[];
    expect(requests.map((r) => [r.status, r.answered_by])).toEqual([
      ['taken', 'UTOMAS'],
      ['declined', 'ULIAM'],
      ['open', null],
    ]);
    expect(requests[0]?.action_id).not.toBeNull();
    expect(requests[2]?.escalated_at).not.toBeNull();
    // Escalated at the first asks run in working hours once 5 working days had passed: Monday 10:00 UTC.
    expect(t.clock.now().toISOString()).toBe('2026-03-09T10:00:00.000Z');
    expect(JSON.stringify(s.messages[C.hub] ?? [])).toMatch(/R-3/);
    const again = await t.call('/_sandbox/demo', {});
    expect(again.json).toMatchObject({ ok: false });
    expect(String(again.json.summary)).toMatch(/already has initiatives/);
  });
});
