/** The `/cx` grammar, as the command listener and the help/usage replies use it. */
export { parseCommand } from './grammar.js';
export { formatUserMention, parseUserMention } from './mentions.js';
export { joinText, restOf, type Token, tokenize } from './tokens.js';
export type {
  CommandOf,
  LogActionCommand,
  NewInitiativeCommand,
  ParseContext,
  ParsedCommand,
} from './types.js';
export {
  isSubcommandName,
  SUBCOMMAND_NAMES,
  SUBCOMMANDS,
  type Subcommand,
  type SubcommandName,
  shortFormsOf,
  synopsisOf,
} from './usage.js';
