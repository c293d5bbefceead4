/** `/cx new` and `/cx log`: a title with `name:value` options, mentions and (for new) a tier word. */
import { localDate, parseDue, parseStart } from '../../../domain/dates.js';
import { parseDepartment } from '../../../domain/departments.js';
import { ok, type Result } from '../../../domain/errors.js';
import { MAX_TITLE_LENGTH } from '../../../domain/limits.js';
import { unescapeSlack } from '../../../domain/text.js';
import type { Department, LocalDate, Tier, UserId } from '../../../domain/types.js';
import { asUsage, badOption, invalid, leadingRef, usage } from './errors.js';
import { parseUserMention, strayAtName } from './mentions.js';
import { joinText, type Token } from './tokens.js';
import type { ParseContext, ParsedCommand } from './types.js';

type OptionName = 'lead' | 'with' | 'owner' | 'start' | 'due' | 'dept';
const OPTION = /^(lead|with|owner|start|due|dept):(.+)$/is;
// `due:` with nothing after it. Among the title words it is a word ("Lead: generation pilot"); after the
// last of them it can only be an option left empty, which is refused (issue 9: "Write the FAQ due:").
const BARE_OPTION = /^(lead|with|owner|start|due|dept):$/i;
// `deu:+3d`: a word, a colon and a value. Close to an option it is a typo of that option, not title text.
const NAMED_VALUE = /^(\p{L}+):(.+)$/su;

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
  const isBare = (t: Token) => !t.quoted && BARE_OPTION.test(t.value);
  let lastWord = -1;
  tokens.forEach((t, i) => {
    if (!isOption(t) && !isTierWord(t) && !isBare(t)) lastWord = i;
  });

  for (const [i, token] of tokens.entries()) {
    if (isBare(token) && i > lastWord) {
      const option = token.value.slice(0, -1).toLowerCase() as OptionName;
      if (!allowed.includes(option)) return notAllowed(command, token, option, allowed);
      return emptyOption(command, option, token, ctx);
    }
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
      const typo = optionTypo(command, token, allowed);
      if (typo) return typo;
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
    if (!allowed.includes(option)) return notAllowed(command, token, option, allowed);
    // `with:,` names no department either.
    if (value.split(',').every((part) => part.trim() === '')) return emptyOption(command, option, token, ctx);
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

/** `name:` for each option `command` takes, as a reply suggests them. */
const optionWords = (allowed: readonly OptionName[]) => allowed.map((o) => `${o}:`);

/** An option this command does not take (`/cx new X due:+3d`): named, with the ones close to it. */
function notAllowed(
  command: 'new' | 'log',
  token: Token,
  option: OptionName,
  allowed: readonly OptionName[],
): Result<never> {
  return badOption(command, unescapeSlack(token.raw), optionWords(allowed), `${option}:`);
}

/** `deu:+3d` one or two letters away from `due:`: refused naming it, instead of becoming title text. */
function optionTypo(
  command: 'new' | 'log',
  token: Token,
  allowed: readonly OptionName[],
): Result<never> | null {
  const name = token.quoted ? undefined : NAMED_VALUE.exec(token.value)?.[1];
  if (!name) return null;
  const refused = badOption(command, unescapeSlack(token.raw), optionWords(allowed), `${name}:`);
  return !refused.ok && refused.error.code === 'usage' && refused.error.suggestions ? refused : null;
}

/**
 * `due:` with nothing after it: refused with the error that option's value would get, about the option
 * as typed — so the reply names `due:` and says what it takes, instead of `due:` ending up in the title.
 */
function emptyOption(
  command: 'new' | 'log',
  option: OptionName,
  token: Token,
  ctx: ParseContext,
): Result<never> {
  const text = unescapeSlack(token.raw);
  switch (option) {
    case 'lead':
    case 'dept':
    case 'with':
      return invalid(command, { code: 'unknown_dept', text, allowHub: false });
    case 'owner':
      return invalid(command, { code: 'bad_user', text });
    case 'start':
    case 'due': {
      const parsed = option === 'due' ? parseDue('', ctx.now, ctx.zone) : parseStart('', ctx.now, ctx.zone);
      if (parsed.ok || parsed.error.code !== 'bad_date') return usage(command, 'bad_option', { text });
      return invalid(command, { ...parsed.error, text });
    }
  }
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
  const stray = strayAtName(words.map((w) => w.raw).join(' '));
  if (stray) return invalid(command, { code: 'bad_user', text: unescapeSlack(stray) });
  if (title.length > MAX_TITLE_LENGTH) return usage(command, 'too_long', { max: MAX_TITLE_LENGTH });
  return ok(title);
}

export function parseNew(args: Token[], ctx: ParseContext): Result<ParsedCommand> {
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

export function parseLog(args: Token[], ctx: ParseContext): Result<ParsedCommand> {
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
