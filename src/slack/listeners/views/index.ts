import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { logAction, recordUpdate } from '../../../app/actions.js';
import { type AppContext, type Caller, DuplicateDelivery } from '../../../app/context.js';
import { createInitiative } from '../../../app/initiatives.js';
import type { DomainError } from '../../../domain/errors.js';
import { FIELD, VIEW } from '../../ids.js';
import { en } from '../../messages/en.js';
import { parseLogAction, parseMetadata, parseNewInitiative, parseNote } from '../../parse/view-state.js';
import { showOutcomeInPlace } from '../actions/in-place.js';
import { publishHome } from '../events/app-home.js';
import { registerMetricViews } from './metrics.js';

/** Which input a use-case error belongs to, so it shows inline next to that field. */
function fieldOf(error: DomainError, fallback: string): string {
  switch (error.code) {
    case 'essential_limit':
      return FIELD.tier;
    case 'unknown_ref':
    case 'inactive_initiative':
      return error.code === 'unknown_ref' && error.ref.startsWith('A-') ? fallback : FIELD.initiative;
    case 'bad_date':
      return error.field === 'due' ? FIELD.due : FIELD.start;
    default:
      return fallback;
  }
}

/** A modal has no channel: the confirmation goes, ephemerally, to where it was opened from (if known). */
async function confirm(
  client: WebClient,
  channelId: string | null | undefined,
  userId: string,
  text: string,
) {
  if (!channelId) return;
  await client.chat.postEphemeral({ channel: channelId, user: userId, text }).catch(() => undefined);
}

export function registerViews(app: App, ctx: AppContext): void {
  registerMetricViews(app, ctx);
  const words = en.modal;

  app.view(VIEW.newInitiative, async ({ ack, body, view, client, logger }) => {
    const parsed = parseNewInitiative(
      view.state.values,
      ctx.clock.now(),
      ctx.timeZone,
      words,
      en.metrics.newModal,
    );
    if (!parsed.ok) return ack({ response_action: 'errors', errors: parsed.errors });
    const meta = parseMetadata(view.private_metadata);
    const caller: Caller = { userId: body.user.id, dedupeKey: `view:${view.id}` };
    try {
      const { painPointId } = meta;
      const input = { ...parsed.value, ...(painPointId ? { painPointId } : {}) };
      const result = await createInitiative(ctx, caller, input);
      if (!result.ok) {
        return ack({
          response_action: 'errors',
          errors: { [fieldOf(result.error, FIELD.title)]: en.error(result.error) },
        });
      }
      await ack();
      const i = result.value;
      const adopted = painPointId ? ` ${en.rounds.adopted(i.id, painPointId)}` : '';
      const created = en.initiativeCreated(i.id, i.title, i.tier) + adopted;
      await confirm(client, meta.channelId, body.user.id, created);
    } catch (error) {
      if (error instanceof DuplicateDelivery) return ack();
      logger.error(`new initiative modal failed: ${(error as Error).message}`);
      await ack({ response_action: 'errors', errors: { [FIELD.title]: en.genericFailure } });
    }
  });

  app.view(VIEW.logAction, async ({ ack, body, view, client, logger }) => {
    const parsed = parseLogAction(view.state.values, ctx.clock.now(), ctx.timeZone, words);
    if (!parsed.ok) return ack({ response_action: 'errors', errors: parsed.errors });
    const meta = parseMetadata(view.private_metadata);
    const caller: Caller = { userId: body.user.id, dedupeKey: `view:${view.id}` };
    try {
      const result = await logAction(ctx, caller, { ...parsed.value, dept: parsed.value.dept ?? undefined });
      if (!result.ok) {
        return ack({
          response_action: 'errors',
          errors: { [fieldOf(result.error, FIELD.title)]: en.error(result.error) },
        });
      }
      await ack();
      const a = result.value.action;
      await confirm(
        client,
        meta.channelId,
        body.user.id,
        en.actionLogged(a.id, a.title, a.ownerId, a.initiativeId, a.dueDate),
      );
    } catch (error) {
      if (error instanceof DuplicateDelivery) return ack();
      logger.error(`log action modal failed: ${(error as Error).message}`);
      await ack({ response_action: 'errors', errors: { [FIELD.title]: en.genericFailure } });
    }
  });

  app.view(VIEW.addUpdate, async ({ ack, body, view, client, logger }) => {
    const parsed = parseNote(view.state.values, words);
    if (!parsed.ok) return ack({ response_action: 'errors', errors: parsed.errors });
    const meta = parseMetadata(view.private_metadata);
    if (!meta.actionId)
      return ack({ response_action: 'errors', errors: { [FIELD.note]: en.genericFailure } });
    const caller: Caller = { userId: body.user.id, dedupeKey: `view:${view.id}` };
    try {
      const result = await recordUpdate(ctx, caller, meta.actionId, parsed.value);
      if (!result.ok)
        return ack({ response_action: 'errors', errors: { [FIELD.note]: en.error(result.error) } });
      await ack();
      await confirm(client, meta.channelId, body.user.id, en.actionUpdated(meta.actionId));
      const where = { channelId: meta.channelId, messageTs: meta.messageTs };
      await showOutcomeInPlace(client, where, meta.actionId, en.nudges.outcome.updated(body.user.id), logger);
      if (meta.home) await publishHome(client, ctx, body.user.id, en.actionUpdated(meta.actionId));
    } catch (error) {
      if (error instanceof DuplicateDelivery) return ack();
      logger.error(`add update modal failed: ${(error as Error).message}`);
      await ack({ response_action: 'errors', errors: { [FIELD.note]: en.genericFailure } });
    }
  });
}
