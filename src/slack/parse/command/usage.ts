/** The forms of every `/cx` subcommand, as `/cx help` and usage errors print them (and the contract lists). */
import { SUBCOMMAND_NAMES, type SubcommandName } from '../../../domain/errors.js';

export { SUBCOMMAND_NAMES, type SubcommandName };

export interface Subcommand {
  name: SubcommandName;
  /** Every form of the command, exactly as in the contract. Contains `<…>`: escape before mrkdwn. */
  synopsis: readonly string[];
  /** The forms `/cx help` lists on the command's one line, when shorter than `synopsis`. */
  short?: readonly string[];
}

export const SUBCOMMANDS: readonly Subcommand[] = [
  { name: 'help', synopsis: ['/cx help'], short: ['/cx help [command]'] },
  {
    name: 'new',
    synopsis: [
      '/cx new',
      '/cx new <title> [lead:<dept>] [with:<dept>,<dept>…] [essential|important] [owner:@user] [start:YYYY-MM-DD]',
    ],
    short: ['/cx new <title> [lead:<dept>] [essential] …'],
  },
  {
    name: 'log',
    synopsis: ['/cx log', '/cx log <I-n> <title> [@owner] [due:YYYY-MM-DD|due:+Nd] [dept:<dept>]'],
    short: ['/cx log <I-n> <title> [@owner] [due:+Nd] …'],
  },
  { name: 'done', synopsis: ['/cx done <A-n> [note]'] },
  { name: 'update', synopsis: ['/cx update <A-n> <note>'] },
  { name: 'block', synopsis: ['/cx block <A-n> <reason>'] },
  { name: 'snooze', synopsis: ['/cx snooze <A-n> [Nd]'] },
  { name: 'due', synopsis: ['/cx due <A-n> <YYYY-MM-DD|+Nd> [reason]'] },
  { name: 'assign', synopsis: ['/cx assign <A-n> @user'] },
  { name: 'edit', synopsis: ['/cx edit <I-n|A-n> <new title>'] },
  { name: 'unblock', synopsis: ['/cx unblock <A-n> [note]'] },
  { name: 'drop', synopsis: ['/cx drop <A-n> <reason>'] },
  { name: 'close', synopsis: ['/cx close <I-n> <outcome note>'] },
  { name: 'verdict', synopsis: ['/cx verdict <I-n> pass|partial|fail <reason>'] },
  { name: 'mine', synopsis: ['/cx mine'] },
  { name: 'away', synopsis: ['/cx away until YYYY-MM-DD', '/cx away off'] },
  { name: 'list', synopsis: ['/cx list [dept]'] },
  { name: 'show', synopsis: ['/cx show <I-n|A-n|P-n>'] },
  { name: 'essential', synopsis: ['/cx essential <I-n>'] },
  { name: 'important', synopsis: ['/cx important <I-n>'] },
  { name: 'metric', synopsis: ['/cx metric <I-n> customer|business "<name>" <baseline> -> <target>'] },
  { name: 'check', synopsis: ['/cx check <I-n> [customer=<value>] [business=<value>]'] },
  { name: 'pain', synopsis: ['/cx pain <text>'] },
  { name: 'round', synopsis: ['/cx round [status|open|close]'] },
  { name: 'setup', synopsis: ['/cx setup channel <dept|hub>', '/cx setup show'] },
  {
    name: 'ask',
    synopsis: ['/cx ask <dept> <I-n> <what is needed> [by:YYYY-MM-DD|by:+Nd]'],
    short: ['/cx ask <dept> <I-n> <what is needed> [by:+Nd]'],
  },
  { name: 'asks', synopsis: ['/cx asks [dept]'] },
  { name: 'lang', synopsis: ['/cx lang en|de|auto'] },
];

/** The forms on a subcommand's one line of `/cx help`. */
export function shortFormsOf(name: SubcommandName): readonly string[] {
  const found = SUBCOMMANDS.find((s) => s.name === name);
  return found?.short ?? found?.synopsis ?? [];
}

export function synopsisOf(name: SubcommandName): readonly string[] {
  return SUBCOMMANDS.find((s) => s.name === name)?.synopsis ?? [];
}

export function isSubcommandName(text: string): text is SubcommandName {
  return (SUBCOMMAND_NAMES as readonly string[]).includes(text);
}
