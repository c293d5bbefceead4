/**
 * Issue 11, the initiative side of "people are told": `/cx verdict` overrides, announcements of new
 * initiatives, and the DMs to whoever raised or voted for the pain point an initiative was adopted from.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { metricChecksJob } from '../../src/jobs/metric-checks.js';
import { ACTION, FIELD } from '../../src/slack/ids.js';
import { CHANNELS, type Harness, openedView, pressAndAnswer, startHarness } from '../support/harness.js';
import { keyOf, postsOf } from '../support/posts.js';

// Seeded users: UADMIN (workspace owner = admin), UALICE, UBOB; UCAROL and UDAN are added.
let h: Harness;

async function start() {
  h = await startHarness({ now: new Date('2026-03-02T10:00:00Z'), jobs: [metricChecksJob] });
  h.emulator.addUser({ id: 'UCAROL', name: 'carol', tz: 'UTC' });
  h.emulator.addUser({ id: 'UDAN', name: 'dan', tz: 'UTC' });
}
afterEach(async () => {
  await h.stop();
});

const sql = <T>(query: string, ...params: unknown[]) =>
  h.bot.handle.sqlite.prepare(query).all(...params) as T[];
const flat = (blocks: unknown) => JSON.stringify(blocks ?? []);
const reply = async (user: string, text: string, channel?: string) =>
  h.replyText(await h.cx(user, text, channel));

/** The daily metric-checks run at 09:00 UTC of `day`. */
async function runAt(day: string) {
  const when = new Date(`${day}T09:00:00Z`);
  h.clock.set(when);
  await h.bot.scheduler.tick(when);
  await h.drain();
}

async function refused(user: string, text: string, expected: RegExp) {
  await h.drain();
  const before = h.snapshot();
  const posts = h.emulator.callsTo('chat.postMessage').length;
  expect(await reply(user, text)).toMatch(expected);
  await h.drain();
  expect(h.snapshot()).toEqual(before);
  expect(h.emulator.callsTo('chat.postMessage')).toHaveLength(posts);
}

/** I-1 of UALICE (service, with sales), both metrics set; its 6-month verdict is `fail`, posted 2026-08-01. */
async function failedInitiative() {
  await reply('UALICE', 'new Feedback loop start:2026-01-31 lead:service with:sales');
  await reply('UALICE', 'metric I-1 customer "NPS" 30 -> 45');
  await reply('UALICE', 'metric I-1 business "Cost to serve" 12 -> 9');
  await runAt('2026-07-31');
  h.clock.set(new Date('2026-08-01T10:00:00Z'));
  expect(await reply('UALICE', 'check I-1 customer=29 business=12')).toMatch(/verdict is \*fail\*/);
  await h.drain();
}

const corrections = (channel: string) => postsOf(h.emulator, channel, 'verdict-fix:');

describe('/cx verdict', () => {
  it('owner or admin only; the action owner and anyone else are refused and nothing changes', async () => {
    await start();
    await failedInitiative();
    await reply('UALICE', 'log I-1 Call the customers <@UBOB> due:+7d');
    await refused('UBOB', 'verdict I-1 pass They are happier', /Only <@UALICE> or an admin/);
    await refused('UCAROL', 'verdict I-1 pass They are happier', /Only <@UALICE> or an admin/);
    expect(await reply('UALICE', 'verdict I-1 partial Costs fell after the survey')).toMatch(
      /6-month check verdict of \*I-1\* is now \*partial\* \(was fail\)/,
    );
    expect(await reply('UADMIN', 'verdict I-1 pass Survey was late')).toMatch(/now \*pass\* \(was partial\)/);
    expect(sql('select verdict from metric_checks')).toEqual([{ verdict: 'pass' }]);
  });

  it('replaces the latest verdict, keeps the computed one in the history, posts one correction per override where the verdict went', async () => {
    await start();
    await failedInitiative();
    const answer = await reply('UALICE', 'verdict i-1 pass The survey ran in the holidays, <!here>');
    expect(answer).toMatch(/now \*pass\* \(was fail\)\. A correction was posted in Service, Sales\./);
    await h.drain();
    expect(sql('select status, verdict from metric_checks')).toEqual([{ status: 'judged', verdict: 'pass' }]);
    expect(
      sql(
        `select kind, note, old_value, new_value, actor_id from history where entity = 'I' and kind like 'verdict%' order by id`,
      ),
    ).toEqual([
      // The computed verdict is stored as data, read in each reader's language (issue 14).
      {
        kind: 'verdict',
        note: null,
        old_value: null,
        new_value: '{"fact":"verdict","check":"6m","due":"2026-07-31","verdict":"fail"}',
        actor_id: 'UALICE',
      },
      {
        kind: 'verdict override',
        note: 'The survey ran in the holidays, <!here>',
        old_value: '6m 2026-07-31: fail',
        new_value: '6m 2026-07-31: pass',
        actor_id: 'UALICE',
      },
    ]);
    for (const channel of [CHANNELS.service, CHANNELS.sales]) {
      const [post, ...more] = corrections(channel);
      expect(more).toEqual([]);
      expect(post?.text).toBe('Correction: the verdict of I-1 is pass');
      expect(flat(post?.blocks)).toContain('not fail (changed by <@UALICE>)');
      expect(flat(post?.blocks)).toContain('&lt;!here&gt;');
    }
    for (const channel of [CHANNELS.marketing, CHANNELS.it]) expect(corrections(channel)).toEqual([]);

    // The same verdict again changes nothing; a different one is a second correction.
    await refused('UADMIN', 'verdict I-1 pass Again', /already \*pass\*; nothing was changed/);
    await reply('UADMIN', 'verdict I-1 partial On second thought');
    await h.drain();
    expect(corrections(CHANNELS.service)).toHaveLength(2);
    // /cx show lists both changes with their old and new verdicts.
    const show = flat((await h.cx('UBOB', 'show I-1')).body);
    expect(show).toContain('verdict override');
  });

  it('refuses when there is no verdict yet, and on bad input', async () => {
    await start();
    await reply('UALICE', 'new Young initiative lead:it');
    await refused('UALICE', 'verdict I-1 pass Looks good', /no 6- or 12-month verdict yet/);
    await refused(
      'UALICE',
      'verdict I-1 great Looks good',
      /`great` is not a verdict: use pass, partial or fail.*\/cx verdict/s,
    );
    await refused('UALICE', 'verdict I-1 pass', /note is missing.*\/cx verdict/s);
    await refused('UALICE', 'verdict I-1', /missing.*\/cx verdict/s);
    await refused('UALICE', 'verdict I-7 pass x', /I-7/);
  });
});

