import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count as countRows } from '../support/count.js';
import {
  CHANNELS,
  eventually,
  type Harness,
  openedView,
  startHarness,
  submitLogModal,
} from '../support/harness.js';
import { postsOf } from '../support/posts.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ now: new Date('2026-03-02T10:00:00Z') });
});
afterEach(async () => {
  await h.stop();
});

const count = (table: string) => countRows(h.bot.handle.sqlite, table);

/** The exact body of an earlier delivery, to send it again as Slack's retry would. */
function replayBody(index = -1): string {
  const delivery = h.emulator.deliveries.at(index);
  if (!delivery) throw new Error('no delivery to replay');
  const sent = delivery.sent as Record<string, string>;
  return delivery.kind === 'command'
    ? new URLSearchParams(sent).toString()
    : new URLSearchParams({ payload: JSON.stringify(sent) }).toString();
}

const form = 'application/x-www-form-urlencoded';

describe('request signatures', () => {
  it('a wrong signature gets 401 and changes nothing', async () => {
    await h.cx('UALICE', 'new Seed lead:it');
    const body = replayBody().replace('Seed', 'Forged');
    const before = h.snapshot();
    const result = await h.emulator.deliverRaw({ body, contentType: form, signature: 'v0=deadbeef' });
    expect(result.status).toBe(401);
    expect(h.snapshot()).toEqual(before);
  });

  it('a correctly signed request older than 5 minutes gets 401 and changes nothing', async () => {
    await h.cx('UALICE', 'new Seed lead:it');
    const body = replayBody().replace('Seed', 'Stale');
    const before = h.snapshot();
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const result = await h.emulator.deliverRaw({ body, contentType: form, timestamp: stale });
    expect(result.status).toBe(401);
    expect(h.snapshot()).toEqual(before);
  });

  it('GET /healthz answers ok while the database answers, 503 when it does not', async () => {
    const url = `http://127.0.0.1:${h.bot.port}/healthz`;
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true });
    h.bot.handle.sqlite.close();
    const down = await fetch(url);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ ok: false });
  });
});

