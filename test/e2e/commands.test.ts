import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BuiltMessage } from '../../src/slack/views/blocks.js';
import { count as countRows } from '../support/count.js';
import { CHANNELS, type Harness, startHarness } from '../support/harness.js';
import { textsOf } from '../support/hostile-text.js';
import { postsOf } from '../support/posts.js';

// Users seeded by the emulator: UADMIN (workspace owner), UALICE, UBOB.
let h: Harness;

beforeEach(async () => {
  h = await startHarness({ now: new Date('2026-03-02T10:00:00Z') });
});
afterEach(async () => {
  await h.stop();
});

const count = (table: string) => countRows(h.bot.handle.sqlite, table);

/** Runs a command that must be refused: the reply names the problem and usage, and nothing changes. */
async function refused(userId: string, text: string, expected: RegExp, channelId?: string) {
  const before = h.snapshot();
  const result = await h.cx(userId, text, channelId);
  expect(result.status).toBe(200);
  const body = result.body as { response_type?: string; text: string };
  expect(body.response_type).toBe('ephemeral');
  expect(body.text).toMatch(expected);
  expect(h.snapshot()).toEqual(before);
  return body.text;
}

describe('/cx help and errors', () => {
  it('help lists the usage of every subcommand', async () => {
    const text = h.replyText(await h.cx('UALICE', 'help'));
    for (const sub of ['new', 'log', 'done', 'update', 'block', 'snooze', 'mine', 'away', 'list', 'show']) {
      expect(text).toContain(`/cx ${sub}`);
    }
    // Angle brackets are escaped, or Slack would read `<dept|hub>` as a link.
    expect(text).toContain('/cx setup channel &lt;dept|hub&gt;');
  });

  it('help <subcommand> shows just that usage, without an error', async () => {
    const text = h.replyText(await h.cx('UALICE', 'help log'));
    expect(text).toContain('/cx log &lt;I-n&gt; &lt;title&gt;');
    expect(text).not.toContain('/cx done');
    expect(text).not.toMatch(/missing/i);
  });

  it('an unknown subcommand gets a usage hint and changes nothing', async () => {
    const text = await refused('UALICE', 'frobnicate now', /not a CX Bridge command/);
    expect(text).toContain('/cx help');
  });

  it('a missing argument shows the usage of that subcommand', async () => {
    const text = await refused('UALICE', 'done', /missing/i);
    expect(text).toContain('/cx done &lt;A-n&gt; [note]');
  });
});

