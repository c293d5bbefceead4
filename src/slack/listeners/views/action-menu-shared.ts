/**
 * What the three menu modals share: their wording for inline errors, and showing the change where the
 * menu was pressed — the DM's row of buttons gives way to what was done (chat.update), the ephemeral
 * `/cx mine` list or `/cx show A-n` reply is redrawn through its response_url, the App Home is
 * republished with a notice.
 */
import { createHash } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { AppContext, Caller } from '../../../app/context.js';
import type { DomainError } from '../../../domain/errors.js';
import { menu, msg } from '../../messages/index.js';
import type { Mrkdwn } from '../../messages/mrkdwn.js';
import type { MenuWords } from '../../parse/action-menu.js';
import { publishHome } from '../../respond/home.js';
import { showOutcomeInPlace } from '../../respond/in-place.js';
import { redrawnReply } from '../../respond/redraw.js';
import { confirm } from '../../respond/say.js';
import type { MenuMetadata } from '../../views/action-menu.js';
import { reminderButtonsBlockId } from '../../views/reminder.js';

interface Logger {
  warn(...msg: unknown[]): void;
}

/** Getters: `menu` is the current language's, so it is read per request, not once at load time. */
export const menuWords: MenuWords = {
  get required() {
    return menu.required;
  },
  tooLong: (max) => menu.tooLong(max),
  error: (e: DomainError) => {
    if (e.code === 'forbidden') return menu.forbidden;
    if (e.code === 'bad_date' && e.latest) return menu.dateRange(e.earliest, e.latest);
    return msg.error(e);
  },
};

/**
 * Who submits, keyed by the view and what was submitted: a Slack retry of the same submission takes
 * effect once, while an answer such as "that is already its due date" (which writes nothing but is not
 * a failure either) leaves the modal free to be submitted again with another value.
 */
export function menuCaller(body: { user: { id: string } }, view: { id: string }, submitted: unknown): Caller {
  const digest = createHash('sha256').update(JSON.stringify(submitted)).digest('hex').slice(0, 24);
  return { userId: body.user.id, dedupeKey: `view:${view.id}:${digest}` };
}

/**
 * A response_url is only ever posted to when it points at Slack (or the Web API host the bot is
 * configured with: the emulator); private_metadata is ours, but a URL is checked before it is used.
 */
function trustedResponseUrl(client: WebClient, url: string | null): URL | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    const api = new URL(client.slackApiUrl);
    return u.origin === 'https://hooks.slack.com' || u.origin === api.origin ? u : null;
  } catch {
    return null;
  }
}

async function redrawEphemeral(
  ctx: AppContext,
  client: WebClient,
  meta: MenuMetadata,
  userId: string,
  notice: Mrkdwn,
): Promise<boolean> {
  const url = trustedResponseUrl(client, meta.responseUrl);
  const list = meta.surface === 'show' ? 'show' : 'mine';
  const reply = url ? await redrawnReply(ctx, list, meta.actionId, userId, notice) : null;
  if (!url || !reply) return false;
  const body = { response_type: 'ephemeral', replace_original: true, ...reply };
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  return res.ok;
}

/**
 * Shows a change made through the menu where the menu was pressed. Never throws: the change is committed
 * and the modal closed; when the place cannot be updated, the person gets an ephemeral note instead.
 */
export async function showChange(
  ctx: AppContext,
  client: WebClient,
  logger: Logger,
  meta: MenuMetadata,
  userId: string,
  change: { outcome: Mrkdwn; notice: Mrkdwn },
): Promise<void> {
  let shown = false;
  try {
    if (meta.surface === 'home') {
      await publishHome(client, ctx, userId, change.notice);
      shown = true;
    } else if (meta.surface === 'mine' || meta.surface === 'show') {
      shown = await redrawEphemeral(ctx, client, meta, userId, change.notice);
    } else {
      const where = { channelId: meta.channelId, messageTs: meta.messageTs };
      shown = await showOutcomeInPlace(
        client,
        where,
        reminderButtonsBlockId(meta.actionId),
        change.outcome,
        logger,
      );
    }
  } catch (error) {
    logger.warn(`could not show the change of A-${meta.actionId} in place: ${(error as Error).message}`);
  }
  if (!shown) await confirm(client, meta.channelId, userId, change.notice);
}
