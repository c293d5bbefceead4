import type { WebClient } from '@slack/web-api';

export type JoinOutcome = 'member' | 'joined' | 'private_needs_invite' | 'not_a_channel';

/**
 * The bot must be a member of a bound channel to post there and to see reactions. Public channels are
 * joined; a private one can only be entered by invitation, so the caller is told to invite the bot.
 */
export async function joinForBinding(client: WebClient, channelId: string): Promise<JoinOutcome> {
  if (!/^[CG]/.test(channelId)) return 'not_a_channel';
  let info: { is_private?: boolean; is_member?: boolean; is_im?: boolean; is_mpim?: boolean };
  try {
    const res = await client.conversations.info({ channel: channelId });
    info = (res.channel ?? {}) as typeof info;
  } catch {
    // Slack answers channel_not_found for private channels the bot is not in.
    return 'private_needs_invite';
  }
  if (info.is_im || info.is_mpim) return 'not_a_channel';
  if (info.is_member) return 'member';
  if (info.is_private) return 'private_needs_invite';
  await client.conversations.join({ channel: channelId });
  return 'joined';
}
