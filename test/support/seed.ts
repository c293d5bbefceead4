import type Database from 'better-sqlite3';
import type { Department } from '../../src/domain/types.js';

/** Direct inserts for job tests: the rows a history of /cx commands would have left, at chosen instants. */
export interface SeedInitiative {
  title?: string;
  tier?: 'essential' | 'important';
  lead?: Department;
  depts?: Department[];
  ownerId?: string;
  status?: 'active' | 'closed' | 'dropped';
  createdAt?: Date;
}

export function seedInitiative(db: Database.Database, i: SeedInitiative = {}): number {
  const lead = i.lead ?? i.depts?.[0] ?? 'marketing';
  const at = (i.createdAt ?? new Date('2026-01-05T10:00:00Z')).getTime();
  const row = db
    .prepare(
      `insert into initiatives (title, tier, status, lead_dept, depts, owner_id, start_date, created_by, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, '2026-01-05', ?, ?, ?) returning id`,
    )
    .get(
      i.title ?? 'Answer every customer within a day',
      i.tier ?? 'important',
      i.status ?? 'active',
      lead,
      JSON.stringify(i.depts ?? [lead]),
      i.ownerId ?? 'ULEAD',
      i.ownerId ?? 'ULEAD',
      at,
      at,
    ) as { id: number };
  return row.id;
}

export interface SeedAction {
  initiativeId: number;
  title?: string;
  ownerId?: string;
  dept?: Department;
  dueDate?: string | null;
  status?: 'open' | 'blocked' | 'done' | 'dropped';
  blockedReason?: string | null;
  lastActivityAt: Date;
  snoozedUntil?: Date | null;
  createdAt?: Date;
  completedAt?: Date | null;
}

export function seedAction(db: Database.Database, a: SeedAction): number {
  const row = db
    .prepare(
      `insert into actions (initiative_id, title, owner_id, dept, due_date, status, blocked_reason, snoozed_until,
         last_activity_at, created_by, created_at, completed_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
    )
    .get(
      a.initiativeId,
      a.title ?? 'Draft the FAQ',
      a.ownerId ?? 'UOWNER',
      a.dept ?? 'marketing',
      a.dueDate ?? null,
      a.status ?? 'open',
      a.blockedReason ?? null,
      a.snoozedUntil?.getTime() ?? null,
      a.lastActivityAt.getTime(),
      a.ownerId ?? 'UOWNER',
      (a.createdAt ?? a.lastActivityAt).getTime(),
      a.completedAt?.getTime() ?? null,
    ) as { id: number };
  return row.id;
}

export const DAY_MS = 86_400_000;
export const daysBefore = (at: Date, days: number) => new Date(at.getTime() - days * DAY_MS);
