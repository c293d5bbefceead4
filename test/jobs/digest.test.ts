import type { KnownBlock } from '@slack/types';
import { afterEach, describe, expect, it } from 'vitest';
import { digestJob } from '../../src/jobs/digest.js';
import { startBot } from '../../src/runtime/bot.js';
import type { EmuMessage } from '../../src/sandbox/emulator/index.js';
import { count } from '../support/count.js';
import { CHANNELS, type Harness, quietLogger, startHarness } from '../support/harness.js';
import { daysBefore, seedAction, seedInitiative } from '../support/seed.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const ZONE = 'Europe/Berlin';
/** Friday 6 March 2026, 14:00 in Berlin (CET): the digest moment of week 2026-W10. */
const FRIDAY = new Date('2026-03-06T13:00:00Z');

async function start(now: Date, databasePath?: string): Promise<Harness> {
  h = await startHarness({ now, timeZone: ZONE, jobs: [digestJob], databasePath });
  return h;
}

async function runAt(harness: Harness, at: Date) {
  harness.clock.set(at);
  const outcomes = await harness.bot.scheduler.tick(at);
  await harness.drain();
  return outcomes;
}

const text = (m: EmuMessage | undefined) => `${m?.text ?? ''}\n${JSON.stringify(m?.blocks ?? [])}`;
/** Top-level messages (a parent with replies carries its own ts as thread_ts, as in Slack). */
const parents = (harness: Harness, channel: string) =>
  harness.emulator.messages(channel).filter((m) => !m.thread_ts || m.thread_ts === m.ts);
const replies = (harness: Harness, channel: string, parent: EmuMessage | undefined) =>
  harness.emulator.messages(channel).filter((m) => parent && m.thread_ts === parent.ts && m.ts !== parent.ts);
const sqlCount = (harness: Harness, sql: string) => count(harness.bot.handle.sqlite, sql);

function seedWeek(harness: Harness) {
  const db = harness.bot.handle.sqlite;
  const crm = seedInitiative(db, {
    title: 'One view of the customer',
    tier: 'essential',
    depts: ['marketing', 'sales'],
  });
  const portal = seedInitiative(db, { title: 'Self-service portal', depts: ['it'] });
  const pricing = seedInitiative(db, { title: 'Clear pricing page', depts: ['sales'] });
  const wed = new Date('2026-03-04T10:00:00Z');
  const ids = {
    crm,
    portal,
    pricing,
    win1: seedAction(db, {
      initiativeId: crm,
      title: 'Merge the contact lists',
      ownerId: 'UANN',
      status: 'done',
      lastActivityAt: wed,
      completedAt: wed,
      createdAt: daysBefore(wed, 10),
    }),
    win2: seedAction(db, {
      initiativeId: portal,
      title: 'Pick the portal vendor',
      dept: 'it',
      ownerId: 'UBEN',
      status: 'done',
      lastActivityAt: wed,
      completedAt: new Date('2026-03-05T10:00:00Z'),
      createdAt: new Date('2026-03-02T10:00:00Z'),
    }),
    oldWin: seedAction(db, {
      initiativeId: portal,
      title: 'Last week',
      dept: 'it',
      status: 'done',
      lastActivityAt: daysBefore(wed, 7),
      completedAt: daysBefore(wed, 7),
    }),
    blocked: seedAction(db, {
      initiativeId: crm,
      title: 'Sign the data agreement',
      dept: 'sales',
      ownerId: 'UCAT',
      status: 'blocked',
      blockedReason: 'waiting for legal',
      lastActivityAt: daysBefore(wed, 2),
    }),
    stalled: seedAction(db, {
      initiativeId: portal,
      title: 'Write the portal FAQ',
      dept: 'it',
      ownerId: 'UBEN',
      lastActivityAt: daysBefore(FRIDAY, 10),
    }),
    dueNext: seedAction(db, {
      initiativeId: crm,
      title: 'Train the sales team',
      ownerId: 'UANN',
      dueDate: '2026-03-10',
      lastActivityAt: daysBefore(FRIDAY, 1),
    }),
    pricingBlocked: seedAction(db, {
      initiativeId: pricing,
      title: 'Agree on tiers',
      dept: 'sales',
      ownerId: 'UCAT',
      status: 'blocked',
      blockedReason: 'finance review',
      lastActivityAt: daysBefore(FRIDAY, 3),
    }),
  };
  return ids;
}

