import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { metricChecksJob } from '../../src/jobs/metric-checks.js';
import { ACTION, FIELD } from '../../src/slack/ids.js';
import {
  CHANNELS,
  eventually,
  type Harness,
  openedView,
  pressAndAnswer,
  startHarness,
} from '../support/harness.js';

// Users seeded by the emulator: UADMIN (workspace owner = admin), UALICE, UBOB. Everything bound.
let h: Harness;

beforeEach(async () => {
  h = await startHarness({ now: new Date('2026-03-02T10:00:00Z'), jobs: [metricChecksJob] });
});
afterEach(async () => {
  await h.stop();
});

const sql = <T>(query: string, ...params: unknown[]) =>
  h.bot.handle.sqlite.prepare(query).all(...params) as T[];

const flatText = (blocks: unknown[] | undefined) => JSON.stringify(blocks ?? []);

/** DMs the bot sent to `userId` that are about the 6–12-month test. */
const checkDms = (userId: string) =>
  h.emulator.dms(userId).filter((m) => flatText(m.blocks).includes(ACTION.metricCheckOpen));
const verdictPosts = (channel: string) =>
  h.emulator.messages(channel).filter((m) => /check of I-\d+/.test(m.text));
const ownerVerdicts = (userId: string) => h.emulator.dms(userId).filter((m) => /check of I-\d+/.test(m.text));

/** The bot's scheduler at 09:00 UTC of `day` (or any instant): what the daily cron would do. */
async function runAt(at: string) {
  const when = new Date(at.length === 10 ? `${at}T09:00:00Z` : at);
  h.clock.set(when);
  await h.bot.scheduler.tick(when);
  await h.drain();
}

async function newInitiative(user: string, text: string) {
  const reply = h.replyText(await h.cx(user, `new ${text}`));
  const id = /I-(\d+)/.exec(reply)?.[1];
  if (!id) throw new Error(`no initiative created: ${reply}`);
  return Number(id);
}

async function withMetrics(user: string, id: number) {
  h.replyText(await h.cx(user, `metric I-${id} customer "NPS" 30 -> 45`));
  h.replyText(await h.cx(user, `metric I-${id} business "Cost to serve" 12€ -> 9€`));
}

