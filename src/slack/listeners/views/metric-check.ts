import type { ViewOutput } from '@slack/bolt';
import type { AppContext } from '../../../app/context.js';
import { recordCheckin } from '../../../app/metric-checks.js';
import { FIELD, VIEW } from '../../ids.js';
import { msg } from '../../messages/index.js';
import { parseCheckMetadata, parseCheckValues } from '../../parse/check-state.js';
import { viewCaller } from '../../respond/callers.js';
import { viewListener } from '../../respond/guard.js';
import { confirm } from '../../respond/say.js';
import { checkinText } from '../../views/answers.js';

/** The modal asks for the customer value only when the initiative has a customer metric. */
const firstField = (view: ViewOutput) =>
  view.state.values[FIELD.customerValue] ? FIELD.customerValue : FIELD.businessValue;

/** The check modal: values recorded with who and when; errors inline next to the field concerned. */
export const metricCheckSubmit = (ctx: AppContext) =>
  viewListener(VIEW.metricCheck, firstField, async ({ ack, body, view, client }) => {
    const meta = parseCheckMetadata(view.private_metadata);
    const parsed = parseCheckValues(view.state.values, msg.metrics.modal);
    if (!parsed.ok) return ack({ response_action: 'errors', errors: parsed.errors });
    if (!meta) return ack({ response_action: 'errors', errors: { [firstField(view)]: msg.genericFailure } });
    const result = await recordCheckin(ctx, viewCaller(body, view), meta.initiativeId, parsed.value);
    if (!result.ok) {
      const e = result.error;
      const kind = e.code === 'no_metric' ? e.kind : null;
      const field =
        kind === null ? firstField(view) : kind === 'customer' ? FIELD.customerValue : FIELD.businessValue;
      return ack({ response_action: 'errors', errors: { [field]: msg.error(e) } });
    }
    await ack();
    await confirm(client, meta.channelId, body.user.id, checkinText(result.value));
  });
