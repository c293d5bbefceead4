import { helpReply, usageReply } from '../../views/replies.js';
import type { CommandHandler } from './handler.js';

/** `/cx help [subcommand]`: every synopsis, or one subcommand's usage. */
export const help: CommandHandler<'help'> = (cmd) => (cmd.topic ? usageReply(cmd.topic) : helpReply());