describe('/cx check: check-ins with who and when, history kept, trend in /cx show', () => {
  it('records values, keeps every check-in and draws the trend', async () => {
    const id = await newInitiative('UALICE', 'Faster answers lead:service with:sales');
    await withMetrics('UALICE', id);
    const first = h.replyText(await h.cx('UALICE', `check I-${id} customer=33 business=11.5`));
    expect(first).toContain('Check-in for *I-1* recorded');
    expect(first).toContain('NPS 33');
    h.clock.set(new Date('2026-04-02T10:00:00Z'));
    await h.cx('UALICE', `check i-${id} customer=38`);
    h.clock.set(new Date('2026-05-02T10:00:00Z'));
    await h.cx('UALICE', `check I-${id} customer=41 business=10.2€`);

    const rows = sql<Record<string, unknown>>('select * from metric_checkins order by id');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({
      customer_value: 33,
      customer_metric: 'NPS',
      business_value: 11.5,
      recorded_by: 'UALICE',
    });
    expect(rows[1]).toMatchObject({ customer_value: 38, business_value: null, business_metric: null });

    const show = h.replyText(await h.cx('UBOB', `show I-${id}`));
    const body = JSON.stringify((await h.cx('UBOB', `show I-${id}`)).body);
    expect(show).toContain('I-1');
    expect(body).toContain('Metric check-ins');
    expect(body).toMatch(/2026-03-02: 33 · 2026-04-02: 38 · 2026-05-02: 41/);
    expect(body).toMatch(/2026-03-02: 11.5€ · 2026-05-02: 10.2€/);
    expect(body).toMatch(/`[▁▂▃▄▅▆▇█]{4}`/); // baseline and three values
    expect(body).toContain('6-month check 2026-09-02: upcoming');
    expect(body).not.toContain('How will we know');
  });

  it('flags an initiative without both metrics in /cx show', async () => {
    const id = await newInitiative('UALICE', 'No metrics yet lead:it');
    const body = JSON.stringify((await h.cx('UALICE', `show I-${id}`)).body);
    expect(body).toContain('How will we know it worked?');
    expect(body).toContain('No customer and no business metric yet');
    // Asked once, in the warning with its command; the metric lines above it only say what is not set.
    expect(body.match(/how will we know it worked\?/gi)).toHaveLength(1);
    expect(body).toContain('Customer metric: _not set_');
    // The command to type names this initiative, not a placeholder.
    expect(body).toContain(`set both with \`/cx metric I-${id} customer|business \\"&lt;name&gt;\\"`);
    await h.cx('UALICE', `metric I-${id} customer "CSAT" 70% -> 80%`);
    const after = JSON.stringify((await h.cx('UALICE', `show I-${id}`)).body);
    expect(after).toContain('No business metric yet');
    expect(after).not.toContain('No customer metric yet');
    expect(after).toContain(`set it with \`/cx metric I-${id} business \\"&lt;name&gt;\\"`);
    // The metric without values says so on its line, and the command to add them comes once, for this initiative.
    expect(after).toContain('no check-ins yet');
    expect(after.split('/cx check I-').length - 1).toBe(1);
    // Shown to everyone; it says who may (anyone else is refused).
    expect(after).toContain(
      `Add values with \`/cx check I-${id} customer=&lt;value&gt;\` (the initiative's owner or an admin).`,
    );
  });

  it('only the owner or an admin may record; others are refused and nothing changes', async () => {
    const id = await newInitiative('UALICE', 'Owned by Alice lead:sales');
    await withMetrics('UALICE', id);
    const before = h.snapshot();
    const refused = h.replyText(await h.cx('UBOB', `check I-${id} customer=40`));
    expect(refused).toMatch(/Only <@UALICE> or an admin/);
    expect(h.snapshot()).toEqual(before);
    const admin = h.replyText(await h.cx('UADMIN', `check I-${id} customer=40`));
    expect(admin).toContain('recorded');
    expect(sql('select * from metric_checkins')).toHaveLength(1);
  });

  it('refuses a value for a metric that is not set, and a value that is not a number', async () => {
    const id = await newInitiative('UALICE', 'Half measured lead:sales');
    await h.cx('UALICE', `metric I-${id} customer "NPS" 30 -> 45`);
    const before = h.snapshot();
    expect(h.replyText(await h.cx('UALICE', `check I-${id} customer=35 business=10`))).toMatch(
      /no business metric yet.*\/cx metric I-1 business/s,
    );
    expect(h.replyText(await h.cx('UALICE', `check I-${id} customer=lots`))).toMatch(/not a number/);
    expect(h.snapshot()).toEqual(before);
  });

  it('/cx check I-n without values opens the check modal, pre-filled with the last values', async () => {
    const id = await newInitiative('UALICE', 'Modal check lead:service');
    await withMetrics('UALICE', id);
    await h.cx('UALICE', `check I-${id} customer=34 business=11`);
    const opened = h.emulator.callsTo('views.open').length;
    await h.cx('UALICE', `check I-${id}`);
    const viewId = await openedView(h.emulator, 'UALICE', opened);
    const view = h.emulator.view(viewId);
    expect(JSON.stringify(view?.blocks)).toContain('"initial_value":"34"');
    expect(JSON.stringify(view?.blocks)).toContain('"initial_value":"11"');

    const bad = await h.emulator.viewSubmission({
      userId: 'UALICE',
      viewId,
      values: { [FIELD.customerValue]: 'abc' },
    });
    expect(bad.viewClosed).toBe(false);
    expect(JSON.stringify(bad.body)).toContain('Enter a number');

    const good = await h.emulator.viewSubmission({
      userId: 'UALICE',
      viewId,
      values: { [FIELD.customerValue]: '36', [FIELD.businessValue]: '10.5' },
    });
    expect(good.viewClosed).toBe(true);
    const rows = sql<Record<string, unknown>>('select * from metric_checkins order by id');
    expect(rows.at(-1)).toMatchObject({ customer_value: 36, business_value: 10.5, recorded_by: 'UALICE' });
  });

  it('a non-owner gets a refusal instead of the modal', async () => {
    const id = await newInitiative('UALICE', 'Not yours lead:service');
    await withMetrics('UALICE', id);
    const reply = h.replyText(await h.cx('UBOB', `check I-${id}`));
    expect(reply).toMatch(/Only <@UALICE> or an admin/);
    expect(h.emulator.callsTo('views.open')).toHaveLength(0);
  });
});

