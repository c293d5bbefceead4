/**
 * The `/cx` grammar: command text as Slack delivers it (`should_escape: true`) → a typed command.
 * Values are validated and dates resolved here, so the app layer only ever sees well-formed input.
 */
import { DEFAULT_SNOOZE_DAYS, MAX_SNOOZE_DAYS } from './actions.js';
import { localDate, parseDue, parseFutureDate, parseStart } from './dates.js';
import { parseBindingKey, parseDepartment } from './departments.js';
import { type DomainError, err, ok, type Result, type UsageDetail, type ValueError } from './errors.js';
import { parseUserMention } from './mentions.js';
import { parseMeasurement } from './metrics.js';
import { parseRef, parseRefOfKind } from './refs.js';
import { unescapeSlack } from './text.js';
import { joinText, restOf, type Token, tokenize } from './tokens.js';
import type {
  BindingKey,
  Department,
  LocalDate,
  Metric,
  MetricKind,
  Ref,
  RefKind,
  Tier,
  UserId,
} from './types.js';

export const SUBCOMMAND_NAMES = [
  'help',
  'new',
  'log',
  'done',
  'update',
  'block',
  'snooze',
  'mine',
  'away',
  'list',
  'show',
  'essential',
  'important',
  'metric',
  'check',
  'pain',
  'round',
  'setup',
] as const;
export type SubcommandName = (typeof SUBCOMMAND_NAMES)[number];

export interface Subcommand {
  name: SubcommandName;
  /** Every form of the command, exactly as in the contract. Contains `<…>`: escape before mrkdwn. */
  synopsis: readonly string[];
}

export const SUBCOMMANDS: readonly Subcommand[] = [
  { name: 'help', synopsis: ['/cx help'] },
  {
    name: 'new',
    synopsis: [
      '/cx new',
      '/cx new <title> [lead:<dept>] [with:<dept>,<dept>…] [essential|important] [owner:@user] [start:YYYY-MM-DD]',
    ],
  },
  {
    name: 'log',
    synopsis: ['/cx log', '/cx log <I-n> <title> [@owner] [due:YYYY-MM-DD|due:+Nd] [dept:<dept>]'],
  },
  { name: 'done', synopsis: ['/cx done <A-n> [note]'] },
  { name: 'update', synopsis: ['/cx update <A-n> <note>'] },
  { name: 'block', synopsis: ['/cx block <A-n> <reason>'] },
  { name: 'snooze', synopsis: ['/cx snooze <A-n> [Nd]'] },
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
];

export function synopsisOf(name: SubcommandName): readonly string[] {
  return SUBCOMMANDS.find((s) => s.name === name)?.synopsis ?? [];
}

export function isSubcommandName(text: string): text is SubcommandName {
  return (SUBCOMMAND_NAMES as readonly string[]).includes(text);
}

// Limits keep lists and notifications readable and well under Slack's 3,000-character blocks.
export const MAX_TITLE_LENGTH = 200;
export const MAX_NOTE_LENGTH = 2000;
export const MAX_METRIC_NAME_LENGTH = 100;
// The snooze limits are action rules; re-exported because callers reach for them next to the grammar.
export { DEFAULT_SNOOZE_DAYS, MAX_SNOOZE_DAYS };

export interface NewInitiativeCommand {
  name: 'new';
  modal: false;
  title: string;
  /** null: the caller's bound channel's department, if any. */
  lead: Department | null;
  /** Other departments as typed, de-duplicated (may include the lead; see resolveDepartments). */
  withDepts: Department[];
  /** `important` unless given. */
  tier: Tier;
  /** null: the caller. */
  ownerId: UserId | null;
  /** Today unless given. */
  start: LocalDate;
}

export interface LogActionCommand {
  name: 'log';
  modal: false;
  initiativeId: number;
  title: string;
  /** null: the caller. */
  ownerId: UserId | null;
  due: LocalDate | null;
  /** null: the initiative's lead department. */
  dept: Department | null;
}

