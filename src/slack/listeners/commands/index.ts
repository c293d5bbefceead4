import type { App } from '@slack/bolt';
import { type AppContext, type Caller, DuplicateDelivery } from '../../../app/context.js';
import { en } from '../../messages/en.js';
import { parseCommand } from '../../parse/command/index.js';
import type { BuiltMessage } from '../../views/blocks.js';
import { errorReply, textReply } from '../../views/replies.js';
import { handleCommand } from './handlers.js';

/** Slack waits 3 s for the answer to a slash command; the reply goes back in the ack, so no extra API call. */
export function registerCommands(app: App, ctx: AppContext): void {
  app.command('/cx', async ({ command, ack, client, logger }) => {
    let acked = false;
    const reply = async (message: BuiltMessage | null) => {
      if (acked) return;
      acked = true;
      await ack(message ? { response_type: 'ephemeral', ...message } : undefined);
    };
    const caller: Caller = {
      userId: command.user_id,
      channelId: command.channel_id,
      dedupeKey: `cmd:${command.trigger_id}`,
    };
    const parsed = parseCommand(command.text ?? '', { now: ctx.clock.now(), zone: ctx.timeZone });
    if (!parsed.ok) return reply(errorReply(parsed.error));
    try {
      const result = await handleCommand(ctx, parsed.value, caller, {
        client,
        triggerId: command.trigger_id,
        ackEmpty: () => reply(null),
      });
      await reply(result);
    } catch (error) {
      if (error instanceof DuplicateDelivery) return reply(textReply(en.duplicate));
      logger.error(`/cx ${parsed.value.name} failed: ${(error as Error).message}`);
      await reply(textReply(en.genericFailure));
    }
  });
}
