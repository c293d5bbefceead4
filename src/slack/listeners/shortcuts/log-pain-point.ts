import type { MessageShortcut } from '@slack/bolt';
import { unescapeSlack } from '../../../domain/text.js';
import { SHORTCUT } from '../../ids.js';
import { shortcutListener } from '../../respond/guard.js';
import { logPainPointModal } from '../../views/pain-points.js';

/** "Log as pain point" on a message: the modal, pre-filled with the message's text and permalink. */
export const logPainPointShortcut = () =>
  shortcutListener<MessageShortcut>(SHORTCUT.logPainPoint, async ({ shortcut, client, logger }) => {
    // The permalink is fetched now, while the message is surely there; the modal carries it.
    const permalink = await client.chat
      .getPermalink({ channel: shortcut.channel.id, message_ts: shortcut.message_ts })
      .then((res) => res.permalink ?? null)
      .catch((error: unknown) => {
        logger.warn(`chat.getPermalink failed: ${(error as Error).message}`);
        return null;
      });
    await client.views.open({
      trigger_id: shortcut.trigger_id,
      view: logPainPointModal({
        text: unescapeSlack(shortcut.message.text ?? ''),
        channelId: shortcut.channel.id,
        permalink,
      }),
    });
  });