export type ParsedCommand =
  /** `topic`: a subcommand named after `help`, for its usage alone; null for everything. */
  | { name: 'help'; topic: SubcommandName | null }
  | { name: 'new'; modal: true }
  | NewInitiativeCommand
  | { name: 'log'; modal: true }
  | LogActionCommand
  | { name: 'done'; actionId: number; note: string | null }
  | { name: 'update'; actionId: number; note: string }
  | { name: 'block'; actionId: number; reason: string }
  | { name: 'snooze'; actionId: number; days: number }
  | { name: 'mine' }
  /** `until` null: `away off`. */
  | { name: 'away'; until: LocalDate | null }
  | { name: 'list'; dept: Department | null }
  | { name: 'show'; ref: Ref }
  | { name: 'essential'; initiativeId: number }
  | { name: 'important'; initiativeId: number }
  | { name: 'metric'; initiativeId: number; kind: MetricKind; metric: Metric }
  | { name: 'check'; initiativeId: number; modal: true }
  | { name: 'check'; initiativeId: number; modal: false; customer: number | null; business: number | null }
  | { name: 'pain'; text: string }
  | { name: 'round'; op: 'status' | 'open' | 'close' }
  | { name: 'setup'; op: 'channel'; key: BindingKey }
  | { name: 'setup'; op: 'show' };

export type CommandOf<N extends SubcommandName> = Extract<ParsedCommand, { name: N }>;

export interface ParseContext {
  now: Date;
  /** CX_TIMEZONE: "today" for due/start/away dates is the date in this zone. */
  zone: string;
}

// ---- Errors -----------------------------------------------------------------------------------------

function usage(
  command: SubcommandName,
  detail: UsageDetail,
  extra: { text?: string; max?: number } = {},
): Result<never> {
  return err({ code: 'usage', command, detail, ...extra });
}

function invalid(command: SubcommandName, cause: ValueError): Result<never> {
  return err({ code: 'usage', command, detail: 'invalid_value', text: cause.text, cause });
}

/** Re-raises a value error from a parser as a usage error of `command`. */
function asUsage(command: SubcommandName, error: DomainError): Result<never> {
  switch (error.code) {
    case 'bad_ref':
    case 'bad_date':
    case 'unknown_dept':
    case 'bad_number':
    case 'bad_user':
      return invalid(command, error);
    default:
      return err(error);
  }
}

function extraArgs(command: SubcommandName, input: string, from: Token): Result<never> {
  return usage(command, 'extra_args', { text: unescapeSlack(input.slice(from.start).trim()) });
}

// ---- Entry point -------------------------------------------------------------------------------------

export function parseCommand(text: string, ctx: ParseContext): Result<ParsedCommand> {
  const tokens = tokenize(text);
  const head = tokens[0];
  if (!head) return ok({ name: 'help', topic: null });
  const name = head.value.toLowerCase();
  if (head.quoted || !isSubcommandName(name)) {
    return err({ code: 'unknown_subcommand', text: unescapeSlack(head.value) });
  }
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
  }
}

function parseHelp(args: Token[]): Result<ParsedCommand> {
  // `help <anything else>` still helps: it shows everything rather than an error about help.
  const topic = args[0]?.value.toLowerCase() ?? '';
  return ok({ name: 'help', topic: isSubcommandName(topic) ? topic : null });
}

/** The leading `<X-n>` of a command, or the matching usage error. */
function leadingRef(command: SubcommandName, args: Token[], kind: RefKind): Result<number> {
  const first = args[0];
  if (!first) return usage(command, 'missing_ref');
  const ref = parseRefOfKind(unescapeSlack(first.value), kind);
  return ref.ok ? ok(ref.value.n) : asUsage(command, ref.error);
}

// ---- new / log: a title with options ------------------------------------------------------------------

type OptionName = 'lead' | 'with' | 'owner' | 'start' | 'due' | 'dept';
const OPTION = /^(lead|with|owner|start|due|dept):(.+)$/is;

