/**
 * The `/cx` grammar: command text as Slack delivers it (`should_escape: true`) → a typed command.
 * Values are validated and dates resolved here, so the app layer only ever sees well-formed input.
 * new/log options live in options.ts, metric and check syntax in metric-syntax.ts.
 */
import { DEFAULT_SNOOZE_DAYS, MAX_SNOOZE_DAYS } from '../../../domain/actions.js';
import { parseFutureDate } from '../../../domain/dates.js';
import { parseBindingKey, parseDepartment } from '../../../domain/departments.js';
import { err, ok, type Result, type SubcommandName, type UsageDetail } from '../../../domain/errors.js';
import { MAX_METRIC_NAME_LENGTH, MAX_NOTE_LENGTH, MAX_TITLE_LENGTH } from '../../../domain/limits.js';
import { parseRef } from '../../../domain/refs.js';
import { isRequestRef } from '../../../domain/requests.js';
import { suggest } from '../../../domain/suggest.js';
import { unescapeSlack } from '../../../domain/text.js';
import { parseAsk, parseAsks, parseShowRequest } from './asks.js';
import { asUsage, badOption, extraArgs, invalid, leadingRef, usage } from './errors.js';
import { parseClose, parseVerdict } from './initiative-lifecycle.js';
import { parseLang } from './lang.js';
import { parseLifecycle } from './lifecycle.js';
import { parseCheck, parseMetric } from './metric-syntax.js';
import { parseLog, parseNew } from './options.js';
import { restOf, type Token, tokenize } from './tokens.js';
import type { ParseContext, ParsedCommand } from './types.js';
import { isSubcommandName, SUBCOMMAND_NAMES } from './usage.js';

// ---- Entry point -------------------------------------------------------------------------------------

/**
 * The longest command text that can be valid: a note at its limit with every character escaped by Slack
 * (`&amp;` is five for one), plus the subcommand and a reference. Slack sets no lower limit of its own on
 * a command's text, so anything longer is refused before any work is done on it.
 */
export const MAX_COMMAND_TEXT = 5 * MAX_NOTE_LENGTH + 100;

/** The limit a too-long command is told about: the longest text that subcommand takes. */
const LONGEST_TEXT: Partial<Record<SubcommandName, number>> = {
  new: MAX_TITLE_LENGTH,
  log: MAX_TITLE_LENGTH,
  edit: MAX_TITLE_LENGTH,
  metric: MAX_METRIC_NAME_LENGTH,
};

export function parseCommand(text: string, ctx: ParseContext): Result<ParsedCommand> {
  if (text.length > MAX_COMMAND_TEXT) return tooLong(text);
  const tokens = tokenize(text);
  const head = tokens[0];
  if (!head) return ok({ name: 'help', topic: null });
  const name = head.value.toLowerCase();
  if (head.quoted || !isSubcommandName(name)) return unknownSubcommand(unescapeSlack(head.value));
  const args = tokens.slice(1);
  switch (name) {
    case 'help':
      return parseHelp(args);
    case 'new':
      return parseNew(args, ctx);
    case 'log':
      return parseLog(args, ctx);
    case 'done':
    case 'update':
    case 'block':
      return parseActionNote(name, text, args);
    case 'snooze':
      return parseSnooze(text, args);
    case 'close':
      return parseClose(text, args);
    case 'verdict':
      return parseVerdict(text, args);
    case 'due':
    case 'assign':
    case 'edit':
    case 'unblock':
    case 'drop':
      return parseLifecycle(name, text, args, ctx);
    case 'mine':
      return args[0] ? extraArgs('mine', text, args[0]) : ok({ name: 'mine' });
    case 'away':
      return parseAway(text, args, ctx);
    case 'list':
      return parseList(text, args);
    case 'show':
      return parseShow(text, args);
    case 'essential':
    case 'important':
      return parseTier(name, text, args);
    case 'metric':
      return parseMetric(text, args);
    case 'check':
      return parseCheck(args);
    case 'pain':
      return parsePain(text, args);
    case 'round':
      return parseRound(text, args);
    case 'setup':
      return parseSetup(text, args);
    case 'ask':
      return parseAsk(args, ctx);
    case 'asks':
      return parseAsks(text, args);
    case 'lang':
      return parseLang(text, args);
  }
}