describe('initiatives', () => {
  it('creates an initiative with options and lists it with a progress bar', async () => {
    const reply = h.replyText(
      await h.cx(
        'UALICE',
        'new Monthly feedback format lead:service with:Sales,it essential start:2026-02-01',
      ),
    );
    expect(reply).toContain('I-1');
    const row = h.bot.handle.sqlite.prepare('select * from initiatives where id = 1').get() as Record<
      string,
      unknown
    >;
    expect(row).toMatchObject({
      title: 'Monthly feedback format',
      tier: 'essential',
      lead_dept: 'service',
      owner_id: 'UALICE',
      start_date: '2026-02-01',
    });
    expect(JSON.parse(row.depts as string)).toEqual(['service', 'sales', 'it']);
    const list = h.replyText(await h.cx('UBOB', 'list'));
    expect(list).toContain('I-1');
    expect(list).toContain('Monthly feedback format');
  });

  it('takes the lead department from the bound channel the command runs in', async () => {
    await h.cx('UALICE', 'new Faster quotes', CHANNELS.sales);
    const row = h.bot.handle.sqlite.prepare('select lead_dept from initiatives').get() as {
      lead_dept: string;
    };
    expect(row.lead_dept).toBe('sales');
  });

  it('refuses an unknown department and a malformed start date', async () => {
    await refused('UALICE', 'new X lead:finance', /not a department/);
    await refused('UALICE', 'new X lead:it start:2026-02-30', /not a real calendar date/);
  });

  it('refuses a 4th essential initiative, naming the current three', async () => {
    for (const t of ['A', 'B', 'C']) await h.cx('UALICE', `new ${t} lead:it essential`);
    const text = await refused('UALICE', 'new D lead:it essential', /I-1, I-2, I-3/);
    expect(text).toContain('/cx new');
    await h.cx('UALICE', 'new D lead:it');
    await refused('UALICE', 'essential I-4', /I-1, I-2, I-3/);
    expect(h.replyText(await h.cx('UALICE', 'important i-2'))).toContain('I-2');
    expect(h.replyText(await h.cx('UALICE', 'essential I-4'))).toMatch(/I-4.*essential/);
  });

  it('lists essentials first', async () => {
    await h.cx('UALICE', 'new Later thing lead:it');
    await h.cx('UALICE', 'new Key thing lead:it essential');
    const text = h.replyText(await h.cx('UALICE', 'list'));
    expect(text.indexOf('I-2')).toBeLessThan(text.indexOf('I-1'));
  });

  it('only the owner or an admin changes the tier or a metric', async () => {
    await h.cx('UALICE', 'new Churn down lead:service');
    await refused('UBOB', 'essential I-1', /Only <@UALICE>/);
    await refused('UBOB', 'metric I-1 customer "NPS" 20 -> 35', /Only <@UALICE>/);
    // UADMIN is a workspace owner per users.info.
    expect(h.replyText(await h.cx('UADMIN', 'essential I-1'))).toMatch(/now essential/);
  });

  it('sets metrics; the direction follows from baseline and target', async () => {
    await h.cx('UALICE', 'new Churn down lead:service');
    const reply = h.replyText(await h.cx('UALICE', 'metric I-1 business "Churn rate" 8% -> 5%'));
    expect(reply).toMatch(/lower is better/);
    const row = h.bot.handle.sqlite
      .prepare('select business_metric_name, business_baseline, business_target from initiatives')
      .get();
    expect(row).toEqual({ business_metric_name: 'Churn rate', business_baseline: 8, business_target: 5 });
  });

  it('show I-n has actions, progress and history; unknown refs are refused', async () => {
    await h.cx('UALICE', 'new Churn down lead:service');
    // Before its first action: one divider between the metrics and the history, not two around nothing.
    const types = ((await h.cx('UBOB', 'show I-1')).body as BuiltMessage).blocks.map((b) => b.type);
    expect(types.join(' ')).not.toContain('divider divider');
    expect(types.filter((t) => t === 'divider')).toHaveLength(1);
    await h.cx('UALICE', 'log I-1 Call lost customers due:+7d');
    const text = JSON.stringify((await h.cx('UBOB', 'show i-1')).body);
    expect(text).toContain('A-1');
    expect(text).toContain('created');
    await refused('UBOB', 'show I-9', /There is no `I-9`/);
    await refused('UBOB', 'show A-9', /There is no `A-9`/);
  });

  it('show I-n: the open actions first, soonest due first; of the finished, the latest few in full and the rest by reference', async () => {
    await h.cx('UALICE', 'new Churn down lead:service');
    for (let n = 1; n <= 9; n++) await h.cx('UALICE', `log I-1 Step ${n}`);
    await h.cx('UALICE', 'log I-1 Later step due:2026-03-20');
    await h.cx('UALICE', 'log I-1 Sooner step due:2026-03-03');
    // Finished one by one, an hour apart: A-2 first … A-8 last; A-9 dropped.
    for (const id of [2, 3, 4, 5, 6, 7, 8]) {
      h.clock.advance(3_600_000);
      await h.cx('UALICE', `done A-${id}`);
    }
    await h.cx('UALICE', 'drop A-9 not needed');
    // Every text of the reply, checked to be valid blocks, in order: the fallback first, then the blocks'.
    const text = textsOf((await h.cx('UBOB', 'show I-1')).body as BuiltMessage)
      .slice(1)
      .join('\n');
    const at = (s: string) => {
      expect(text).toContain(s);
      return text.indexOf(s);
    };
    // Open: A-11 (due tomorrow), A-10 (due later), then the undated A-1.
    const open = at('*Open (3)*');
    expect(open).toBeLessThan(at('*A-11* Sooner step'));
    expect(at('*A-11* Sooner step')).toBeLessThan(at('*A-10* Later step'));
    expect(at('*A-10* Later step')).toBeLessThan(at('*A-1* Step 1'));
    // Finished: the latest five in full (the drop is the latest), the two before by reference.
    const finished = at('*Finished* (7 done, 1 dropped), latest first:');
    expect(at('*A-1* Step 1')).toBeLessThan(finished);
    const inFull = ['*A-9* Step 9', '*A-8* Step 8', '*A-7* Step 7', '*A-6* Step 6', '*A-5* Step 5'].map(at);
    expect(inFull).toEqual([...inFull].sort((a, b) => a - b));
    expect(finished).toBeLessThan(inFull[0] as number);
    expect(text).toContain('Earlier: A-2, A-3');
    expect(text).not.toContain('Step 2');
    expect(text).not.toContain('Step 4 ·');
  });

  it('show I-n and A-n: their text, which screen readers read instead of the blocks, has the facts (I-n: the open actions and the finished count)', async () => {
    await h.cx('UALICE', 'new Churn down lead:service');
    await h.cx('UALICE', 'log I-1 Call lost customers due:2026-03-03');
    await h.cx('UALICE', 'log I-1 Survey leavers');
    await h.cx('UALICE', 'log I-1 Old step');
    await h.cx('UALICE', 'done A-3');
    const { text } = (await h.cx('UBOB', 'show I-1')).body as BuiltMessage;
    expect(text.split('\n')).toEqual([
      'I-1 Churn down',
      expect.stringContaining('lead Service'),
      expect.stringContaining('Owner <@UALICE>'),
      '33% (1/3)',
      '*Open (2)*, soonest due first:',
      'A-1 Call lost customers',
      'A-2 Survey leavers',
      'Finished: 1 done, 0 dropped.',
    ]);
    await h.cx('UALICE', 'block A-2 waiting for the survey tool');
    const action = ((await h.cx('UBOB', 'show A-2')).body as BuiltMessage).text;
    expect(action).toContain('A-2');
    expect(action).toContain('Survey leavers');
    expect(action).toContain('<@UALICE>');
    expect(action).toContain('I-1 Churn down · Service');
    expect(action).toContain('waiting for the survey tool');
  });

  it('list: its text, read aloud instead of the blocks, says which initiatives are essential, how far each is and which lack a next step', async () => {
    await h.cx('UALICE', 'new Churn down lead:service essential');
    await h.cx('UALICE', 'new Faster invoices lead:it');
    await h.cx('UALICE', 'log I-1 Call lost customers due:+7d');
    await h.cx('UALICE', 'log I-1 Survey leavers');
    await h.cx('UALICE', 'done A-2');
    const { text } = (await h.cx('UBOB', 'list')).body as BuiltMessage;
    expect(text.split('\n')).toEqual([
      '2 active initiatives, essentials first:',
      'I-1 Churn down · essential · 50% (1/2)',
      'I-2 Faster invoices · 0% (0/0) · no concrete next step',
    ]);
    await h.cx('UBOB', 'lang de');
    const de = ((await h.cx('UBOB', 'list')).body as BuiltMessage).text;
    expect(de).toContain('I-1 Churn down · essenziell · 50% (1/2)');
    expect(de).toContain('I-2 Faster invoices · 0% (0/0) · kein konkreter nächster Schritt');
  });
});