describe('weekly digest', () => {
  it('Friday 14:00: a short parent and the detail in its thread, in every bound department channel and the hub', async () => {
    const harness = await start(new Date('2026-03-02T08:00:00Z'));
    const ids = seedWeek(harness);
    expect(await runAt(harness, new Date(FRIDAY.getTime() - 60_000))).toEqual([]);
    expect(await runAt(harness, FRIDAY)).toMatchObject([
      { job: 'digest', period: '2026-W10', status: 'done' },
    ]);

    for (const channel of Object.values(CHANNELS)) {
      const [parent, ...others] = parents(harness, channel);
      expect(others, channel).toHaveLength(0);
      expect(parent?.text, channel).toMatch(/^Weekly progress for .*2026-W10/);
      expect((parent?.blocks ?? []).length).toBeLessThanOrEqual(50);
      const thread = replies(harness, channel, parent);
      expect(thread.length, channel).toBeGreaterThanOrEqual(4);
      for (const reply of thread) expect(reply.text, channel).not.toBe('');
    }

    // Marketing: its own numbers and the company's; essentials with progress bars.
    const marketing = parents(harness, CHANNELS.marketing)[0];
    expect(text(marketing)).toContain('*Marketing*: :white_check_mark: 1 done');
    expect(text(marketing)).toContain(
      '*Across the company*: :white_check_mark: 2 done · :new: 4 new · :hourglass: 1 stalled · :no_entry: 2 blocked',
    );
    expect(text(marketing)).toContain(`*I-${ids.crm}* One view of the customer`);
    expect(text(marketing)).toContain('▓');
    // The top post names what its thread holds, with totals: a reader of only the top knows what is in it.
    expect(text(parents(harness, CHANNELS.hub)[0])).toContain(
      ':thread: In the thread: 2 wins, 3 stalled or blocked, 1 due next week, 2 initiatives without a next step, 3 initiatives without both metrics and progress by initiative.',
    );

    const thread = (channel: string) => replies(harness, channel, parents(harness, channel)[0]).map(text);
    const part = (channel: string, heading: string) => thread(channel).find((t) => t.includes(heading)) ?? '';

    // Wins by initiative, this week only; a department channel leads with its own work.
    const itWins = part(CHANNELS.it, 'Wins of the week');
    expect(itWins).toContain(`A-${ids.win2}* Pick the portal vendor`);
    expect(itWins).not.toContain('Last week');
    expect(itWins.indexOf(`I-${ids.portal}`)).toBeLessThan(itWins.indexOf(`I-${ids.crm}`));
    expect(itWins).toContain('_In IT_');
    expect(itWins).toContain('_Across the company_');
    const marketingWins = part(CHANNELS.marketing, 'Wins of the week');
    expect(marketingWins.indexOf(`I-${ids.crm}`)).toBeLessThan(marketingWins.indexOf(`I-${ids.portal}`));

    // Stalled and blocked, with owners and reasons.
    const attention = part(CHANNELS.hub, 'Stalled and blocked');
    expect(attention).toContain(
      `A-${ids.blocked}* Sign the data agreement · <@UCAT> · blocked: waiting for legal`,
    );
    expect(attention).toContain(`A-${ids.stalled}* Write the portal FAQ · <@UBEN> · no update for 10 days`);
    expect(attention).toContain('finance review');
    // The hub has no department: essentials first.
    expect(attention.indexOf(`A-${ids.blocked}`)).toBeLessThan(attention.indexOf(`A-${ids.stalled}`));

    // Due next week, and the initiatives with no concrete next step.
    expect(part(CHANNELS.sales, 'Due next week')).toContain(
      `A-${ids.dueNext}* Train the sales team · <@UANN> · due 2026-03-10`,
    );
    const next = part(CHANNELS.sales, 'No concrete next step');
    expect(next).toContain('Translate it: log an action');
    expect(next).toContain(`I-${ids.pricing}`);
    expect(next).toContain(`I-${ids.portal}`);
    expect(next).not.toContain(`I-${ids.crm}*`);
    expect(next.indexOf(`I-${ids.pricing}`)).toBeLessThan(next.indexOf(`I-${ids.portal}`));
    expect(part(CHANNELS.service, 'Progress by initiative')).toContain('(1/3)');

    // Twice for the same week: nothing more.
    const posted = harness.emulator.callsTo('chat.postMessage').length;
    expect(await runAt(harness, FRIDAY)).toEqual([]);
    expect(await harness.bot.scheduler.runNow('digest', new Date('2026-03-07T10:00:00Z'))).toMatchObject({
      status: 'already_done',
    });
    await harness.drain();
    expect(harness.emulator.callsTo('chat.postMessage').length).toBe(posted);
    expect(sqlCount(harness, `outbox where status != 'sent'`)).toBe(0);
  });

  it('100 initiatives and 10,000 actions: within Block Kit limits, saying how much was left out', async () => {
    const harness = await start(new Date('2026-02-23T08:00:00Z'));
    const db = harness.bot.handle.sqlite;
    const depts = ['marketing', 'sales', 'service', 'it'] as const;
    const wed = new Date('2026-03-04T10:00:00Z').getTime();
    db.transaction(() => {
      for (let n = 1; n <= 100; n++) {
        const lead = depts[n % 4] ?? 'it';
        const id = seedInitiative(db, {
          title: `Initiative ${n} ${'with a long and descriptive title '.repeat(2)}`,
          tier: n <= 3 ? 'essential' : 'important',
          depts: [lead, depts[(n + 1) % 4] ?? 'it'],
        });
        for (let k = 0; k < 100; k++) {
          const kind = k % 5;
          seedAction(db, {
            initiativeId: id,
            title: `Step ${k} of initiative ${n}: ${'make it concrete '.repeat(3)}`,
            ownerId: `U${String((n * 7 + k) % 300).padStart(4, '0')}`,
            dept: depts[k % 4] ?? 'it',
            status: kind === 0 ? 'done' : kind === 1 ? 'blocked' : 'open',
            blockedReason: kind === 1 ? 'waiting for a decision from the steering group' : null,
            dueDate: kind === 2 ? '2026-03-11' : kind === 3 ? '2026-03-01' : null,
            lastActivityAt: new Date(wed - (k % 20) * 86_400_000),
            completedAt: kind === 0 ? new Date(wed) : null,
            createdAt: new Date(wed - 86_400_000),
          });
        }
      }
    })();
    await runAt(harness, FRIDAY);
    expect(sqlCount(harness, `outbox where status = 'dead'`)).toBe(0);
    // Parent, wins, stalled and blocked, due next week, progress (every initiative has a next step).
    // Per channel: the parent and five thread replies (wins, attention, due, without metrics, progress).
    expect(sqlCount(harness, `outbox where status = 'sent'`)).toBe(5 * 6);
    const failed = harness.emulator.callsTo('chat.postMessage').filter((c) => !c.ok);
    expect(failed).toEqual([]);
    for (const channel of Object.values(CHANNELS)) {
      const all = harness.emulator.messages(channel);
      expect(all).toHaveLength(6);
      for (const m of all) {
        const blocks = (m.blocks ?? []) as KnownBlock[];
        expect(blocks.length).toBeLessThanOrEqual(50);
        for (const b of blocks) {
          if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
        }
        expect(m.text.length).toBeLessThanOrEqual(40_000);
      }
      const parent = parents(harness, channel)[0];
      const thread = replies(harness, channel, parent).map(text);
      // 2,000 wins, 6,000 stalled or blocked (blocked 2,000 + idle/overdue open), 2,000 due next week, 100 initiatives.
      const more = (heading: string) =>
        /…and ([\d,]+) more\. See `\/cx list/
          .exec(thread.find((t) => t.includes(heading)) ?? '')?.[1]
          ?.replaceAll(',', '');
      // Six initiatives with five of their 20 wins each and "…and 15 more" under them; the rest counted at the end.
      expect(Number(more('Wins of the week'))).toBe(2000 - 6 * 20);
      expect(Number(more('Due next week'))).toBe(2000 - 30);
      expect(Number(more('Progress by initiative'))).toBe(100 - 30);
      // None of the 100 seeded initiatives has metrics: 30 listed, the rest counted.
      expect(Number(more('How will we know?'))).toBe(100 - 30);
      const attention = sqlCount(
        harness,
        `actions where status = 'blocked' or (status = 'open' and (last_activity_at <= ${FRIDAY.getTime() - 7 * 86_400_000} or due_date < '2026-03-06'))`,
      );
      expect(Number(more('Stalled and blocked'))).toBe(attention - 30);
      if (channel !== CHANNELS.hub)
        expect(thread.join('\n')).toMatch(/`\/cx list (marketing|sales|service|it)`/);
    }
  });

  it('down over a Friday: the digest runs once at start-up afterwards, not once per missed week', async () => {
    const harness = await start(new Date('2026-03-02T08:00:00Z'));
    seedWeek(harness);
    const config = harness.config;
    await harness.bot.stop();

    // Back on Tuesday 24 March, 09:00 in Berlin: Fridays 6, 13 and 20 March were missed; only the last is
    // caught up — queued at start-up, posted once working hours begin at 09:30 (it mentions people).
    harness.clock.set(new Date('2026-03-24T08:00:00Z'));
    harness.bot = await startBot(config, { clock: harness.clock, logger: quietLogger(), jobs: [digestJob] });
    await harness.bot.scheduler.idle();
    await harness.drain();
    for (const channel of Object.values(CHANNELS)) expect(parents(harness, channel)).toHaveLength(0);
    await runAt(harness, new Date('2026-03-24T08:30:00Z'));
    for (const channel of Object.values(CHANNELS)) {
      const all = parents(harness, channel);
      expect(all.map((m) => /2026-W\d+/.exec(m.text)?.[0])).toEqual(['2026-W12']);
    }

    // Another restart the same day: nothing more.
    await harness.bot.stop();
    harness.bot = await startBot(config, { clock: harness.clock, logger: quietLogger(), jobs: [digestJob] });
    await harness.bot.scheduler.idle();
    await harness.drain();
    for (const channel of Object.values(CHANNELS)) expect(parents(harness, channel)).toHaveLength(1);
  });

  it('a fresh install does not post last week’s digest', async () => {
    const harness = await start(new Date('2026-03-07T09:00:00Z')); // Saturday
    seedWeek(harness);
    await harness.bot.scheduler.idle();
    expect(await runAt(harness, new Date('2026-03-07T10:00:00Z'))).toEqual([]);
    expect(harness.emulator.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('posts nothing when no channel is bound', async () => {
    h = await startHarness({
      now: new Date('2026-03-02T08:00:00Z'),
      timeZone: ZONE,
      jobs: [digestJob],
      bind: [],
    });
    seedWeek(h);
    expect(await runAt(h, FRIDAY)).toMatchObject([{ status: 'done', summary: '0 digest messages queued' }]);
    expect(h.emulator.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('/cx setup show lists the schedules in CX_TIMEZONE', async () => {
    h = await startHarness({ now: new Date('2026-03-02T08:00:00Z'), timeZone: ZONE, admins: ['UADMIN'] });
    const show = h.replyText(await h.cx('UADMIN', 'setup show'));
    expect(show).toContain('(Europe/Berlin)');
    expect(show).toContain('`reminders` every 30 minutes');
    expect(show).toContain('`digest` Fridays 14:00');
  });
});

describe('digest and the 6–12-month test', () => {
  it('flags initiatives without both metrics ("how will we know?") and not those with both', async () => {
    const harness = await start(new Date('2026-03-02T08:00:00Z'));
    const db = harness.bot.handle.sqlite;
    const measured = seedInitiative(db, { title: 'Measured one', depts: ['it'] });
    const unmeasured = seedInitiative(db, { title: 'Unmeasured one', depts: ['it'] });
    db.prepare(
      `update initiatives set customer_metric_name = 'NPS', customer_baseline = 20, customer_target = 35,
       business_metric_name = 'Churn', business_baseline = 8, business_target = 5 where id = ?`,
    ).run(measured);
    db.prepare(
      `update initiatives set customer_metric_name = 'CSAT', customer_baseline = 70, customer_target = 80 where id = ?`,
    ).run(unmeasured);
    await runAt(harness, FRIDAY);
    const parent = parents(harness, CHANNELS.it)[0];
    const flagged = replies(harness, CHANNELS.it, parent).find((m) => text(m).includes('How will we know?'));
    expect(flagged).toBeDefined();
    expect(text(flagged)).toContain(`I-${unmeasured}`);
    expect(text(flagged)).toContain('no business metric');
    expect(text(flagged)).not.toContain(`I-${measured}*`);
  });
});
