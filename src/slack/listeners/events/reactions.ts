import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../../app/context.js';
import { recordReaction } from '../../../app/rounds.js';
import { en } from '../../messages/en.js';

type ReactionArgs = SlackEventMiddlewareArgs<'reaction_added' | 'reaction_removed'> & AllMiddlewareArgs;

/**
 * Votes: `reaction_added` / `reaction_removed` on a round's poll. The vote path makes no Slack call except
 * the note to a person whose fourth vote was not counted. The bot's own reactions are recognised by its
 * user id (from auth.test, as Bolt's context carries it) and never count.
 */
export function registerReactions(app: App, ctx: AppContext): void {
  const handle =
    (added: boolean) =>
    async ({ event, body, context, client, logger }: ReactionArgs): Promise<void> => {
      if (event.item.type !== 'message') return;
      const outcome = await recordReaction(ctx, {
        eventId: body.event_id,
        added,
        userId: event.user,
        reaction: event.reaction,
        channelId: event.item.channel,
        ts: event.item.ts,
        botUserId: context.botUserId ?? null,
      });
      if (outcome.kind !== 'over_limit') return;
      await client.chat
        .postEphemeral({
          channel: event.item.channel,
          user: event.user,
          text: en.rounds.overLimit(outcome.painPointId, outcome.max, outcome.votedFor),
        })
        .catch((error: unknown) =>
          logger.warn(`over-limit note to ${event.user} failed: ${(error as Error).message}`),
        );
    };
  app.event('reaction_added', handle(true));
  app.event('reaction_removed', handle(false));
}
