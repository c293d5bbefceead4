import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/client.js';
import { REMINDABLE_SQL, STALLED_SQL, stalledCandidates } from '../../src/db/repositories/reminders-repo.js';
import { isStalled } from '../../src/domain/actions.js';
import { mayRemindOwner, needsEscalation } from '../../src/domain/reminder-plan.js';
import { DAY_MS, seedAction, seedInitiative } from '../support/seed.js';
import { type TempDb, tempDb } from '../support/temp-db.js';

const NOW = new Date('2026-03-06T13:00:00Z');
const TODAY = '2026-03-06';

let tmp: TempDb;
let handle: DatabaseHandle;

/** Every combination that matters, pseudo-randomly, plus the reminder history a daily job leaves. */
beforeAll(() => {
  tmp = tempDb('cx-stalled');
  handle = tmp.handle;
  const db = handle.sqlite;
  let s = 7;
  const rnd = () => {
    s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0;
    return s / 2 ** 32;
  };
  const active = seedInitiative(db, { ownerId: 'ULEAD' });
  const closed = seedInitiative(db, { ownerId: 'ULEAD', status: 'closed' });
  const own = seedInitiative(db, { ownerId: 'UOWN1' });
  const statuses = ['open', 'blocked', 'done', 'dropped'] as const;
  db.transaction(() => {
    for (let n = 0; n < 2_000; n++) {
      const idle = Math.floor(rnd() * 40 * DAY_MS);
      const ownerId = `UOWN${Math.floor(rnd() * 5)}`;
      const id = seedAction(db, {
        initiativeId: rnd() < 0.1 ? closed : rnd() < 0.2 ? own : active,
        ownerId,
        status: statuses[Math.floor(rnd() * 4)] ?? 'open',
        lastActivityAt: new Date(NOW.getTime() - idle),
        dueDate: rnd() < 0.5 ? `2026-03-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}` : null,
        snoozedUntil: rnd() < 0.1 ? new Date(NOW.getTime() + (rnd() < 0.5 ? 1 : -1) * DAY_MS) : null,
      });
      // Up to four weekly reminders to the owner (some before the last activity, so they do not count)
      // and, sometimes, an escalation to the initiative's owner.
      const reminders = Math.floor(rnd() * 5);
      const firstBack = Math.floor(rnd() * 40 * DAY_MS);
      for (let k = 0; k < reminders; k++) {
        const back = firstBack - k * 7 * DAY_MS;
        if (back < 0) break;
        db.prepare(
          `insert or ignore into reminders_sent (action_id, recipient_id, role, local_day, sent_at) values (?, ?, 'owner', ?, ?)`,
        ).run(id, ownerId, new Date(NOW.getTime() - back).toISOString().slice(0, 10), NOW.getTime() - back);
      }
      if (rnd() < 0.3) {
        const back = Math.floor(rnd() * 20 * DAY_MS);
        db.prepare(
          `insert or ignore into reminders_sent (action_id, recipient_id, role, local_day, sent_at) values (?, 'ULEAD', 'escalation', ?, ?)`,
        ).run(id, new Date(NOW.getTime() - back).toISOString().slice(0, 10), NOW.getTime() - back);
      }
    }
  })();
});

afterAll(() => {
  tmp.remove();
});

