import { requestClose } from '../../../app/close-initiative.js';
import { changeMetric, changeTier, createInitiative, listInitiatives } from '../../../app/initiatives.js';
import { newInitiativeStart } from '../../../app/read.js';
import { overrideLatestVerdict } from '../../../app/verdict-override.js';
import { msg } from '../../messages/index.js';
import { showDecisionInVerdictDm } from '../../respond/verdict-dm.js';
import { closeReply, verdictReply } from '../../views/initiative-lifecycle.js';
import { newInitiativeModal } from '../../views/modals.js';
import { listReply, textReply } from '../../views/replies.js';
import { answer, type CommandHandler } from './handler.js';
import { cachedReply } from './reply-cache.js';

/** `/cx new`: with no arguments the New initiative modal, otherwise the initiative from the options. */
export const newInitiative: CommandHandler<'new'> = async (
  cmd,
  { ctx, caller, client, triggerId, ackEmpty },
) => {
  if (cmd.modal) {
    await ackEmpty();
    const start = newInitiativeStart(ctx, caller.channelId);
    const view = newInitiativeModal({
      lead: start.lead,
      ownerId: caller.userId,
      channelId: caller.channelId,
      today: start.today,
    });
    await client.views.open({ trigger_id: triggerId, view });
    return null;
  }
  const result = await createInitiative(ctx, caller, {
    title: cmd.title,
    lead: cmd.lead ?? undefined,
    with: cmd.withDepts,
    tier: cmd.tier,
    ownerId: cmd.ownerId ?? undefined,
    startDate: cmd.start,
  });
  return answer(result, 'new', (i) => textReply(msg.initiativeCreated(i.id, i.title, i.tier)));
};

export const list: CommandHandler<'list'> = (cmd, { ctx }) =>
  cachedReply(ctx, `list:${cmd.dept ?? ''}`, () =>
    listReply(listInitiatives(ctx, cmd.dept ?? undefined), cmd.dept ?? undefined),
  );

/** `/cx essential I-n` and `/cx important I-n`. */
export const tier: CommandHandler<'essential' | 'important'> = async (cmd, { ctx, caller }) =>
  answer(await changeTier(ctx, caller, cmd.initiativeId, cmd.name), cmd.name, (c) =>
    textReply(msg.tierChanged(c.initiative.id, c.initiative.tier, c.changed)),
  );

export const metric: CommandHandler<'metric'> = async (cmd, { ctx, caller }) => {
  const m = cmd.metric;
  return answer(await changeMetric(ctx, caller, cmd.initiativeId, cmd.kind, m), 'metric', (i) =>
    textReply(msg.metricSet(i.id, cmd.kind, m.name, m.baseline, m.target, m.unit)),
  );
};

/** `/cx close I-n <outcome>`: closes at once, or lists the open actions with the close-and-drop button. */
export const closeInitiative: CommandHandler<'close'> = async (cmd, { ctx, caller, client, afterReply }) => {
  const result = await requestClose(ctx, caller, cmd.initiativeId, cmd.outcome);
  const decided = result.ok && result.value.status === 'closed' ? result.value.decidedCheck : undefined;
  if (decided) {
    const check = { initiativeId: cmd.initiativeId, dueDate: decided };
    afterReply((logger) => showDecisionInVerdictDm(ctx, client, logger, check));
  }
  return answer(result, 'close', (o) => closeReply(o));
};

/** `/cx verdict I-n pass|partial|fail <reason>`: overrides the latest 6/12-month verdict. */
export const verdict: CommandHandler<'verdict'> = async (cmd, { ctx, caller }) =>
  answer(
    await overrideLatestVerdict(ctx, caller, cmd.initiativeId, cmd.verdict, cmd.reason),
    'verdict',
    verdictReply,
  );
