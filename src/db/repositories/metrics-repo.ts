import { and, asc, desc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { CheckKind, Reading, Verdict } from '../../domain/metrics.js';
import type { LocalDate, UserId } from '../../domain/types.js';
import type { Executor } from '../client.js';
import { prepared } from '../prepared.js';
import { initiatives, metricCheckins, metricChecks } from '../schema.js';

export interface Checkin extends Reading {
  id: number;
  initiativeId: number;
  recordedBy: UserId;
  recordedAt: Date;
}

type CheckinRow = typeof metricCheckins.$inferSelect;

const toCheckin = (r: CheckinRow): Checkin => ({
  id: r.id,
  initiativeId: r.initiativeId,
  customer: r.customerValue,
  customerMetric: r.customerMetric,
  business: r.businessValue,
  businessMetric: r.businessMetric,
  recordedBy: r.recordedBy,
  recordedAt: r.recordedAt,
});

export interface NewCheckin extends Reading {
  initiativeId: number;
  recordedBy: UserId;
}

/** Check-ins are append-only: history is kept, nothing here updates or deletes one. */
export function insertCheckin(db: Executor, input: NewCheckin, now: Date): Checkin {
  const row = db
    .insert(metricCheckins)
    .values({
      initiativeId: input.initiativeId,
      customerValue: input.customer,
      customerMetric: input.customerMetric,
      businessValue: input.business,
      businessMetric: input.businessMetric,
      recordedBy: input.recordedBy,
      recordedAt: now,
    })
    .returning()
    .get();
  return toCheckin(row);
}

/** Every check-in of an initiative, oldest first; `since` keeps those recorded at or after it. */
export function checkinsOf(db: Executor, initiativeId: number, since?: Date): Checkin[] {
  // Two statements, prepared once each: all of an initiative's check-ins, or those since a date. A placeholder
  // in a condition is not encoded by the column (values are), so the date goes in as the stored milliseconds.
  const query = (d: Executor, withSince: boolean) =>
    d
      .select()
      .from(metricCheckins)
      .where(
        and(
          eq(metricCheckins.initiativeId, sql.placeholder('initiativeId')),
          withSince ? gte(metricCheckins.recordedAt, sql.placeholder('since')) : undefined,
        ),
      )
      .orderBy(asc(metricCheckins.recordedAt), asc(metricCheckins.id))
      .prepare();
  const rows = since
    ? prepared(db, 'metrics.checkinsSince', (d) => query(d, true)).all({
        initiativeId,
        since: since.getTime(),
      })
    : prepared(db, 'metrics.checkins', (d) => query(d, false)).all({ initiativeId });
  return rows.map(toCheckin);
}

export interface MetricCheckRecord {
  id: number;
  initiativeId: number;
  kind: CheckKind;
  dueDate: LocalDate;
  status: 'scheduled' | 'asked' | 'judged' | 'skipped';
  askedAt: Date | null;
  verdict: Verdict | null;
  customerValue: number | null;
  businessValue: number | null;
  verdictPostedAt: Date | null;
  decision: 'recommit' | 'close' | null;
  decidedBy: UserId | null;
  decidedAt: Date | null;
}

type CheckRow = typeof metricChecks.$inferSelect;

const toCheck = ({ createdAt: _createdAt, ...r }: CheckRow): MetricCheckRecord => r;

/** The checks of some initiatives, oldest due first, grouped by initiative. */
export function checksOf(db: Executor, initiativeIds: number[]): Map<number, MetricCheckRecord[]> {
  const out = new Map<number, MetricCheckRecord[]>();
  for (const id of initiativeIds) out.set(id, []);
  if (initiativeIds.length === 0) return out;
  // One initiative (`/cx show`, closing, verdicts) is the common case: a statement prepared once.
  const rows =
    initiativeIds.length === 1
      ? prepared(db, 'metrics.checksOfOne', (d) =>
          d
            .select()
            .from(metricChecks)
            .where(eq(metricChecks.initiativeId, sql.placeholder('initiativeId')))
            .orderBy(asc(metricChecks.dueDate))
            .prepare(),
        ).all({ initiativeId: initiativeIds[0] })
      : db
          .select()
          .from(metricChecks)
          .where(inArray(metricChecks.initiativeId, initiativeIds))
          .orderBy(asc(metricChecks.dueDate))
          .all();
  for (const r of rows) out.get(r.initiativeId)?.push(toCheck(r));
  return out;
}

export function getCheck(db: Executor, initiativeId: number, dueDate: LocalDate): MetricCheckRecord | null {
  const row = db
    .select()
    .from(metricChecks)
    .where(and(eq(metricChecks.initiativeId, initiativeId), eq(metricChecks.dueDate, dueDate)))
    .get();
  return row ? toCheck(row) : null;
}

/** The check of an initiative that was asked and still waits for its verdict, if any (the newest). */
export function openCheckOf(db: Executor, initiativeId: number): MetricCheckRecord | null {
  const row = db
    .select()
    .from(metricChecks)
    .where(and(eq(metricChecks.initiativeId, initiativeId), eq(metricChecks.status, 'asked')))
    .orderBy(desc(metricChecks.dueDate))
    .get();
  return row ? toCheck(row) : null;
}

/** Every check that was asked and has no verdict yet. */
export function openChecks(db: Executor): MetricCheckRecord[] {
  return db
    .select()
    .from(metricChecks)
    .where(eq(metricChecks.status, 'asked'))
    .orderBy(asc(metricChecks.id))
    .all()
    .map(toCheck);
}

/** Recommit checks whose date has come. */
export function scheduledChecksDue(db: Executor, today: LocalDate): MetricCheckRecord[] {
  return db
    .select()
    .from(metricChecks)
    .where(and(eq(metricChecks.status, 'scheduled'), lte(metricChecks.dueDate, today)))
    .orderBy(asc(metricChecks.id))
    .all()
    .map(toCheck);
}

export interface NewCheck {
  initiativeId: number;
  kind: CheckKind;
  dueDate: LocalDate;
  status: 'scheduled' | 'asked' | 'skipped';
}

/** Writes a check once: false when the initiative already has a check on that date. */
export function insertCheck(db: Executor, input: NewCheck, now: Date): boolean {
  const result = db
    .insert(metricChecks)
    .values({ ...input, askedAt: input.status === 'asked' ? now : null, createdAt: now })
    .onConflictDoNothing()
    .run();
  return result.changes > 0;
}

/** A scheduled check is asked; false when it was not scheduled any more (asked by a concurrent run). */
export function markAsked(db: Executor, id: number, now: Date): boolean {
  const result = db
    .update(metricChecks)
    .set({ status: 'asked', askedAt: now })
    .where(and(eq(metricChecks.id, id), eq(metricChecks.status, 'scheduled')))
    .run();
  return result.changes > 0;
}

export interface CheckVerdict {
  verdict: Verdict;
  customerValue: number | null;
  businessValue: number | null;
}

/** Records the verdict of an asked check; false when it already had one. */
export function markJudged(db: Executor, id: number, v: CheckVerdict, now: Date): boolean {
  const result = db
    .update(metricChecks)
    .set({ status: 'judged', ...v, verdictPostedAt: now })
    .where(and(eq(metricChecks.id, id), eq(metricChecks.status, 'asked')))
    .run();
  return result.changes > 0;
}

/** Records the owner's answer after a 12-month (or follow-up) verdict; false when there already was one. */
export function setDecision(
  db: Executor,
  id: number,
  decision: 'recommit' | 'close',
  by: UserId,
  now: Date,
): boolean {
  const result = db
    .update(metricChecks)
    .set({ decision, decidedBy: by, decidedAt: now })
    .where(and(eq(metricChecks.id, id), isNull(metricChecks.decision)))
    .run();
  return result.changes > 0;
}

/** Closes an initiative (the owner's "Close" after its test). */
export function closeInitiative(db: Executor, id: number, now: Date): void {
  db.update(initiatives)
    .set({ status: 'closed', updatedAt: now })
    .where(and(eq(initiatives.id, id), eq(initiatives.status, 'active')))
    .run();
}

/** Replaces the verdict of a judged check (`/cx verdict`); the verdict it had stays in the history. */
export function overrideVerdict(db: Executor, id: number, verdict: Verdict): boolean {
  const result = db
    .update(metricChecks)
    .set({ verdict })
    .where(and(eq(metricChecks.id, id), eq(metricChecks.status, 'judged')))
    .run();
  return result.changes > 0;
}
