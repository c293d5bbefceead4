import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { AppContext } from '../../../app/context.js';
import { takeRequest } from '../../../app/requests.js';
import { parseRequestRef } from '../../../domain/requests.js';
import { ACTION } from '../../ids.js';
import { asks } from '../../messages/index.js';
import { actionCaller } from '../../respond/callers.js';
import { actionListener } from '../../respond/guard.js';
import { say } from '../../respond/say.js';
import { errorReply, textReply } from '../../views/replies.js';

/** `R-n` → n from a request button's value; anything else is answered, never trusted. */
export function requestIdOf(body: BlockAction): number | null {
  const id = parseRequestRef((body.actions[0] as ButtonAction | undefined)?.value ?? '');
  return id.ok ? id.value : null;
}

/**
 * **I'll take it**: the presser gets the action; the post is rewritten in place through the outbox (so every
 * reader sees "Taken by … as A-n") and the asker gets a DM. A later press is told who took it.
 */
export const requestTakeButton = (ctx: AppContext) =>
  actionListener(ACTION.requestTake, async ({ body, respond }) => {
    const id = requestIdOf(body);
    if (id === null) return say(respond, asks.notARequest);
    const result = takeRequest(ctx, actionCaller(body), id);
    if (!result.ok) return say(respond, errorReply(result.error));
    const { request, action } = result.value;
    await say(respond, textReply(asks.took(request.id, action.id, action.dueDate ?? '')));
  });
