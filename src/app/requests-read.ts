/** Read-only answers about requests across departments: `/cx show R-n` and `/cx asks [dept]`. */
import { getInitiative } from '../db/repositories/initiatives-repo.js';
import {
  departmentsOf,
  eventsOf,
  getRequest,
  openRequests,
  type RequestEvent,
} from '../db/repositories/requests-repo.js';
import { err, ok, type Result } from '../domain/errors.js';
import { formatRequestRef, type Request, workingDaysWaited } from '../domain/requests.js';
import { DEPARTMENTS, type Department, type Initiative } from '../domain/types.js';
import type { AppContext } from './context.js';

export interface RequestDetail {
  request: Request;
  initiative: Initiative | null;
  events: RequestEvent[];
  /** Working days it has waited (open) or waited until answered. */
  waited: number;
}

/** `/cx show R-n`: the request, its initiative and its history. */
export function requestDetail(ctx: AppContext, id: number): Result<RequestDetail> {
  const db = ctx.handle.db;
  const request = getRequest(db, id);
  if (!request) return err({ code: 'unknown_ref', ref: formatRequestRef(id) });
  const until = request.answeredAt ?? ctx.clock.now();
  return ok({
    request,
    initiative: getInitiative(db, request.initiativeId),
    events: eventsOf(db, id),
    waited: workingDaysWaited(request.createdAt, until, ctx.timeZone),
  });
}

/** Whether initiative `id` is active: only then does `/cx show I-n` offer "Ask another department". */
/** The initiative while it is active, else null. */
export function activeInitiative(ctx: AppContext, id: number): Initiative | null {
  const found = getInitiative(ctx.handle.db, id);
  return found?.status === 'active' ? found : null;
}

export interface OpenRequestLine {
  request: Request;
  initiativeTitle: string;
  waited: number;
}

export interface OpenRequestsView {
  /** Per department (only `dept` when one was given): requests asked of it and by it, oldest first. */
  depts: { dept: Department; askedOf: OpenRequestLine[]; askedBy: OpenRequestLine[] }[];
  total: number;
}

/** The App Home's requests: those waiting on the viewer's departments, and the viewer's own open ones. */
export interface HomeRequests {
  /** The viewer's departments: of the actions they own, and of the requests they took. */
  depts: Department[];
  waitingOn: OpenRequestLine[];
  asked: OpenRequestLine[];
}

export const HOME_REQUESTS = 5;

export function homeRequests(ctx: AppContext, userId: string): HomeRequests {
  const depts = departmentsOf(ctx.handle.db, userId);
  const all = listOpenRequests(ctx, null)
    .depts.flatMap((d) => d.askedOf)
    .sort(
      (a, b) => a.request.createdAt.getTime() - b.request.createdAt.getTime() || a.request.id - b.request.id,
    );
  return {
    depts,
    waitingOn: all.filter((l) => depts.includes(l.request.askedDept)).slice(0, HOME_REQUESTS),
    asked: all.filter((l) => l.request.askerId === userId).slice(0, HOME_REQUESTS),
  };
}

/** `/cx asks [dept]`. */
export function listOpenRequests(ctx: AppContext, dept: Department | null): OpenRequestsView {
  const db = ctx.handle.db;
  const now = ctx.clock.now();
  const titles = new Map<number, string>();
  const lines = openRequests(db).map((request) => {
    let title = titles.get(request.initiativeId);
    if (title === undefined) {
      title = getInitiative(db, request.initiativeId)?.title ?? '';
      titles.set(request.initiativeId, title);
    }
    return {
      request,
      initiativeTitle: title,
      waited: workingDaysWaited(request.createdAt, now, ctx.timeZone),
    };
  });
  const depts = (dept ? [dept] : DEPARTMENTS)
    .map((d) => ({
      dept: d,
      askedOf: lines.filter((l) => l.request.askedDept === d),
      askedBy: lines.filter((l) => l.request.askingDept === d),
    }))
    .filter((d) => dept !== null || d.askedOf.length > 0 || d.askedBy.length > 0);
  const total = dept
    ? lines.filter((l) => l.request.askedDept === dept || l.request.askingDept === dept).length
    : lines.length;
  return { depts, total };
}
