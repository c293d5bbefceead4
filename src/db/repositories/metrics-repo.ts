import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { CheckKind, Reading, Verdict } from '../../domain/metrics.js';
import type { LocalDate, UserId } from '../../domain/types.js';
import type { Executor } from '../client.js';
import { inIdList, prepared } from '../prepared.js';
import { initiatives, metricCharts, metricCheckins, metricChecks } from '../schema.js';

export interface Checkin extends Reading {
  id: number;
  initiativeId: number;
  recordedBy: UserId;
  recordedAt: Date;
  /** Typed in Slack, or fed by another system (`POST /api/metrics`, `cx metrics import`). */
  source: 'slack' | 'api' | 'import';
  /** The day a fed value stands for; null for values typed in Slack. */
  valueDate: LocalDate | null;
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
  source: r.source,
  valueDate: r.valueDate,
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

export interface FedValue {
  initiativeId: number;
  kind: 'customer' | 'business';
  value: number;
  /** The name of the metric as it is defined now. */
  metricName: string;
  valueDate: LocalDate;
  source: 'api' | 'import';
  /** Who or what sent it (`api`, `import`): check-ins name who recorded them. */
  recordedBy: string;
  /** The moment the value stands for: now for today's, the end of its day for an earlier day's. */
  recordedAt: Date;
}

/**
 * Stores a value from another system. Idempotent per initiative, metric and day: a fed value already on
 * record for that day (from the API or an import) is replaced, so a sender may repeat a request safely.
 * Values typed in Slack are never touched. Each fed check-in holds one metric.
 */
export function upsertFedValue(db: Executor, v: FedValue): void {
  const column = v.kind === 'customer' ? metricCheckins.customerValue : metricCheckins.businessValue;
  const existing = db
    .select({ id: metricCheckins.id })
    .from(metricCheckins)
    .where(
      and(
        eq(metricCheckins.initiativeId, v.initiativeId),
        eq(metricCheckins.valueDate, v.valueDate),
        inArray(metricCheckins.source, ['api', 'import']),
        isNotNull(column),
      ),
    )
    .get();
  const values =
    v.kind === 'customer'
      ? { customerValue: v.value, customerMetric: v.metricName, businessValue: null, businessMetric: null }
      : { customerValue: null, customerMetric: null, businessValue: v.value, businessMetric: v.metricName };
  const row = { ...values, recordedBy: v.recordedBy, recordedAt: v.recordedAt, source: v.source };
  if (existing) {
    db.update(metricCheckins).set(row).where(eq(metricCheckins.id, existing.id)).run();
    return;
  }
  db.insert(metricCheckins)
    .values({ ...row, initiativeId: v.initiativeId, valueDate: v.valueDate })
    .run();
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
      : prepared(db, 'metrics.checksOfMany', (d) =>
          d
            .select()
            .from(metricChecks)
            .where(inIdList(metricChecks.initiativeId))
            .orderBy(asc(metricChecks.dueDate))
            .prepare(),
        ).all({ ids: JSON.stringify(initiativeIds) });
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
  return prepared(db, 'metrics.openChecks', (d) =>
    d
      .select()
      .from(metricChecks)
      .where(eq(metricChecks.status, 'asked'))
      .orderBy(asc(metricChecks.id))
      .prepare(),
  )
    .all()
    .map(toCheck);
}

/** Recommit checks whose date has come. */
export function scheduledChecksDue(db: Executor, today: LocalDate): MetricCheckRecord[] {
  return prepared(db, 'metrics.scheduledDue', (d) =>
    d
      .select()
      .from(metricChecks)
      .where(and(eq(metricChecks.status, 'scheduled'), lte(metricChecks.dueDate, sql.placeholder('today'))))
      .orderBy(asc(metricChecks.id))
      .prepare(),
  )
    .all({ today })
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

// ---- Charts: one upload per metric per verdict ---------------------------------------------------------

export interface ChartRecord {
  kind: 'customer' | 'business';
  /** Null: the upload failed; the posts show the text sparkline and it is not tried again. */
  fileId: string | null;
}

export function chartsOf(db: Executor, checkId: number): ChartRecord[] {
  return db
    .select({ kind: metricCharts.kind, fileId: metricCharts.fileId })
    .from(metricCharts)
    .where(eq(metricCharts.checkId, checkId))
    .orderBy(asc(metricCharts.id))
    .all();
}

/** Records a verdict's chart (or its failed upload) once; false when one was recorded already. */
export function recordChart(
  db: Executor,
  checkId: number,
  kind: 'customer' | 'business',
  outcome: { fileId: string } | { error: string },
  now: Date,
): boolean {
  const result = db
    .insert(metricCharts)
    .values({
      checkId,
      kind,
      fileId: 'fileId' in outcome ? outcome.fileId : null,
      error: 'error' in outcome ? outcome.error : null,
      createdAt: now,
    })
    .onConflictDoNothing()
    .run();
  return result.changes > 0;
}

/** The newest judged check of an initiative (`/cx show` shows its charts). */
export function latestJudgedCheck(db: Executor, initiativeId: number): MetricCheckRecord | null {
  // Prepared once: an initiative's page asks it twice (its decision and its charts).
  const row = prepared(db, 'metrics.latestJudged', (d) =>
    d
      .select()
      .from(metricChecks)
      .where(
        and(
          eq(metricChecks.initiativeId, sql.placeholder('initiativeId')),
          eq(metricChecks.status, 'judged'),
        ),
      )
      .orderBy(desc(metricChecks.dueDate))
      .limit(1)
      .prepare(),
  ).get({ initiativeId });
  return row ? toCheck(row) : null;
}