interface Options {
  words: Token[];
  lead: Department | null;
  withDepts: Department[];
  tier: Tier | null;
  ownerId: UserId | null;
  start: LocalDate | null;
  due: LocalDate | null;
  dept: Department | null;
}

/**
 * Splits title words from options. `name:value` options and `<@U…>` mentions are recognised anywhere
 * (they can't be mistaken for words); a bare `essential`/`important` only after the last title word,
 * so "Make essential services faster" keeps its title. Quoted groups are always title words.
 */
function parseOptions(
  command: 'new' | 'log',
  tokens: Token[],
  allowed: readonly OptionName[],
  ctx: ParseContext,
): Result<Options> {
  const out: Options = {
    words: [],
    lead: null,
    withDepts: [],
    tier: null,
    ownerId: null,
    start: null,
    due: null,
    dept: null,
  };
  const seen = new Set<string>();
  const once = (key: string, token: Token): Result<void> => {
    if (seen.has(key)) return usage(command, 'duplicate_option', { text: unescapeSlack(token.raw) });
    seen.add(key);
    return ok();
  };

  const isTierWord = (t: Token) => command === 'new' && !t.quoted && /^(essential|important)$/i.test(t.value);
  const isOption = (t: Token) => !t.quoted && (OPTION.test(t.value) || t.value.startsWith('<@'));
  let lastWord = -1;
  tokens.forEach((t, i) => {
    if (!isOption(t) && !isTierWord(t)) lastWord = i;
  });

  for (const [i, token] of tokens.entries()) {
    if (isTierWord(token) && i > lastWord) {
      const tier = token.value.toLowerCase() as Tier;
      if (out.tier !== null && out.tier !== tier) {
        return usage(command, 'conflicting_options', { text: unescapeSlack(token.raw) });
      }
      const dup = once('tier', token);
      if (!dup.ok) return dup;
      out.tier = tier;
      continue;
    }
    if (!isOption(token)) {
      out.words.push(token);
      continue;
    }
    if (token.value.startsWith('<@')) {
      const set = setOwner(command, token, token.value, out, once);
      if (!set.ok) return set;
      continue;
    }
    const match = OPTION.exec(token.value);
    const option = (match?.[1] ?? '').toLowerCase() as OptionName;
    const value = match?.[2] ?? '';
    if (!allowed.includes(option)) return usage(command, 'bad_option', { text: unescapeSlack(token.raw) });
    if (option === 'owner') {
      const set = setOwner(command, token, value, out, once);
      if (!set.ok) return set;
      continue;
    }
    // `with:` may be repeated (the lists merge); every other option at most once.
    if (option !== 'with') {
      const dup = once(option, token);
      if (!dup.ok) return dup;
    }
    switch (option) {
      case 'lead':
      case 'dept': {
        const dept = parseDepartment(value);
        if (!dept)
          return invalid(command, { code: 'unknown_dept', text: unescapeSlack(value), allowHub: false });
        if (option === 'lead') out.lead = dept;
        else out.dept = dept;
        break;
      }
      case 'with':
        for (const part of value.split(',')) {
          if (part.trim() === '') continue;
          const dept = parseDepartment(part);
          if (!dept) {
            return invalid(command, {
              code: 'unknown_dept',
              text: unescapeSlack(part.trim()),
              allowHub: false,
            });
          }
          if (!out.withDepts.includes(dept)) out.withDepts.push(dept);
        }
        break;
      case 'start': {
        const start = parseStart(value, ctx.now, ctx.zone);
        if (!start.ok) return asUsage(command, start.error);
        out.start = start.value;
        break;
      }
      case 'due': {
        const due = parseDue(value, ctx.now, ctx.zone);
        if (!due.ok) return asUsage(command, due.error);
        out.due = due.value;
        break;
      }
    }
  }
  return ok(out);
}

