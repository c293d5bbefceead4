import type { WebClient } from '@slack/web-api';
import {
  actionDetail,
  completeAction,
  logAction,
  markBlocked,
  myOpenActions,
  recordUpdate,
  setAway,
  snooze,
} from '../../../app/actions.js';
import type { AppContext, Caller } from '../../../app/context.js';
import {
  changeMetric,
  changeTier,
  createInitiative,
  departmentOfChannel,
  initiativeDetail,
  initiativesForPicker,
  listInitiatives,
} from '../../../app/initiatives.js';
import { metricsPicture } from '../../../app/metric-checks.js';
import { bindChannel, bindings, requireAdmin } from '../../../app/setup.js';
import { localDate } from '../../../domain/dates.js';
import type { Result } from '../../../domain/errors.js';
import { JOBS } from '../../../jobs/index.js';
import { en } from '../../messages/en.js';
import { md } from '../../messages/mrkdwn.js';
import type { ParsedCommand } from '../../parse/command/index.js';
import type { BuiltMessage } from '../../views/blocks.js';
import { logActionModal, newInitiativeModal } from '../../views/modals.js';
import {
  actionReply,
  errorReply,
  helpReply,
  initiativeReply,
  listReply,
  mineReply,
  setupShowReply,
  textReply,
  usageReply,
} from '../../views/replies.js';
import { handleCheck } from './check.js';
import { joinForBinding } from './join-channel.js';
import { handlePain, handleRound, showPainPoint } from './rounds.js';

export interface CommandIO {
  client: WebClient;
  triggerId: string;
  /** Acknowledge with no message (before opening a modal). */
  ackEmpty: () => Promise<void>;
}

/** Turns a use-case result into the reply: the success text, or the error paragraph with usage. */
function answer<T>(result: Result<T>, command: ParsedCommand['name'], onOk: (value: T) => BuiltMessage) {
  return result.ok ? onOk(result.value) : errorReply(result.error, command);
}

export async function handleCommand(
  ctx: AppContext,
  cmd: ParsedCommand,
  caller: Caller,
  io: CommandIO,
): Promise<BuiltMessage | null> {
  switch (cmd.name) {
    case 'help':
      return cmd.topic ? usageReply(cmd.topic) : helpReply();
    case 'new': {
      if (cmd.modal) {
        await io.ackEmpty();
        const view = newInitiativeModal({
          lead: departmentOfChannel(ctx, caller.channelId),
          ownerId: caller.userId,
          channelId: caller.channelId,
          today: localDate(ctx.clock.now(), ctx.timeZone),
        });
        await io.client.views.open({ trigger_id: io.triggerId, view });
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
      return answer(result, 'new', (i) => textReply(en.initiativeCreated(i.id, i.title, i.tier)));
    }
    case 'log': {
      if (cmd.modal) {
        await io.ackEmpty();
        const view = logActionModal({
          initiatives: initiativesForPicker(ctx),
          ownerId: caller.userId,
          channelId: caller.channelId,
        });
        await io.client.views.open({ trigger_id: io.triggerId, view });
        return null;
      }
      const result = await logAction(ctx, caller, {
        initiativeId: cmd.initiativeId,
        title: cmd.title,
        ownerId: cmd.ownerId ?? undefined,
        dueDate: cmd.due,
        dept: cmd.dept ?? undefined,
      });
      return answer(result, 'log', ({ action }) =>
        textReply(
          en.actionLogged(action.id, action.title, action.ownerId, action.initiativeId, action.dueDate),
        ),
      );
    }
    case 'done': {
      const result = await completeAction(ctx, caller, cmd.actionId, cmd.note);
      return answer(result, 'done', (c) =>
        textReply(
          en.actionDone(c.action.id, c.action.title, c.progress.done, c.progress.total, c.announcedIn),
        ),
      );
    }
    case 'update':
      return answer(await recordUpdate(ctx, caller, cmd.actionId, cmd.note), 'update', ({ action }) =>
        textReply(en.actionUpdated(action.id)),
      );
    case 'block':
      return answer(await markBlocked(ctx, caller, cmd.actionId, cmd.reason), 'block', ({ action }) =>
        textReply(en.actionBlocked(action.id, cmd.reason)),
      );
    case 'snooze':
      return answer(await snooze(ctx, caller, cmd.actionId, cmd.days), 'snooze', ({ action }) =>
        textReply(en.actionSnoozed(action.id, cmd.days)),
      );
    case 'mine':
      return mineReply(myOpenActions(ctx, caller.userId));
    case 'away':
      return answer(setAway(ctx, caller, cmd.until), 'away', ({ until }) =>
        textReply(until ? en.awayOn(until) : en.awayOff),
      );
    case 'list':
      return listReply(listInitiatives(ctx, cmd.dept ?? undefined), cmd.dept ?? undefined);
    case 'show':
      if (cmd.ref.kind === 'I')
        return answer(initiativeDetail(ctx, cmd.ref.n), 'show', (d) =>
          initiativeReply(d, metricsPicture(ctx, d.initiative)),
        );
      if (cmd.ref.kind === 'A') return answer(actionDetail(ctx, cmd.ref.n), 'show', actionReply);
      return showPainPoint(ctx, cmd.ref.n);
    case 'essential':
    case 'important':
      return answer(await changeTier(ctx, caller, cmd.initiativeId, cmd.name), cmd.name, (c) =>
        textReply(en.tierChanged(c.initiative.id, c.initiative.tier, c.changed)),
      );
    case 'metric':
      return answer(await changeMetric(ctx, caller, cmd.initiativeId, cmd.kind, cmd.metric), 'metric', (i) =>
        textReply(
          en.metricSet(
            i.id,
            cmd.kind,
            cmd.metric.name,
            cmd.metric.baseline,
            cmd.metric.target,
            cmd.metric.unit,
          ),
        ),
      );
    case 'check':
      return handleCheck(ctx, cmd, caller, io);
    case 'pain':
      return handlePain(ctx, cmd, caller);
    case 'round':
      return handleRound(ctx, cmd, caller);
    case 'setup': {
      const admin = await requireAdmin(ctx, caller.userId);
      if (!admin.ok) return errorReply(admin.error, 'setup');
      if (cmd.op === 'show') {
        const schedules = JOBS.map((j) => ({ job: j.name, schedule: j.when ?? `\`${j.schedule}\`` }));
        return setupShowReply(bindings(ctx), schedules, ctx.timeZone);
      }
      const joined = await joinForBinding(io.client, caller.channelId ?? '');
      if (joined === 'not_a_channel') return textReply(en.setupNotAChannel);
      const bound = bindChannel(ctx, caller, cmd.key);
      return answer(bound, 'setup', (b) =>
        textReply(
          joined === 'private_needs_invite'
            ? md`${en.setupBound(b.key, b.channelId)} ${en.setupPrivate}`
            : en.setupBound(b.key, b.channelId),
        ),
      );
    }
  }
}
