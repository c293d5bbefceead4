/**
 * Every public post and DM the bot renders, fed a hostile text in every field a person types (issue 9
 * items 1 and 6): no mass mention, no line of ours forged by a line break, no bidi or control character.
 * Builder-level, so each kind is covered without a scenario per kind (the e2e cases are in
 * test/e2e/text-safety.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { validateBlocks } from '../../src/sandbox/emulator/index.js';
import type { BuiltMessage } from '../../src/slack/views/blocks.js';
import { checkAskMessage, verdictMessage, verdictOwnerMessage } from '../../src/slack/views/check.js';
import { digestDetailMessage, digestMessage } from '../../src/slack/views/digest.js';
import { type painLoggedReply, painPointReply } from '../../src/slack/views/pain-points.js';
import { pollMessage } from '../../src/slack/views/poll.js';
import { reminderMessage, stalledListMessage } from '../../src/slack/views/reminder.js';
import { winMessage } from '../../src/slack/views/render.js';
import { breakdownMessage, resultsMessage } from '../../src/slack/views/results.js';
import {
  EVIL,
  expectShownOnOneLine,
  INVISIBLE,
  expectInert as inert,
  textsOf,
} from '../support/hostile-text.js';

const mrkdwnOf = textsOf;

/** Valid blocks, nothing a person typed can ping or forge a line, and the text is still there. */
function expectInert(m: BuiltMessage) {
  const texts = textsOf(m);
  inert(texts);
  expectShownOnOneLine(texts);
}

const metric = { name: EVIL, baseline: 70, target: 80, unit: '<!channel>\n:two: *FORGED*' };
const nudgeInitiative = { id: 1, title: EVIL, tier: 'essential' as const };
const nudge = (id: number, reason: Parameters<typeof stalledListMessage>[0]['items'][number]['reason']) => ({
  id,
  title: EVIL,
  ownerId: 'UALICE',
  dueDate: '2026-03-10',
  initiative: nudgeInitiative,
  reason,
});
const stalled = [
  nudge(1, { kind: 'blocked', reason: EVIL, idleDays: 3 }),
  nudge(2, { kind: 'overdue', dueDate: '2026-03-01', daysLate: 2, idleDays: 9 }),
  nudge(3, { kind: 'idle', idleDays: 9 }),
];
const initiative = {
  id: 1,
  title: EVIL,
  tier: 'important' as const,
  status: 'active' as const,
  leadDept: 'sales' as const,
  depts: ['sales' as const, 'it' as const],
  ownerId: 'UALICE',
  startDate: '2026-01-01',
  customerMetric: metric,
  businessMetric: { ...metric, unit: '10<!here>' },
  createdBy: 'UALICE',
  createdAt: new Date('2026-01-01T10:00:00Z'),
};

