import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { digestJob } from '../../src/jobs/digest.js';
import { metricChecksJob } from '../../src/jobs/metric-checks.js';
import { remindersJob } from '../../src/jobs/reminders.js';
import type { EmuEphemeral } from '../../src/sandbox/emulator/index.js';
import { ACTION } from '../../src/slack/ids.js';
import { count as countRows } from '../support/count.js';
import { CHANNELS, eventually, type Harness, startHarness } from '../support/harness.js';
import { keyOf } from '../support/posts.js';

// Users seeded by the emulator: UADMIN (workspace owner = admin), UALICE, UBOB; UCAROL is added here.
// Everything is bound: marketing, sales, service, it and the hub each have their channel.
let h: Harness;

async function start(options: Parameters<typeof startHarness>[0] = {}) {
  h = await startHarness({ now: new Date('2026-03-02T10:00:00Z'), jobs: [], ...options });
  h.emulator.addUser({ id: 'UCAROL', name: 'carol', tz: 'UTC' });
}
afterEach(async () => {
  await h.stop();
});

const sql = <T>(query: string, ...params: unknown[]) =>
  h.bot.handle.sqlite.prepare(query).all(...params) as T[];
const count = (table: string, ...args: unknown[]) => countRows(h.bot.handle.sqlite, table, ...args);
const flat = (blocks: unknown) => JSON.stringify(blocks ?? []);

async function reply(user: string, text: string, channel?: string) {
  return h.replyText(await h.cx(user, text, channel));
}

/** Runs a command that must be refused: the reply says why, and nothing at all changes. */
async function refused(user: string, text: string, expected: RegExp) {
  await h.drain();
  const before = h.snapshot();
  const posts = h.emulator.callsTo('chat.postMessage').length;
  const answer = await reply(user, text);
  expect(answer).toMatch(expected);
  await h.drain();
  expect(h.snapshot()).toEqual(before);
  expect(h.emulator.callsTo('chat.postMessage')).toHaveLength(posts);
  return answer;
}

/** The newest ephemeral shown to `user` that carries the close-and-drop button. */
function closeButtonFor(user: string): EmuEphemeral | undefined {
  return h.emulator.ephemerals
    .filter((e) => e.user === user && flat(e.blocks).includes(ACTION.closeInitiativeDrop))
    .at(-1);
}

async function press(user: string, eph: EmuEphemeral) {
  const shown = h.emulator.ephemerals.length;
  await h.emulator.blockAction({
    userId: user,
    actionId: ACTION.closeInitiativeDrop,
    channelId: eph.channel,
    messageTs: eph.ts,
  });
  const answer = await eventually(() => h.emulator.ephemerals.slice(shown).find((e) => e.user === user));
  await h.drain();
  return answer;
}

const posts = (channel: string, pattern: RegExp) =>
  h.emulator.messages(channel).filter((m) => pattern.test(m.text));
const closedPosts = (channel: string) => posts(channel, /^I-\d+ .* is closed: /);
const wins = (channel: string) =>
  h.emulator.messages(channel).filter((m) => flat(m.blocks).includes('Progress win'));
const statusOf = (id: number) =>
  sql<{ status: string }>('select status from initiatives where id = ?', id)[0]?.status;
const actionStatuses = () =>
  sql<{ id: number; status: string }>('select id, status from actions order by id').map(
    (r) => `A-${r.id}:${r.status}`,
  );

