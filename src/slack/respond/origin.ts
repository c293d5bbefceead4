import type { BlockAction } from '@slack/bolt';
import type { MenuOrigin } from '../views/action-menu.js';
import { ephemeralListOf } from './redraw.js';

/**
 * Where a button was pressed (the ⋯ menu, Add update), so the modal it opens can show the change there once
 * submitted: a message in place, the ephemeral `/cx mine` or `/cx show` reply through its response_url, or
 * the App Home.
 */
export function originOf(body: BlockAction): MenuOrigin {
  const container = body.container as { is_ephemeral?: boolean } | undefined;
  if (body.view?.type === 'home')
    return { surface: 'home', channelId: null, messageTs: null, responseUrl: null };
  const channelId = body.channel?.id ?? null;
  if (container?.is_ephemeral) {
    return {
      surface: ephemeralListOf(body.actions[0]?.block_id) ?? 'mine',
      channelId,
      messageTs: null,
      responseUrl: body.response_url ?? null,
    };
  }
  return { surface: 'message', channelId, messageTs: body.message?.ts ?? null, responseUrl: null };
}
