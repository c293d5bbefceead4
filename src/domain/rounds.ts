/**
 * The monthly pain-point round: a poll of up to 10 open pain points, voted with number reactions,
 * closed after 5 days with a ranking whose top 3 may be adopted as initiatives.
 */
import { DAY_MS } from './dates.js';

export const VOTE_REACTIONS = [
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'keycap_ten',
] as const;
export type VoteReaction = (typeof VOTE_REACTIONS)[number];

export const MAX_POLL_ITEMS = VOTE_REACTIONS.length;
export const MAX_VOTES_PER_PERSON = 3;
export const ROUND_OPEN_DAYS = 5;
export const ADOPTABLE_TOP = 3;

/** `one` → 1 … `keycap_ten` → 10; any other reaction is not a vote. Skin tones (`one::skin-tone-2`) don't apply. */
export function pollPosition(reaction: string): number | null {
  const index = (VOTE_REACTIONS as readonly string[]).indexOf(reaction);
  return index < 0 ? null : index + 1;
}

export function reactionFor(position: number): VoteReaction | null {
  return VOTE_REACTIONS[position - 1] ?? null;
}

/**
 * What selectForPoll may know of a pain point: `roundsOn` is how many polls it has been on (0 or absent:
 * new), `carriedVotes` the votes it got on the last one.
 */
export interface PollCandidate {
  id: number;
  roundsOn?: number;
  carriedVotes?: number;
}

/**
 * Which open pain points go on the poll, at most ten: the new ones first (oldest first, so none waits
 * forever), then those carried over from earlier rounds, most voted last time first (older first on a tie).
 */
export function selectForPoll<T extends PollCandidate>(openPainPoints: readonly T[]): T[] {
  const carried = (p: T) => (p.roundsOn ?? 0) > 0;
  return [...openPainPoints]
    .sort(
      (a, b) =>
        Number(carried(a)) - Number(carried(b)) ||
        (carried(a) ? (b.carriedVotes ?? 0) - (a.carriedVotes ?? 0) : 0) ||
        a.id - b.id,
    )
    .slice(0, MAX_POLL_ITEMS);
}

/** When a round opened at `openedAt` closes: five days later. */
export function closingTime(openedAt: Date): Date {
  return new Date(openedAt.getTime() + ROUND_OPEN_DAYS * DAY_MS);
}

export function isDueToClose(openedAt: Date, now: Date): boolean {
  return now.getTime() - openedAt.getTime() >= ROUND_OPEN_DAYS * DAY_MS;
}

export type VoteDecision = 'count' | 'duplicate' | 'over_limit';

/**
 * A new vote by one person: counted, already counted for that pain point (the same vote from another
 * channel, or a redelivered event), or over the 3-per-round limit. `votedPainPointIds`: the pain points
 * this person already has a vote on in this round.
 */
export function decideVote(votedPainPointIds: readonly number[], painPointId: number): VoteDecision {
  if (votedPainPointIds.includes(painPointId)) return 'duplicate';
  if (new Set(votedPainPointIds).size >= MAX_VOTES_PER_PERSON) return 'over_limit';
  return 'count';
}

export interface RankedPainPoint<T> {
  item: T;
  /** 1, 2, 3, 4 …: every line its own rank; equal votes are ordered, not shared (see rankPainPoints). */
  rank: number;
  votes: number;
  /** Offered for adoption: among the first three lines and voted for at all. */
  adoptable: boolean;
}

/**
 * Most votes first; on equal votes the pain point raised first (the lower P-number: numbers are handed out
 * as pain points are raised) ranks higher. Ranks are distinct, so "2." never appears twice and the top 3
 * that may be adopted are always exactly three lines.
 */
export function rankPainPoints<T extends { id: number; votes: number }>(
  items: readonly T[],
): RankedPainPoint<T>[] {
  const sorted = [...items].sort((a, b) => b.votes - a.votes || a.id - b.id);
  return sorted.map((item, i) => ({
    item,
    rank: i + 1,
    votes: item.votes,
    adoptable: i < ADOPTABLE_TOP && item.votes > 0,
  }));
}

/**
 * Slack's `event_ts` (`seconds.micros`) as microseconds, to order the events of one reaction: Slack may
 * deliver a removal before the add it undoes (a retry), so the newest event, not the last to arrive, wins.
 * Null when absent or malformed: such an event is not ordered.
 */
export function eventMicros(eventTs: string | undefined | null): number | null {
  const m = /^(\d{1,12})(?:\.(\d{1,6}))?$/.exec(eventTs ?? '');
  if (!m) return null;
  return Number(m[1]) * 1_000_000 + Number((m[2] ?? '').padEnd(6, '0'));
}