describe('actions', () => {
  beforeEach(async () => {
    await h.cx('UALICE', 'new Monthly feedback format lead:service with:marketing');
  });

  it('logs an action with owner, due date and department', async () => {
    const reply = h.replyText(await h.cx('UALICE', 'log I-1 Draft the poll <@UBOB> due:+7d dept:it'));
    expect(reply).toContain('A-1');
    const row = h.bot.handle.sqlite.prepare('select * from actions where id = 1').get();
    expect(row).toMatchObject({ owner_id: 'UBOB', due_date: '2026-03-09', dept: 'it', status: 'open' });
  });

  it('defaults owner to the caller and department to the lead', async () => {
    await h.cx('UBOB', 'log I-1 Draft the poll');
    const row = h.bot.handle.sqlite.prepare('select owner_id, dept, due_date from actions').get();
    expect(row).toEqual({ owner_id: 'UBOB', dept: 'service', due_date: null });
  });

  it('refuses unknown initiative, past due date and unknown department', async () => {
    await refused('UALICE', 'log I-9 Something', /There is no `I-9`/);
    await refused('UALICE', 'log I-1 Something due:2020-01-01', /due date/);
    await refused('UALICE', 'log I-1 Something due:+0d', /due date/);
    await refused('UALICE', 'log I-1 Something dept:legal', /not a department/);
  });

  it('done posts one progress win in each involved department channel', async () => {
    await h.cx('UALICE', 'log I-1 Draft the poll <@UBOB> due:+7d');
    await h.cx('UALICE', 'log I-1 Book the room due:+3d');
    const reply = h.replyText(await h.cx('UBOB', 'done A-1 shipped it'));
    expect(reply).toMatch(/A-1/);
    await h.drain();
    for (const channel of [CHANNELS.service, CHANNELS.marketing]) {
      const wins = postsOf(h.emulator, channel, 'win:');
      expect(wins).toHaveLength(1);
      expect(wins[0]?.text).toContain('A-1');
      expect(JSON.stringify(wins[0]?.blocks)).toContain('50%');
      expect(JSON.stringify(wins[0]?.blocks)).toContain('<@UBOB>');
    }
    expect(postsOf(h.emulator, CHANNELS.sales, 'win:')).toHaveLength(0);
    await refused('UBOB', 'done A-1', /already done/);
  });

  it('only the action owner, the initiative owner or an admin may change an action', async () => {
    await h.cx('UALICE', 'log I-1 Draft the poll <@UBOB> due:+7d');
    await h.cx('UBOB', 'new Other lead:it');
    await h.cx('UBOB', 'log I-2 Bob only thing');
    // Alice owns I-1 so she may complete A-1 (owned by Bob); A-2 is Bob's action on Bob's initiative.
    expect(h.replyText(await h.cx('UALICE', 'update A-1 nudged Bob'))).toContain('A-1');
    await refused('UALICE', 'done A-2', /Only <@UBOB>/);
    await refused('UALICE', 'block A-2 waiting', /Only <@UBOB>/);
    expect(h.replyText(await h.cx('UADMIN', 'block A-2 waiting for IT'))).toMatch(/blocked/);
  });

  it('update, block, snooze change state and history', async () => {
    await h.cx('UALICE', 'log I-1 Draft the poll due:+7d');
    h.clock.advance(60_000);
    expect(h.replyText(await h.cx('UALICE', 'block A-1 waiting for legal'))).toContain('blocked');
    expect(h.bot.handle.sqlite.prepare('select status, blocked_reason from actions').get()).toEqual({
      status: 'blocked',
      blocked_reason: 'waiting for legal',
    });
    const updated = h.replyText(await h.cx('UALICE', 'update a-1 legal said yes'));
    expect(updated).toContain('A-1');
    // Issue 11: an update keeps the block and its reason, and the reply says how to lift it.
    expect(updated).toContain('/cx unblock A-1');
    expect(h.bot.handle.sqlite.prepare('select status, blocked_reason from actions').get()).toEqual({
      status: 'blocked',
      blocked_reason: 'waiting for legal',
    });
    expect(h.replyText(await h.cx('UALICE', 'snooze A-1 5d'))).toContain('5 day');
    const row = h.bot.handle.sqlite
      .prepare('select status, snoozed_until, last_activity_at from actions')
      .get() as {
      status: string;
      snoozed_until: number;
      last_activity_at: number;
    };
    expect(row.snoozed_until).toBe(h.clock.now().getTime() + 5 * 86_400_000);
    const kinds = (
      h.bot.handle.sqlite.prepare(`select kind from history where entity = 'A' order by id`).all() as {
        kind: string;
      }[]
    ).map((r) => r.kind);
    expect(kinds).toEqual(['created', 'blocked', 'update', 'snoozed']);
    await refused('UALICE', 'snooze A-1 0d', /1 to 90/);
    await refused('UALICE', 'block A-1', /why/i);
  });

  it('mine lists the caller’s open actions, soonest due first, with buttons', async () => {
    await h.cx('UALICE', 'log I-1 Later due:+20d');
    await h.cx('UALICE', 'log I-1 Sooner due:+2d');
    await h.cx('UALICE', 'log I-1 Undated');
    await h.cx('UALICE', 'log I-1 Bobs <@UBOB> due:+1d');
    const body = (await h.cx('UALICE', 'mine')).body as { text: string; blocks: unknown[] };
    const text = JSON.stringify(body.blocks);
    expect(text.indexOf('A-2')).toBeLessThan(text.indexOf('A-1'));
    expect(text.indexOf('A-1')).toBeLessThan(text.indexOf('A-3'));
    expect(text).not.toContain('A-4');
    expect(text).toContain('cx_action_done');
  });

  it('mine with more actions than fit: its text (read aloud, notifications) names the shown ones and counts the rest', async () => {
    for (let n = 1; n <= 30; n++) await h.cx('UALICE', `log I-1 Step ${n} due:+${n}d`);
    const body = (await h.cx('UALICE', 'mine')).body as { text: string; blocks: unknown[] };
    // Each with how soon it is due or how late (read aloud, the list's point), as its block says it.
    expect(body.text).toContain('*A-23* Step 23 · due 2026-03-25');
    expect(body.text).not.toContain('Step 24');
    expect(body.text).toContain('…and 7 more.');
    expect(JSON.stringify(body.blocks)).toContain('…and 7 more.');
  });

  it('away until / off', async () => {
    expect(h.replyText(await h.cx('UALICE', 'away until 2026-03-20'))).toContain('2026-03-20');
    expect(h.bot.handle.sqlite.prepare('select until from away_periods').get()).toEqual({
      until: '2026-03-20',
    });
    // Tomorrow is the earliest day allowed, and the answer says it is allowed (it said "after" that day).
    await refused('UALICE', 'away until 2026-03-01', /must lie on or after 2026-03-03\./);
    expect(h.replyText(await h.cx('UALICE', 'away until 2026-03-03'))).toContain('2026-03-03');
    await h.cx('UALICE', 'away off');
    expect(count('away_periods')).toBe(0);
  });
});

