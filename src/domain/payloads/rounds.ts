import type { Department } from '../types.js';

/** Snapshot payloads of the pain-point round's outbox notifications (see notification.ts). */

export interface PollOptionSnapshot {
  /** 1 … 10: the number people react with. */
  position: number;
  painPointId: number;
  text: string;
  /** The department whose channel raised it; null when unknown (hub, DM, unbound channel). */
  dept: Department | null;
}

/** The poll message in one department channel. */
export interface PollPayload {
  /** `YYYY-MM`. */
  month: string;
  /** ISO instant; shown in `timeZone`. */
  closesAt: string;
  timeZone: string;
  maxVotes: number;
  options: PollOptionSnapshot[];
}

/** Not a post: the number reactions the bot adds under its poll (the thread parent) so voting is one click. */
export interface PollReactionsPayload {
  reactions: string[];
}

/** A month with no open pain points: an invitation to log some instead of a poll. */
export interface RoundInvitePayload {
  month: string;
}

export interface ResultLine {
  rank: number;
  painPointId: number;
  text: string;
  dept: Department | null;
  votes: number;
  /** Among the top 3 with at least one vote: gets an "Adopt as initiative" button. */
  adoptable: boolean;
  /** The initiative it was adopted as: the line says so instead of offering the button. */
  adoptedAs?: number | null;
}

/**
 * The ranked results in one channel (`round_results`), and the same message rewritten in place once one of
 * its pain points is adopted (`round_results_update`, a "thread reply" of the results whose delivery is a
 * chat.update of its parent: see `updatesParentOf` in slack/views/results.ts).
 */
export interface RoundResultsPayload {
  month: string;
  voters: number;
  lines: ResultLine[];
}

/** A round nobody voted in: one line instead of a ranking; its pain points carry over. */
export interface RoundNoVotesPayload {
  month: string;
  /** How many pain points were on the poll (they all stay open). */
  carried: number;
}

/** The per-department breakdown, a thread reply under the results. */
export interface RoundBreakdownPayload {
  month: string;
  lines: { painPointId: number; text: string; votes: number; byDept: { dept: string; votes: number }[] }[];
}
