import type { App } from '@slack/bolt';
import { type AppContext, type Caller, DuplicateDelivery } from '../../../app/context.js';
import { recordCheckin } from '../../../app/metric-checks.js';
import { FIELD, VIEW } from '../../ids.js';
import { en } from '../../messages/en.js';
import { parseCheckMetadata, parseCheckValues } from '../../parse/check-state.js';
import { checkinText } from '../commands/check.js';

/** The check modal: values recorded with who and when; errors inline next to the field concerned. */
export function registerMetricViews(app: App, ctx: AppContext): void {
  app.view(VIEW.metricCheck, async ({ ack, body, view, client, logger }) => {
    const meta = parseCheckMetadata(view.private_metadata);
    const parsed = parseCheckValues(view.state.values, en.metrics.modal);
    if (!parsed.ok) return ack({ response_action: 'errors', errors: parsed.errors });
    const hasCustomer = Boolean(view.state.values[FIELD.customerValue]);
    const firstField = hasCustomer ? FIELD.customerValue : FIELD.businessValue;
    if (!meta) return ack({ response_action: 'errors', errors: { [firstField]: en.genericFailure } });
    const caller: Caller = { userId: body.user.id, dedupeKey: `view:${view.id}` };
    try {
      const result = await recordCheckin(ctx, caller, meta.initiativeId, parsed.value);
      if (!result.ok) {
        const field =
          result.error.code === 'no_metric'
            ? result.error.kind === 'customer'
              ? FIELD.customerValue
              : FIELD.businessValue
            : firstField;
        return ack({ response_action: 'errors', errors: { [field]: en.error(result.error) } });
      }
      await ack();
      if (meta.channelId) {
        await client.chat
          .postEphemeral({ channel: meta.channelId, user: body.user.id, text: checkinText(result.value) })
          .catch(() => undefined);
      }
    } catch (error) {
      if (error instanceof DuplicateDelivery) return ack();
      logger.error(`metric check modal failed: ${(error as Error).message}`);
      await ack({ response_action: 'errors', errors: { [firstField]: en.genericFailure } });
    }
  });
}
