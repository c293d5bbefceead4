/**
 * `/cx help`: one line per subcommand, what it does and its short form; `/cx help <subcommand>`: that
 * subcommand in full (forms, options, an example). The words are in ../messages/en-help.ts.
 */
import type { SubcommandName } from '../../domain/errors.js';
import { help } from '../messages/index.js';
import { join, line, type Mrkdwn, md } from '../messages/mrkdwn.js';
import { SUBCOMMANDS, shortFormsOf, synopsisOf } from '../parse/command/index.js';
import { type BuiltMessage, context, header, linesToSections, message, section } from './blocks.js';

/** One line per subcommand, in the order of the contract. */
export function helpLines(): Mrkdwn[] {
  return SUBCOMMANDS.map(({ name }) => help.line(shortFormsOf(name), name));
}

/**
 * Every subcommand. `unknown`: a word typed after `help` that is no subcommand, said first. The fallback
 * text carries the whole list too: it is what a notification or screen reader gets.
 */
export function helpReply(unknown?: { text: string; suggestions: readonly string[] }): BuiltMessage {
  const lines = helpLines();
  const note = unknown ? [help.unknownTopic(unknown.text, unknown.suggestions)] : [];
  const text = md`${line(help.title)}\n${join([...note, ...lines, help.footer], '\n')}`;
  return message(text, [
    header(help.title),
    ...note.map(section),
    section(help.intro),
    ...linesToSections(lines, 10).blocks,
    context(help.footer),
  ]);
}

/** One subcommand in full. */
export function subcommandHelpReply(name: SubcommandName): BuiltMessage {
  const forms = synopsisOf(name).map((f) => md`\`${line(f)}\``);
  const options = (help.entry(name).options ?? []).map(([syntax, meaning]) => help.option(syntax, meaning));
  const parts = [
    help.detailHeading(name),
    md`${help.forms}\n${join(forms, '\n')}`,
    ...(options.length > 0 ? [md`${help.options}\n${join(options, '\n')}`] : []),
    help.example(name),
  ];
  const text = join([...parts, help.everyCommand], '\n');
  return message(text, [...parts.map(section), context(help.everyCommand)]);
}