/** Not a subcommand: named, with the subcommands it is a typo of (`hepl` → `help`). */
function unknownSubcommand(text: string): Result<never> {
  const suggestions = suggest(text, SUBCOMMAND_NAMES);
  return err({ code: 'unknown_subcommand', text, ...(suggestions.length > 0 ? { suggestions } : {}) });
}

function tooLong(text: string): Result<never> {
  const head = tokenize(text.trimStart().slice(0, 32))[0];
  const name = head?.value.toLowerCase() ?? '';
  if (!head || head.quoted || !isSubcommandName(name)) {
    return err({ code: 'unknown_subcommand', text: unescapeSlack(head?.value ?? '') });
  }
  return usage(name, 'too_long', { max: LONGEST_TEXT[name] ?? MAX_NOTE_LENGTH });
}

function parseHelp(args: Token[]): Result<ParsedCommand> {
  // `help <anything else>` still helps: it shows everything, saying the word is no subcommand.
  const word = args[0] ? unescapeSlack(args[0].value) : '';
  const topic = word.toLowerCase();
  if (isSubcommandName(topic)) return ok({ name: 'help', topic });
  if (word === '') return ok({ name: 'help', topic: null });
  return ok({
    name: 'help',
    topic: null,
    unknown: { text: word, suggestions: suggest(word, SUBCOMMAND_NAMES) },
  });
}

// ---- actions --------------------------------------------------------------------------------------

function note(command: SubcommandName, text: string, detail: UsageDetail): Result<string> {
  if (text === '') return usage(command, detail);
  if (text.length > MAX_NOTE_LENGTH) return usage(command, 'too_long', { max: MAX_NOTE_LENGTH });
  return ok(text);
}

function parseActionNote(
  name: 'done' | 'update' | 'block',
  input: string,
  args: Token[],
): Result<ParsedCommand> {
  const actionId = leadingRef(name, args, 'A');
  if (!actionId.ok) return actionId;
  const text = restOf(input, args[0]?.end ?? input.length);
  switch (name) {
    case 'done': {
      if (text === '') return ok({ name, actionId: actionId.value, note: null });
      const checked = note(name, text, 'missing_note');
      return checked.ok ? ok({ name, actionId: actionId.value, note: checked.value }) : checked;
    }
    case 'update': {
      const checked = note(name, text, 'missing_note');
      return checked.ok ? ok({ name, actionId: actionId.value, note: checked.value }) : checked;
    }
    case 'block': {
      const checked = note(name, text, 'missing_reason');
      return checked.ok ? ok({ name, actionId: actionId.value, reason: checked.value }) : checked;
    }
  }
}

const DAYS = /^(\d+)d?$/i;

function parseSnooze(input: string, args: Token[]): Result<ParsedCommand> {
  const actionId = leadingRef('snooze', args, 'A');
  if (!actionId.ok) return actionId;
  const daysToken = args[1];
  if (args[2]) return extraArgs('snooze', input, args[2]);
  if (!daysToken) return ok({ name: 'snooze', actionId: actionId.value, days: DEFAULT_SNOOZE_DAYS });
  const text = unescapeSlack(daysToken.value);
  const match = DAYS.exec(text);
  if (!match) return invalid('snooze', { code: 'bad_number', text, reason: 'format' });
  const days = Number(match[1]);
  if (days < 1 || days > MAX_SNOOZE_DAYS) {
    return invalid('snooze', { code: 'bad_number', text, reason: 'range', min: 1, max: MAX_SNOOZE_DAYS });
  }
  return ok({ name: 'snooze', actionId: actionId.value, days });
}

// ---- people, lists, items -------------------------------------------------------------------------

