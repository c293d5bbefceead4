import type { KnownBlock } from '@slack/types';
import type { OutboxEntry } from '../../domain/outbox.js';
import type { PollPayload, PollReactionsPayload, RoundInvitePayload } from '../../domain/payloads/rounds.js';
import { reactionFor } from '../../domain/rounds.js';

import { closingMoment } from '../messages/en-rounds.js';
import { msg } from '../messages/index.js';
import { type BuiltMessage, context, header, message, section } from './blocks.js';

/** The monthly poll in one department channel: how to vote, when it closes, one section per option. */
export function pollMessage(p: PollPayload): BuiltMessage {
  const w = msg.rounds;
  // Each reader sees the closing time in their own zone (a June poll read in Los Angeles, not UTC).
  const closes = closingMoment(p.closesAt, p.timeZone);
  const options = p.options.map((o) =>
    w.pollOption(reactionFor(o.position) ?? String(o.position), o.painPointId, o.text, o.dept),
  );
  const blocks: KnownBlock[] = [
    header(w.pollTitle(p.month)),
    section(w.pollHowTo(p.maxVotes, closes)),
    ...options.map(section),
    context(w.pollFooter),
  ];
  return message(w.pollFallback(p.month, p.options.length, p.maxVotes, closes), blocks);
}

/** A month without open pain points. */
export function inviteMessage(p: RoundInvitePayload): BuiltMessage {
  const text = msg.rounds.invite(p.month);
  return message(text, [header(msg.rounds.inviteTitle(p.month)), section(text)]);
}

/**
 * For the notifier: the reactions a `poll_reactions` entry adds under its poll (the thread parent), in
 * order; null for every other kind, which is posted as a message.
 */
export function reactionsOfEntry(entry: OutboxEntry): readonly string[] | null {
  if (entry.kind !== 'poll_reactions') return null;
  const reactions = (entry.payload as Partial<PollReactionsPayload> | null)?.reactions;
  return Array.isArray(reactions) ? reactions.filter((r) => typeof r === 'string') : [];
}
