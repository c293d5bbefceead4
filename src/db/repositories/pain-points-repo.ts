import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { PainPoint, PainPointSource } from '../../domain/pain-points.js';
import type { Department } from '../../domain/types.js';
import type { Executor } from '../client.js';
import { initiatives, painPoints, votes } from '../schema.js';
import { appendHistory } from './history-repo.js';

type Row = typeof painPoints.$inferSelect;

export function toPainPoint(row: Row): PainPoint {
  return {
    id: row.id,
    text: row.text,
    raisedBy: row.raisedBy,
    dept: row.dept as Department | null,
    channelId: row.channelId,
    permalink: row.permalink,
    source: row.source,
    status: row.status,
    carriedVotes: row.carriedVotes,
    roundsOn: row.roundsOn,
    adoptedInitiativeId: row.adoptedInitiativeId,
    adoptedAt: row.adoptedAt,
    createdAt: row.createdAt,
  };
}

export interface NewPainPoint {
  text: string;
  raisedBy: string;
  dept: Department | null;
  channelId: string | null;
  permalink: string | null;
  source: PainPointSource;
}

export function insertPainPoint(db: Executor, input: NewPainPoint, now: Date): PainPoint {
  const row = db
    .insert(painPoints)
    .values({ ...input, status: 'open', createdAt: now })
    .returning()
    .get();
  return toPainPoint(row);
}

export function getPainPoint(db: Executor, id: number): PainPoint | null {
  const row = db.select().from(painPoints).where(eq(painPoints.id, id)).get();
  return row ? toPainPoint(row) : null;
}

export function getPainPoints(db: Executor, ids: number[]): PainPoint[] {
  if (ids.length === 0) return [];
  return db.select().from(painPoints).where(inArray(painPoints.id, ids)).all().map(toPainPoint);
}

/** Every open pain point, oldest first. */
export function listOpenPainPoints(db: Executor): PainPoint[] {
  return db
    .select()
    .from(painPoints)
    .where(eq(painPoints.status, 'open'))
    .orderBy(asc(painPoints.id))
    .all()
    .map(toPainPoint);
}

/** After a round: the votes it got there order it among the carried-over ones on the next poll. */
export function recordRoundVotes(db: Executor, id: number, votes: number): void {
  db.update(painPoints)
    .set({ carriedVotes: votes, roundsOn: sql`${painPoints.roundsOn} + 1` })
    .where(eq(painPoints.id, id))
    .run();
}

/** Marks an open pain point adopted by an initiative; false when it was not open (adopted already). */
export function markAdopted(db: Executor, id: number, initiativeId: number, now: Date): boolean {
  const result = db
    .update(painPoints)
    .set({ status: 'adopted', adoptedInitiativeId: initiativeId, adoptedAt: now })
    .where(and(eq(painPoints.id, id), eq(painPoints.status, 'open')))
    .run();
  return result.changes > 0;
}

/** Links an initiative to the pain point it was adopted from. */
export function linkInitiative(db: Executor, initiativeId: number, painPointId: number): void {
  db.update(initiatives).set({ painPointId }).where(eq(initiatives.id, initiativeId)).run();
}

/**
 * In the transaction that creates an initiative from a pain point: links the two and marks the pain point
 * adopted, with a history entry. False when it was adopted already (the initiative still keeps its link).
 */
export function adoptInto(
  db: Executor,
  painPointId: number,
  initiativeId: number,
  actorId: string,
  now: Date,
): boolean {
  linkInitiative(db, initiativeId, painPointId);
  if (!markAdopted(db, painPointId, initiativeId, now)) return false;
  appendHistory(
    db,
    { entity: 'P', entityId: painPointId, actorId, kind: 'adopted', note: `I-${initiativeId}` },
    now,
  );
  return true;
}

/** The pain point an initiative was adopted from, if any. */
export function painPointOfInitiative(db: Executor, initiativeId: number): PainPoint | null {
  const row = db.select().from(painPoints).where(eq(painPoints.adoptedInitiativeId, initiativeId)).get();
  return row ? toPainPoint(row) : null;
}

/** Everyone who voted for a pain point in any round (counted votes only), each once, in id order. */
export function votersOf(db: Executor, painPointId: number): string[] {
  return db
    .selectDistinct({ voterId: votes.voterId })
    .from(votes)
    .where(eq(votes.painPointId, painPointId))
    .orderBy(asc(votes.voterId))
    .all()
    .map((r) => r.voterId);
}
