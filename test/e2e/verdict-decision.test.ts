/**
 * After a 12-month (or follow-up) verdict the initiative's owner decides: recommit or close. The verdict's DM
 * with those buttons goes to whoever owned the initiative then; an initiative handed over since, or whose owner
 * left, still needs the decision. `/cx show I-n` offers it to its owner and the admins while it waits, the new
 * owner of a handover is told, and the admins hear of a verdict DM that could not reach someone who left.
 * Through the real bot, its metric-checks job and the emulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { digestJob } from '../../src/jobs/digest.js';
import { metricChecksJob } from '../../src/jobs/metric-checks.js';
import { createScheduler } from '../../src/jobs/scheduler.js';
import { ACTION } from '../../src/slack/ids.js';
import {
  CHANNELS,
  eventually,
  type Harness,
  openHomeTab,
  pressAndAnswer,
  pressEphemeralButton,
  pressOnEphemeral,
  quietLogger,
  startHarness,
} from '../support/harness.js';

let h: Harness;
afterEach(async () => {
  await h.stop();
});

const sql = <T>(query: string) => h.bot.handle.sqlite.prepare(query).all() as T[];

/** The bot's scheduler at 09:00 UTC of `day`: what the daily cron would do. */
async function runAt(day: string) {
  const when = new Date(`${day}T09:00:00Z`);
  h.clock.set(when);
  await h.bot.scheduler.tick(when);
  await h.drain();
}

/** An initiative of UALICE's a year old on 2 March 2026, whose 12-month check is asked that day. */
async function twelveMonthCheckAsked(): Promise<number> {
  h = await startHarness({
    now: new Date('2026-03-02T08:00:00Z'),
    jobs: [metricChecksJob],
    admins: ['UADMIN'],
  });
  const reply = h.replyText(
    await h.cx('UALICE', 'new Feedback loop start:2025-03-02 lead:service with:sales'),
  );
  const id = Number(/I-(\d+)/.exec(reply)?.[1]);
  await h.cx('UALICE', `metric I-${id} customer "NPS" 30 -> 45`);
  await h.cx('UALICE', `metric I-${id} business "Cost to serve" 12€ -> 9€`);
  await runAt('2026-03-02');
  expect(sql(`select kind, status from metric_checks`)).toContainEqual({ kind: '12m', status: 'asked' });
  return id;
}

async function twelveMonthVerdict(): Promise<number> {
  const id = await twelveMonthCheckAsked();
  await h.cx('UALICE', `check I-${id} customer=46 business=8`);
  await h.drain();
  return id;
}

/** The 12-month verdict of an initiative that still has an open action. */
async function verdictWithAnOpenAction(): Promise<number> {
  const id = await twelveMonthCheckAsked();
  await h.cx('UALICE', `log I-${id} Last survey round due:2026-03-20`);
  await h.cx('UALICE', `check I-${id} customer=46 business=8`);
  await h.drain();
  return id;
}

const showAs = async (userId: string, id: number) =>
  JSON.stringify((await h.cx(userId, `show I-${id}`, CHANNELS.service)).body);

/** Presses a button of the viewer's latest `/cx show` reply and returns the bot's answer to the press. */
async function pressOnShow(userId: string, actionId: string, value: string): Promise<string> {
  const seen = h.emulator.ephemerals.length;
  await pressEphemeralButton(h.emulator, userId, CHANNELS.service, actionId, value);
  return eventually(() => h.emulator.ephemerals.slice(seen).find((e) => e.user === userId)?.text);
}

describe('/cx show I-n while a 12-month verdict waits for recommit or close', () => {
  it('offers the decision to its owner and the admins, not to others; decided there, it is gone', async () => {
    const id = await twelveMonthVerdict();
    expect(await showAs('UALICE', id)).toContain(ACTION.metricRecommit);
    expect(await showAs('UADMIN', id)).toContain(ACTION.metricClose);
    const others = await showAs('UBOB', id);
    expect(others).not.toContain(ACTION.metricRecommit);
    expect(others).not.toContain('Twelve months in');
    // Everyone sees that it waits; the owner sees it on their Home too.
    const waiting = "12-month check 2026-03-02: pass · waiting for the owner's decision: recommit or close";
    expect(others).toContain(waiting);
    expect(JSON.stringify((await openHomeTab(h.emulator, 'UALICE')).blocks)).toContain(waiting);

    await showAs('UALICE', id);
    expect(await pressOnShow('UALICE', ACTION.metricRecommit, `I-${id}:2026-03-02`)).toMatch(
      /next check is on/,
    );
    expect(sql(`select kind, status from metric_checks where kind = 'recommit'`)).toEqual([
      { kind: 'recommit', status: 'scheduled' },
    ]);
    const after = await showAs('UALICE', id);
    expect(after).not.toContain(ACTION.metricRecommit);
    expect(after).toContain('12-month check 2026-03-02: pass · recommitted');
    expect(after).not.toContain('waiting for the owner');
  });
});

