import { describe, expect, it } from 'vitest';
import { localDate, zonedTime } from '../../src/domain/dates.js';
import {
  departmentList,
  departmentListSignature,
  isDepartmentListTime,
  needsEscalation,
  planReminders,
  type RecipientFacts,
  type ReminderCandidate,
  stallReason,
} from '../../src/domain/reminder-plan.js';

const DAY = 86_400_000;
const NOW = new Date('2026-03-10T10:00:00Z'); // a Tuesday

let nextId = 1;
function candidate(overrides: {
  ownerId?: string;
  initiativeOwner?: string;
  idleDays?: number;
  lastActivityAt?: Date;
  dueDate?: string | null;
  status?: 'open' | 'blocked' | 'done' | 'dropped';
  blockedReason?: string | null;
  snoozedUntil?: Date | null;
  dept?: 'marketing' | 'sales' | 'service' | 'it';
  lastOwnerReminder?: Date | null;
  unansweredReminders?: number;
  escalated?: boolean;
  now?: Date;
}): ReminderCandidate {
  const now = overrides.now ?? NOW;
  const id = nextId++;
  return {
    action: {
      id,
      title: `Action ${id}`,
      ownerId: overrides.ownerId ?? 'UOWNER',
      dept: overrides.dept ?? 'marketing',
      dueDate: overrides.dueDate ?? null,
      status: overrides.status ?? 'open',
      blockedReason: overrides.blockedReason ?? null,
      lastActivityAt: overrides.lastActivityAt ?? new Date(now.getTime() - (overrides.idleDays ?? 8) * DAY),
      snoozedUntil: overrides.snoozedUntil ?? null,
    },
    initiative: {
      id: 1,
      title: 'Faster answers',
      ownerId: overrides.initiativeOwner ?? 'ULEAD',
      tier: 'essential',
    },
    lastOwnerReminder: overrides.lastOwnerReminder ?? null,
    unansweredReminders: overrides.unansweredReminders ?? 0,
    escalated: overrides.escalated ?? false,
  };
}

const noneSent = () => false;
const plan = (
  candidates: ReminderCandidate[],
  recipients: Record<string, RecipientFacts> = {},
  now = NOW,
  dmSent: (r: string, d: string) => boolean = noneSent,
) => planReminders({ now, zone: 'UTC', candidates, recipients: new Map(Object.entries(recipients)), dmSent });

describe('what counts as stalled', () => {
  it.each([
    ['no activity for 7 days', { idleDays: 7 }, true],
    [
      'no activity for 6 days 23 hours',
      { lastActivityAt: new Date(NOW.getTime() - 7 * DAY + 3_600_000) },
      false,
    ],
    ['updated yesterday', { idleDays: 1 }, false],
    ['updated yesterday but past due', { idleDays: 1, dueDate: '2026-03-09' }, true],
    ['due today is not late yet', { idleDays: 1, dueDate: '2026-03-10' }, false],
    [
      'blocked and idle',
      { idleDays: 9, status: 'blocked' as const, blockedReason: 'waiting for legal' },
      true,
    ],
    ['blocked yesterday', { idleDays: 1, status: 'blocked' as const }, false],
    ['done', { idleDays: 30, status: 'done' as const }, false],
    ['dropped', { idleDays: 30, status: 'dropped' as const }, false],
    ['snoozed', { idleDays: 30, snoozedUntil: new Date(NOW.getTime() + DAY) }, false],
    ['snooze ended', { idleDays: 30, snoozedUntil: new Date(NOW.getTime() - 1) }, true],
  ])('%s → reminded: %s', (_label, overrides, expected) => {
    const planned = plan([candidate(overrides)]).filter((p) => p.recipientId === 'UOWNER');
    expect(planned.length === 1 && planned[0]?.own.length === 1).toBe(expected);
  });
});