describe('a new initiative is announced once in its departments’ channels', () => {
  it('by command: one post per channel of the lead and the involved departments, none elsewhere', async () => {
    await start();
    await reply('UALICE', 'new Faster quotes lead:sales with:it,sales owner:<@UBOB>');
    await h.drain();
    for (const channel of [CHANNELS.sales, CHANNELS.it]) {
      const posts = postsOf(h.emulator, channel, 'announce:I-1:');
      expect(posts).toHaveLength(1);
      expect(posts[0]?.text).toBe('New initiative I-1 Faster quotes');
      expect(flat(posts[0]?.blocks)).toContain('Led by Sales with IT · owner <@UBOB>');
    }
    for (const channel of [CHANNELS.marketing, CHANNELS.service, CHANNELS.hub]) {
      expect(postsOf(h.emulator, channel, 'announce:')).toEqual([]);
    }
  });

  /** `/cx new` alone in the service channel as UALICE, and the New initiative modal submitted with `values`. */
  async function submitNewModal(values: Record<string, string>) {
    const opened = h.emulator.callsTo('views.open').length;
    await h.cx('UALICE', 'new', CHANNELS.service);
    const viewId = await openedView(h.emulator, 'UALICE', opened);
    return h.emulator.viewSubmission({ userId: 'UALICE', viewId, values });
  }

  it('by the modal: once', async () => {
    await start();
    const result = await submitNewModal({ [FIELD.title]: 'Self-service portal', [FIELD.lead]: 'service' });
    expect(result.viewClosed).toBe(true);
    await h.drain();
    expect(postsOf(h.emulator, CHANNELS.service, 'announce:I-1:')).toHaveLength(1);
    expect(sql(`select count(*) as n from outbox where kind = 'initiative_announced'`)).toEqual([{ n: 1 }]);
  });

  it("by the modal with an app as its owner (Slack's picker lists apps too): refused at the owner field, nothing created", async () => {
    await start();
    h.emulator.addUser({ id: 'UHELPER', name: 'helperbot', isBot: true });
    const result = await submitNewModal({
      [FIELD.title]: 'Run by a robot',
      [FIELD.lead]: 'service',
      [FIELD.owner]: 'UHELPER',
    });
    expect(result.viewClosed).toBe(false);
    expect(result.problems).toEqual([]);
    expect(result.body).toMatchObject({
      response_action: 'errors',
      errors: { [FIELD.owner]: expect.stringContaining('an initiative needs a person to own it') },
    });
    expect(sql('select count(*) as n from initiatives')).toEqual([{ n: 0 }]);
  });
});

