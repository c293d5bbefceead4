import type { App } from '@slack/bolt';
import type { Logger } from '@slack/logger';
import type { AppContext } from '../../../app/context.js';
import { parseCommand } from '../../parse/command/index.js';
import { commandCaller } from '../../respond/callers.js';
import { commandListener } from '../../respond/guard.js';
import { errorReply } from '../../views/replies.js';
import { dispatch } from './dispatch.js';

/**
 * `/cx`: parse, then the subcommand's handler (see dispatch.ts). Slack waits 3 s for the answer to a slash
 * command; the reply goes back in the ack, so no extra API call.
 */
export function registerCommands(app: App, ctx: AppContext): void {
  app.command(
    '/cx',
    commandListener('/cx', async ({ command, client, logger }, reply) => {
      const parsed = parseCommand(command.text ?? '', { now: ctx.clock.now(), zone: ctx.timeZone });
      if (!parsed.ok) return reply(errorReply(parsed.error));
      const caller = commandCaller(command);
      const later: Array<(logger: Logger) => Promise<void>> = [];
      const req = {
        ctx,
        caller,
        client,
        triggerId: command.trigger_id,
        ackEmpty: () => reply(null),
        afterReply: (task: (logger: Logger) => Promise<void>) => later.push(task),
      };
      await reply(await dispatch(parsed.value, req));
      for (const task of later) await task(logger);
    }),
  );
}