// The words each of these takes, with others people type for them (`/cx round start` → `open`).
const AWAY_WORDS = [
  { word: 'until', aliases: ['till', 'til', 'to'] },
  { word: 'off', aliases: ['back', 'stop', 'end'] },
];
const ROUND_STEPS = [
  'status',
  { word: 'open', aliases: ['start'] },
  { word: 'close', aliases: ['end', 'stop'] },
];
const SETUP_STEPS = [
  { word: 'channel', aliases: ['bind'] },
  { word: 'show', aliases: ['list'] },
];

function parseAway(input: string, args: Token[], ctx: ParseContext): Result<ParsedCommand> {
  const [mode, date, extra] = args;
  if (!mode) return usage('away', 'missing_choice');
  switch (mode.value.toLowerCase()) {
    case 'off':
      return date ? extraArgs('away', input, date) : ok({ name: 'away', until: null });
    case 'until': {
      if (!date) return usage('away', 'missing_date');
      if (extra) return extraArgs('away', input, extra);
      const until = parseFutureDate(unescapeSlack(date.value), ctx.now, ctx.zone);
      return until.ok ? ok({ name: 'away', until: until.value }) : asUsage('away', until.error);
    }
    default:
      return badOption('away', unescapeSlack(mode.raw), AWAY_WORDS, unescapeSlack(mode.value));
  }
}

function parseList(input: string, args: Token[]): Result<ParsedCommand> {
  const [deptToken, extra] = args;
  if (extra) return extraArgs('list', input, extra);
  if (!deptToken) return ok({ name: 'list', dept: null });
  const text = unescapeSlack(deptToken.value);
  const dept = parseDepartment(text);
  return dept ? ok({ name: 'list', dept }) : invalid('list', { code: 'unknown_dept', text, allowHub: false });
}

function parseShow(input: string, args: Token[]): Result<ParsedCommand> {
  const [refToken, extra] = args;
  if (!refToken) return usage('show', 'missing_ref');
  if (extra) return extraArgs('show', input, extra);
  if (isRequestRef(unescapeSlack(refToken.value))) return parseShowRequest(unescapeSlack(refToken.value));
  const ref = parseRef(unescapeSlack(refToken.value));
  return ref.ok ? ok({ name: 'show', ref: ref.value }) : asUsage('show', ref.error);
}

function parseTier(name: 'essential' | 'important', input: string, args: Token[]): Result<ParsedCommand> {
  const initiativeId = leadingRef(name, args, 'I');
  if (!initiativeId.ok) return initiativeId;
  if (args[1]) return extraArgs(name, input, args[1]);
  return ok({ name, initiativeId: initiativeId.value });
}

function parsePain(input: string, args: Token[]): Result<ParsedCommand> {
  const text = note('pain', restOf(input, args[0]?.start ?? input.length), 'missing_text');
  return text.ok ? ok({ name: 'pain', text: text.value }) : text;
}

function parseRound(input: string, args: Token[]): Result<ParsedCommand> {
  const [opToken, extra] = args;
  if (extra) return extraArgs('round', input, extra);
  const op = opToken?.value.toLowerCase() ?? 'status';
  if (op === 'status' || op === 'open' || op === 'close') return ok({ name: 'round', op });
  return badOption('round', unescapeSlack(opToken?.raw ?? ''), ROUND_STEPS, op);
}

function parseSetup(input: string, args: Token[]): Result<ParsedCommand> {
  const [opToken, keyToken, extra] = args;
  if (!opToken) return usage('setup', 'missing_choice');
  switch (opToken.value.toLowerCase()) {
    case 'show':
      return keyToken ? extraArgs('setup', input, keyToken) : ok({ name: 'setup', op: 'show' });
    case 'channel': {
      if (!keyToken) return usage('setup', 'missing_dept');
      if (extra) return extraArgs('setup', input, extra);
      const text = unescapeSlack(keyToken.value);
      const key = parseBindingKey(text);
      return key
        ? ok({ name: 'setup', op: 'channel', key })
        : invalid('setup', { code: 'unknown_dept', text, allowHub: true });
    }
    default:
      return badOption('setup', unescapeSlack(opToken.raw), SETUP_STEPS, unescapeSlack(opToken.value));
  }
}
