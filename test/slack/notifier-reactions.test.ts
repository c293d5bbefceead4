import { describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../src/domain/outbox.js';
import { reactionsOfEntry } from '../../src/slack/views/poll.js';
import { marketing, useNotifierFixture } from '../support/notifier-fixture.js';

// The poll's number reactions travel as an outbox entry (`poll_reactions`, a thread reply of the poll) that
// the notifier delivers with reactions.add instead of a post.

describe('notifier: reactions under a post', () => {
  const f = useNotifierFixture('reactions', { reactionsOf: reactionsOfEntry });
  const poll = (reactions: string[]): OutboxMessage[] => [
    { kind: 'poll', key: 'poll', recipient: marketing, payload: { text: 'vote!' } },
    {
      kind: 'poll_reactions',
      key: 'poll-reactions',
      recipient: marketing,
      threadOf: 'poll',
      payload: { reactions },
    },
    { kind: 'note', key: 'after', recipient: marketing, payload: { text: 'later' } },
  ];
  const names = () => f.emulator.messages('CMKT')[0]?.reactions.map((r) => `${r.name}:${r.users.join(',')}`);

  it('adds the reactions to the parent in order and records them sent on it; the lane goes on after', async () => {
    f.add(...poll(['one', 'two', 'three']));
    await f.notifier.drain();
    const [parent, later] = f.emulator.messages('CMKT');
    expect(names()).toEqual(['one:UBOT', 'two:UBOT', 'three:UBOT']);
    expect(f.outbox.findByKey('poll-reactions')).toMatchObject({
      status: 'sent',
      sentChannel: 'CMKT',
      sentTs: parent?.ts,
    });
    expect(later?.text).toBe('later');
    expect(f.emulator.messages('CMKT')).toHaveLength(2);
  });

  it('a reaction that is there already counts as added (a retry after a crash adds them all again)', async () => {
    f.add(poll(['one', 'two'])[0] as OutboxMessage);
    await f.notifier.drain();
    const parent = f.emulator.messages('CMKT')[0];
    if (parent) f.emulator.state.addReaction(parent, 'one', f.emulator.botUserId);
    f.add(...poll(['one', 'two']).slice(1));
    await f.notifier.drain();
    expect(names()).toEqual(['one:UBOT', 'two:UBOT']);
    expect(f.outbox.findByKey('poll-reactions')?.status).toBe('sent');
    expect(f.errors).toEqual([]);
  });

  it('a rate limit or a server error half-way is retried until every reaction is there', async () => {
    f.emulator.failNext('reactions.add', { status: 500 });
    f.add(...poll(['one', 'two', 'three']));
    await f.notifier.drain();
    expect(names()).toEqual(['one:UBOT', 'two:UBOT', 'three:UBOT']);
    f.emulator.failNext('reactions.add', { status: 429, retryAfter: 1 });
    f.add(
      { kind: 'poll', key: 'poll2', recipient: marketing, payload: { text: 'again' } },
      {
        kind: 'poll_reactions',
        key: 'r2',
        recipient: marketing,
        threadOf: 'poll2',
        payload: { reactions: ['one'] },
      },
    );
    await f.notifier.drain();
    expect(f.outbox.findByKey('r2')).toMatchObject({ status: 'sent', attempts: 1 });
    expect(
      f.emulator
        .messages('CMKT')
        .at(-1)
        ?.reactions.map((r) => r.name),
    ).toEqual(['one']);
  });

  it('a message the bot cannot react to is given up, not retried forever', async () => {
    f.add(...poll(['not a valid name!']).slice(0, 2));
    await f.notifier.drain();
    expect(f.outbox.findByKey('poll-reactions')).toMatchObject({ status: 'dead', lastError: 'invalid_name' });
  });
});