describe('an initiative handed over while its verdict waits for a decision', () => {
  it('tells the new owner the decision is theirs, and where; they make it from /cx show', async () => {
    const id = await twelveMonthVerdict();
    await showAs('UALICE', id);
    const viewId = await pressOnEphemeral(h.emulator, 'UALICE', CHANNELS.service, ACTION.handOver, `I-${id}`);
    await h.emulator.viewSubmission({ userId: 'UALICE', viewId, values: { owner: 'UBOB' } });
    await h.drain();
    const dm = await eventually(() => h.emulator.dms('UBOB').find((m) => /handed you/.test(m.text)));
    expect(JSON.stringify(dm.blocks)).toContain(
      `The verdict of its 12-month check waits for a decision, now yours: *Recommit* or *Close initiative* in \`/cx show I-${id}\`.`,
    );
    // The previous owner's DM still has the buttons, but the decision is no longer theirs to make.
    expect(await showAs('UALICE', id)).not.toContain(ACTION.metricRecommit);

    expect(await showAs('UBOB', id)).toContain(ACTION.metricClose);
    await pressOnShow('UBOB', ACTION.metricClose, `I-${id}:2026-03-02`);
    expect(sql(`select status from initiatives where id = ${id}`)).toEqual([{ status: 'closed' }]);
  });
});

describe('a verdict DM that cannot reach an owner who left', () => {
  it('tells the admins the decision waits, and where to make it or hand the initiative over', async () => {
    const id = await twelveMonthCheckAsked();
    h.emulator.deactivateUser('UALICE');
    // Two weeks without values: the verdict is "no data", and the owner is asked to decide.
    await runAt('2026-03-16');
    const notice = await eventually(() =>
      h.emulator.dms('UADMIN').find((m) => /could not send <@UALICE>/.test(m.text)),
    );
    expect(notice.text).toContain(
      `The verdict of I-${id} waits for their decision: recommit or close it yourself in \`/cx show I-${id}\`, or give it a new owner with *Hand over* there.`,
    );
    const rows = await eventually(() => {
      const r = sql<{ status: string }>(`select status from outbox where kind = 'metric_verdict_owner'`);
      return r[0]?.status === 'expired' ? r : undefined;
    });
    expect(rows).toEqual([{ status: 'expired' }]);
    expect(await showAs('UADMIN', id)).toContain(ACTION.metricRecommit);
  });
});

describe('the weekly digest', () => {
  it('lists an initiative whose verdict waits for a decision, with its owner and where to decide, until someone decides', async () => {
    const id = await twelveMonthVerdict();
    const scheduler = createScheduler({
      ctx: h.bot.ctx,
      jobs: [digestJob],
      logger: quietLogger(),
      cron: false,
    });
    const digestOn = async (friday: string) => {
      const at = new Date(`${friday}T14:00:00Z`);
      h.clock.set(at);
      expect(await scheduler.runNow('digest', at)).toMatchObject({ status: 'done' });
      await h.drain();
      return JSON.stringify(h.emulator.messages(CHANNELS.service));
    };
    const heading = 'A decision is due.';
    const first = await digestOn('2026-03-06');
    expect(first).toContain(heading);
    // The top post says so too: it shows without opening the thread.
    expect(first).toContain('*1 decision due*');
    expect(first).toContain(`*I-${id}* Feedback loop · <@UALICE> → \`/cx show I-${id}\``);

    await showAs('UALICE', id);
    await pressOnShow('UALICE', ACTION.metricRecommit, `I-${id}:2026-03-02`);
    const second = await digestOn('2026-03-13');
    // The next week's digest came, without the part: the heading is only last week's.
    expect(second.length).toBeGreaterThan(first.length);
    expect(second.split(heading)).toHaveLength(2);
    expect(second.split('*1 decision due*')).toHaveLength(2);
  });
});

