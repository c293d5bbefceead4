/**
 * The monthly pain-point round: open (poll in every bound department channel), close (ranked results
 * everywhere, breakdown in the thread), status. Votes by reaction are in votes.ts and vote-batcher.ts.
 */
import type { Executor, Tx } from '../db/client.js';
import { createOutboxRepo, enqueue } from '../db/repositories/outbox-repo.js';
import { getPainPoints, listOpenPainPoints, recordRoundVotes } from '../db/repositories/pain-points-repo.js';
import {
  breakdown,
  findRoundByMonth,
  insertOptions,
  insertPosts,
  insertRound,
  lastClosedRound,
  markClosed,
  openRounds,
  optionsOf,
  type Round,
  roundsOfPainPoint,
  setOptionVotes,
  tally,
  voterCount,
} from '../db/repositories/rounds-repo.js';
import { listBindings } from '../db/repositories/settings-repo.js';
import { localDate } from '../domain/dates.js';
import { ok, type Result } from '../domain/errors.js';
import type { PainPoint } from '../domain/pain-points.js';
import type { Notification } from '../domain/payloads/notification.js';
import type {
  PollOptionSnapshot,
  ResultLine,
  RoundBreakdownPayload,
  RoundResultsPayload,
} from '../domain/payloads/rounds.js';
import {
  closingTime,
  MAX_VOTES_PER_PERSON,
  rankPainPoints,
  reactionFor,
  selectForPoll,
} from '../domain/rounds.js';
import { monthKey } from '../domain/schedule.js';
import { BINDING_KEYS, type BindingKey, DEPARTMENTS, type Department, type UserId } from '../domain/types.js';
import { type AppContext, type Caller, transact } from './context.js';
import { requireAdmin } from './setup.js';

/** Who runs a round operation: an admin by command (checked), or a scheduled job (no user). */
export interface RoundRunOptions {
  /** The admin asking (`/cx round open|close`); omitted for the scheduled job. */
  byAdmin?: UserId;
  /** The command's delivery key, so a retried command takes effect once. */
  dedupeKey?: string;
}

export const JOB_ACTOR = 'job';

const pollKey = (month: string, dept: string) => `poll:${month}:${dept}`;
const resultsKey = (month: string, key: string) => `results:${month}:${key}`;

function boundChannels(tx: Tx): { departments: Department[]; all: BindingKey[] } {
  const keys = new Set(listBindings(tx).map((b) => b.key));
  return {
    departments: DEPARTMENTS.filter((d) => keys.has(d)),
    all: BINDING_KEYS.filter((k) => keys.has(k)),
  };
}

function snapshot(options: { position: number; painPointId: number }[], points: PainPoint[]) {
  const byId = new Map(points.map((p) => [p.id, p]));
  return options.map(
    (o): PollOptionSnapshot => ({
      position: o.position,
      painPointId: o.painPointId,
      text: byId.get(o.painPointId)?.text ?? '',
      dept: byId.get(o.painPointId)?.dept ?? null,
    }),
  );
}

async function checkAdmin(ctx: AppContext, options: RoundRunOptions): Promise<Result<void>> {
  return options.byAdmin === undefined ? ok() : requireAdmin(ctx, options.byAdmin);
}

// ---- open ------------------------------------------------------------------------------------------------

export type OpenOutcome =
  /** The poll is queued for every bound department channel. `closedFirst`: a still-open earlier round. */
  | {
      status: 'opened';
      round: Round;
      options: PollOptionSnapshot[];
      channels: Department[];
      closedFirst: CloseOutcome[];
    }
  /** This month already has its round (the job ran twice, or the job and an admin). */
  | { status: 'exists'; round: Round }
  /** No open pain points: an invitation to log some went out instead; no round is recorded. */
  | { status: 'empty'; month: string; channels: Department[] }
  /** No department channel is bound: nothing was opened. */
  | { status: 'no_channels'; month: string };

/**
 * Opens this month's round (month in CX_TIMEZONE) unless it has one. One round per month at most: the
 * unique month key decides, so the job twice, or the job and `/cx round open`, open one round.
 */