describe('the people behind an adopted pain point', () => {
  /** P-1 raised by UCAROL, voted for by UBOB, UDAN and UCAROL herself; adopted by UALICE as I-1. */
  async function adopted() {
    await start();
    await reply('UCAROL', 'pain Invoices are hard to read', CHANNELS.sales);
    await reply('UADMIN', 'round open');
    await h.drain();
    await h.emulator.settle();
    const poll = postsOf(h.emulator, CHANNELS.sales, 'poll:')[0];
    if (!poll) throw new Error('no poll');
    for (const user of ['UBOB', 'UDAN', 'UCAROL'])
      await h.emulator.react(user, CHANNELS.sales, poll.ts, 'one');
    await h.emulator.settle();
    await reply('UADMIN', 'round close');
    await h.drain();
    const results = postsOf(h.emulator, CHANNELS.sales, 'results:')[0];
    const opened = h.emulator.callsTo('views.open').length;
    await h.emulator.blockAction({
      userId: 'UALICE',
      actionId: ACTION.adoptPainPoint,
      value: 'P-1',
      channelId: CHANNELS.sales,
      messageTs: results?.ts,
    });
    const viewId = await openedView(h.emulator, 'UALICE', opened);
    expect((await h.emulator.viewSubmission({ userId: 'UALICE', viewId })).viewClosed).toBe(true);
    await h.drain();
  }

  const news = (user: string) => h.emulator.dms(user).filter((m) => keyOf(m).startsWith('pp-news:'));

  it('adoption is announced once, naming the pain point', async () => {
    await adopted();
    const [post, ...more] = postsOf(h.emulator, CHANNELS.sales, 'announce:I-1:');
    expect(more).toEqual([]);
    expect(flat(post?.blocks)).toContain('Adopted from pain point *P-1*: Invoices are hard to read');
  });

  it('closing it DMs the raiser and each voter once (not the closer); a second close press adds nothing', async () => {
    await adopted();
    expect(await reply('UALICE', 'close I-1 New invoice layout shipped')).toMatch(/is closed/);
    await h.drain();
    expect(news('UCAROL').map((m) => flat(m.blocks))).toEqual([
      expect.stringContaining('You raised pain point *P-1*'),
    ]);
    for (const voter of ['UBOB', 'UDAN']) {
      const [dm, ...more] = news(voter);
      expect(more).toEqual([]);
      expect(flat(dm?.blocks)).toContain('You voted for pain point *P-1*');
      expect(flat(dm?.blocks)).toContain('was closed by <@UALICE>');
      expect(flat(dm?.blocks)).toContain('New invoice layout shipped');
    }
    expect(news('UALICE')).toEqual([]);
    // The notification (a phone shows only the text) says what happened, not only that there is news.
    expect(news('UCAROL')[0]?.text).toBe(
      'I-1 Invoices are hard to read, which came from your pain point, is closed: New invoice layout shipped',
    );
    expect(sql(`select count(*) as n from outbox where kind = 'pain_point_news'`)).toEqual([{ n: 3 }]);
  });

  it('a computed verdict and an override each DM them once; the overrider is not told', async () => {
    await adopted();
    // Adopted on 2026-03-02: start today. Metrics, then the 6-month check and a failing answer.
    await reply('UALICE', 'metric I-1 customer "Complaints" 40 -> 20');
    await reply('UALICE', 'metric I-1 business "Calls" 900 -> 600');
    await runAt('2026-09-02');
    h.clock.set(new Date('2026-09-03T10:00:00Z'));
    await reply('UALICE', 'check I-1 customer=41 business=950');
    await h.drain();
    for (const user of ['UCAROL', 'UBOB', 'UDAN']) {
      expect(news(user).map((m) => flat(m.blocks))).toEqual([expect.stringContaining('verdict: *fail*.')]);
      expect(news(user)[0]?.text).toBe(
        'I-1 Invoices are hard to read, which came from your pain point, got its 6-month check verdict: fail',
      );
    }
    await reply('UADMIN', 'verdict I-1 partial Calls fell in September');
    await h.drain();
    for (const user of ['UCAROL', 'UBOB', 'UDAN']) {
      const all = news(user);
      expect(all).toHaveLength(2);
      expect(flat(all[1]?.blocks)).toContain('verdict: *partial* (set by <@UADMIN>)');
    }
    expect(news('UADMIN')).toEqual([]);
  });
});

describe('Close after a 12-month verdict', () => {
  it('with open actions it asks first like /cx close; the press closes, drops them and records the decision', async () => {
    await start();
    await failedInitiative();
    await reply('UALICE', 'log I-1 Call the customers <@UBOB> due:2027-03-01');
    await runAt('2027-01-31');
    h.clock.set(new Date('2027-02-01T10:00:00Z'));
    await reply('UALICE', 'check I-1 customer=46 business=8');
    await h.drain();
    const verdictDm = h.emulator
      .dms('UALICE')
      .filter((m) => keyOf(m).startsWith('verdict-owner:'))
      .at(-1);
    expect(flat(verdictDm?.blocks)).toContain(ACTION.metricClose);
    const before = h.snapshot();
    const asked = await pressAndAnswer(h.emulator, 'UALICE', ACTION.metricClose, verdictDm);
    await h.drain();
    expect(asked?.text).toMatch(/still has 1 open action/);
    expect(h.snapshot()).toEqual(before);

    await pressAndAnswer(h.emulator, 'UALICE', ACTION.closeInitiativeDrop, asked);
    await h.drain();
    expect(sql('select status from initiatives')).toEqual([{ status: 'closed' }]);
    expect(sql('select status from actions')).toEqual([{ status: 'dropped' }]);
    expect(sql(`select decision, decided_by from metric_checks where kind = '12m'`)).toEqual([
      { decision: 'close', decided_by: 'UALICE' },
    ]);
    expect(sql(`select note from history where entity = 'I' and kind = 'closed'`)).toEqual([
      { note: 'Closed after the 12m check (pass)' },
    ]);
    expect(postsOf(h.emulator, CHANNELS.service, 'closed:I-1:')).toHaveLength(1);
  });
});
