import { helpReply, subcommandHelpReply } from '../../views/help.js';
import type { CommandHandler } from './handler.js';

/** `/cx help [subcommand]`: one line per subcommand, or one subcommand in full. */
export const help: CommandHandler<'help'> = (cmd) =>
  cmd.topic ? subcommandHelpReply(cmd.topic) : helpReply(cmd.unknown);