describe('planReminders', () => {
  it('lists all stalled actions of an owner in one DM, soonest due first', () => {
    const a = candidate({ ownerId: 'UANN', dueDate: '2026-03-09' });
    const b = candidate({ ownerId: 'UANN' });
    const c = candidate({ ownerId: 'UANN', dueDate: '2026-03-01' });
    const d = candidate({ ownerId: 'UBEN' });
    const planned = plan([a, b, c, d]);
    expect(planned.map((p) => p.recipientId)).toEqual(['UANN', 'UBEN']);
    expect(planned[0]?.own.map((x) => x.action.id)).toEqual([c.action.id, a.action.id, b.action.id]);
    expect(planned[0]?.localDay).toBe('2026-03-10');
  });

  it('reminds of an action at most once per 7 days', () => {
    const recent = candidate({ lastOwnerReminder: new Date(NOW.getTime() - 6 * DAY) });
    const old = candidate({ lastOwnerReminder: new Date(NOW.getTime() - 7 * DAY) });
    expect(plan([recent, old])[0]?.own.map((x) => x.action.id)).toEqual([old.action.id]);
    expect(plan([recent])).toEqual([]);
  });

  it('sends one DM per owner per local day', () => {
    const sentToday = (r: string, d: string) => r === 'UOWNER' && d === '2026-03-10';
    expect(plan([candidate({})], {}, NOW, sentToday)).toEqual([]);
    const yesterday = (r: string, d: string) => r === 'UOWNER' && d === '2026-03-09';
    expect(plan([candidate({})], {}, NOW, yesterday)).toHaveLength(1);
  });

  it('pauses everything while the owner is away, through the last day', () => {
    const away = { UOWNER: { zone: 'UTC', awayUntil: '2026-03-10' } };
    expect(plan([candidate({})], away)).toEqual([]);
    expect(plan([candidate({})], { UOWNER: { zone: 'UTC', awayUntil: '2026-03-09' } })).toHaveLength(1);
  });

  it("waits for the owner's own 09:30, and nothing after their 17:30", () => {
    const ny = { UOWNER: { zone: 'America/New_York', awayUntil: null } };
    expect(plan([candidate({})], ny)).toEqual([]); // 05:00 in New York
    const later = new Date('2026-03-10T13:30:00Z');
    expect(plan([candidate({ now: later })], ny, later)).toHaveLength(1);
    // 21:00 in New York (22:30 in UTC) : still nothing, whatever the CX_TIMEZONE clock says.
    const evening = new Date('2026-03-11T01:00:00Z');
    expect(plan([candidate({ now: evening })], ny, evening)).toEqual([]);
  });

  it('uses the owner-local date as the day of the DM', () => {
    // Tuesday 23:30 UTC is Wednesday 08:30 in Tokyo: not yet; at 00:30 UTC it is 09:30 Wednesday there.
    const tokyo = { UOWNER: { zone: 'Asia/Tokyo', awayUntil: null } };
    const at = new Date('2026-03-11T00:30:00Z');
    expect(plan([candidate({ now: at })], tokyo, at)[0]?.localDay).toBe('2026-03-11');
  });

  describe('three unanswered reminders, then one escalation to the initiative owner', () => {
    const weekAgo = new Date(NOW.getTime() - 7 * DAY);
    it('stops reminding the owner after three reminders with no activity since', () => {
      const two = candidate({ unansweredReminders: 2, lastOwnerReminder: weekAgo });
      const three = candidate({ unansweredReminders: 3, lastOwnerReminder: weekAgo });
      const planned = plan([two, three]);
      expect(planned.find((p) => p.recipientId === 'UOWNER')?.own.map((x) => x.action.id)).toEqual([
        two.action.id,
      ]);
    });

    it('tells the initiative owner once, a week after the third reminder', () => {
      const c = candidate({ ownerId: 'UANN', unansweredReminders: 3, lastOwnerReminder: weekAgo });
      const planned = plan([c]);
      expect(planned.map((p) => p.recipientId)).toEqual(['ULEAD']);
      expect(planned[0]?.own).toEqual([]);
      expect(planned[0]?.escalations.map((x) => x.action.id)).toEqual([c.action.id]);
      // Not before the week is over, and never a second time for the same stall.
      const tooSoon = { ...c, lastOwnerReminder: new Date(NOW.getTime() - 6 * DAY) };
      expect(plan([tooSoon])).toEqual([]);
      expect(plan([{ ...c, escalated: true }])).toEqual([]);
    });

    it('an idle action is not escalated for being old alone (the old 21-day rule is gone)', () => {
      const idle = candidate({ ownerId: 'UANN', idleDays: 40, unansweredReminders: 1 });
      expect(needsEscalation(idle, NOW)).toBe(false);
      expect(plan([idle]).map((p) => p.recipientId)).toEqual(['UANN']);
    });

    it('does not escalate to yourself: it just stops', () => {
      const own = candidate({
        ownerId: 'ULEAD',
        initiativeOwner: 'ULEAD',
        unansweredReminders: 3,
        lastOwnerReminder: weekAgo,
      });
      expect(needsEscalation(own, NOW)).toBe(false);
      expect(plan([own])).toEqual([]);
    });

    it('waits while the action owner is away, as their reminder would', () => {
      const c = candidate({ ownerId: 'UANN', unansweredReminders: 3, lastOwnerReminder: weekAgo });
      const away = (u: string) => (u === 'UANN' ? '2026-04-01' : null);
      const planned = planReminders({
        now: NOW,
        zone: 'UTC',
        candidates: [c],
        recipients: new Map(),
        dmSent: noneSent,
        awayUntil: away,
      });
      expect(planned).toEqual([]);
    });

    it("only in the initiative owner's own working hours", () => {
      const c = candidate({ ownerId: 'UANN', unansweredReminders: 3, lastOwnerReminder: weekAgo });
      // 10:00 UTC is 05:00 in New York.
      expect(plan([c], { ULEAD: { zone: 'America/New_York', awayUntil: null } })).toEqual([]);
    });
  });
});

