/**
 * Group commit for votes: the votes that arrive in one turn of the event loop are written in one
 * transaction, each still decided on its own and in arrival order, so a burst of reactions costs one
 * commit, not one each. Should the batch fail, every vote is tried again in a transaction of its own, so
 * one bad vote loses no other. (Slack's events are acknowledged before they are handled anyway; this adds
 * no window of loss beyond one turn of the loop.)
 *
 * The queue belongs to the recorder, and the recorder to whoever created it (the reactions listener, once
 * per app): no module-level state.
 */
import type { AppContext } from './context.js';
import { applyVote, type ReactionInput, type VoteOutcome, votePosition, votesOf } from './votes.js';

interface QueuedVote {
  input: ReactionInput;
  position: number;
  resolve: (outcome: VoteOutcome) => void;
  reject: (error: unknown) => void;
}

export interface VoteRecorder {
  /**
   * A reaction added to or removed from a message: a vote when it is a number reaction on a poll of an
   * open round. Prepared, indexed look-ups, no Slack call, and a transaction shared with the votes arriving
   * at the same moment. Votes are stored per person (and channel), so the tally is recomputable and one
   * person's vote in two channels counts once; the event id makes a redelivery count once.
   */
  record(input: ReactionInput): Promise<VoteOutcome>;
}

export function createVoteRecorder(ctx: AppContext): VoteRecorder {
  const queue: QueuedVote[] = [];

  function flush(): void {
    const batch = queue.splice(0);
    if (batch.length === 0) return;
    const store = votesOf(ctx);
    const at = ctx.clock.now().getTime();
    let outcomes: VoteOutcome[];
    try {
      outcomes = store.transaction(() => batch.map((v) => applyVote(store, v.input, v.position, at)));
    } catch {
      for (const v of batch) {
        try {
          const outcome = store.transaction(() => applyVote(store, v.input, v.position, at));
          ctx.observe?.vote(outcome.kind);
          v.resolve(outcome);
        } catch (error) {
          v.reject(error);
        }
      }
      return;
    }
    batch.forEach((v, i) => {
      v.resolve(outcomes[i] ?? { kind: 'ignored' });
    });
    for (const outcome of outcomes) ctx.observe?.vote(outcome.kind);
  }

  return {
    record(input) {
      const position = votePosition(ctx, votesOf(ctx), input);
      if (position === null) return Promise.resolve({ kind: 'ignored' });
      return new Promise((resolve, reject) => {
        queue.push({ input, position, resolve, reject });
        if (queue.length === 1) setImmediate(flush);
      });
    },
  };
}
