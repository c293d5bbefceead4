/**
 * Issue 11: changing an action after it was logged — `/cx due`, `assign`, `edit`, `unblock`, `drop` — over
 * signed HTTP against the emulator. Who may (the action's owner, the initiative's owner, an admin), a
 * refusal for anyone else that changes nothing, usage naming the offending word, and the history entries.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { digestJob } from '../../src/jobs/digest.js';
import { remindersJob } from '../../src/jobs/reminders.js';
import { createScheduler } from '../../src/jobs/scheduler.js';
import { count as countRows } from '../support/count.js';
import { CHANNELS, eventually, type Harness, quietLogger, startHarness } from '../support/harness.js';

// UADMIN is a workspace owner (an admin), UALICE owns the initiative, UBOB the actions, UCAROL nothing.
let h: Harness;

beforeEach(async () => {
  h = await startHarness({ now: new Date('2026-03-02T10:00:00Z'), jobs: [] });
  h.emulator.addUser({ id: 'UCAROL', name: 'carol', tz: 'Europe/Berlin' });
  await h.cx('UALICE', 'new Faster answers lead:service with:marketing');
  for (const title of ['First step', 'Second step', 'Third step']) {
    await h.cx('UALICE', `log I-1 ${title} <@UBOB> due:2026-03-09`);
  }
});
afterEach(async () => {
  await h.stop();
});

const db = () => h.bot.handle.sqlite;
const action = (id: number) =>
  db()
    .prepare('select title, owner_id, due_date, status, blocked_reason from actions where id = ?')
    .get(id) as {
    title: string;
    owner_id: string;
    due_date: string | null;
    status: string;
    blocked_reason: string | null;
  };
const lastHistory = (entity: 'A' | 'I', id: number) =>
  db()
    .prepare(
      'select actor_id, kind, note, old_value, new_value, at from history where entity = ? and entity_id = ? order by id desc limit 1',
    )
    .get(entity, id);

/** A refused command: its reply matches, and no row of any table changed (the outbox included). */
async function refused(userId: string, text: string, expected: RegExp) {
  // Earlier DMs are delivered first, so the notifier's own bookkeeping does not count as a change.
  await h.drain();
  const before = h.snapshot();
  const outbox = countRows(db(), 'outbox');
  const result = await h.cx(userId, text);
  expect(result.status).toBe(200);
  const reply = h.replyText(result);
  expect(reply).toMatch(expected);
  await h.drain();
  expect(h.snapshot()).toEqual(before);
  expect(countRows(db(), 'outbox')).toBe(outbox);
  return reply;
}

const ALLOWED = [
  ['the action owner', 'UBOB', 1],
  ["the initiative's owner", 'UALICE', 2],
  ['an admin', 'UADMIN', 3],
] as const;

