/**
 * Messages people want to get (issue 12), through signed HTTP and the Slack emulator: a mention typed in a
 * block reason shows as a mention in the reply, in `/cx show` and in the App Home; history entries are
 * moments each reader sees in their own zone; `/cx mine` and the Home say how late an overdue action is,
 * in the reminder's words; counts agree with their number; the Log action modal's date error is about
 * due dates.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIELD } from '../../src/slack/ids.js';
import { type Harness, openedView, openHomeTab, startHarness, submitLogModal } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ now: new Date('2026-03-02T10:00:00Z'), jobs: [] });
});
afterEach(async () => {
  await h.stop();
});

/** Everything a reply shows: its fallback text and its blocks. */
async function reply(userId: string, text: string): Promise<string> {
  const result = await h.cx(userId, text);
  expect(result.status).toBe(200);
  const body = result.body as { text?: string; blocks?: unknown };
  return `${body.text ?? ''}\n${JSON.stringify(body.blocks ?? [])}`;
}

async function openHome(userId: string): Promise<string> {
  return JSON.stringify((await openHomeTab(h.emulator, userId)).blocks);
}

describe('words and times in replies and the Home', () => {
  it('a mention typed in a block reason shows as a mention in the reply, /cx show and the Home', async () => {
    await h.cx('UALICE', 'new Faster onboarding lead:service');
    await h.cx('UALICE', 'log I-1 Get CRM access due:2026-03-20');
    const blocked = await reply('UALICE', 'block A-1 Waiting for CRM admin rights from <@ULIAM|liam>');
    expect(blocked).toContain('Waiting for CRM admin rights from <@ULIAM>');
    expect(blocked).not.toContain('|liam>');

    const show = await reply('UALICE', 'show A-1');
    expect(show).toContain('Blocked: Waiting for CRM admin rights from <@ULIAM>');
    expect(show).not.toContain('|liam>');
    // Each history entry is a moment in the reader's zone (fallback in CX_TIMEZONE), not a UTC text.
    expect(show).toContain('<!date^1772445600^{date_short_pretty} {time}|Mon, 2 Mar 2026, 10:00 (UTC)>');
    expect(show).not.toMatch(/2026-03-02 10:00/);
    // The title once: the header repeated it before.
    expect(show.split('Get CRM access')).toHaveLength(3); // the fallback text and the first line

    const initiative = await reply('UALICE', 'show I-1');
    expect(initiative).toContain('<!date^1772445600^');
    expect(initiative).toContain('_blocked_');

    const home = await openHome('UALICE');
    expect(home).toContain('_blocked_: Waiting for CRM admin rights from <@ULIAM>');
    expect(home).not.toContain('|liam>');
    expect(home).toMatch(/Updated <!date\^\d+\^\{date_short_pretty\} \{time\}\|[^>]*\(UTC\)>/);
  });

  it('/cx mine and the Home say how late an overdue action is, as the reminder does', async () => {
    await h.cx('UALICE', 'new Faster onboarding lead:service');
    await h.cx('UALICE', 'log I-1 Draft the FAQ due:2026-03-05');
    await h.cx('UALICE', 'log I-1 Later step due:2026-04-01');
    expect(await reply('UALICE', 'mine')).not.toContain('late');

    h.clock.set(new Date('2026-03-12T10:00:00Z'));
    const mine = await reply('UALICE', 'mine');
    // Her own list does not name her on every line (it did: "· <@UALICE> ·").
    expect(mine).toContain('*A-1* Draft the FAQ · due 2026-03-05, 7 days late');
    expect(mine).toContain('*A-2* Later step · due 2026-04-01');
    expect(mine).not.toContain('<@UALICE>');
    expect(mine).not.toMatch(/2026-04-01, \d+ days? late/);
    const home = await openHome('UALICE');
    expect(home).toContain('*A-1* Draft the FAQ · due 2026-03-05, 7 days late');
    // An undated open action of her own is its reference and title alone.
    await h.cx('UALICE', 'log I-1 Someday step');
    expect(await reply('UALICE', 'mine')).toContain('*A-3* Someday step\\n_I-1 Faster onboarding_');

    h.clock.set(new Date('2026-03-06T10:00:00Z'));
    expect(await reply('UALICE', 'mine')).toContain('due 2026-03-05, 1 day late');
  });

  it('counts agree with their number', async () => {
    await h.cx('UALICE', 'new Faster onboarding lead:service');
    const one = await reply('UBOB', 'list');
    expect(one).toContain('1 active initiative, essentials first');
    expect(one).not.toContain('(s)');
    await h.cx('UALICE', 'new Fewer tickets lead:it');
    expect(await reply('UBOB', 'list')).toContain('2 active initiatives, essentials first');

    await h.cx('UALICE', 'log I-1 Draft the FAQ');
    expect(await reply('UALICE', 'snooze A-1 1')).toContain('snoozed for 1 day.');
    expect(await reply('UALICE', 'snooze A-1')).toContain('snoozed for 3 days.');
  });

  it('the Log action modal’s date error is about due dates, not start dates', async () => {
    await h.cx('UALICE', 'new Faster onboarding lead:service');
    const past = await submitLogModal(h, 'UALICE', {
      [FIELD.initiative]: '1',
      [FIELD.title]: 'Draft the FAQ',
      [FIELD.due]: '2026-03-01',
    });
    expect(past.viewClosed).toBe(false);
    const error = (past.body as { errors: Record<string, string> }).errors[FIELD.due];
    expect(error).toBe('Pick a due date between today and 5 years ahead.');
    expect(error).not.toMatch(/start/);
  });

  it('the New initiative modal’s date error is about start dates', async () => {
    const before = h.emulator.callsTo('views.open').length;
    await h.cx('UALICE', 'new');
    const viewId = await openedView(h.emulator, 'UALICE', before);
    const old = await h.emulator.viewSubmission({
      userId: 'UALICE',
      viewId,
      values: { [FIELD.title]: 'Old one', lead: 'sales', [FIELD.start]: '2019-01-01' },
    });
    const error = (old.body as { errors: Record<string, string> }).errors[FIELD.start];
    expect(error).toBe('Pick a start date between 5 years ago and 1 year ahead.');
  });
});
