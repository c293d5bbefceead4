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

/** Which open pain points go on the poll: the oldest first, so none waits forever. */
export function selectForPoll<T extends { id: number }>(openPainPoints: readonly T[]): T[] {
  return [...openPainPoints].sort((a, b) => a.id - b.id).slice(0, MAX_POLL_ITEMS);
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
  /** Competition ranking: equal votes share a rank (1, 2, 2, 4). */
  rank: number;
  votes: number;
  /** Offered for adoption: among the first three lines and voted for at all. */
  adoptable: boolean;
}

/** Most votes first; ties keep the older pain point first. */
export function rankPainPoints<T extends { id: number; votes: number }>(
  items: readonly T[],
): RankedPainPoint<T>[] {
  const sorted = [...items].sort((a, b) => b.votes - a.votes || a.id - b.id);
  let rank = 0;
  return sorted.map((item, i) => {
    if (i === 0 || item.votes !== sorted[i - 1]?.votes) rank = i + 1;
    return { item, rank, votes: item.votes, adoptable: i < ADOPTABLE_TOP && item.votes > 0 };
  });
}
