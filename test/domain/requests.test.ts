import { describe, expect, it } from 'vitest';
import {
  afterWorkingDays,
  clockSteps,
  parseRequestRef,
  requestEvidence,
  takenDueDate,
  whoWaitsOnWhom,
  workingDaysWaited,
} from '../../src/domain/requests.js';

const at = (iso: string) => new Date(iso);

describe('R-n references', () => {
  it('reads R-n in any case and refuses anything else', () => {
    expect(parseRequestRef('R-7')).toEqual({ ok: true, value: 7 });
    expect(parseRequestRef(' r-12 ')).toEqual({ ok: true, value: 12 });
    for (const bad of ['R-0', 'R-', 'A-1', 'R-1x', 'R-1234567890123456']) {
      expect(parseRequestRef(bad).ok, bad).toBe(false);
    }
  });
});

describe('working days', () => {
  it('skips the weekend: asked Thursday 10:00, two working days are Monday 10:00', () => {
    expect(afterWorkingDays(at('2026-03-05T10:00:00Z'), 2, 'UTC')).toEqual(at('2026-03-09T10:00:00Z'));
    expect(afterWorkingDays(at('2026-03-05T10:00:00Z'), 5, 'UTC')).toEqual(at('2026-03-12T10:00:00Z'));
  });

  it('asked on a weekend, the clock starts on Monday at 00:00', () => {
    expect(afterWorkingDays(at('2026-03-07T11:00:00Z'), 2, 'UTC')).toEqual(at('2026-03-11T00:00:00Z'));
  });

  it('keeps the wall-clock time across a DST change (Berlin, 29 March 2026)', () => {
    // Friday 10:00 CET (09:00Z) → Tuesday 10:00 CEST (08:00Z), not 09:00Z.
    expect(afterWorkingDays(at('2026-03-27T09:00:00Z'), 2, 'Europe/Berlin')).toEqual(
      at('2026-03-31T08:00:00Z'),
    );
  });

  it('counts whole working days waited', () => {
    const asked = at('2026-03-05T10:00:00Z');
    expect(workingDaysWaited(asked, at('2026-03-05T18:00:00Z'), 'UTC')).toBe(0);
    expect(workingDaysWaited(asked, at('2026-03-08T12:00:00Z'), 'UTC')).toBe(1);
    expect(workingDaysWaited(asked, at('2026-03-09T10:00:00Z'), 'UTC')).toBe(2);
  });
});

describe('working days waited, for any age', () => {
  // The definition, step by step: the largest n whose n-th working day has come.
  const reference = (from: Date, now: Date, zone: string) => {
    let n = 0;
    while (afterWorkingDays(from, n + 1, zone).getTime() <= now.getTime()) n++;
    return n;
  };

  it('agrees with the definition across weekends, times of day and DST changes', () => {
    const zone = 'Europe/Berlin';
    const starts = [
      '2026-03-05T10:00:00Z',
      '2026-03-07T11:00:00Z',
      '2026-03-27T16:45:00Z',
      '2026-10-23T07:15:00Z',
    ];
    for (const start of starts) {
      const from = at(start);
      for (let h = 0; h < 24 * 40; h += 7) {
        const now = new Date(from.getTime() + h * 3_600_000);
        expect(workingDaysWaited(from, now, zone), `${start} + ${h}h`).toBe(reference(from, now, zone));
      }
    }
  });

  it('counts a year-old request without walking it day by day for every count', () => {
    expect(workingDaysWaited(at('2025-03-03T10:00:00Z'), at('2026-03-02T10:00:00Z'), 'UTC')).toBe(260);
  });
});

describe('the clock of an unanswered request', () => {
  const open = {
    status: 'open' as const,
    createdAt: at('2026-03-05T10:00:00Z'),
    bumpedAt: null,
    escalatedAt: null,
  };

  it('bumps after 2 working days and escalates after 5, each once, inside working hours only', () => {
    expect(clockSteps(open, at('2026-03-09T09:30:00Z'), 'UTC')).toEqual({ bump: false, escalate: false });
    expect(clockSteps(open, at('2026-03-09T10:00:00Z'), 'UTC')).toEqual({ bump: true, escalate: false });
    const bumped = { ...open, bumpedAt: at('2026-03-09T10:00:00Z') };
    expect(clockSteps(bumped, at('2026-03-10T10:00:00Z'), 'UTC')).toEqual({ bump: false, escalate: false });
    expect(clockSteps(bumped, at('2026-03-12T10:00:00Z'), 'UTC')).toEqual({ bump: false, escalate: true });
    // 18:00 and Saturday are outside working hours, however late it is.
    expect(clockSteps(open, at('2026-03-12T18:00:00Z'), 'UTC')).toEqual({ bump: false, escalate: false });
    expect(clockSteps(open, at('2026-03-14T10:00:00Z'), 'UTC')).toEqual({ bump: false, escalate: false });
    // After downtime both are due at once: each still happens.
    expect(clockSteps(open, at('2026-03-16T10:00:00Z'), 'UTC')).toEqual({ bump: true, escalate: true });
  });

  it('does nothing once the request is answered', () => {
    expect(clockSteps({ ...open, status: 'taken' }, at('2026-03-16T10:00:00Z'), 'UTC')).toEqual({
      bump: false,
      escalate: false,
    });
  });
});

describe('who waits on whom', () => {
  it('groups open requests by asking × asked department: count and the oldest one’s wait, longest first', () => {
    const cells = whoWaitsOnWhom(
      [
        { askingDept: 'marketing', askedDept: 'it', createdAt: at('2026-03-02T10:00:00Z') },
        { askingDept: 'marketing', askedDept: 'it', createdAt: at('2026-03-05T10:00:00Z') },
        { askingDept: 'sales', askedDept: 'service', createdAt: at('2026-03-09T10:00:00Z') },
      ],
      at('2026-03-10T12:00:00Z'),
      'UTC',
    );
    expect(cells).toEqual([
      { asking: 'marketing', asked: 'it', count: 2, oldestDays: 6 },
      { asking: 'sales', asked: 'service', count: 1, oldestDays: 1 },
    ]);
  });
});

describe('the taker’s due date', () => {
  it('is the by: date, else 7 days after taking', () => {
    expect(takenDueDate('2026-04-01', at('2026-03-02T10:00:00Z'), 'UTC')).toBe('2026-04-01');
    expect(takenDueDate(null, at('2026-03-02T23:30:00Z'), 'Europe/Berlin')).toBe('2026-03-10');
  });
});

describe('the verdict’s evidence about requests', () => {
  it('counts the declined ones and those that waited more than 5 working days (open, or answered that late)', () => {
    const asked = at('2026-03-02T10:00:00Z');
    const now = at('2026-03-20T10:00:00Z');
    expect(
      requestEvidence(
        [
          { status: 'declined', createdAt: asked, answeredAt: at('2026-03-02T11:00:00Z') },
          { status: 'open', createdAt: asked, answeredAt: null },
          { status: 'taken', createdAt: asked, answeredAt: at('2026-03-03T10:00:00Z') },
          { status: 'taken', createdAt: asked, answeredAt: at('2026-03-10T10:00:00Z') },
          { status: 'open', createdAt: at('2026-03-16T10:00:00Z'), answeredAt: null },
        ],
        now,
        'UTC',
      ),
    ).toEqual({ declined: 1, waitedLong: 2 });
  });
});