describe('/cx close: who may', () => {
  beforeEach(() => start());

  it('the initiative owner and an admin may close; the action owner and anyone else are refused, nothing changed', async () => {
    await reply('UALICE', 'new Faster answers lead:service with:sales');
    await reply('UALICE', 'new Shorter forms lead:it');
    await reply('UALICE', 'log I-1 Call the ten biggest accounts <@UBOB> due:+7d');
    await reply('UBOB', 'done A-1 Called them all');

    // UBOB owns an action of I-1 but not the initiative; UCAROL has nothing to do with it.
    await refused('UBOB', 'close I-1 Done here', /Only <@UALICE> or an admin/);
    await refused('UCAROL', 'close I-1 Done here', /Only <@UALICE> or an admin/);
    await refused('UCAROL', 'close I-2 Done here', /Only <@UALICE> or an admin/);
    expect([statusOf(1), statusOf(2)]).toEqual(['active', 'active']);

    expect(await reply('UALICE', 'close I-1 Answers now within a day')).toMatch(/\*I-1\* is closed/);
    expect(await reply('UADMIN', 'close i-2 Merged into I-1')).toMatch(/\*I-2\* is closed/);
    expect([statusOf(1), statusOf(2)]).toEqual(['closed', 'closed']);
    expect(
      sql('select entity_id, actor_id, kind, note from history where entity = ? and kind = ?', 'I', 'closed'),
    ).toEqual([
      { entity_id: 1, actor_id: 'UALICE', kind: 'closed', note: 'Answers now within a day' },
      { entity_id: 2, actor_id: 'UADMIN', kind: 'closed', note: 'Merged into I-1' },
    ]);
  });

  it('bad input gets the usage and changes nothing', async () => {
    await reply('UALICE', 'new Faster answers lead:service');
    await refused('UALICE', 'close', /reference is missing.*\/cx close &lt;I-n&gt; &lt;outcome note&gt;/s);
    await refused('UALICE', 'close I-1', /note is missing.*\/cx close/s);
    await refused('UALICE', 'close A-1 Finished', /not a valid reference.*\/cx close/s);
    await refused('UALICE', 'close I-9 Finished', /I-9/);
    await refused('UALICE', `close I-1 ${'x'.repeat(1001)}`, /at most 1,000 characters/);
  });
});