export async function openRound(
  ctx: AppContext,
  now: Date,
  options: RoundRunOptions = {},
): Promise<Result<OpenOutcome>> {
  const allowed = await checkAdmin(ctx, options);
  if (!allowed.ok) return allowed;
  const month = monthKey(localDate(now, ctx.timeZone));
  const existing = findRoundByMonth(ctx.handle.db, month);
  if (existing) return ok({ status: 'exists', round: existing });

  // A round of an earlier month still open (opened late, or the close job missed): its results come first.
  const closedFirst: CloseOutcome[] = [];
  for (const round of openRounds(ctx.handle.db)) {
    const closed = closeOne(ctx, round, now, options.byAdmin ?? JOB_ACTOR);
    if (closed) closedFirst.push(closed);
  }

  const actor = options.byAdmin ?? JOB_ACTOR;
  const caller: Caller = { userId: actor, ...(options.dedupeKey ? { dedupeKey: options.dedupeKey } : {}) };
  return transact(ctx, caller, (tx): Result<OpenOutcome> => {
    const { departments } = boundChannels(tx);
    if (departments.length === 0) return ok({ status: 'no_channels', month });
    const picked = selectForPoll(listOpenPainPoints(tx));
    if (picked.length === 0) {
      const invites: Notification[] = departments.map((dept) => ({
        kind: 'round_invite',
        key: `round-invite:${month}:${dept}`,
        recipient: { type: 'binding', key: dept },
        payload: { month },
      }));
      enqueue(tx, invites, now);
      return ok({ status: 'empty', month, channels: departments });
    }
    const round = insertRound(tx, { month, openedBy: actor, openedAt: now, closesAt: closingTime(now) });
    if (!round) {
      const raced = findRoundByMonth(tx, month);
      if (raced) return ok({ status: 'exists', round: raced });
      throw new Error(`round ${month} neither inserted nor found`);
    }
    const positions = picked.map((p, i) => ({ position: i + 1, painPointId: p.id }));
    insertOptions(tx, round.id, positions);
    insertPosts(
      tx,
      departments.map((dept) => ({ roundId: round.id, bindingKey: dept, outboxKey: pollKey(month, dept) })),
    );
    const polled = snapshot(positions, picked);
    const reactions = positions.map((p) => reactionFor(p.position) ?? '').filter(Boolean);
    const messages: Notification[] = departments.flatMap((dept): Notification[] => [
      {
        kind: 'poll',
        key: pollKey(month, dept),
        recipient: { type: 'binding', key: dept },
        payload: {
          month,
          closesAt: round.closesAt.toISOString(),
          timeZone: ctx.timeZone,
          maxVotes: MAX_VOTES_PER_PERSON,
          options: polled,
        },
      },
      {
        kind: 'poll_reactions',
        key: `poll-reactions:${month}:${dept}`,
        recipient: { type: 'binding', key: dept },
        threadOf: pollKey(month, dept),
        payload: { reactions },
      },
    ]);
    enqueue(tx, messages, now);
    return ok({ status: 'opened', round, options: polled, channels: departments, closedFirst });
  });
}

// ---- close -----------------------------------------------------------------------------------------------

export interface CloseOutcome {
  round: Round;
  lines: ResultLine[];
  voters: number;
  channels: BindingKey[];
}

function rankRound(tx: Executor, roundId: number, counts: Map<number, number>): ResultLine[] {
  const options = optionsOf(tx, roundId);
  const points = getPainPoints(
    tx,
    options.map((o) => o.painPointId),
  );
  const byId = new Map(points.map((p) => [p.id, p]));
  const ranked = rankPainPoints(
    options.map((o) => ({ id: o.painPointId, votes: counts.get(o.painPointId) ?? o.votes ?? 0 })),
  );
  return ranked.map((r) => ({
    rank: r.rank,
    painPointId: r.item.id,
    text: byId.get(r.item.id)?.text ?? '',
    dept: byId.get(r.item.id)?.dept ?? null,
    votes: r.votes,
    adoptable: r.adoptable,
    // Adopted meanwhile (from an earlier round's results): the line names the initiative, no button.
    adoptedAs: byId.get(r.item.id)?.adoptedInitiativeId ?? null,
  }));
}

/** Closes one round in one transaction; null when someone else closed it first (results are posted once). */
function closeOne(ctx: AppContext, round: Round, now: Date, by: string): CloseOutcome | null {
  return transact(ctx, { userId: by }, (tx) => {
    if (!markClosed(tx, round.id, now, by)) return null;
    const counts = tally(tx, round.id);
    const lines = rankRound(tx, round.id, counts);
    const voters = voterCount(tx, round.id);
    for (const line of lines) setOptionVotes(tx, round.id, line.painPointId, line.votes);
    const { all } = boundChannels(tx);
    const closed = {
      round: { ...round, status: 'closed' as const, closedAt: now, closedBy: by },
      lines,
      voters,
      channels: all,
    };
    if (voters === 0) {
      // Nobody voted: one line per channel instead of a ranking of zeros. The round does not count as one
      // its pain points were on (no votes recorded), so they come back on the next poll as they stood.
      const messages: Notification[] = all.map((key) => ({
        kind: 'round_no_votes',
        key: resultsKey(round.month, key),
        recipient: { type: 'binding', key },
        payload: { month: round.month, carried: lines.length },
      }));
      enqueue(tx, messages, now);
      return closed;
    }
    for (const line of lines) recordRoundVotes(tx, line.painPointId, line.votes);
    const perDept = new Map<number, { dept: string; votes: number }[]>();
    for (const b of breakdown(tx, round.id)) {
      const list = perDept.get(b.painPointId) ?? [];
      list.push({ dept: b.dept, votes: b.votes });
      perDept.set(b.painPointId, list);
    }
    const detail: RoundBreakdownPayload = {
      month: round.month,
      lines: lines.map((l) => ({
        painPointId: l.painPointId,
        text: l.text,
        votes: l.votes,
        byDept: perDept.get(l.painPointId) ?? [],
      })),
    };
    const messages: Notification[] = all.flatMap((key): Notification[] => [
      {
        kind: 'round_results',
        key: resultsKey(round.month, key),
        recipient: { type: 'binding', key },
        payload: { month: round.month, voters, lines },
      },
      {
        kind: 'round_breakdown',
        key: `results-detail:${round.month}:${key}`,
        recipient: { type: 'binding', key },
        threadOf: resultsKey(round.month, key),
        payload: detail,
      },
    ]);
    enqueue(tx, messages, now);
    return closed;
  });
}

