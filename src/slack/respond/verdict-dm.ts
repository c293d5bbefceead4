import type { WebClient } from '@slack/web-api';
import type { AppContext } from '../../app/context.js';
import { decidedVerdictDm } from '../../app/metric-checks.js';
import type { LocalDate } from '../../domain/types.js';
import { inLanguage, msg } from '../messages/index.js';
import { decideBlockId } from '../views/check.js';
import { recipientLanguage } from '../views/render-in-language.js';
import { showOutcomeInPlace } from './in-place.js';

interface Logger {
  warn(...msg: unknown[]): void;
}

/**
 * Once a 12-month (or follow-up) verdict is decided — in its DM, in `/cx show I-n`, in the App Home or by
 * `/cx close` — the DM's Recommit / Close give way to who decided what and when, in the DM reader's language,
 * so nothing is left there to press. `pressed`: the message a button was pressed on, which saves reading the
 * DM back when it is the DM itself. Best effort, like every in-place update: the decision is committed.
 */
export async function showDecisionInVerdictDm(
  ctx: AppContext,
  client: WebClient,
  logger: Logger,
  check: { initiativeId: number; dueDate: LocalDate },
  pressed?: { ts?: string; blocks?: unknown; text?: string },
): Promise<void> {
  const dm = decidedVerdictDm(ctx, check.initiativeId, check.dueDate);
  if (!dm) return;
  const line = inLanguage(recipientLanguage(ctx, { type: 'user', id: dm.recipientId }), () =>
    msg.metrics.decidedInDm(dm.decision, dm.decidedBy, dm.decidedOn),
  );
  const known = pressed?.ts === dm.ts ? pressed : undefined;
  const where = { channelId: dm.channelId, messageTs: dm.ts };
  await showOutcomeInPlace(client, where, decideBlockId(check.initiativeId), line, logger, known);
}