describe('New initiative modal: optional customer and business metric', () => {
  async function openNew() {
    const opened = h.emulator.callsTo('views.open').length;
    await h.cx('UALICE', 'new');
    return openedView(h.emulator, 'UALICE', opened);
  }

  it('creates the initiative with both metrics; direction follows from baseline vs target', async () => {
    const viewId = await openNew();
    const result = await h.emulator.viewSubmission({
      userId: 'UALICE',
      viewId,
      values: {
        [FIELD.title]: 'Answer within a day',
        [FIELD.lead]: 'service',
        [FIELD.customerName]: 'CSAT',
        [FIELD.customerBaseline]: '72%',
        [FIELD.customerTarget]: '80',
        [FIELD.businessName]: 'Cost to serve',
        [FIELD.businessBaseline]: '12',
        [FIELD.businessTarget]: '9',
        [FIELD.businessUnit]: '€',
      },
    });
    expect(result.viewClosed).toBe(true);
    expect(
      sql(
        'select customer_metric_name, customer_baseline, customer_target, customer_unit, business_metric_name, business_baseline, business_target, business_unit from initiatives',
      ),
    ).toEqual([
      {
        customer_metric_name: 'CSAT',
        customer_baseline: 72,
        customer_target: 80,
        customer_unit: '%',
        business_metric_name: 'Cost to serve',
        business_baseline: 12,
        business_target: 9,
        business_unit: '€',
      },
    ]);
    const body = JSON.stringify((await h.cx('UALICE', 'show I-1')).body);
    expect(body).toContain('Business metric: Cost to serve 12€ → 9€');
    expect(body).not.toContain('How will we know');
  });

  it('leaving the metrics empty still creates the initiative (flagged in /cx show)', async () => {
    const viewId = await openNew();
    await h.emulator.viewSubmission({
      userId: 'UALICE',
      viewId,
      values: { [FIELD.title]: 'No numbers', [FIELD.lead]: 'it' },
    });
    expect(sql('select customer_metric_name, business_metric_name from initiatives')).toEqual([
      { customer_metric_name: null, business_metric_name: null },
    ]);
    expect(JSON.stringify((await h.cx('UALICE', 'show I-1')).body)).toContain('How will we know it worked?');
  });

  it('an incomplete, equal or non-numeric metric is shown inline and nothing is created', async () => {
    const viewId = await openNew();
    const before = h.snapshot();
    const result = await h.emulator.viewSubmission({
      userId: 'UALICE',
      viewId,
      values: {
        [FIELD.title]: 'Half typed',
        [FIELD.lead]: 'it',
        [FIELD.customerName]: 'NPS',
        [FIELD.customerBaseline]: '30',
        [FIELD.businessName]: 'Retention',
        [FIELD.businessBaseline]: '90%',
        [FIELD.businessTarget]: '90%',
      },
    });
    expect(result.viewClosed).toBe(false);
    expect(result.problems).toEqual([]);
    const errors = (result.body as { errors: Record<string, string> }).errors;
    expect(errors[FIELD.customerTarget]).toMatch(/name, baseline and target together/);
    expect(errors[FIELD.businessTarget]).toMatch(/needs a direction/);
    expect(h.snapshot()).toEqual(before);
    const fixed = await h.emulator.viewSubmission({
      userId: 'UALICE',
      viewId,
      values: {
        [FIELD.title]: 'Half typed',
        [FIELD.lead]: 'it',
        [FIELD.customerName]: 'NPS',
        [FIELD.customerBaseline]: '30',
        [FIELD.customerTarget]: 'lots',
      },
    });
    expect((fixed.body as { errors: Record<string, string> }).errors[FIELD.customerTarget]).toMatch(/number/);
    expect(h.snapshot()).toEqual(before);
  });
});