describe("DST: reminders come at the owner's own 09:30, never on weekends", () => {
  /**
   * Runs the plan every 30 minutes (the job's schedule, in UTC) over several days and records when
   * each owner's DM of each local day went out; each day brings a fresh stalled action.
   */
  function simulate(zone: string, from: string, days: number): Map<string, string> {
    const sent = new Map<string, string>(); // local day → local time of the DM
    const start = new Date(from).getTime();
    for (let t = start; t < start + days * DAY; t += 30 * 60_000) {
      const now = new Date(t);
      const c = candidate({ ownerId: 'UOWNER', now });
      const planned = planReminders({
        now,
        zone: 'UTC',
        candidates: [c],
        recipients: new Map([['UOWNER', { zone, awayUntil: null }]]),
        dmSent: (_r, day) => sent.has(day),
      });
      for (const p of planned) {
        const z = zonedTime(now, zone);
        sent.set(p.localDay, `${String(z.hour).padStart(2, '0')}:${String(z.minute).padStart(2, '0')}`);
        expect(localDate(now, zone)).toBe(p.localDay);
      }
    }
    return sent;
  }

  it.each([
    // US: summer time from Sunday 8 March, winter time from Sunday 1 November 2026.
    ['America/New_York', '2026-03-05T05:00:00Z', ['2026-03-05', '2026-03-06', '2026-03-09', '2026-03-10']],
    ['America/New_York', '2026-10-29T04:00:00Z', ['2026-10-29', '2026-10-30', '2026-11-02', '2026-11-03']],
    // EU: summer time from Sunday 29 March, winter time from Sunday 25 October 2026.
    ['Europe/Berlin', '2026-03-25T23:00:00Z', ['2026-03-26', '2026-03-27', '2026-03-30', '2026-03-31']],
    ['Europe/Berlin', '2026-10-21T22:00:00Z', ['2026-10-22', '2026-10-23', '2026-10-26', '2026-10-27']],
  ])('%s from %s', (zone, from, workingDays) => {
    const sent = simulate(zone, from, 6);
    expect([...sent.keys()].filter((d) => workingDays.includes(d)).sort()).toEqual(workingDays);
    for (const [day, time] of sent) {
      expect(time, day).toBe('09:30');
      const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
      expect(weekday === 0 || weekday === 6, `${day} is a weekend`).toBe(false);
    }
  });
});