describe('/cx close: closing', () => {
  beforeEach(() => start());

  it('without open actions: closes at once, one post per channel with outcome and final progress, no win; gone from /cx list', async () => {
    await reply('UALICE', 'new Faster answers lead:service with:sales,it');
    await reply('UALICE', 'log I-1 Write the reply templates');
    await reply('UALICE', 'done A-1');
    await h.drain();
    expect(wins(CHANNELS.service)).toHaveLength(1);
    expect(await reply('UBOB', 'list')).toContain('I-1');

    const answer = await reply('UALICE', 'close I-1 Replies within a day, <!channel> take note');
    expect(answer).toMatch(/\*I-1\* is closed: 1 action done, 0 dropped\. Posted in Service, Sales, IT\./);
    await h.drain();
    for (const channel of [CHANNELS.service, CHANNELS.sales, CHANNELS.it]) {
      const [post, ...more] = closedPosts(channel);
      expect(more).toEqual([]);
      const body = flat(post?.blocks);
      expect(body).toContain('Closed by <@UALICE>');
      expect(body).toContain('Replies within a day, &lt;!channel&gt; take note');
      expect(body).toContain('(1/1)');
      expect(body).toContain('1 action done · 0 dropped');
    }
    expect(closedPosts(CHANNELS.marketing)).toEqual([]);
    expect(wins(CHANNELS.service)).toHaveLength(1);
    expect(await reply('UBOB', 'list')).not.toContain('I-1');

    // Closing again changes nothing and posts nothing.
    await refused('UALICE', 'close I-1 Again', /already closed|is closed/);
  });

  it('with open actions: lists them and changes nothing until the button is pressed; the press closes and drops in one go; a second press changes nothing', async () => {
    await reply('UALICE', 'new Faster answers lead:service with:sales');
    await reply('UALICE', 'log I-1 Call the biggest accounts <@UBOB> due:+7d');
    await reply('UALICE', 'log I-1 Rewrite the FAQ');
    await reply('UALICE', 'log I-1 Train the team');
    await reply('UALICE', 'block A-2 Waiting for legal');
    await reply('UALICE', 'done A-3');
    await h.drain();
    const before = h.snapshot();
    const postsBefore = h.emulator.callsTo('chat.postMessage').length;

    const answer = await reply('UALICE', 'close I-1 Good enough for this year');
    expect(answer).toMatch(/still has 2 open actions/);
    const eph = closeButtonFor('UALICE');
    const body = flat(eph?.blocks);
    expect(body).toContain('A-1');
    expect(body).toContain('A-2');
    expect(body).not.toContain('*A-3*');
    expect(body).toContain('Close and drop 2 open actions');
    await h.drain();
    expect(h.snapshot()).toEqual(before);
    expect(h.emulator.callsTo('chat.postMessage')).toHaveLength(postsBefore);

    const pressed = await press('UALICE', eph as EmuEphemeral);
    expect(pressed.text).toMatch(/\*I-1\* is closed: 1 action done, 2 dropped/);
    // The answer takes the place of the list: the button is gone once it has done its work.
    expect(eph?.replaced).toBe(true);
    expect(statusOf(1)).toBe('closed');
    expect(actionStatuses()).toEqual(['A-1:dropped', 'A-2:dropped', 'A-3:done']);
    expect(
      sql(
        'select entity_id, actor_id, kind, note, old_value from history where entity = ? and kind = ?',
        'A',
        'dropped',
      ),
    ).toEqual([
      {
        entity_id: 1,
        actor_id: 'UALICE',
        kind: 'dropped',
        note: 'Good enough for this year',
        old_value: 'open',
      },
      {
        entity_id: 2,
        actor_id: 'UALICE',
        kind: 'dropped',
        note: 'Good enough for this year',
        old_value: 'blocked',
      },
    ]);
    for (const channel of [CHANNELS.service, CHANNELS.sales]) {
      expect(wins(channel)).toHaveLength(1); // A-3's, before; a drop posts none
      expect(closedPosts(channel)).toHaveLength(1);
      expect(flat(closedPosts(channel)[0]?.blocks)).toContain('1 action done · 2 dropped');
      // Its notification (the owners named below are mentioned) says the outcome, not only that it closed.
      expect(closedPosts(channel)[0]?.text).toBe('I-1 Faster answers is closed: Good enough for this year');
      // Whose work ended with it, by name: their action is gone from their list, and this says why.
      expect(flat(closedPosts(channel)[0]?.blocks)).toContain(
        'Dropped with it:\\n• *A-1* Call the biggest accounts · <@UBOB>\\n• *A-2* Rewrite the FAQ · <@UALICE>',
      );
    }
    expect(await reply('UBOB', 'mine')).not.toContain('A-1');

    // The second press (or a Slack retry of it) changes nothing and says it is closed already.
    const after = h.snapshot();
    const again = await press('UALICE', eph as EmuEphemeral);
    expect(again.text).toMatch(/\*I-1\* is already closed; nothing was changed/);
    expect(h.snapshot()).toEqual(after);
    for (const channel of [CHANNELS.service, CHANNELS.sales]) expect(closedPosts(channel)).toHaveLength(1);
  });

  it('when the open actions changed between the answer and the press, nothing closes and the current list is offered', async () => {
    await reply('UALICE', 'new Faster answers lead:service');
    await reply('UALICE', 'log I-1 Call the biggest accounts');
    await reply('UALICE', 'close I-1 Done');
    const first = closeButtonFor('UALICE') as EmuEphemeral;
    await reply('UBOB', 'log I-1 Something new came up');
    const before = h.snapshot();

    const answer = await press('UALICE', first);
    expect(answer.text).toMatch(/still has 2 open actions/);
    expect(flat(answer.blocks)).toContain('changed since you were asked');
    expect(flat(answer.blocks)).toContain('Close and drop 2 open actions');
    expect(h.snapshot()).toEqual(before);
    expect(statusOf(1)).toBe('active');

    const second = closeButtonFor('UALICE') as EmuEphemeral;
    expect((await press('UALICE', second)).text).toMatch(/is closed: 0 actions done, 2 dropped/);
    expect(actionStatuses()).toEqual(['A-1:dropped', 'A-2:dropped']);
  });

  it('a Slack retry of the press takes effect once', async () => {
    await reply('UALICE', 'new Faster answers lead:service with:sales');
    await reply('UALICE', 'log I-1 Call the biggest accounts <@UBOB>');
    await reply('UALICE', 'close I-1 Done');
    await press('UALICE', closeButtonFor('UALICE') as EmuEphemeral);
    const delivery = h.emulator.deliveries.filter((d) => d.kind === 'block_actions').at(-1);
    const after = h.snapshot();
    const posted = h.emulator.callsTo('chat.postMessage').length;
    const retry = await h.emulator.deliverRaw({
      body: new URLSearchParams({ payload: JSON.stringify(delivery?.sent) }).toString(),
      contentType: 'application/x-www-form-urlencoded',
      headers: { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    await h.drain();
    expect(h.snapshot()).toEqual(after);
    expect(h.emulator.callsTo('chat.postMessage')).toHaveLength(posted);
    expect(count(`history where kind = 'closed'`)).toBe(1);
  });

  it('only the owner or an admin can press the button', async () => {
    await reply('UALICE', 'new Faster answers lead:service');
    await reply('UALICE', 'log I-1 Call the biggest accounts <@UBOB>');
    await reply('UALICE', 'close I-1 Done');
    const eph = closeButtonFor('UALICE') as EmuEphemeral;
    const before = h.snapshot();
    const answer = await press('UBOB', eph);
    expect(answer.text).toMatch(/Only <@UALICE> or an admin/);
    expect(h.snapshot()).toEqual(before);
  });
});

describe('a closed initiative leaves reminders and checks', () => {
  beforeEach(() => start({ jobs: [remindersJob, metricChecksJob, digestJob] }));

  async function runAt(iso: string) {
    h.clock.set(new Date(iso));
    await h.bot.scheduler.tick(h.clock.now());
    await h.drain();
  }
  const checkDms = (user: string) => h.emulator.dms(user).filter((m) => /check/i.test(m.text));
  const reminders = (user: string) => h.emulator.dms(user).filter((m) => keyOf(m).startsWith('reminder:'));

  it('its actions get no reminder, it is asked for no check and judged no more; an active one still is', async () => {
    // Both started six months ago: their 6-month checks are due now. UCAROL works in UTC, UALICE in New York.
    await reply('UALICE', 'new Closed early start:2025-09-02 lead:service');
    await reply('UALICE', 'log I-1 Call the vendors <@UCAROL> due:+3d');
    await reply('UALICE', 'new Still running start:2025-09-02 lead:sales');
    await reply('UALICE', 'log I-2 Write the guide due:+3d');
    await reply('UALICE', 'new Asked then closed start:2025-09-03 lead:it');
    await reply('UALICE', 'close I-1 Vendor gone');
    await press('UALICE', closeButtonFor('UALICE') as EmuEphemeral);
    expect(statusOf(1)).toBe('closed');

    await runAt('2026-03-03T09:00:00Z');
    expect(sql('select initiative_id, status from metric_checks order by initiative_id')).toEqual([
      { initiative_id: 2, status: 'asked' },
      { initiative_id: 3, status: 'asked' },
    ]);
    expect(checkDms('UALICE')).toHaveLength(2);
    expect(await reply('UALICE', 'close I-3 Stopped')).toMatch(/is closed/);

    // Friday's digest: the active one is in it, the closed ones are not.
    await runAt('2026-03-06T14:00:00Z');
    const digests = [CHANNELS.service, CHANNELS.sales, CHANNELS.it, CHANNELS.hub].flatMap((c) =>
      h.emulator.messages(c).filter((m) => keyOf(m).startsWith('digest:')),
    );
    expect(flat(digests)).toContain('Still running');
    expect(flat(digests)).not.toContain('Closed early');
    expect(flat(digests)).not.toContain('Asked then closed');

    await runAt('2026-03-10T15:00:00Z'); // Tuesday: 15:00 in UTC, 11:00 in New York
    expect(reminders('UALICE').map((m) => m.text)).toEqual([expect.stringContaining('A-2')]);
    expect(reminders('UCAROL')).toEqual([]);
    expect(count(`reminders_sent where action_id = 1`)).toBe(0);

    // 14 days after asking: the active one's check is judged ("no data"), the closed one's is not.
    await runAt('2026-03-18T09:00:00Z');
    expect(sql('select initiative_id, status from metric_checks order by initiative_id')).toEqual([
      { initiative_id: 2, status: 'judged' },
      { initiative_id: 3, status: 'asked' },
    ]);
    expect(posts(CHANNELS.sales, /check of I-2/)).toHaveLength(1);
    expect(posts(CHANNELS.it, /check of I-3/)).toEqual([]);
  });
});
