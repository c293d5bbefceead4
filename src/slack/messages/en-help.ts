/**
 * What each `/cx` subcommand does, in words: one line for `/cx help`, options and an example for
 * `/cx help <subcommand>`. The syntax itself is the grammar's (slack/parse/command/usage.ts).
 */
import { DEFAULT_SNOOZE_DAYS, MAX_SNOOZE_DAYS } from '../../domain/actions.js';
import type { SubcommandName } from '../../domain/errors.js';
import { MAX_ESSENTIAL } from '../../domain/types.js';
import { count, join, line, type Mrkdwn, md } from './mrkdwn.js';

export interface HelpEntry {
  /** What it does, as the end of "`/cx done <A-n> [note]` – …": lower case, no full stop. */
  does: Mrkdwn;
  /** Options and words it takes: the syntax (shown as code) and what it means. */
  options?: readonly (readonly [string, Mrkdwn])[];
  /** A command as someone would type it (without `/cx`). */
  example: string;
}

const DEPTS = md`marketing, sales, service or it`;
const days = (n: number) => count(n, { one: '# day', other: '# days' });

export const HELP: Record<SubcommandName, HelpEntry> = {
  help: {
    does: md`every command in one line; with a command, that command in full`,
    example: 'help log',
  },
  new: {
    does: md`create an initiative (alone: opens a form)`,
    options: [
      ['<title>', md`what it is about, in a few words`],
      ['lead:<dept>', md`the leading department: ${DEPTS} (default: this channel's department)`],
      ['with:<dept>,<dept>', md`other departments involved`],
      ['essential | important', md`its tier (default important; at most ${MAX_ESSENTIAL} essential at once)`],
      ['owner:@user', md`who owns it (default: you)`],
      ['start:YYYY-MM-DD', md`when it started (default: today)`],
    ],
    example: 'new Faster refunds lead:service with:sales essential',
  },
  log: {
    does: md`log a concrete next step under an initiative (alone: opens a form)`,
    options: [
      ['<I-n>', md`the initiative`],
      ['<title>', md`the step, in a few words`],
      ['@owner', md`who does it, picked from the @-list (default: you)`],
      ['due:YYYY-MM-DD | due:+Nd', md`when it is due`],
      ['dept:<dept>', md`the department doing it (default: the initiative's lead)`],
    ],
    example: 'log I-3 Call the top 20 accounts @maria due:+7d',
  },
  done: {
    does: md`complete an action; its progress win is posted`,
    options: [['[note]', md`what came of it`]],
    example: 'done A-7 FAQ is live',
  },
  update: {
    does: md`record progress on an action (its stall clock starts again)`,
    example: 'update A-7 Draft sent to legal',
  },
  block: {
    does: md`mark an action blocked, saying what blocks it`,
    example: 'block A-7 Waiting for the legal review',
  },
  snooze: {
    does: md`silence an action's reminders for a few days`,
    options: [['[Nd]', md`how many days: 1 to ${MAX_SNOOZE_DAYS} (default ${days(DEFAULT_SNOOZE_DAYS)})`]],
    example: 'snooze A-7 5d',
  },
  due: {
    does: md`reschedule an action; its history keeps the old date and why`,
    options: [
      ['YYYY-MM-DD | +Nd', md`the new due date, or days from today`],
      ['[reason]', md`why it moved`],
    ],
    example: 'due A-7 +7d legal needs another week',
  },
  assign: {
    does: md`hand an action to someone else (they get a DM)`,
    options: [['@user', md`the new owner, picked from the @-list`]],
    example: 'assign A-7 @maria',
  },
  edit: {
    does: md`rename an initiative or an action`,
    example: 'edit A-7 Call the top 30 accounts',
  },
  unblock: {
    does: md`lift a block`,
    options: [['[note]', md`what unblocked it`]],
    example: 'unblock A-7 Legal said yes',
  },
  drop: {
    does: md`end an action that is no longer needed (final, no win)`,
    example: 'drop A-7 The supplier changed its terms',
  },
  close: {
    does: md`close an initiative with its outcome (owner or admin)`,
    example: 'close I-3 Refunds now take 2 days instead of 9',
  },
  verdict: {
    does: md`override the latest 6/12-month verdict (owner or admin)`,
    options: [['pass | partial | fail', md`the verdict, followed by why`]],
    example: 'verdict I-3 partial NPS rose, costs did not fall yet',
  },
  mine: {
    does: md`your open actions, soonest due first`,
    example: 'mine',
  },
  away: {
    does: md`pause all your reminders until a date, or turn them back on`,
    options: [
      ['until YYYY-MM-DD', md`the last day you are away`],
      ['off', md`reminders on again`],
    ],
    example: 'away until 2026-04-10',
  },
  list: {
    does: md`active initiatives, essentials first, each with its progress`,
    options: [['[dept]', md`only those involving one department: ${DEPTS}`]],
    example: 'list service',
  },
  show: {
    does: md`one initiative, action or pain point in full, with its history (an initiative's owner and the admins can hand it over there, and recommit or close it after its 12-month verdict)`,
    example: 'show I-3',
  },
  essential: {
    does: md`make an initiative essential (at most ${MAX_ESSENTIAL} at once)`,
    example: 'essential I-3',
  },
  important: {
    does: md`make an essential initiative important again`,
    example: 'important I-3',
  },
  metric: {
    does: md`set how an initiative's success is measured, for customers or the business`,
    options: [
      ['customer | business', md`which of its two metrics`],
      ['"<name>"', md`the metric's name, in quotes`],
      ['<baseline> -> <target>', md`where it is and where it should be, with an optional unit like % or pts`],
    ],
    example: 'metric I-3 customer "NPS" 32 -> 45',
  },
  check: {
    does: md`record the current values of an initiative's metrics (alone: opens a form)`,
    options: [
      ['customer=<value>', md`the customer metric now`],
      ['business=<value>', md`the business metric now`],
    ],
    example: 'check I-3 customer=38',
  },
  pain: {
    does: md`log a customer pain point for the next feedback round`,
    example: 'pain Customers wait 9 days for a refund',
  },
  round: {
    does: md`the feedback round: its status; open and close for admins`,
    options: [['status | open | close', md`what to do (default status)`]],
    example: 'round status',
  },
  setup: {
    does: md`admins: bind this channel to a department, or show bindings and schedules`,
    options: [
      ['channel <dept|hub>', md`bind the channel it is typed in: ${DEPTS}, or hub`],
      ['show', md`the bindings and the job schedules`],
    ],
    example: 'setup channel service',
  },
  ask: {
    does: md`ask another department for something an initiative needs (\`R-n\`), posted in its channel to take or decline`,
    options: [
      ['<dept>', md`the department asked: ${DEPTS}`],
      ['<I-n>', md`the initiative that needs it`],
      ['<what is needed>', md`what you ask for, in a few words (it becomes the taker's action)`],
      ['by:YYYY-MM-DD | by:+Nd', md`when it is needed (default: 7 days after someone takes it)`],
    ],
    example: 'ask it I-3 Export of last year’s refund tickets by:+5d',
  },
  asks: {
    does: md`open requests between departments: asked of and by each, oldest first`,
    options: [['[dept]', md`only those asked of or by this department`]],
    example: 'asks service',
  },
  lang: {
    does: md`your own language for replies, forms, DMs and the App Home (channel posts keep the workspace's)`,
    options: [['en | de | auto', md`English, German, or auto: Slack's language for you`]],
    example: 'lang de',
  },
};

