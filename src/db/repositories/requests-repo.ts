import { and, asc, eq, ne } from 'drizzle-orm';
import type { Request, RequestStatus } from '../../domain/requests.js';
import type { Department, UserId } from '../../domain/types.js';
import type { Executor } from '../client.js';
import { prepared } from '../prepared.js';
import { actions, requestEvents, requests } from '../schema.js';

// Requests are few (a handful a week): plain queries, no prepared-statement cache needed, except the one
// every run of the requests clock makes (openRequests).

type Row = typeof requests.$inferSelect;

const toRequest = (row: Row): Request => ({
  ...row,
  askingDept: row.askingDept as Department,
  askedDept: row.askedDept as Department,
  status: row.status as RequestStatus,
});

export interface NewRequest {
  initiativeId: number;
  askingDept: Department;
  askedDept: Department;
  what: string;
  byDate: string | null;
  askerId: UserId;
}

export function insertRequest(db: Executor, input: NewRequest, now: Date): Request {
  const row = db
    .insert(requests)
    .values({ ...input, status: 'open', createdAt: now })
    .returning()
    .get();
  return toRequest(row);
}

export function getRequest(db: Executor, id: number): Request | null {
  const row = db.select().from(requests).where(eq(requests.id, id)).get();
  return row ? toRequest(row) : null;
}

/** Open requests, oldest first. Prepared once: the requests clock asks every half hour, and time travel too. */
export function openRequests(db: Executor): Request[] {
  return prepared(db, 'requests.open', (d) =>
    d
      .select()
      .from(requests)
      .where(eq(requests.status, 'open'))
      .orderBy(asc(requests.createdAt), asc(requests.id))
      .prepare(),
  )
    .all()
    .map(toRequest);
}

/** An initiative's requests, in R-n order (the verdict's evidence). */
export function requestsOfInitiative(db: Executor, initiativeId: number): Request[] {
  return db
    .select()
    .from(requests)
    .where(eq(requests.initiativeId, initiativeId))
    .orderBy(asc(requests.id))
    .all()
    .map(toRequest);
}

/**
 * A person's departments, as far as the bot knows them: those of the actions they own (dropped ones aside)
 * and those whose requests they took. People have no department of their own in Slack or here.
 */
export function departmentsOf(db: Executor, userId: UserId): Department[] {
  const owned = db
    .selectDistinct({ dept: actions.dept })
    .from(actions)
    .where(and(eq(actions.ownerId, userId), ne(actions.status, 'dropped')))
    .all();
  const taken = db
    .selectDistinct({ dept: requests.askedDept })
    .from(requests)
    .where(and(eq(requests.answeredBy, userId), eq(requests.status, 'taken')))
    .all();
  return [...new Set([...owned, ...taken].map((r) => r.dept as Department))];
}

/** Every request, in R-n order (the CSV export). */
export function allRequests(db: Executor): Request[] {
  return db.select().from(requests).orderBy(asc(requests.id)).all().map(toRequest);
}

export type Answer =
  | { status: 'taken'; by: UserId; actionId: number }
  | { status: 'declined'; by: UserId; reason: string };

/**
 * Answers an open request. Only a row still `open` changes, so of two answers at the same instant exactly
 * one wins; false for the other (the request was answered meanwhile).
 */
export function answerRequest(db: Executor, id: number, answer: Answer, now: Date): boolean {
  const result = db
    .update(requests)
    .set({
      status: answer.status,
      answeredBy: answer.by,
      answeredAt: now,
      actionId: answer.status === 'taken' ? answer.actionId : null,
      declineReason: answer.status === 'declined' ? answer.reason : null,
    })
    .where(and(eq(requests.id, id), eq(requests.status, 'open')))
    .run();
  return result.changes === 1;
}

export function markClock(db: Executor, id: number, step: 'bumped' | 'escalated', now: Date): void {
  db.update(requests)
    .set(step === 'bumped' ? { bumpedAt: now } : { escalatedAt: now })
    .where(eq(requests.id, id))
    .run();
}

export interface RequestEvent {
  id: number;
  requestId: number;
  actorId: UserId;
  at: Date;
  /** `asked`, `bumped`, `escalated`, `taken`, `declined`. */
  kind: string;
  note: string | null;
}

export function appendRequestEvent(
  db: Executor,
  event: Omit<RequestEvent, 'id' | 'at' | 'note'> & { note?: string | null },
  at: Date,
): void {
  db.insert(requestEvents)
    .values({ ...event, note: event.note ?? null, at })
    .run();
}

export function eventsOf(db: Executor, requestId: number): RequestEvent[] {
  return db
    .select()
    .from(requestEvents)
    .where(eq(requestEvents.requestId, requestId))
    .orderBy(asc(requestEvents.at), asc(requestEvents.id))
    .all();
}