describe('job metric-checks: asked once, on time or at the next run', () => {
  it('2026-01-31 → 2026-07-31 and 2026-08-31 → 2027-02-28, each exactly once', async () => {
    const a = await newInitiative('UALICE', 'Month end start:2026-01-31 lead:service');
    const b = await newInitiative('UBOB', 'Late August start:2026-08-31 lead:sales');
    await runAt('2026-07-30');
    expect(checkDms('UALICE')).toHaveLength(0);
    await runAt('2026-07-31');
    expect(checkDms('UALICE')).toHaveLength(1);
    expect(checkDms('UALICE')[0]?.text).toContain(`6-month check for I-${a}`);
    await runAt('2026-07-31T15:00:00Z');
    await runAt('2026-08-01');
    await h.bot.scheduler.runNow('metric-checks', new Date('2026-08-02T12:00:00Z'));
    await h.drain();
    expect(checkDms('UALICE')).toHaveLength(1);

    await runAt('2027-02-27');
    expect(checkDms('UBOB')).toHaveLength(0);
    await runAt('2027-02-28');
    expect(checkDms('UBOB')).toHaveLength(1);
    expect(checkDms('UBOB')[0]?.text).toContain(`6-month check for I-${b}`);
    await runAt('2027-03-01');
    expect(checkDms('UBOB')).toHaveLength(1);
    const checks = sql<{ initiative_id: number; kind: string; due_date: string }>(
      'select initiative_id, kind, due_date from metric_checks order by id',
    );
    expect(checks).toEqual(
      expect.arrayContaining([
        { initiative_id: a, kind: '6m', due_date: '2026-07-31' },
        { initiative_id: b, kind: '6m', due_date: '2027-02-28' },
      ]),
    );
  });

  it('the bot down on the day: the next run catches up, once', async () => {
    await newInitiative('UALICE', 'Downtime start:2026-01-31 lead:service');
    await runAt('2026-07-20');
    // Down from 07-21 until 08-05 10:00: the scheduler's catch-up runs the missed daily period once.
    await runAt('2026-08-05T10:00:00Z');
    expect(checkDms('UALICE')).toHaveLength(1);
    await runAt('2026-08-06');
    await runAt('2026-08-07');
    expect(checkDms('UALICE')).toHaveLength(1);
  });

  it('a restart after the day: the scheduler’s start-up catch-up asks, once', async () => {
    await newInitiative('UALICE', 'Restarted start:2026-01-31 lead:service');
    await runAt('2026-07-30');
    const databasePath = h.config.databasePath;
    await h.stop();
    // Down over 07-31; back on 08-03 at 08:00 (before that day's 09:00 run): the missed 08-02 run happens.
    h = await startHarness({ now: new Date('2026-08-03T08:00:00Z'), databasePath, jobs: [metricChecksJob] });
    await eventually(() => sql('select * from metric_checks').length === 1);
    await h.bot.scheduler.idle();
    await h.drain();
    expect(checkDms('UALICE')).toHaveLength(1);
    await runAt('2026-08-03');
    await runAt('2026-08-04');
    expect(checkDms('UALICE')).toHaveLength(1);
    expect(sql('select kind, due_date, status from metric_checks')).toEqual([
      { kind: '6m', due_date: '2026-07-31', status: 'asked' },
    ]);
  });

  it('an initiative closed or dropped before its check is asked nothing', async () => {
    const kept = await newInitiative('UALICE', 'Kept start:2026-01-31 lead:service');
    const dropped = await newInitiative('UALICE', 'Dropped start:2026-01-31 lead:service');
    const closed = await newInitiative('UALICE', 'Closed start:2026-01-31 lead:service');
    h.bot.handle.sqlite.prepare(`update initiatives set status = 'dropped' where id = ?`).run(dropped);
    h.bot.handle.sqlite.prepare(`update initiatives set status = 'closed' where id = ?`).run(closed);
    await runAt('2026-07-31');
    await runAt('2027-01-31');
    const dms = checkDms('UALICE').map((m) => m.text);
    expect(dms).toHaveLength(2);
    expect(dms.every((t) => t.includes(`I-${kept}`))).toBe(true);
    expect(sql('select * from metric_checks where initiative_id in (?, ?)', dropped, closed)).toEqual([]);
  });

  it('an initiative entered with an old start: is asked at the next run — the latest check only', async () => {
    const id = await newInitiative('UALICE', 'Old one start:2021-06-01 lead:it');
    await runAt('2026-03-03');
    const dms = checkDms('UALICE');
    expect(dms).toHaveLength(1);
    expect(dms[0]?.text).toContain(`12-month check for I-${id}`);
    expect(sql('select kind, status from metric_checks order by due_date')).toEqual([
      { kind: '6m', status: 'skipped' },
      { kind: '12m', status: 'asked' },
    ]);
    await runAt('2026-03-04');
    expect(checkDms('UALICE')).toHaveLength(1);
  });
});

