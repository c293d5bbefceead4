import type { App, BlockAction, ButtonAction, MessageShortcut } from '@slack/bolt';
import { z } from 'zod';
import { type AppContext, type Caller, DuplicateDelivery } from '../../../app/context.js';
import { departmentOfChannel } from '../../../app/initiatives.js';
import { logPainPoint, painPointDetail } from '../../../app/pain-points.js';
import { localDate } from '../../../domain/dates.js';
import { MAX_TITLE_LENGTH } from '../../../domain/limits.js';
import { parseRefOfKind } from '../../../domain/refs.js';
import { truncate, unescapeSlack } from '../../../domain/text.js';
import { ACTION, FIELD, SHORTCUT, VIEW } from '../../ids.js';
import { en } from '../../messages/en.js';
import { newInitiativeModal } from '../../views/modals.js';
import { logPainPointModal } from '../../views/pain-points.js';

const painMetadata = z.object({
  channelId: z.string().nullish(),
  permalink: z.string().nullish(),
});

function parsePainMetadata(raw: string | undefined): z.infer<typeof painMetadata> {
  try {
    const parsed = painMetadata.safeParse(JSON.parse(raw || '{}'));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

const painTextOf = (values: unknown): string => {
  const state = values as Record<string, Record<string, { value?: string | null }>> | undefined;
  return state?.[FIELD.painText]?.[FIELD.painText]?.value?.trim() ?? '';
};

/**
 * Pain points from Slack messages and from the round results: the "Log as pain point" message shortcut and
 * its modal, and the "Adopt as initiative" button, which opens the New initiative modal pre-filled.
 */
export function registerShortcuts(app: App, ctx: AppContext): void {
  app.shortcut<MessageShortcut>(SHORTCUT.logPainPoint, async ({ ack, shortcut, client, logger }) => {
    await ack();
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

  app.view(VIEW.logPainPoint, async ({ ack, body, view, client, logger }) => {
    const text = painTextOf(view.state.values);
    if (!text) return ack({ response_action: 'errors', errors: { [FIELD.painText]: en.modal.required } });
    const meta = parsePainMetadata(view.private_metadata);
    const caller: Caller = { userId: body.user.id, dedupeKey: `view:${view.id}` };
    try {
      const result = logPainPoint(ctx, caller, {
        text,
        source: meta.permalink ? 'shortcut' : 'modal',
        channelId: meta.channelId ?? null,
        permalink: meta.permalink ?? null,
      });
      if (!result.ok) {
        return ack({ response_action: 'errors', errors: { [FIELD.painText]: en.error(result.error) } });
      }
      await ack();
      if (!meta.channelId) return;
      const r = result.value;
      await client.chat
        .postEphemeral({
          channel: meta.channelId,
          user: body.user.id,
          text: en.rounds.logged(r.painPoint.id, r.painPoint.text, r.similar),
        })
        .catch(() => undefined);
    } catch (error) {
      if (error instanceof DuplicateDelivery) return ack();
      logger.error(`log pain point modal failed: ${(error as Error).message}`);
      await ack({ response_action: 'errors', errors: { [FIELD.painText]: en.genericFailure } });
    }
  });

  app.action<BlockAction>(ACTION.adoptPainPoint, async ({ ack, body, client, respond }) => {
    await ack();
    const say = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    const ref = parseRefOfKind((body.actions[0] as ButtonAction | undefined)?.value ?? '', 'P');
    const found = ref.ok ? painPointDetail(ctx, ref.value.n) : null;
    if (!found?.ok) return void (await say(en.rounds.notAPainPoint));
    const p = found.value.painPoint;
    if (p.status === 'adopted')
      return void (await say(en.rounds.alreadyAdopted(p.id, p.adoptedInitiativeId)));
    const channelId = body.channel?.id;
    await client.views.open({
      trigger_id: body.trigger_id,
      view: newInitiativeModal({
        title: truncate(p.text.replace(/\s+/g, ' ').trim(), MAX_TITLE_LENGTH),
        lead: p.dept ?? departmentOfChannel(ctx, channelId),
        ownerId: body.user.id,
        today: localDate(ctx.clock.now(), ctx.timeZone),
        painPointId: p.id,
        ...(channelId ? { channelId } : {}),
      }),
    });
  });
}
