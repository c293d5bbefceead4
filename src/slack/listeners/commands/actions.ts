import {
  completeAction,
  logAction,
  markBlocked,
  myOpenActions,
  recordUpdate,
  setAway,
  snooze,
} from '../../../app/actions.js';
import { initiativesForPicker } from '../../../app/initiatives.js';
import { dateContext } from '../../../app/read.js';
import { md } from '../../messages/en.js';
import { lifecycle, msg } from '../../messages/index.js';
import { logActionModal } from '../../views/modals.js';
import { mineReply, textReply } from '../../views/replies.js';
import { answer, type CommandHandler } from './handler.js';
import { cachedReply } from './reply-cache.js';

/** `/cx log`: with no arguments the Log action modal, otherwise the action logged from the options. */
export const log: CommandHandler<'log'> = async (cmd, { ctx, caller, client, triggerId, ackEmpty }) => {
  if (cmd.modal) {
    await ackEmpty();
    const view = logActionModal({
      initiatives: initiativesForPicker(ctx),
      ownerId: caller.userId,
      channelId: caller.channelId,
    });
    await client.views.open({ trigger_id: triggerId, view });
    return null;
  }
  const result = await logAction(ctx, caller, {
    initiativeId: cmd.initiativeId,
    title: cmd.title,
    ownerId: cmd.ownerId ?? undefined,
    dueDate: cmd.due,
    dept: cmd.dept ?? undefined,
  });
  return answer(result, 'log', ({ action: a }) =>
    textReply(
      a.ownerId === caller.userId
        ? msg.actionLogged(a.id, a.title, a.ownerId, a.initiativeId, a.dueDate)
        : md`${msg.actionLogged(a.id, a.title, a.ownerId, a.initiativeId, a.dueDate)}${lifecycle.loggedFor(a.ownerId)}`,
    ),
  );
};

export const done: CommandHandler<'done'> = async (cmd, { ctx, caller }) =>
  answer(await completeAction(ctx, caller, cmd.actionId, cmd.note), 'done', (c) =>
    textReply(msg.actionDone(c.action.id, c.action.title, c.progress.done, c.progress.total, c.announcedIn)),
  );

export const update: CommandHandler<'update'> = async (cmd, { ctx, caller }) =>
  answer(await recordUpdate(ctx, caller, cmd.actionId, cmd.note), 'update', ({ action }) =>
    textReply(
      action.status === 'blocked'
        ? lifecycle.updatedStillBlocked(action.id, action.blockedReason)
        : msg.actionUpdated(action.id),
    ),
  );

export const block: CommandHandler<'block'> = async (cmd, { ctx, caller }) =>
  answer(await markBlocked(ctx, caller, cmd.actionId, cmd.reason), 'block', ({ action }) =>
    textReply(msg.actionBlocked(action.id, cmd.reason)),
  );

export const snoozeAction: CommandHandler<'snooze'> = async (cmd, { ctx, caller }) =>
  answer(await snooze(ctx, caller, cmd.actionId, cmd.days), 'snooze', ({ action }) =>
    textReply(msg.actionSnoozed(action.id, cmd.days)),
  );

export const mine: CommandHandler<'mine'> = (_cmd, { ctx, caller }) =>
  cachedReply(ctx, `mine:${caller.userId}`, () =>
    mineReply(myOpenActions(ctx, caller.userId), dateContext(ctx)),
  );

export const away: CommandHandler<'away'> = (cmd, { ctx, caller }) =>
  answer(setAway(ctx, caller, cmd.until), 'away', ({ until }) =>
    textReply(until ? msg.awayOn(until) : msg.awayOff),
  );