describe('the permission matrix: action owner, initiative owner and admin may, anyone else may not', () => {
  it('/cx due: reschedules, the history keeps old and new date and the reason', async () => {
    await refused('UCAROL', 'due A-1 2026-03-20 later', /Only <@UBOB> or <@UALICE> or an admin/);
    for (const [, user, id] of ALLOWED) {
      h.clock.advance(60_000);
      const reply = h.replyText(await h.cx(user, `due A-${id} +18d waiting for the new budget`));
      expect(reply).toContain(`A-${id}`);
      expect(reply).toContain('2026-03-20');
      expect(reply).toContain('was 2026-03-09');
      expect(action(id).due_date).toBe('2026-03-20');
      expect(lastHistory('A', id)).toEqual({
        actor_id: user,
        kind: 'due',
        note: 'waiting for the new budget',
        old_value: '2026-03-09',
        new_value: '2026-03-20',
        at: h.clock.now().getTime(),
      });
    }
  });

  it('/cx assign: hands the action over, the history keeps old and new owner', async () => {
    await refused('UCAROL', 'assign A-1 <@UCAROL>', /Only <@UBOB> or <@UALICE> or an admin/);
    for (const [, user, id] of ALLOWED) {
      const reply = h.replyText(await h.cx(user, `assign A-${id} <@UCAROL>`));
      expect(reply).toContain('<@UCAROL>');
      expect(action(id).owner_id).toBe('UCAROL');
      expect(lastHistory('A', id)).toMatchObject({
        actor_id: user,
        kind: 'assigned',
        old_value: 'UBOB',
        new_value: 'UCAROL',
      });
    }
  });

  it('/cx edit A-n: renames the action, the history keeps the old title', async () => {
    await refused('UCAROL', 'edit A-1 Something else', /Only <@UBOB> or <@UALICE> or an admin/);
    for (const [, user, id] of ALLOWED) {
      const reply = h.replyText(await h.cx(user, `edit A-${id} Call the ten biggest customers`));
      expect(reply).toContain('Call the ten biggest customers');
      expect(action(id).title).toBe('Call the ten biggest customers');
      expect(lastHistory('A', id)).toMatchObject({
        actor_id: user,
        kind: 'renamed',
        new_value: action(id).title,
      });
    }
    expect(lastHistory('A', 1)).toMatchObject({ old_value: 'First step' });
  });

  it('/cx edit I-n: only the initiative owner or an admin, not the owner of one of its actions', async () => {
    await refused('UCAROL', 'edit I-1 Quicker answers', /Only <@UALICE> or an admin/);
    await refused('UBOB', 'edit I-1 Quicker answers', /Only <@UALICE> or an admin/);
    expect(h.replyText(await h.cx('UALICE', 'edit I-1 Quicker answers'))).toContain('Quicker answers');
    expect(h.replyText(await h.cx('UADMIN', 'edit i-1 Answers within a day'))).toContain(
      'Answers within a day',
    );
    const row = db().prepare('select title from initiatives where id = 1').get();
    expect(row).toEqual({ title: 'Answers within a day' });
    expect(lastHistory('I', 1)).toMatchObject({
      actor_id: 'UADMIN',
      kind: 'renamed',
      old_value: 'Quicker answers',
      new_value: 'Answers within a day',
    });
  });

  it('/cx unblock: lifts the block, with the note in the history', async () => {
    for (const id of [1, 2, 3]) await h.cx('UBOB', `block A-${id} waiting for legal`);
    await refused('UCAROL', 'unblock A-1', /Only <@UBOB> or <@UALICE> or an admin/);
    for (const [, user, id] of ALLOWED) {
      expect(h.replyText(await h.cx(user, `unblock A-${id} legal said yes`))).toContain('no longer blocked');
      expect(action(id)).toMatchObject({ status: 'open', blocked_reason: null });
      expect(lastHistory('A', id)).toMatchObject({
        actor_id: user,
        kind: 'unblocked',
        note: 'legal said yes',
        old_value: 'waiting for legal',
      });
    }
  });

  it('/cx drop: final, no win posted anywhere, the reason in the history', async () => {
    await refused('UCAROL', 'drop A-1 not needed', /Only <@UBOB> or <@UALICE> or an admin/);
    for (const [, user, id] of ALLOWED) {
      expect(h.replyText(await h.cx(user, `drop A-${id} not needed any more`))).toMatch(/dropped.*no win/s);
      expect(action(id).status).toBe('dropped');
      expect(lastHistory('A', id)).toMatchObject({
        actor_id: user,
        kind: 'dropped',
        note: 'not needed any more',
      });
    }
    await h.drain();
    // (The channels have the new initiative's announcement, nothing about these actions.)
    for (const channel of Object.values(CHANNELS)) {
      expect(JSON.stringify(h.emulator.messages(channel))).not.toMatch(/win|A-[123]/i);
    }
    expect(countRows(db(), "outbox where kind = 'win'")).toBe(0);
  });
});

