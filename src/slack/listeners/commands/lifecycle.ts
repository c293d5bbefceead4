import {
  assignAction,
  dropAction,
  renameAction,
  renameInitiative,
  rescheduleAction,
  unblockAction,
} from '../../../app/action-lifecycle.js';
import { lifecycle } from '../../messages/index.js';
import { textReply } from '../../views/replies.js';
import { answer, type CommandHandler } from './handler.js';

/** `/cx due A-n <date> [reason]`. */
export const due: CommandHandler<'due'> = async (cmd, { ctx, caller }) =>
  answer(
    await rescheduleAction(ctx, caller, { actionId: cmd.actionId, dueDate: cmd.due, reason: cmd.reason }),
    'due',
    ({ action, before, changed }) =>
      textReply(
        changed
          ? lifecycle.rescheduled(action.id, action.title, before.dueDate, cmd.due)
          : lifecycle.alreadyDue(action.id, cmd.due),
      ),
  );

/** `/cx assign A-n @user`. */
export const assign: CommandHandler<'assign'> = async (cmd, { ctx, caller }) =>
  answer(
    await assignAction(ctx, caller, { actionId: cmd.actionId, ownerId: cmd.ownerId }),
    'assign',
    ({ action, before, changed }) =>
      textReply(
        changed
          ? lifecycle.assigned(
              action.id,
              action.title,
              action.ownerId,
              action.ownerId === caller.userId,
              before.ownerId,
            )
          : lifecycle.alreadyOwns(action.id, action.ownerId),
      ),
  );

/** `/cx edit I-n|A-n <new title>`. */
export const edit: CommandHandler<'edit'> = async (cmd, { ctx, caller }) => {
  if (cmd.ref.kind === 'I') {
    const result = await renameInitiative(ctx, caller, { initiativeId: cmd.ref.n, title: cmd.title });
    return answer(result, 'edit', ({ initiative, before, changed }) =>
      textReply(
        changed
          ? lifecycle.renamedInitiative(initiative.id, before.title, initiative.title)
          : lifecycle.alreadyCalled(`I-${initiative.id}`, initiative.title),
      ),
    );
  }
  const result = await renameAction(ctx, caller, { actionId: cmd.ref.n, title: cmd.title });
  return answer(result, 'edit', ({ action, before, changed }) =>
    textReply(
      changed
        ? lifecycle.renamedAction(action.id, before.title, action.title)
        : lifecycle.alreadyCalled(`A-${action.id}`, action.title),
    ),
  );
};

/** `/cx unblock A-n [note]`. */
export const unblock: CommandHandler<'unblock'> = async (cmd, { ctx, caller }) =>
  answer(
    await unblockAction(ctx, caller, { actionId: cmd.actionId, note: cmd.note }),
    'unblock',
    ({ action }) => textReply(lifecycle.unblocked(action.id, action.title)),
  );

/** `/cx drop A-n <reason>`: final, no win. */
export const drop: CommandHandler<'drop'> = async (cmd, { ctx, caller }) =>
  answer(
    await dropAction(ctx, caller, { actionId: cmd.actionId, reason: cmd.reason }),
    'drop',
    ({ action }) => textReply(lifecycle.dropped(action.id, action.title, action.initiativeId)),
  );