function setOwner(
  command: 'new' | 'log',
  token: Token,
  value: string,
  out: Options,
  once: (key: string, token: Token) => Result<void>,
): Result<void> {
  const dup = once('owner', token);
  if (!dup.ok) return dup;
  const userId = parseUserMention(value);
  if (!userId) return invalid(command, { code: 'bad_user', text: unescapeSlack(value) });
  out.ownerId = userId;
  return ok();
}

function titleOf(command: 'new' | 'log', words: Token[]): Result<string> {
  const title = joinText(words);
  if (title === '') return usage(command, 'missing_title');
  if (title.length > MAX_TITLE_LENGTH) return usage(command, 'too_long', { max: MAX_TITLE_LENGTH });
  return ok(title);
}

function parseNew(args: Token[], ctx: ParseContext): Result<ParsedCommand> {
  if (args.length === 0) return ok({ name: 'new', modal: true });
  const opts = parseOptions('new', args, ['lead', 'with', 'owner', 'start'], ctx);
  if (!opts.ok) return opts;
  const title = titleOf('new', opts.value.words);
  if (!title.ok) return title;
  const { lead, withDepts, tier, ownerId, start } = opts.value;
  return ok({
    name: 'new',
    modal: false,
    title: title.value,
    lead,
    withDepts,
    tier: tier ?? 'important',
    ownerId,
    start: start ?? localDate(ctx.now, ctx.zone),
  });
}