/**
 * In the transaction that adopts a pain point: the results messages that offered it for adoption, rewritten
 * in place in every channel they were posted to (its line names the initiative, the button is gone). Each is
 * an outbox entry delivered as a chat.update of the posted results (its `threadOf`), so a crash or a rate
 * limit delays the change but never loses it; an entry per adoption, so a later one carries every adoption
 * so far. Results never posted (dead, or from before this existed) are left alone.
 */
export function resultsUpdatesOnAdoption(tx: Tx, painPointId: number): Notification[] {
  const outbox = createOutboxRepo(tx);
  const months = roundsOfPainPoint(tx, painPointId)
    .filter((r) => r.status === 'closed')
    .map((r) => r.month);
  const updates: Notification[] = [];
  for (const month of months) {
    for (const key of BINDING_KEYS) {
      const posted = outbox.findByKey(resultsKey(month, key));
      if (posted?.kind !== 'round_results' || posted.status === 'dead') continue;
      const payload = posted.payload as RoundResultsPayload;
      if (!payload.lines.some((l) => l.painPointId === painPointId && l.adoptable)) continue;
      const adopted = new Map(
        getPainPoints(
          tx,
          payload.lines.map((l) => l.painPointId),
        ).map((p) => [p.id, p.adoptedInitiativeId]),
      );
      updates.push({
        kind: 'round_results_update',
        key: `results-update:${month}:${key}:P-${painPointId}`,
        recipient: posted.recipient,
        threadOf: posted.key,
        payload: {
          ...payload,
          lines: payload.lines.map((l) => ({ ...l, adoptedAs: adopted.get(l.painPointId) ?? null })),
        },
      });
    }
  }
  return updates;
}

export type CloseResult =
  | { status: 'closed'; closed: CloseOutcome[] }
  /** Nothing was open; `last` is the latest closed round, if any. */
  | { status: 'none_open'; last: Round | null };

/** `/cx round close`: closes the open round now, whatever its age. Closing twice posts results once. */
export async function closeRound(
  ctx: AppContext,
  now: Date,
  options: RoundRunOptions = {},
): Promise<Result<CloseResult>> {
  const allowed = await checkAdmin(ctx, options);
  if (!allowed.ok) return allowed;
  const closed = openRounds(ctx.handle.db)
    .map((round) => closeOne(ctx, round, now, options.byAdmin ?? JOB_ACTOR))
    .filter((c): c is CloseOutcome => c !== null);
  if (closed.length === 0) return ok({ status: 'none_open', last: lastClosedRound(ctx.handle.db) });
  return ok({ status: 'closed', closed });
}

/** The hourly job: closes every round whose five days are over. */
export function closeDueRounds(ctx: AppContext, now: Date): CloseOutcome[] {
  return openRounds(ctx.handle.db)
    .filter((round) => round.closesAt.getTime() <= now.getTime())
    .map((round) => closeOne(ctx, round, now, JOB_ACTOR))
    .filter((c): c is CloseOutcome => c !== null);
}

// ---- status ----------------------------------------------------------------------------------------------

export type RoundStatus =
  /** The open round's live standings. */
  | { kind: 'open'; round: Round; lines: ResultLine[]; voters: number }
  /** No round open: the last results. */
  | { kind: 'closed'; round: Round; lines: ResultLine[]; voters: number }
  | { kind: 'none' };

export function roundStatus(ctx: AppContext): RoundStatus {
  const db = ctx.handle.db;
  const open = openRounds(db).at(-1);
  if (open) {
    return {
      kind: 'open',
      round: open,
      lines: rankRound(db, open.id, tally(db, open.id)),
      voters: voterCount(db, open.id),
    };
  }
  const last = lastClosedRound(db);
  if (!last) return { kind: 'none' };
  return {
    kind: 'closed',
    round: last,
    lines: rankRound(db, last.id, new Map()),
    voters: voterCount(db, last.id),
  };
}
