import { z } from 'zod';
import type { AppContext } from '../../../app/context.js';
import { logPainPoint } from '../../../app/pain-points.js';
import { FIELD, VIEW } from '../../ids.js';
import { msg } from '../../messages/index.js';
import { readMetadata } from '../../parse/metadata.js';
import { viewCaller } from '../../respond/callers.js';
import { viewListener } from '../../respond/guard.js';
import { confirm } from '../../respond/say.js';

const painMetadata = z.object({
  channelId: z.string().nullish(),
  permalink: z.string().nullish(),
});

function parsePainMetadata(raw: string | undefined): z.infer<typeof painMetadata> {
  return readMetadata(painMetadata, raw) ?? {};
}

const painTextOf = (values: unknown): string => {
  const state = values as Record<string, Record<string, { value?: string | null }>> | undefined;
  return state?.[FIELD.painText]?.[FIELD.painText]?.value?.trim() ?? '';
};

/** The Log pain point modal (from the message shortcut, which carries the message's permalink). */
export const logPainPointSubmit = (ctx: AppContext) =>
  viewListener(VIEW.logPainPoint, FIELD.painText, async ({ ack, body, view, client }) => {
    const text = painTextOf(view.state.values);
    if (!text) return ack({ response_action: 'errors', errors: { [FIELD.painText]: msg.modal.required } });
    const meta = parsePainMetadata(view.private_metadata);
    const result = logPainPoint(ctx, viewCaller(body, view), {
      text,
      source: meta.permalink ? 'shortcut' : 'modal',
      channelId: meta.channelId ?? null,
      permalink: meta.permalink ?? null,
    });
    if (!result.ok) {
      return ack({ response_action: 'errors', errors: { [FIELD.painText]: msg.error(result.error) } });
    }
    await ack();
    const r = result.value;
    const logged = msg.rounds.logged(r.painPoint.id, r.painPoint.text, r.similar);
    await confirm(client, meta.channelId, body.user.id, logged);
  });