describe('stallReason', () => {
  it.each([
    [
      { status: 'blocked' as const, blockedReason: 'legal', idleDays: 9 },
      { kind: 'blocked', reason: 'legal', idleDays: 9 },
    ],
    [
      { dueDate: '2026-03-07', idleDays: 2 },
      { kind: 'overdue', dueDate: '2026-03-07', daysLate: 3, idleDays: 2 },
    ],
    [{ idleDays: 12 }, { kind: 'idle', idleDays: 12 }],
    [
      { status: 'blocked' as const, blockedReason: 'legal', idleDays: 9, dueDate: '2026-03-07' },
      { kind: 'blocked', reason: 'legal', idleDays: 9, overdue: { dueDate: '2026-03-07', daysLate: 3 } },
    ],
  ])('%o → %o', (overrides, expected) => {
    expect(stallReason(candidate(overrides).action, NOW, '2026-03-10')).toEqual(expected);
  });
});

describe('Monday department lists', () => {
  it.each([
    ['2026-03-09T09:30:00Z', 'UTC', true],
    ['2026-03-09T09:29:00Z', 'UTC', false],
    ['2026-03-09T17:30:00Z', 'UTC', true],
    ['2026-03-09T17:31:00Z', 'UTC', false],
    ['2026-03-10T10:00:00Z', 'UTC', false],
    // Monday 09:30 in Berlin, in summer time after 29 March.
    ['2026-03-30T07:30:00Z', 'Europe/Berlin', true],
    ['2026-03-30T07:29:00Z', 'Europe/Berlin', false],
  ])('%s in %s → %s', (at, zone, expected) => {
    expect(isDepartmentListTime(new Date(at), zone)).toBe(expected);
  });

  it("lists that department's stalled actions, not snoozed, not of away owners", () => {
    const mine = candidate({ dept: 'sales', dueDate: '2026-03-02' });
    const later = candidate({ dept: 'sales' });
    const other = candidate({ dept: 'it' });
    const snoozed = candidate({ dept: 'sales', snoozedUntil: new Date(NOW.getTime() + DAY) });
    const fresh = candidate({ dept: 'sales', idleDays: 1 });
    const away = candidate({ dept: 'sales', ownerId: 'UAWAY' });
    const list = departmentList([later, mine, other, snoozed, fresh, away], 'sales', NOW, 'UTC', (u) =>
      u === 'UAWAY' ? '2026-03-20' : null,
    );
    expect(list.map((c) => c.action.id)).toEqual([mine.action.id, later.action.id]);
  });

  it('two lists are the same when the same actions are in the same state, however many days pass', () => {
    const a = candidate({ dept: 'sales', dueDate: '2026-03-02' });
    const b = candidate({ dept: 'sales', ownerId: 'UBEN' });
    const sig = (list: ReminderCandidate[], now = NOW) =>
      departmentListSignature(list, now, localDate(now, 'UTC'));
    const nextWeek = new Date(NOW.getTime() + 7 * DAY);
    expect(sig([a, b])).toBe(sig([b, a], nextWeek));
    expect(sig([a, b])).not.toBe(sig([a]));
    expect(sig([a, b])).not.toBe(sig([a, { ...b, action: { ...b.action, status: 'blocked' } }]));
    expect(sig([a, b])).not.toBe(sig([a, { ...b, action: { ...b.action, ownerId: 'UCAT' } }]));
    expect(sig([a, b])).not.toBe(sig([{ ...a, action: { ...a.action, dueDate: '2026-03-05' } }, b]));
  });
});