describe('stalledCandidates', () => {
  it('returns exactly the stalled actions of active initiatives, with their reminders since the last activity', () => {
    const db = handle.sqlite;
    const rows = db
      .prepare(
        `select a.*, i.status as i_status, i.owner_id as i_owner from actions a join initiatives i on i.id = a.initiative_id`,
      )
      .all() as Array<{
      id: number;
      status: 'open' | 'blocked' | 'done' | 'dropped';
      last_activity_at: number;
      due_date: string | null;
      snoozed_until: number | null;
      i_status: string;
    }>;
    const expected = rows
      .filter(
        (r) =>
          r.i_status === 'active' &&
          isStalled(
            {
              status: r.status,
              lastActivityAt: new Date(r.last_activity_at),
              dueDate: r.due_date,
              snoozedUntil: r.snoozed_until === null ? null : new Date(r.snoozed_until),
            },
            NOW,
            TODAY,
          ),
      )
      .map((r) => r.id)
      .sort((a, b) => a - b);
    const got = stalledCandidates(handle.db, NOW, TODAY);
    expect(got.map((c) => c.action.id).sort((a, b) => a - b)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(100);

    const last = db.prepare(
      'select max(sent_at) as at from reminders_sent where action_id = ? and recipient_id = ?',
    ) as unknown as { get(id: number, r: string): { at: number | null } };
    const history = db.prepare(
      'select recipient_id as recipientId, role, sent_at as sentAt from reminders_sent where action_id = ?',
    ) as unknown as { all(id: number): Array<{ recipientId: string; role: string; sentAt: number }> };
    let escalatedSeen = 0;
    let threeSeen = 0;
    for (const c of got) {
      expect(c.lastOwnerReminder?.getTime() ?? null).toBe(last.get(c.action.id, c.action.ownerId).at);
      const since = history.all(c.action.id).filter((r) => r.sentAt > c.action.lastActivityAt.getTime());
      const unanswered = since.filter((r) => r.recipientId === c.action.ownerId).length;
      expect(c.unansweredReminders).toBe(unanswered);
      if (unanswered >= 3) {
        threeSeen++;
        expect(c.escalated).toBe(since.some((r) => r.role === 'escalation'));
        if (c.escalated) escalatedSeen++;
      }
    }
    // The data covers both sides of the three-reminder rule.
    expect(threeSeen).toBeGreaterThan(10);
    expect(escalatedSeen).toBeGreaterThan(0);
    expect(escalatedSeen).toBeLessThan(threeSeen);
  });

  it('remindableOnly keeps exactly those someone may be reminded of now', () => {
    const all = stalledCandidates(handle.db, NOW, TODAY);
    const remindable = stalledCandidates(handle.db, NOW, TODAY, { remindableOnly: true });
    const expected = all.filter((c) => mayRemindOwner(c, NOW) || needsEscalation(c, NOW));
    expect(remindable.map((c) => c.action.id)).toEqual(expected.map((c) => c.action.id));
    expect(remindable.length).toBeLessThan(all.length);
    // Escalations due now are among them, and actions whose three reminders went unanswered are not.
    expect(remindable.some((c) => needsEscalation(c, NOW))).toBe(true);
    const ids = new Set(remindable.map((c) => c.action.id));
    expect(all.some((c) => c.unansweredReminders >= 3 && !ids.has(c.action.id))).toBe(true);
  });

  it('the remindable cut is made in SQL: the rows nobody may be reminded of now never leave SQLite', () => {
    const all = stalledCandidates(handle.db, NOW, TODAY);
    const expected = all
      .filter((c) => mayRemindOwner(c, NOW) || needsEscalation(c, NOW))
      .map((c) => c.action.id);
    const rows = handle.sqlite
      .prepare(REMINDABLE_SQL)
      .raw()
      .all({
        staleBefore: NOW.getTime() - 7 * DAY_MS,
        today: TODAY,
        nowMs: NOW.getTime(),
        remindAfter: NOW.getTime() - 7 * DAY_MS,
      }) as Array<[number]>;
    expect(rows.map((r) => r[0]).sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
  });

  it('reads the covering index of open and blocked actions, never the whole table', () => {
    const plan = handle.sqlite
      .prepare(
        `explain query plan select a.id from actions a indexed by actions_active
         where a.status in ('open', 'blocked') and (a.last_activity_at <= 0 or a.due_date < '2026-03-06')`,
      )
      .all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toContain('COVERING INDEX actions_active');
  });

  it('counts each action’s unanswered reminders once, though two parts of the query read the count', () => {
    const plan = handle.sqlite
      .prepare(`explain query plan ${STALLED_SQL}`)
      .all({ staleBefore: 0, today: '2026-03-06', nowMs: 0 }) as Array<{ detail: string }>;
    const counts = plan.filter((p) =>
      p.detail.includes('reminders_sent_recent (action_id=? AND recipient_id=? AND sent_at>?)'),
    );
    expect(counts).toHaveLength(1);
  });
});
