import { appendHistory, historyOf } from '../db/repositories/history-repo.js';
import { getInitiative } from '../db/repositories/initiatives-repo.js';
import { getPainPoint, insertPainPoint, listOpenPainPoints } from '../db/repositories/pain-points-repo.js';
import { roundsOfPainPoint } from '../db/repositories/rounds-repo.js';
import { err, ok, type Result } from '../domain/errors.js';
import { findSimilar, MAX_PAIN_TEXT, type PainPoint, type PainPointSource } from '../domain/pain-points.js';
import type { HistoryEntry, Initiative } from '../domain/types.js';
import { type AppContext, type Caller, transact } from './context.js';
import { departmentOfChannel } from './initiatives.js';

export interface LogPainPointInput {
  /** As the user typed it (Slack's `&lt;` escapes undone by the adapter). */
  text: string;
  source: PainPointSource;
  /** The channel it came from (the command's channel, or the message's for the shortcut). */
  channelId?: string | null;
  permalink?: string | null;
}

export interface LoggedPainPoint {
  painPoint: PainPoint;
  /** An open pain point that reads much the same, if one exists: duplicates are allowed but named. */
  similar: PainPoint | null;
}

/** `/cx pain`, the message shortcut and its modal: records who, from which department's channel, and when. */
export function logPainPoint(
  ctx: AppContext,
  caller: Caller,
  input: LogPainPointInput,
): Result<LoggedPainPoint> {
  const text = input.text.trim();
  if (!text) return err({ code: 'usage', command: 'pain', detail: 'missing_text' });
  if (text.length > MAX_PAIN_TEXT) {
    return err({ code: 'usage', command: 'pain', detail: 'too_long', max: MAX_PAIN_TEXT });
  }
  const channelId = input.channelId ?? caller.channelId ?? null;
  return transact(ctx, caller, (tx, now) => {
    const similar = findSimilar(text, listOpenPainPoints(tx));
    const painPoint = insertPainPoint(
      tx,
      {
        text,
        raisedBy: caller.userId,
        dept: departmentOfChannel(ctx, channelId ?? undefined),
        channelId,
        permalink: input.permalink ?? null,
        source: input.source,
      },
      now,
    );
    appendHistory(
      tx,
      { entity: 'P', entityId: painPoint.id, actorId: caller.userId, kind: 'created', note: input.source },
      now,
    );
    return ok({ painPoint, similar });
  });
}

export interface PainPointRound {
  month: string;
  status: 'open' | 'closed';
  position: number;
  /** Final votes once the round closed; null while it is open. */
  votes: number | null;
}

export interface PainPointDetail {
  painPoint: PainPoint;
  rounds: PainPointRound[];
  initiative: Initiative | null;
  history: HistoryEntry[];
  /** CX_TIMEZONE: moments are shown in each reader's zone, with a fallback written in this one. */
  timeZone?: string;
}

/** `/cx show P-n`. */
export function painPointDetail(ctx: AppContext, id: number): Result<PainPointDetail> {
  const db = ctx.handle.db;
  const painPoint = getPainPoint(db, id);
  if (!painPoint) return err({ code: 'unknown_ref', ref: `P-${id}` });
  return ok({
    painPoint,
    rounds: roundsOfPainPoint(db, id),
    initiative: painPoint.adoptedInitiativeId ? getInitiative(db, painPoint.adoptedInitiativeId) : null,
    history: historyOf(db, 'P', id),
    timeZone: ctx.timeZone,
  });
}