/** `/cx <example>` as code. */
export const exampleOf = (name: SubcommandName): Mrkdwn => md`\`/cx ${line(HELP[name].example)}\``;

export const help = {
  /** What one subcommand does, its options and an example. */
  entry: (name: SubcommandName): HelpEntry => HELP[name],
  title: 'CX Bridge: turn the CX strategy into next steps',
  intro: md`Initiatives (\`I-n\`) are broken into concrete actions (\`A-n\`) with an owner and a due date. At most ${MAX_ESSENTIAL} initiatives are *essential* at once; they always come first.`,
  footer: md`For one command in full: \`/cx help &lt;command&gt;\`. References are case-insensitive (\`a-7\` works). Dates: \`YYYY-MM-DD\` or \`+Nd\`. Language: \`/cx lang en|de|auto\`.`,
  /** One line of `/cx help`: its short forms as code, then what it does. */
  line: (forms: readonly string[], name: SubcommandName) =>
    md`${join(
      forms.map((f) => md`\`${line(f)}\``),
      ' · ',
    )} – ${HELP[name].does}`,
  /** `/cx help <subcommand>`. */
  detailHeading: (name: SubcommandName) => md`*\`/cx ${line(name)}\`*: ${HELP[name].does}.`,
  forms: md`*Forms*`,
  options: md`*Options*`,
  option: (syntax: string, meaning: Mrkdwn) => md`• \`${line(syntax)}\` – ${meaning}`,
  example: (name: SubcommandName) => md`*Example:* ${exampleOf(name)}`,
  everyCommand: md`Type \`/cx help\` for every command.`,
  /** `/cx help hepl`: the word is no subcommand; the full list follows. */
  unknownTopic: (text: string, suggestions: readonly string[]) =>
    md`\`${line(text)}\` is not a command${suggestions.length > 0 ? md` (did you mean ${orList(suggestions.map((s) => md`\`${line(s)}\``))}?)` : md``}; here is every command:`,
};

/** `a`, `a or b`, `a, b or c`. */
export function orList(items: readonly Mrkdwn[]): Mrkdwn {
  if (items.length <= 1) return items[0] ?? md``;
  const head = join(items.slice(0, -1), ', ');
  return md`${head} or ${items.at(-1) ?? md``}`;
}
