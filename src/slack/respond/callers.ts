import type { BlockAction, SlashCommand, ViewOutput } from '@slack/bolt';
import type { Caller } from '../../app/context.js';

/**
 * Who is asking, and the key that makes a Slack retry take effect once: a command by its trigger, a button
 * press by user, button and press time, a modal submission by its view id.
 */
export const commandCaller = (command: SlashCommand): Caller => ({
  userId: command.user_id,
  channelId: command.channel_id,
  dedupeKey: `cmd:${command.trigger_id}`,
});

export function actionCaller(body: BlockAction): Caller {
  const action = body.actions[0];
  return {
    userId: body.user.id,
    channelId: body.channel?.id,
    dedupeKey: `act:${body.user.id}:${action?.action_id}:${action?.action_ts}`,
  };
}

export const viewCaller = (body: { user: { id: string } }, view: ViewOutput): Caller => ({
  userId: body.user.id,
  dedupeKey: `view:${view.id}`,
});
