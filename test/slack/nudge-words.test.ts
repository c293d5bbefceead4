/**
 * Issue 12, the words of reminder DMs, Monday lists and digests: counts through count() (no "1 action …
 * need", no "(s)"), overdue written one way everywhere ("due 2026-12-14, 358 days late"), a greeting that
 * fits the reader's hour, and an escalation that says why it came (three unanswered reminders).
 */
import { describe, expect, it } from 'vitest';
import type { NudgeAction, ReminderPayload } from '../../src/domain/payloads/nudges.js';
import type { StallReason } from '../../src/domain/reminder-plan.js';
import { nudges } from '../../src/slack/messages/en-nudges.js';
import { digestDetailMessage } from '../../src/slack/views/digest.js';
import { reminderMessage, stalledListMessage } from '../../src/slack/views/reminder.js';

const action = (id: number, reason: StallReason): NudgeAction => ({
  id,
  title: `Step ${id}`,
  ownerId: 'UANN',
  dueDate: reason.kind === 'overdue' ? reason.dueDate : null,
  initiative: { id: 1, title: 'Faster answers', tier: 'important' },
  reason,
});
const idle = (days: number): StallReason => ({ kind: 'idle', idleDays: days });

function reminder(over: Partial<ReminderPayload>): ReminderPayload {
  const own = over.own ?? [action(1, idle(9))];
  return {
    recipientId: 'UANN',
    localDay: '2026-03-10',
    own,
    ownTotal: own.length,
    escalations: [],
    escalationTotal: 0,
    ...over,
  };
}
const all = (m: { text: string; blocks: unknown }) => `${m.text}\n${JSON.stringify(m.blocks)}`;

describe('counts read right for one and for many', () => {
  it('reminder DM: "1 action of yours needs", "2 actions of yours need"', () => {
    expect(reminderMessage(reminder({})).text).toContain('1 action of yours needs a next step');
    const two = reminder({ own: [action(1, idle(9)), action(2, idle(8))] });
    expect(reminderMessage(two).text).toContain('2 actions of yours need a next step');
    expect(all(reminderMessage(two))).toContain('2 of your actions have stalled');
    expect(all(reminderMessage(reminder({})))).toContain('One of your actions has stalled');
  });

  it('days: "1 day", "9 days"; Monday list: "1 action stalled"; snooze: "1 day"', () => {
    expect(nudges.reason(idle(1))).toBe('no update for 1 day');
    expect(nudges.reason(idle(9))).toBe('no update for 9 days');
    const list = stalledListMessage({
      dept: 'sales',
      date: '2026-03-09',
      items: [action(1, idle(9))],
      total: 1,
    });
    expect(list.text).toBe('Monday check-in for Sales: 1 action stalled.');
    expect(nudges.outcome.snoozed('UANN', 1)).toContain('Snoozed for 1 day by');
  });

  it('the digest: "1 win"', () => {
    const m = digestDetailMessage({
      week: '2026-W11',
      scope: 'hub',
      part: 'wins',
      items: [
        {
          initiative: { id: 1, title: 'Faster answers', tier: 'important' },
          actions: [{ id: 1, title: 'Step 1', ownerId: 'UANN' }],
          total: 1,
          own: false,
        },
      ],
      total: 1,
    });
    expect(all(m)).toContain('I-1 Faster answers*: 1 win');
  });

  it('no "(s)" in any of them', () => {
    const texts = [
      all(reminderMessage(reminder({ escalations: [action(3, idle(30))], escalationTotal: 1 }))),
      all(stalledListMessage({ dept: 'it', date: '2026-03-09', items: [action(1, idle(1))], total: 1 })),
    ];
    for (const t of texts) expect(t).not.toContain('(s)');
  });
});

describe('overdue is written one way', () => {
  it('"due 2026-12-14, 358 days late" and "1 day late"', () => {
    expect(nudges.reason({ kind: 'overdue', dueDate: '2026-12-14', daysLate: 358, idleDays: 3 })).toBe(
      'due 2026-12-14, 358 days late',
    );
    expect(nudges.reason({ kind: 'overdue', dueDate: '2026-03-09', daysLate: 1, idleDays: 0 })).toBe(
      'due 2026-03-09, 1 day late',
    );
  });

  it('a blocked action past its date says both', () => {
    const reason: StallReason = {
      kind: 'blocked',
      reason: 'waiting for legal',
      idleDays: 9,
      overdue: { dueDate: '2026-03-02', daysLate: 8 },
    };
    expect(nudges.reason(reason)).toBe('blocked: waiting for legal · due 2026-03-02, 8 days late');
    const dm = all(reminderMessage(reminder({ own: [action(1, reason)] })));
    expect(dm).toContain('due 2026-03-02, 8 days late');
  });
});

describe('the greeting fits the hour', () => {
  it.each([
    ['morning', 'Good morning!'],
    ['afternoon', 'Good afternoon!'],
    [undefined, 'Hello!'],
  ] as const)('%s → %s', (partOfDay, greeting) => {
    const m = reminderMessage(reminder({ partOfDay }));
    const first = JSON.stringify(m.blocks[0]);
    expect(first).toContain(greeting);
    if (partOfDay !== 'morning') expect(all(m)).not.toContain('morning');
  });
});

describe('an escalation says why it came', () => {
  /** A DM with one escalation and nothing of the reader's own. */
  const escalationsOnly = (partOfDay: ReminderPayload['partOfDay']) =>
    reminderMessage(
      reminder({ own: [], ownTotal: 0, escalations: [action(3, idle(30))], escalationTotal: 1, partOfDay }),
    );

  it('three unanswered reminders, once; never "three weeks"', () => {
    const m = escalationsOnly('afternoon');
    const text = all(m);
    expect(text).toContain('Good afternoon!');
    expect(text).toContain('no reply to three reminders');
    expect(text).toContain('<@UANN>');
    expect(m.text).toContain('1 action in initiatives you own got no reply to three reminders');
    expect(text).not.toContain('three weeks');
  });

  it("a DM of escalations only says it once, and its footer speaks of escalations, not of snoozing one's own", () => {
    const m = escalationsOnly('morning');
    const text = JSON.stringify(m.blocks);
    expect(text.match(/no reply to three reminders/gi)).toHaveLength(1);
    expect(text).toContain(
      'Good morning! *Work in initiatives you own got no reply to three reminders* (1).',
    );
    expect(text).not.toContain('Snooze');
    expect(text).toContain('You hear about each action once, in your working hours');
    // With actions of one's own, the footer about one's own reminders stays.
    const mixed = all(
      reminderMessage(
        reminder({
          own: [action(1, idle(9))],
          ownTotal: 1,
          escalations: [action(3, idle(30))],
          escalationTotal: 1,
        }),
      ),
    );
    expect(mixed).toContain('Snooze quiets one action');
  });
});
