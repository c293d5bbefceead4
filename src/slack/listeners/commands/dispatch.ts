import type { ParsedCommand, SubcommandName } from '../../parse/command/index.js';
import type { BuiltMessage } from '../../views/blocks.js';
import { away, block, done, log, mine, snoozeAction, update } from './actions.js';
import { ask, asksList, showRequest } from './asks.js';
import type { CommandHandler, CommandRequest } from './handler.js';
import { help } from './help.js';
import { withInitiativeButtons } from './initiative-buttons.js';
import { closeInitiative, list, metric, newInitiative, tier, verdict } from './initiatives.js';
import { lang } from './lang.js';
import { assign, drop, due, edit, unblock } from './lifecycle.js';
import { check } from './metrics.js';
import { pain, round } from './rounds.js';
import { setup } from './setup.js';
import { show } from './show.js';

/** Which handler answers each subcommand; the type makes a missing subcommand a compile error. */
const HANDLERS: { [N in SubcommandName]: CommandHandler<N> } = {
  help,
  new: newInitiative,
  log,
  done,
  update,
  block,
  snooze: snoozeAction,
  due,
  assign,
  edit,
  unblock,
  drop,
  close: closeInitiative,
  verdict,
  mine,
  away,
  list,
  show: async (cmd, req) =>
    cmd.ref.kind === 'R'
      ? showRequest(cmd.ref.n, req)
      : withInitiativeButtons(cmd, await show(cmd, req), req.ctx, req.caller.userId),
  essential: (cmd, req) => tier(cmd, req),
  important: (cmd, req) => tier(cmd, req),
  metric,
  check,
  pain,
  round,
  setup,
  ask,
  asks: asksList,
  lang,
};

/** The subcommands the table answers (so a test can check each has its line in `/cx help`). */
export const DISPATCHED = Object.keys(HANDLERS) as SubcommandName[];

export function dispatch(
  cmd: ParsedCommand,
  req: CommandRequest,
): Promise<BuiltMessage | null> | BuiltMessage | null {
  const handler = HANDLERS[cmd.name] as CommandHandler<typeof cmd.name>;
  return handler(cmd, req);
}