describe('public posts and DMs with a hostile text in every field a person types', () => {
  it('the progress win, with a title, an initiative title and a note', () => {
    const m = winMessage({
      actorId: 'UBOB',
      action: { id: 7, title: EVIL, dept: 'it' },
      initiative: { id: 1, title: EVIL },
      progress: { done: 1, total: 2 },
      note: EVIL,
    } as Parameters<typeof winMessage>[0]);
    expectInert(m);
  });

  it('the weekly digest and every part of its thread', () => {
    const counts = { done: 1, created: 2, stalled: 3, blocked: 4 };
    expectInert(
      digestMessage({
        week: '2026-W10',
        from: '2026-03-02',
        to: '2026-03-08',
        scope: 'sales',
        own: counts,
        all: counts,
        essentials: [{ ...nudgeInitiative, progress: { done: 1, total: 3 } }],
      }),
    );
    const base = { week: '2026-W10', scope: 'sales' as const };
    const parts: Parameters<typeof digestDetailMessage>[0][] = [
      {
        ...base,
        part: 'wins',
        items: [
          {
            initiative: nudgeInitiative,
            actions: [{ id: 1, title: EVIL, ownerId: 'UBOB' }],
            total: 1,
            own: true,
          },
        ],
        total: 1,
      },
      { ...base, part: 'attention', items: stalled.map((a) => ({ ...a, own: true })), total: 3 },
      { ...base, part: 'due', items: stalled.map((a) => ({ ...a, own: false })), total: 3 },
      { ...base, part: 'next_steps', items: [{ ...nudgeInitiative, own: true }], total: 1 },
      {
        ...base,
        part: 'decisions',
        items: [
          { ...nudgeInitiative, own: true, ownerId: 'UALICE' },
          { ...nudgeInitiative, own: false, ownerId: 'UGONE', ownerLeft: true },
        ],
        total: 2,
      },
      {
        ...base,
        part: 'no_metrics',
        items: [{ ...nudgeInitiative, own: true, missing: ['customer'] }],
        total: 1,
      },
      {
        ...base,
        part: 'progress',
        items: [{ ...nudgeInitiative, own: true, progress: { done: 1, total: 2 } }],
        total: 1,
      },
    ];
    for (const p of parts) expectInert(digestDetailMessage(p));
  });

  it('the Monday list and the reminder DM', () => {
    expectInert(stalledListMessage({ dept: 'sales', date: '2026-03-02', items: stalled, total: 3 }));
    expectInert(
      reminderMessage({
        recipientId: 'UALICE',
        localDay: '2026-03-02',
        own: stalled,
        ownTotal: 3,
        escalations: stalled,
        escalationTotal: 3,
      }),
    );
  });

  it('the poll, the results and the breakdown', () => {
    const options = [1, 2].map((position) => ({
      position,
      painPointId: position,
      text: EVIL,
      dept: 'sales' as const,
    }));
    expectInert(
      pollMessage({
        month: '2026-03',
        closesAt: '2026-03-07T10:00:00Z',
        timeZone: 'UTC',
        maxVotes: 3,
        options,
      }),
    );
    const lines = [1, 2].map((rank) => ({
      rank,
      painPointId: rank,
      text: EVIL,
      dept: null,
      votes: 3 - rank,
      adoptable: true,
    }));
    expectInert(resultsMessage({ month: '2026-03', voters: 2, lines }));
    expectInert(
      breakdownMessage({
        month: '2026-03',
        lines: [{ painPointId: 1, text: EVIL, votes: 2, byDept: [{ dept: 'sales', votes: 2 }] }],
      }),
    );
  });

  it('the 6–12-month check DM, the verdict post and the owner’s copy (names and units too)', () => {
    const ask = {
      initiative,
      kind: '6m',
      dueDate: '2026-07-01',
      deadline: '2026-07-15',
      last: { customer: 75, business: null },
    };
    expectInert(checkAskMessage(ask as unknown as Parameters<typeof checkAskMessage>[0]));
    const verdict = {
      initiative,
      kind: '12m',
      dueDate: '2027-01-01',
      verdict: 'partial',
      customer: { metric, value: 75, outcome: 'improved' },
      business: { metric: initiative.businessMetric, value: 12, outcome: 'not_improved' },
      evidence: null,
      decide: true,
    };
    const v = verdictMessage(verdict as unknown as Parameters<typeof verdictMessage>[0]);
    expectInert(v);
    expect(mrkdwnOf(v).join('\n')).toContain('75&lt;!channel&gt; :two: *FORGED*');
    expectInert(verdictOwnerMessage(verdict as unknown as Parameters<typeof verdictOwnerMessage>[0]));
  });

  it('a pain point with nothing visible in it still makes a valid /cx show P-n (no empty section)', () => {
    const at = new Date('2026-03-02T10:00:00Z');
    const painPoint = {
      id: 7,
      text: '\u202e\u0007\n\u2066',
      raisedBy: 'UALICE',
      dept: 'sales',
      channelId: 'C1',
      permalink: null,
      source: 'command',
      status: 'open',
      carriedVotes: 0,
      roundsOn: 0,
      adoptedInitiativeId: null,
      adoptedAt: null,
      createdAt: at,
    } as unknown as Parameters<typeof painLoggedReply>[0]['painPoint'];
    const detail = painPointReply({
      painPoint,
      rounds: [],
      initiative: null,
      history: [],
    } as unknown as Parameters<typeof painPointReply>[0]);
    expect(validateBlocks(detail.blocks, 'message')).toEqual([]);
    expect(mrkdwnOf(detail).join('\n')).not.toMatch(INVISIBLE);
  });
});