function parseLog(args: Token[], ctx: ParseContext): Result<ParsedCommand> {
  if (args.length === 0) return ok({ name: 'log', modal: true });
  const initiativeId = leadingRef('log', args, 'I');
  if (!initiativeId.ok) return initiativeId;
  const opts = parseOptions('log', args.slice(1), ['owner', 'due', 'dept'], ctx);
  if (!opts.ok) return opts;
  const title = titleOf('log', opts.value.words);
  if (!title.ok) return title;
  const { ownerId, due, dept } = opts.value;
  return ok({
    name: 'log',
    modal: false,
    initiativeId: initiativeId.value,
    title: title.value,
    ownerId,
    due,
    dept,
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

function parseAway(input: string, args: Token[], ctx: ParseContext): Result<ParsedCommand> {
  const [mode, date, extra] = args;
  if (!mode) return usage('away', 'missing_args');
  switch (mode.value.toLowerCase()) {
    case 'off':
      return date ? extraArgs('away', input, date) : ok({ name: 'away', until: null });
    case 'until': {
      if (!date) return usage('away', 'missing_args');
      if (extra) return extraArgs('away', input, extra);
      const until = parseFutureDate(unescapeSlack(date.value), ctx.now, ctx.zone);
      return until.ok ? ok({ name: 'away', until: until.value }) : asUsage('away', until.error);
    }
    default:
      return usage('away', 'bad_option', { text: unescapeSlack(mode.raw) });
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
  return usage('round', 'bad_option', { text: unescapeSlack(opToken?.raw ?? '') });
}

function parseSetup(input: string, args: Token[]): Result<ParsedCommand> {
  const [opToken, keyToken, extra] = args;
  if (!opToken) return usage('setup', 'missing_args');
  switch (opToken.value.toLowerCase()) {
    case 'show':
      return keyToken ? extraArgs('setup', input, keyToken) : ok({ name: 'setup', op: 'show' });
    case 'channel': {
      if (!keyToken) return usage('setup', 'missing_args');
      if (extra) return extraArgs('setup', input, extra);
      const text = unescapeSlack(keyToken.value);
      const key = parseBindingKey(text);
      return key
        ? ok({ name: 'setup', op: 'channel', key })
        : invalid('setup', { code: 'unknown_dept', text, allowHub: true });
    }
    default:
      return usage('setup', 'bad_option', { text: unescapeSlack(opToken.raw) });
  }
}

// ---- metrics --------------------------------------------------------------------------------------

const ARROW = /(-&gt;|->|→)/;

/** Splits `32->45` into `32`, `->`, `45` so the arrow needs no spaces around it. */
function splitArrows(tokens: Token[]): Token[] {
  return tokens.flatMap((t) => {
    if (t.quoted || !ARROW.test(t.value)) return [t];
    let offset = t.start;
    return t.value
      .split(ARROW)
      .filter((part) => part !== '')
      .map((part) => {
        const piece: Token = {
          raw: part,
          value: part,
          quoted: false,
          start: offset,
          end: offset + part.length,
        };
        offset += part.length;
        return piece;
      });
  });
}

const isArrow = (t: Token) => !t.quoted && /^(-&gt;|->|→)$/.test(t.value);

function parseMetric(input: string, args: Token[]): Result<ParsedCommand> {
  const initiativeId = leadingRef('metric', args, 'I');
  if (!initiativeId.ok) return initiativeId;
  const kindToken = args[1];
  if (!kindToken) return usage('metric', 'missing_args');
  const kind = kindToken.value.toLowerCase();
  if (kind !== 'customer' && kind !== 'business') {
    return usage('metric', 'bad_option', { text: unescapeSlack(kindToken.raw) });
  }
  const rest = splitArrows(args.slice(2));
  const arrowAt = rest.findIndex(isArrow);
  if (arrowAt < 0) return usage('metric', rest.length === 0 ? 'missing_args' : 'missing_arrow');
  const baselineToken = rest[arrowAt - 1];
  const nameTokens = rest.slice(0, Math.max(arrowAt - 1, 0));
  const [targetToken, unitToken, extra] = rest.slice(arrowAt + 1);
  if (!baselineToken || !targetToken) return usage('metric', 'missing_args');
  if (extra) return extraArgs('metric', input, extra);
  if (unitToken && isArrow(unitToken)) return extraArgs('metric', input, unitToken);

  // Numbers first: with `"NPS" -> 45` the name is there and the baseline is what's missing.
  const baseline = parseMeasurement(baselineToken.value);
  if (!baseline.ok) return asUsage('metric', baseline.error);
  const target = parseMeasurement(targetToken.value);
  if (!target.ok) return asUsage('metric', target.error);
  const name = joinText(nameTokens);
  if (name === '') return usage('metric', 'missing_metric_name');
  if (name.length > MAX_METRIC_NAME_LENGTH) {
    return usage('metric', 'too_long', { max: MAX_METRIC_NAME_LENGTH });
  }
  if (baseline.value.value === target.value.value) return usage('metric', 'no_change');

  const units = [baseline.value.unit, target.value.unit, unitToken ? unescapeSlack(unitToken.value) : null];
  const distinct = [...new Set(units.filter((u): u is string => u !== null && u !== ''))];
  if (distinct.length > 1) return usage('metric', 'conflicting_units', { text: distinct.join(' ') });
  return ok({
    name: 'metric',
    initiativeId: initiativeId.value,
    kind,
    metric: { name, baseline: baseline.value.value, target: target.value.value, unit: distinct[0] ?? null },
  });
}

const CHECK_VALUE = /^(customer|business)[=:](.*)$/is;

function parseCheck(args: Token[]): Result<ParsedCommand> {
  const initiativeId = leadingRef('check', args, 'I');
  if (!initiativeId.ok) return initiativeId;
  const values: Record<MetricKind, number | null> = { customer: null, business: null };
  for (const token of args.slice(1)) {
    const match = CHECK_VALUE.exec(token.value);
    if (!match) return usage('check', 'bad_option', { text: unescapeSlack(token.raw) });
    const kind = (match[1] ?? '').toLowerCase() as MetricKind;
    if (values[kind] !== null) return usage('check', 'duplicate_option', { text: unescapeSlack(token.raw) });
    const measured = parseMeasurement(match[2] ?? '');
    if (!measured.ok) return asUsage('check', measured.error);
    values[kind] = measured.value.value;
  }
  if (args.length === 1) return ok({ name: 'check', initiativeId: initiativeId.value, modal: true });
  return ok({ name: 'check', initiativeId: initiativeId.value, modal: false, ...values });
}
