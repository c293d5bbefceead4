import { bindChannel, bindings, requireAdmin } from '../../../app/setup.js';
import { msg } from '../../messages/index.js';
import { boundText } from '../../views/answers.js';
import { errorReply, setupShowReply, textReply } from '../../views/replies.js';
import { answer, type CommandHandler } from './handler.js';
import { joinForBinding } from './join-channel.js';

/**
 * `/cx setup show` (bindings and job schedules) and `/cx setup channel <key>` (binds the channel it is
 * typed in, joining it first), for admins only. The schedules come with the app's dependencies.
 */
export const setup: CommandHandler<'setup'> = async (cmd, { ctx, caller, client }) => {
  const admin = await requireAdmin(ctx, caller.userId);
  if (!admin.ok) return errorReply(admin.error, 'setup');
  if (cmd.op === 'show') {
    const schedules = ctx.schedules.map((j) => ({
      job: j.name,
      schedule: j.when ? msg.jobWhen(j.name, j.when) : `\`${j.schedule}\``,
    }));
    return setupShowReply(bindings(ctx), schedules, ctx.timeZone);
  }
  const joined = await joinForBinding(client, caller.channelId ?? '');
  if (joined === 'not_a_channel') return textReply(msg.setupNotAChannel);
  return answer(bindChannel(ctx, caller, cmd.key), 'setup', (b) =>
    textReply(boundText(b.key, b.channelId, joined === 'private_needs_invite')),
  );
};
