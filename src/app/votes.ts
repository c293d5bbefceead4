/**
 * A vote: a number reaction added to or removed from a round's poll. Decided one by one inside the
 * transaction the vote batcher (vote-batcher.ts) opens for the votes arriving together.
 */
import { createOutboxRepo } from '../db/repositories/outbox-repo.js';
import { placePost, type VoteStore, voteStore } from '../db/repositories/rounds-repo.js';
import { decideVote, eventMicros, MAX_VOTES_PER_PERSON, pollPosition } from '../domain/rounds.js';
import type { UserId } from '../domain/types.js';
import type { AppContext } from './context.js';

export interface ReactionInput {
  /** Slack's event_id: a redelivery of the same event counts once. */
  eventId: string;
  added: boolean;
  userId: UserId;
  reaction: string;
  channelId: string;
  ts: string;
  /** Slack's `event_ts`: orders the events of one reaction, which may arrive out of order. */
  eventTs?: string;
  /** The bot's own user id: its number reactions under the poll never count. */
  botUserId: string | null;
}

export type VoteOutcome =
  /** Not a vote: another message, another emoji, the bot, a closed round, a position not on the poll. */
  | { kind: 'ignored' }
  /** This event was already handled (a redelivery). */
  | { kind: 'redelivered' }
  /** An event older than one already handled for the same reaction (delivered late): changes nothing. */
  | { kind: 'stale' }
  | { kind: 'counted'; painPointId: number }
  /** The person already votes for this pain point (from this or another channel): it still counts once. */
  | { kind: 'already_counted'; painPointId: number }
  /** A fourth pain point: not counted. `votedFor` are the pain points the person votes for. */
  | { kind: 'over_limit'; painPointId: number; votedFor: number[]; max: number }
  | { kind: 'removed'; painPointId: number };

/** The polls delivered since the round opened: their channel and ts come from the outbox rows. */
function placePolls(ctx: AppContext, store: VoteStore): void {
  const db = ctx.handle.db;
  const pending = store.unplaced();
  if (pending.length === 0) return;
  const outbox = createOutboxRepo(db);
  for (const post of pending) {
    const entry = outbox.findByKey(post.outboxKey);
    if (entry?.status === 'sent' && entry.sentChannel && entry.sentTs) {
      placePost(db, post.roundId, post.bindingKey, entry.sentChannel, entry.sentTs);
    }
  }
}

/**
 * The cheap checks before a reaction is queued, outside any transaction: a number reaction, not the bot's,
 * on a message that is a round's poll. Returns the poll position, or null when it is not a vote.
 */
export function votePosition(ctx: AppContext, store: VoteStore, input: ReactionInput): number | null {
  const position = pollPosition(input.reaction);
  if (position === null || input.userId === input.botUserId) return null;
  const key = `${input.channelId} ${input.ts}`;
  const known = knownPolls(store);
  if (known.has(key)) return position;
  if (!store.pollAt(input.channelId, input.ts)) {
    placePolls(ctx, store);
    if (!store.pollAt(input.channelId, input.ts)) return null;
  }
  known.add(key);
  return position;
}

/**
 * The messages known to be polls, per store (connection): a poll post is never removed or moved, so once
 * found it stays one, and this pre-check need not ask SQLite again for each of a vote's thousands of
 * reactions. applyVote still reads the poll, and whether its round is open, inside the transaction.
 */
const pollsByStore = new WeakMap<VoteStore, Set<string>>();
function knownPolls(store: VoteStore): Set<string> {
  let known = pollsByStore.get(store);
  if (!known) {
    known = new Set();
    pollsByStore.set(store, known);
  }
  return known;
}

/** The prepared statements of the vote path for this context's database. */
export const votesOf = (ctx: AppContext): VoteStore => voteStore(ctx.handle.sqlite);

/** One vote, decided on its own, inside the (group) transaction. */
export function applyVote(store: VoteStore, input: ReactionInput, position: number, at: number): VoteOutcome {
  // Read inside the transaction: a close that committed meanwhile must win.
  const poll = store.pollAt(input.channelId, input.ts);
  if (poll?.status !== 'open') return { kind: 'ignored' };
  const { roundId, dept } = poll;
  if (!store.markProcessed(`event:${input.eventId}`, at)) return { kind: 'redelivered' };
  const painPointId = store.painPointAt(roundId, position);
  if (painPointId === null) return { kind: 'ignored' };
  const vote = { roundId, voterId: input.userId, painPointId, channelId: input.channelId };
  // Slack may deliver a removal before the add it undoes: the newest event of the reaction wins.
  const when = eventMicros(input.eventTs);
  const kind = input.added ? 'added' : 'removed';
  if (when !== null && !store.markNewest({ ...vote, kind, eventMicros: when })) return { kind: 'stale' };
  if (!input.added) return store.removeVote(vote) ? { kind: 'removed', painPointId } : { kind: 'ignored' };
  const votedFor = store.votedBy(roundId, input.userId);
  const decision = decideVote(votedFor, painPointId);
  if (decision === 'over_limit')
    return { kind: 'over_limit', painPointId, votedFor, max: MAX_VOTES_PER_PERSON };
  store.addVote({ ...vote, dept, at });
  return decision === 'count' ? { kind: 'counted', painPointId } : { kind: 'already_counted', painPointId };
}