describe('retries take effect once', () => {
  it('the same slash command delivered twice creates one initiative', async () => {
    await h.cx('UALICE', 'new Only once lead:it');
    const again = await h.emulator.deliverRaw({
      body: replayBody(),
      contentType: form,
      headers: { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' },
    });
    expect(again.status).toBe(200);
    expect(count('initiatives')).toBe(1);
  });

  it('the same Done click delivered twice completes once and posts one win per channel', async () => {
    await h.cx('UALICE', 'new Wins lead:service with:sales');
    await h.cx('UALICE', 'log I-1 Do it due:+2d');
    const mine = await h.cx('UALICE', 'mine');
    const ephemeral = h.emulator.state.ephemerals.at(-1);
    expect(ephemeral).toBeDefined();
    await h.emulator.blockAction({
      userId: 'UALICE',
      actionId: 'cx_action_done',
      value: 'A-1',
      channelId: CHANNELS.marketing,
      messageTs: ephemeral?.ts,
    });
    expect(mine.status).toBe(200);
    const replay = await h.emulator.deliverRaw({ body: replayBody(), contentType: form });
    expect(replay.status).toBe(200);
    await h.drain();
    expect(count(`history where kind = 'done'`)).toBe(1);
    expect(postsOf(h.emulator, CHANNELS.service, 'win:')).toHaveLength(1);
    expect(postsOf(h.emulator, CHANNELS.sales, 'win:')).toHaveLength(1);
  });
});

describe('modals', () => {
  it('/cx new opens the modal; invalid input comes back inline; a valid one creates the initiative', async () => {
    const result = await h.cx('UALICE', 'new', CHANNELS.sales);
    expect(result.status).toBe(200);
    const viewId = await openedView(h.emulator, 'UALICE');

    const bad = await h.emulator.viewSubmission({
      userId: 'UALICE',
      viewId,
      values: { title: '', start: '2019-01-01' },
    });
    expect(bad.body).toMatchObject({ response_action: 'errors' });
    const errors = (bad.body as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors).sort()).toEqual(['start', 'title']);
    expect(count('initiatives')).toBe(0);

    const good = await h.emulator.viewSubmission({
      userId: 'UALICE',
      viewId,
      values: { title: 'Modal made', lead: 'sales', with: ['it'], tier: 'essential', owner: 'UBOB' },
    });
    expect(good.viewClosed).toBe(true);
    const row = h.bot.handle.sqlite
      .prepare('select title, lead_dept, depts, tier, owner_id from initiatives')
      .get();
    expect(row).toEqual({
      title: 'Modal made',
      lead_dept: 'sales',
      depts: '["sales","it"]',
      tier: 'essential',
      owner_id: 'UBOB',
    });
    // Confirmation to the person, where they opened the modal.
    const confirmation = await eventually(() => h.emulator.callsTo('chat.postEphemeral').at(-1));
    expect(confirmation.args).toMatchObject({ channel: CHANNELS.sales, user: 'UALICE' });
    expect(String(confirmation.args.text)).toContain('I-1');
  });

  it('a 4th essential in the modal is an inline error on the tier field', async () => {
    for (const t of ['A', 'B', 'C']) await h.cx('UALICE', `new ${t} lead:it essential`);
    await h.cx('UALICE', 'new');
    const viewId = await openedView(h.emulator, 'UALICE');
    const before = h.snapshot();
    const res = await h.emulator.viewSubmission({
      userId: 'UALICE',
      viewId,
      values: { title: 'Fourth', lead: 'it', tier: 'essential' },
    });
    expect(res.body).toMatchObject({
      response_action: 'errors',
      errors: { tier: expect.stringContaining('I-1') },
    });
    expect(h.snapshot()).toEqual(before);
  });

  it('/cx log opens the modal with the active initiatives; submission logs the action, a retry does not', async () => {
    await h.cx('UALICE', 'new Home lead:it');
    const res = await submitLogModal(h, 'UALICE', {
      initiative: '1',
      title: 'Through the modal',
      owner: 'UBOB',
      due: '2026-03-10',
    });
    expect(res.viewClosed).toBe(true);
    const replay = await h.emulator.deliverRaw({ body: replayBody(), contentType: form });
    expect(replay.status).toBe(200);
    const rows = h.bot.handle.sqlite.prepare('select title, owner_id, due_date, dept from actions').all();
    expect(rows).toEqual([
      { title: 'Through the modal', owner_id: 'UBOB', due_date: '2026-03-10', dept: 'it' },
    ]);
  });

  it('a past due date in the log modal is an inline error', async () => {
    await h.cx('UALICE', 'new Home lead:it');
    const res = await submitLogModal(h, 'UALICE', {
      initiative: '1',
      title: 'Late',
      owner: 'UALICE',
      due: '2026-03-01',
    });
    expect(res.body).toMatchObject({ response_action: 'errors', errors: { due: expect.any(String) } });
    expect(count('actions')).toBe(0);
  });

  it('Add update button opens a modal whose note resets the stall clock', async () => {
    await h.cx('UALICE', 'new Home lead:it');
    await h.cx('UALICE', 'log I-1 Something due:+5d');
    await h.cx('UALICE', 'mine');
    h.clock.advance(3 * 86_400_000);
    await h.emulator.blockAction({
      userId: 'UALICE',
      actionId: 'cx_action_update',
      value: 'A-1',
      channelId: CHANNELS.marketing,
      messageTs: h.emulator.state.ephemerals.at(-1)?.ts,
    });
    const viewId = await openedView(h.emulator, 'UALICE');
    await h.emulator.viewSubmission({ userId: 'UALICE', viewId, values: { note: 'Halfway there' } });
    const row = h.bot.handle.sqlite.prepare('select last_activity_at from actions').get() as {
      last_activity_at: number;
    };
    expect(row.last_activity_at).toBe(h.clock.now().getTime());
    const note = h.bot.handle.sqlite.prepare(`select note from history where kind = 'update'`).get();
    expect(note).toEqual({ note: 'Halfway there' });
  });
});