describe('setup', () => {
  it('admins bind the current channel; a public channel is joined', async () => {
    h.emulator.addChannel({ id: 'CNEWSALES', name: 'new-sales', botIsMember: false });
    const reply = h.replyText(await h.cx('UADMIN', 'setup channel sales', 'CNEWSALES'));
    expect(reply).toContain('Sales');
    expect(h.emulator.callsTo('conversations.join')).toHaveLength(1);
    const row = h.bot.handle.sqlite
      .prepare(`select channel_id from channel_bindings where key = 'sales'`)
      .get();
    expect(row).toEqual({ channel_id: 'CNEWSALES' });
    const show = h.replyText(await h.cx('UADMIN', 'setup show'));
    expect(show).toContain('<#CNEWSALES>');
    // Every job's schedule in words (the 6–12-month checks showed their cron expression, `0 9 * * *`).
    expect(show).toContain('`metric-checks` daily 09:00');
    expect(show).not.toMatch(/`[0-9*/ ,-]+`/);
  });

  it('a private channel is bound and the admin is told to invite the bot', async () => {
    h.emulator.addChannel({ id: 'GPRIV', name: 'secret', isPrivate: true, botIsMember: false });
    const reply = h.replyText(await h.cx('UADMIN', 'setup channel hub', 'GPRIV'));
    expect(reply).toMatch(/invite/);
    expect(h.emulator.callsTo('conversations.join')).toHaveLength(0);
  });

  it('non-admins are refused and nothing changes', async () => {
    await refused('UALICE', 'setup channel sales', /Only CX Bridge admins/, CHANNELS.sales);
    await refused('UALICE', 'setup show', /Only CX Bridge admins/);
  });

  it('an unknown binding key gets the usage', async () => {
    await refused('UADMIN', 'setup channel finance', /not a department/);
  });
});

describe('text safety', () => {
  it('a title with <!channel> and a mention never pings anyone in the win post', async () => {
    await h.cx('UALICE', 'new Fix <!channel> issue for <@UBOB> lead:service');
    await h.cx('UALICE', 'log I-1 Tell <!here> & everyone due:+1d');
    await h.cx('UALICE', 'done A-1');
    await h.drain();
    const [win] = postsOf(h.emulator, CHANNELS.service, 'win:');
    const all = `${win?.text} ${JSON.stringify(win?.blocks)}`;
    expect(all).not.toMatch(/<!channel>|<!here>|<@UBOB>/);
    expect(all).toContain('&lt;!here&gt;');
    const stored = h.bot.handle.sqlite.prepare('select title from actions').get();
    expect(stored).toEqual({ title: 'Tell <!here> & everyone' });
  });
});

describe('/cx check (more in metrics.test.ts)', () => {
  it('a value for a metric the initiative lacks is refused with the way to set it', async () => {
    await h.cx('UALICE', 'new X lead:it');
    await refused('UALICE', 'check I-1 customer=5', /no customer metric yet.*\/cx metric I-1 customer/s);
  });
});