describe('what a status allows', () => {
  it('a dropped or done action cannot be changed, with a clear answer', async () => {
    await h.cx('UBOB', 'drop A-1 not needed');
    await h.cx('UBOB', 'done A-2');
    for (const text of ['due A-1 +3d', 'assign A-1 <@UALICE>', 'edit A-1 New', 'unblock A-1', 'drop A-1 x']) {
      await refused('UALICE', text, /A-1 was dropped and can't be changed/);
    }
    for (const text of [
      'due A-2 +3d',
      'assign A-2 <@UALICE>',
      'edit A-2 New',
      'drop A-2 x',
      'update A-2 more',
    ]) {
      await refused('UALICE', text, /A-2 is already done/);
    }
  });

  it('update on a blocked action keeps it blocked and says how to unblock', async () => {
    await h.cx('UBOB', 'block A-1 waiting for legal');
    const reply = h.replyText(await h.cx('UBOB', 'update A-1 chased legal again'));
    expect(reply).toContain('still blocked');
    expect(reply).toContain('/cx unblock A-1');
    expect(action(1)).toMatchObject({ status: 'blocked', blocked_reason: 'waiting for legal' });
    await refused('UBOB', 'unblock A-2', /A-2 is not blocked/);
  });

  it('setting what is already there changes nothing and says so', async () => {
    await refused('UBOB', 'due A-1 2026-03-09', /already due 2026-03-09/);
    await refused('UBOB', 'assign A-1 <@UBOB>', /already owns/);
    await refused('UBOB', 'edit A-1 First step', /already called/);
  });

  it('an action is owned by a person: handing it to an app or logging it for one is refused', async () => {
    h.emulator.addUser({ id: 'UHELPER', name: 'helperbot', isBot: true });
    await refused('UBOB', 'assign A-1 <@UHELPER>', /<@UHELPER> is an app, not a person/);
    await refused('UALICE', 'log I-1 Let the robot do it <@UHELPER>', /<@UHELPER> is an app, not a person/);
  });

  it('nor by someone Slack does not know (users.info: user_not_found): refused, nothing changed', async () => {
    // Before, an unknown id was taken on trust, as if Slack could not be asked: the action had an owner nobody
    // could reach, whose reminders Slack then refused.
    const unknown = /Slack knows no one as `UNOBODY` in this workspace: pick the person from the @-list/;
    await refused('UBOB', 'assign A-1 <@UNOBODY>', unknown);
    await refused('UALICE', 'log I-1 Nobody will do it <@UNOBODY>', unknown);
    expect(action(1)).toMatchObject({ owner_id: 'UBOB' });
  });

  it('nor by someone whose Slack account is deactivated (users.info: deleted): refused, nothing changed', async () => {
    // Before, a departed colleague could be handed work: no reminder could reach them (user_disabled), and the
    // action sat with an owner who would never act on it.
    h.emulator.addUser({ id: 'UGONE', name: 'gone', deleted: true });
    const gone = /<@UGONE>'s Slack account is deactivated: pick someone who can act on it/;
    await refused('UBOB', 'assign A-1 <@UGONE>', gone);
    await refused('UALICE', 'log I-1 Nobody will do it <@UGONE>', gone);
    expect(action(1)).toMatchObject({ owner_id: 'UBOB' });
    await h.cx('UBOB', 'lang de');
    await refused('UBOB', 'assign A-1 <@UGONE>', /Das Slack-Konto von <@UGONE> ist deaktiviert/);
  });

  it('an initiative is owned by a person too: owner:@app, owner:@unknown and owner:@deactivated are refused by /cx new', async () => {
    // Before, `/cx new … owner:@<anyone>` was taken as typed: an app or a departed colleague got the
    // initiative, and with it the 6/12-month check DMs and the escalations that no one would ever read.
    h.emulator.addUser({ id: 'UHELPER', name: 'helperbot', isBot: true });
    h.emulator.addUser({ id: 'UGONE', name: 'gone', deleted: true });
    await refused(
      'UALICE',
      'new Robot run lead:it owner:<@UHELPER>',
      /<@UHELPER> is an app, not a person: an initiative needs a person to own it/,
    );
    await refused('UALICE', 'new Nobody runs lead:it owner:<@UNOBODY>', /Slack knows no one as `UNOBODY`/);
    await refused(
      'UALICE',
      'new Gone runs lead:it owner:<@UGONE>',
      /<@UGONE>'s Slack account is deactivated/,
    );
    expect(h.replyText(await h.cx('UALICE', 'new Bob runs lead:it owner:<@UBOB>'))).toMatch(
      /Created \*I-2\*/,
    );
  });

  it('a closed initiative keeps its title', async () => {
    await h.cx('UALICE', 'new Short pilot lead:it');
    expect(h.replyText(await h.cx('UALICE', 'close I-2 pilot ended'))).toMatch(/I-2/);
    await refused('UALICE', 'edit I-2 Longer pilot', /I-2 is closed/);
  });

  it('an unknown reference is refused', async () => {
    await refused('UADMIN', 'due A-9 +3d', /There is no `A-9`/);
    await refused('UADMIN', 'edit I-9 X', /There is no `I-9`/);
  });
});

describe('bad input: usage naming the offending word, nothing changed', () => {
  it.each([
    ['due A-1', /missing/i, '/cx due &lt;A-n&gt; &lt;YYYY-MM-DD|+Nd&gt; [reason]'],
    ['due A-1 2026-02-30', /`2026-02-30` is not a real calendar date/, '/cx due'],
    ['due A-1 soon because', /`soon` is not a due date/, '/cx due'],
    ['due A-1 2020-01-01', /due date `2020-01-01` must lie between/, '/cx due'],
    ['due A-1 +0d', /`\+0d` is not a due date/, '/cx due'],
    ['due I-1 +3d', /`I-1` is not a valid reference; expected `A-&lt;number&gt;`/, '/cx due'],
    ['assign A-1', /missing/i, '/cx assign &lt;A-n&gt; @user'],
    ['assign A-1 bob', /`bob` is not a Slack user/, '/cx assign'],
    ['assign A-1 <@UCAROL> <@UALICE>', /more than this command takes/, '/cx assign'],
    ['edit A-1', /title is missing/i, '/cx edit &lt;I-n|A-n&gt; &lt;new title&gt;'],
    ['edit P-1 Words', /`P-1` is not a valid reference/, '/cx edit'],
    ['edit X-1 Words', /`X-1` is not a valid reference/, '/cx edit'],
    [`edit A-1 ${'x'.repeat(201)}`, /at most 200 characters/, '/cx edit'],
    ['unblock', /reference is missing/i, '/cx unblock &lt;A-n&gt; [note]'],
    ['drop A-1', /Say why it is no longer needed/, '/cx drop &lt;A-n&gt; &lt;reason&gt;'],
  ])('%s', async (text, reason, usage) => {
    const reply = await refused('UBOB', text, reason);
    expect(reply).toContain(usage);
  });
});

describe('history in /cx show', () => {
  it('shows every change with who, old → new and the reason', async () => {
    await h.cx('UBOB', 'due A-1 2026-03-20 budget moved');
    await h.cx('UALICE', 'assign A-1 <@UCAROL>');
    await h.cx('UCAROL', 'edit A-1 Call the biggest customers');
    await h.cx('UCAROL', 'block A-1 waiting for <@UBOB>');
    await h.cx('UCAROL', 'unblock A-1 Bob answered');
    await h.cx('UADMIN', 'drop A-1 nobody needs it');
    await h.cx('UALICE', 'edit I-1 Quicker answers');
    const shown = JSON.stringify((await h.cx('UBOB', 'show A-1')).body);
    // Logged by Alice for Bob: the first line says for whom (it said only "created").
    expect(shown).toContain('<@UALICE> · created for <@UBOB>');
    expect(shown).toContain('<@UBOB> · due 2026-03-09 → 2026-03-20: budget moved');
    expect(shown).toContain('<@UALICE> · owner <@UBOB> → <@UCAROL>');
    expect(shown).toContain('<@UCAROL> · renamed “First step” → “Call the biggest customers”');
    expect(shown).toContain('<@UCAROL> · unblocked: Bob answered');
    expect(shown).toContain('<@UADMIN> · dropped: nobody needs it');
    expect(shown).toContain('dropped');
    const initiative = JSON.stringify((await h.cx('UBOB', 'show I-1')).body);
    expect(initiative).toContain('<@UALICE> · renamed “Faster answers” → “Quicker answers”');
  });
});

describe('a dropped action is out of the picture', () => {
  it('gets no reminders, and progress counts open + done only', async () => {
    await h.cx('UBOB', 'drop A-3 not needed');
    await h.cx('UBOB', 'done A-2');
    expect(JSON.stringify((await h.cx('UALICE', 'list')).body)).toContain('(1/2)');
    expect(JSON.stringify((await h.cx('UALICE', 'show I-1')).body)).toContain('(1/2)');
    const scheduler = createScheduler({
      ctx: h.bot.ctx,
      jobs: [remindersJob],
      logger: quietLogger(),
      cron: false,
    });
    // Ten days later, on a Thursday in working hours for Bob (Singapore): A-1 is stalled and overdue.
    await h.drain();
    const before = h.emulator.dms('UBOB').length;
    h.clock.set(new Date('2026-03-12T03:00:00Z'));
    await scheduler.tick(h.clock.now());
    await h.drain();
    const reminders = h.emulator.dms('UBOB').slice(before);
    expect(reminders).toHaveLength(1);
    const text = JSON.stringify(reminders.map((m) => m.blocks));
    expect(text).toContain('A-1');
    expect(text).not.toContain('A-3');
  });
});

describe('the weekly digest', () => {
  it('counts dropped actions apart from done ones, and its progress leaves them out', async () => {
    await h.cx('UBOB', 'drop A-3 not needed');
    await h.cx('UBOB', 'done A-2');
    const scheduler = createScheduler({
      ctx: h.bot.ctx,
      jobs: [digestJob],
      logger: quietLogger(),
      cron: false,
    });
    await h.drain();
    const before = h.emulator.messages(CHANNELS.service).length;
    const friday = new Date('2026-03-06T14:00:00Z');
    h.clock.set(friday);
    expect(await scheduler.runNow('digest', friday)).toMatchObject({ status: 'done' });
    await h.drain();
    const digest = h.emulator.messages(CHANNELS.service).slice(before);
    const parent = JSON.stringify(digest[0]);
    expect(parent).toContain(':white_check_mark: 1 done');
    expect(parent).toContain(':wastebasket: 1 dropped');
    expect(digest[0]?.text).toContain('1 done, 3 new');
    expect(digest[0]?.text).toContain('1 dropped');
    expect(JSON.stringify(digest)).toContain('(1/2)');
  });
});

describe('the CSV export', () => {
  it('carries each action in its status: open, blocked, done, dropped, with the new title and owner', async () => {
    await h.cx('UBOB', 'block A-1 waiting for legal');
    await h.cx('UBOB', 'done A-2');
    await h.cx('UBOB', 'drop A-3 not needed');
    await h.cx('UALICE', 'log I-1 Fourth step');
    await h.cx('UALICE', 'edit A-4 Fourth step renamed');
    await h.cx('UALICE', 'assign A-4 <@UCAROL>');
    const repo = fileURLToPath(new URL('../..', import.meta.url));
    const loader = pathToFileURL(path.join(repo, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', loader, path.join(repo, 'src', 'cli.ts'), 'export'],
      { cwd: repo, env: { PATH: process.env.PATH ?? '', DATABASE_PATH: h.config.databasePath } },
    );
    const rows = stdout
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter((r) => r.startsWith('action,'))
      .map((r) => r.split(','));
    // type, ref, initiative, title, tier, status, department, departments, owner…
    expect(rows.map((r) => [r[1], r[5], r[8]])).toEqual([
      ['A-1', 'blocked', 'UBOB'],
      ['A-2', 'done', 'UBOB'],
      ['A-3', 'dropped', 'UBOB'],
      ['A-4', 'open', 'UCAROL'],
    ]);
    expect(stdout).toContain(',Fourth step renamed,');
  }, 30_000);
});

describe('the App Home', () => {
  it("shows what others changed in the viewer's work, old → new, and not the viewer's own changes", async () => {
    await h.cx('UALICE', 'due A-1 2026-03-20 budget moved');
    await h.cx('UALICE', 'edit A-2 Second step, sharper');
    await h.cx('UBOB', 'due A-3 2026-03-25 my own change');
    await h.cx('UADMIN', 'edit I-1 Quicker answers');
    const before = h.emulator.homeViews('UBOB').length;
    await h.emulator.openHome('UBOB');
    const view = await eventually(
      () => h.emulator.homeViews('UBOB').length > before && h.emulator.homeView('UBOB'),
    );
    const home = JSON.stringify(view);
    expect(home).toContain('Changed by others lately');
    expect(home).toContain(
      '*A-1* · <!date^1772445600^{date_short_pretty} {time}|Mon, 2 Mar 2026, 10:00 (UTC)> · <@UALICE> · due 2026-03-09 → 2026-03-20: budget moved',
    );
    expect(home).toContain(
      '*A-2* · <!date^1772445600^{date_short_pretty} {time}|Mon, 2 Mar 2026, 10:00 (UTC)> · <@UALICE> · renamed “Second step” → “Second step, sharper”',
    );
    expect(home).not.toContain('my own change');
    // Being given the action was a DM already; I-1 is Alice's: its rename shows in her Home, not in Bob's.
    expect(home).not.toContain('· created');
    expect(home).not.toContain('renamed “Faster answers”');
    const aliceBefore = h.emulator.homeViews('UALICE').length;
    await h.emulator.openHome('UALICE');
    const alice = await eventually(
      () => h.emulator.homeViews('UALICE').length > aliceBefore && h.emulator.homeView('UALICE'),
    );
    expect(JSON.stringify(alice)).toContain(
      '*I-1* · <!date^1772445600^{date_short_pretty} {time}|Mon, 2 Mar 2026, 10:00 (UTC)> · <@UADMIN> · renamed “Faster answers” → “Quicker answers”',
    );
  });
});