describe('verdicts', () => {
  /** Asks the 6-month check of a 2026-01-31 initiative on 2026-07-31; returns its id. */
  async function asked6(owner = 'UALICE', extra = '') {
    const id = await newInitiative(
      owner,
      `Feedback loop start:2026-01-31 lead:service with:sales,it ${extra}`,
    );
    await withMetrics(owner, id);
    await runAt('2026-07-31');
    return id;
  }

  async function answerThroughDm(userId: string, values: Record<string, string>) {
    const dm = checkDms(userId).at(-1);
    if (!dm) throw new Error('no check DM');
    const opened = h.emulator.callsTo('views.open').length;
    await h.emulator.blockAction({
      userId,
      actionId: ACTION.metricCheckOpen,
      channelId: dm.channel,
      messageTs: dm.ts,
    });
    const viewId = await openedView(h.emulator, userId, opened);
    const result = await h.emulator.viewSubmission({ userId, viewId, values });
    expect(result.viewClosed).toBe(true);
    await h.drain();
  }

  it('the DM button opens the check modal; the values decide the verdict, posted to every department', async () => {
    const id = await asked6();
    h.clock.set(new Date('2026-08-02T10:00:00Z'));
    await answerThroughDm('UALICE', { [FIELD.customerValue]: '40', [FIELD.businessValue]: '11' });
    for (const channel of [CHANNELS.service, CHANNELS.sales, CHANNELS.it]) {
      const posts = verdictPosts(channel);
      expect(posts).toHaveLength(1);
      expect(posts[0]?.text).toBe(`6-month check of I-${id}: pass`);
      expect(flatText(posts[0]?.blocks)).not.toContain('execution behind it');
    }
    expect(verdictPosts(CHANNELS.marketing)).toHaveLength(0);
    expect(sql('select status, verdict, customer_value, business_value from metric_checks')).toEqual([
      { status: 'judged', verdict: 'pass', customer_value: 40, business_value: 11 },
    ]);
    // The 6-month verdict offers no recommit/close; the owner gets a copy.
    const own = ownerVerdicts('UALICE');
    expect(own).toHaveLength(1);
    expect(flatText(own[0]?.blocks)).not.toContain(ACTION.metricRecommit);
    // Later check-ins and runs post nothing more.
    await h.cx('UALICE', `check I-${id} customer=41 business=10`);
    await runAt('2026-08-20');
    await h.drain();
    expect(verdictPosts(CHANNELS.service)).toHaveLength(1);
  });

  it('a partial or failing verdict lists the execution evidence next to it', async () => {
    const id = await asked6();
    // Execution: one overdue and stalled action in Service, one done late in Sales, nothing from IT.
    h.clock.set(new Date('2026-03-02T10:00:00Z'));
    await h.cx('UALICE', `log I-${id} Call five customers due:2026-04-01 dept:service`);
    await h.cx('UALICE', `log I-${id} Price sheet due:2026-04-01 dept:sales`);
    h.clock.set(new Date('2026-04-10T10:00:00Z'));
    await h.cx('UALICE', 'done A-2');
    h.clock.set(new Date('2026-08-01T10:00:00Z'));
    await h.cx('UALICE', `check I-${id} customer=35 business=13`);
    await h.drain();
    const post = verdictPosts(CHANNELS.service)[0];
    expect(post?.text).toBe(`6-month check of I-${id}: partial`);
    const text = flatText(post?.blocks);
    expect(text).toContain('Partial');
    expect(text).toContain('The execution behind it');
    expect(text).toContain('1 open action, 1 overdue, 1 stalled');
    expect(text).toContain('0% of actions done on time (0 of 1 with a due date)');
    expect(text).toContain('113 days since the last progress');
    expect(text).toContain('No action from IT');
  });

  it('a check-in with only one value waits for the other; a failing verdict follows the second', async () => {
    const id = await asked6();
    h.clock.set(new Date('2026-08-01T10:00:00Z'));
    const first = h.replyText(await h.cx('UALICE', `check I-${id} customer=29`));
    expect(first).toMatch(/waits for the business value/);
    await h.drain();
    expect(verdictPosts(CHANNELS.service)).toHaveLength(0);
    const second = h.replyText(await h.cx('UALICE', `check I-${id} business=12`));
    expect(second).toMatch(/verdict is \*fail\*; it goes to Service, Sales, IT/);
    await h.drain();
    expect(verdictPosts(CHANNELS.service)[0]?.text).toBe(`6-month check of I-${id}: fail`);
    expect(flatText(verdictPosts(CHANNELS.service)[0]?.blocks)).toContain('No action was ever logged');
  });

  it('no answer for 14 days: "no data", posted once', async () => {
    const id = await asked6();
    await runAt('2026-08-13');
    expect(verdictPosts(CHANNELS.service)).toHaveLength(0);
    await runAt('2026-08-14');
    const posts = verdictPosts(CHANNELS.service);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.text).toBe(`6-month check of I-${id}: no data`);
    await runAt('2026-08-15');
    expect(verdictPosts(CHANNELS.service)).toHaveLength(1);
    expect(sql('select verdict from metric_checks')).toEqual([{ verdict: 'no_data' }]);
  });

  it('at 12 months the owner may recommit (a new check 6 months later) or close', async () => {
    const id = await asked6();
    await runAt('2026-08-14'); // the 6-month verdict: no data
    await runAt('2027-01-31');
    expect(checkDms('UALICE').at(-1)?.text).toContain(`12-month check for I-${id}`);
    h.clock.set(new Date('2027-02-01T10:00:00Z'));
    await h.cx('UALICE', `check I-${id} customer=46 business=8`);
    await h.drain();
    const verdictDm = ownerVerdicts('UALICE').at(-1);
    expect(verdictDm?.text).toBe(`12-month check of I-${id}: pass`);
    expect(flatText(verdictDm?.blocks)).toContain(ACTION.metricRecommit);
    expect(flatText(verdictDm?.blocks)).toContain(ACTION.metricClose);
    const press = async (userId: string, actionId: string) =>
      (await pressAndAnswer(h.emulator, userId, actionId, verdictDm)).text;

    // Someone else may not decide.
    const before = h.snapshot();
    expect(await press('UBOB', ACTION.metricRecommit)).toMatch(/Only <@UALICE> or an admin/);
    expect(h.snapshot()).toEqual(before);

    expect(await press('UALICE', ACTION.metricRecommit)).toContain('next check is on 2027-08-01');
    expect(sql(`select kind, due_date, status from metric_checks where kind = 'recommit'`)).toEqual([
      { kind: 'recommit', due_date: '2027-08-01', status: 'scheduled' },
    ]);
    // The DM's buttons give way to what was decided: nothing is left there to press again.
    const updated = await eventually(() => {
      const dm = h.emulator.dms('UALICE').find((m) => m.ts === verdictDm?.ts);
      return dm && !flatText(dm.blocks).includes(ACTION.metricRecommit) && dm;
    });
    expect(flatText(updated.blocks)).not.toContain(ACTION.metricClose);
    expect(flatText(updated.blocks)).toContain(':white_check_mark: Recommitted by <@UALICE> on 2027-02-01.');
    expect(flatText(updated.blocks)).toContain('12-month check');
    expect(updated.text).toBe(`12-month check of I-${id}: pass`);

    await runAt('2027-07-31');
    expect(checkDms('UALICE').at(-1)?.text).toContain('12-month check');
    await runAt('2027-08-01');
    expect(checkDms('UALICE').at(-1)?.text).toContain(`follow-up check for I-${id}`);
    await runAt('2027-08-15'); // no answer: no data, and the owner decides again
    const followUp = ownerVerdicts('UALICE').at(-1);
    expect(followUp?.text).toBe(`follow-up check of I-${id}: no data`);
    const closed = (await pressAndAnswer(h.emulator, 'UALICE', ACTION.metricClose, followUp)).text;
    expect(closed).toContain(`*I-${id}* is closed.`);
    expect(sql('select status from initiatives where id = ?', id)).toEqual([{ status: 'closed' }]);
    // A closed initiative is asked nothing any more.
    await runAt('2028-08-01');
    expect(checkDms('UALICE').at(-1)?.text).toContain('follow-up check');
    expect(checkDms('UALICE')).toHaveLength(3);
  });
});