describe('the App Home while a verdict waits for a decision', () => {
  /** Presses `actionId` in `userId`'s Home under the decision of I-`id`; the republished Home. */
  async function pressInHome(userId: string, actionId: string, id: number) {
    const view = await openHomeTab(h.emulator, userId);
    const before = h.emulator.homeViews(userId).length;
    await h.emulator.blockAction({ userId, actionId, viewId: view.id, blockId: `decide_${id}` });
    const after = await eventually(
      () => h.emulator.homeViews(userId).length > before && h.emulator.homeView(userId),
    );
    return JSON.stringify(after.blocks);
  }

  it('offers its owner Recommit and Close there; pressed, it is decided and the Home says so', async () => {
    const id = await twelveMonthVerdict();
    const home = JSON.stringify((await openHomeTab(h.emulator, 'UALICE')).blocks);
    expect(home).toContain(ACTION.metricRecommit);
    expect(home).toContain(ACTION.metricClose);
    expect(home).toContain(`I-${id}:2026-03-02`);

    const after = await pressInHome('UALICE', ACTION.metricRecommit, id);
    expect(after).toMatch(/next check is on/);
    expect(after).not.toContain(ACTION.metricRecommit);
    expect(after).toContain('12-month check 2026-03-02: pass · recommitted');
    expect(sql(`select kind, status from metric_checks where kind = 'recommit'`)).toEqual([
      { kind: 'recommit', status: 'scheduled' },
    ]);
  });

  it('Close of an initiative with open actions closes nothing and says how to close it with them', async () => {
    const id = await verdictWithAnOpenAction();

    const after = await pressInHome('UALICE', ACTION.metricClose, id);
    expect(after).toContain(`/cx close I-${id}`);
    expect(after).toContain(ACTION.metricClose);
    expect(sql(`select status from initiatives where id = ${id}`)).toEqual([{ status: 'active' }]);
    expect(sql(`select decision from metric_checks where kind = '12m'`)).toEqual([{ decision: null }]);
  });

  it('a stale Home: decided meanwhile elsewhere, the press says so and the buttons go', async () => {
    const id = await twelveMonthVerdict();
    const view = await openHomeTab(h.emulator, 'UALICE');
    await showAs('UALICE', id);
    expect(await pressOnShow('UALICE', ACTION.metricClose, `I-${id}:2026-03-02`)).toMatch(/closed/i);
    const before = h.emulator.homeViews('UALICE').length;
    await h.emulator.blockAction({
      userId: 'UALICE',
      actionId: ACTION.metricRecommit,
      viewId: view.id,
      blockId: `decide_${id}`,
    });
    const after = await eventually(
      () => h.emulator.homeViews('UALICE').length > before && h.emulator.homeView('UALICE'),
    );
    const text = JSON.stringify(after.blocks);
    expect(text).toContain(`I-${id}* was already closed on 2026-03-02`);
    expect(text).not.toContain(ACTION.metricRecommit);
    expect(sql(`select decision from metric_checks where kind = '12m'`)).toEqual([{ decision: 'close' }]);
  });
});

describe('the verdict DM once the decision is made elsewhere', () => {
  /** The owner's verdict DM with Recommit / Close, as Slack now shows it. */
  const verdictDm = () =>
    h.emulator.dms('UALICE').find((m) => /12-month check of I-\d+: pass/.test(m.text) && m.blocks?.length);

  it('an admin recommits from /cx show: the owner’s DM says who did, and its buttons are gone', async () => {
    const id = await twelveMonthVerdict();
    expect(JSON.stringify(verdictDm()?.blocks)).toContain(ACTION.metricRecommit);
    await showAs('UADMIN', id);
    expect(await pressOnShow('UADMIN', ACTION.metricRecommit, `I-${id}:2026-03-02`)).toMatch(/next check/);
    const dm = await eventually(() => {
      const blocks = JSON.stringify(verdictDm()?.blocks);
      return !blocks.includes(ACTION.metricRecommit) && blocks;
    });
    expect(dm).toContain(':white_check_mark: Recommitted by <@UADMIN> on 2026-03-02.');
    expect(dm).not.toContain(ACTION.metricClose);
  });

  it('Close in the DM with open actions, then "Close and drop": the DM says it was closed', async () => {
    const id = await verdictWithAnOpenAction();
    const confirm = await pressAndAnswer(h.emulator, 'UALICE', ACTION.metricClose, verdictDm());
    expect(JSON.stringify(confirm.blocks)).toContain(ACTION.closeInitiativeDrop);
    // Nothing decided yet: the DM keeps its buttons until the close is confirmed.
    expect(JSON.stringify(verdictDm()?.blocks)).toContain(ACTION.metricClose);
    await pressAndAnswer(h.emulator, 'UALICE', ACTION.closeInitiativeDrop, confirm);
    const after = await eventually(() => {
      const blocks = JSON.stringify(verdictDm()?.blocks);
      return !blocks.includes(ACTION.metricClose) && blocks;
    });
    expect(after).toContain(':white_check_mark: Closed by <@UALICE> on 2026-03-02.');
    expect(sql(`select status from initiatives where id = ${id}`)).toEqual([{ status: 'closed' }]);
  });

  it('/cx close: the owner’s DM says it was closed, in the owner’s language', async () => {
    const id = await twelveMonthVerdict();
    await h.cx('UALICE', 'lang de');
    await h.cx('UADMIN', `close I-${id} Goal reached`);
    const dm = await eventually(() => {
      const blocks = JSON.stringify(verdictDm()?.blocks);
      return !blocks.includes(ACTION.metricClose) && blocks;
    });
    expect(dm).toContain('Abgeschlossen von <@UADMIN> am');
    expect(sql(`select decision from metric_checks where kind = '12m'`)).toEqual([{ decision: 'close' }]);
  });
});
