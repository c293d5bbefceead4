import { performance } from 'node:perf_hooks';
import type { AllMiddlewareArgs, AnyMiddlewareArgs, App } from '@slack/bolt';
import type { ReactionAddedEvent, ReactionRemovedEvent } from '@slack/types';
import type { AppContext } from '../../../app/context.js';
import { storedLanguageOf } from '../../../app/language.js';
import { createVoteRecorder } from '../../../app/vote-batcher.js';
import { structuredOf } from '../../../log/logger.js';
import { inLanguage, msg } from '../../messages/index.js';

type ReactionEvent = ReactionAddedEvent | ReactionRemovedEvent;

function reactionOf(body: unknown): { eventId: string; event: ReactionEvent } | null {
  const b = body as { type?: unknown; event_id?: unknown; event?: { type?: unknown } };
  if (b.type !== 'event_callback' || typeof b.event_id !== 'string') return null;
  const type = b.event?.type;
  if (type !== 'reaction_added' && type !== 'reaction_removed') return null;
  return { eventId: b.event_id, event: b.event as ReactionEvent };
}

/**
 * Votes: `reaction_added` / `reaction_removed` on a round's poll. The vote path makes no Slack call except
 * the note to a person whose fourth vote was not counted. The bot's own reactions are recognised by its
 * user id (from auth.test, as Bolt's context carries it; Bolt's ignoreSelf drops them even earlier) and
 * never count.
 *
 * A vote brings thousands of reactions in minutes, so they are handled in global middleware: Bolt would
 * otherwise run every listener's middleware chain (commands, buttons, modals…) for each one, only for all of
 * them to decline. Everything that is not a reaction goes on to the listeners untouched.
 */
export function registerReactions(app: App, ctx: AppContext): void {
  const votes = createVoteRecorder(ctx);
  app.use(async ({ body, context, client, logger, next }: AnyMiddlewareArgs & AllMiddlewareArgs) => {
    const reaction = reactionOf(body);
    if (!reaction) return next();
    const { event, eventId } = reaction;
    if (event.item.type !== 'message') return;
    const log = structuredOf(logger);
    const started = performance.now();
    const outcome = await votes.record({
      eventId,
      added: event.type === 'reaction_added',
      userId: event.user,
      reaction: event.reaction,
      channelId: event.item.channel,
      ts: event.item.ts,
      eventTs: event.event_ts,
      botUserId: context.botUserId ?? null,
    });
    // Like every other request: once, at debug, fields only (the check keeps the hot vote path free).
    if (log.isLevelEnabled('debug')) {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      log.debug(
        { kind: 'event', eventType: event.type, userId: event.user, outcome: outcome.kind, ms },
        'event handled',
      );
    }
    if (outcome.kind !== 'over_limit') return;
    await client.chat
      .postEphemeral({
        channel: event.item.channel,
        user: event.user,
        // The voter's language from what is stored: votes pass the language middleware untouched (issue 14).
        text: inLanguage(storedLanguageOf(ctx, event.user), () =>
          msg.rounds.overLimit(outcome.painPointId, outcome.max, outcome.votedFor),
        ),
      })
      .catch((error: unknown) =>
        log.warn(
          { method: 'chat.postEphemeral', userId: event.user, error: (error as Error).message },
          'over-limit note failed',
        ),
      );
  });
}
