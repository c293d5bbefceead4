/** Usage errors of the grammar: which subcommand, what is wrong, and the offending text where there is one. */
import {
  type DomainError,
  err,
  ok,
  type Result,
  type SubcommandName,
  type UsageDetail,
  type ValueError,
} from '../../../domain/errors.js';
import { parseRefOfKind } from '../../../domain/refs.js';
import { type Candidate, suggest } from '../../../domain/suggest.js';
import { unescapeSlack } from '../../../domain/text.js';
import type { RefKind } from '../../../domain/types.js';
import type { Token } from './tokens.js';

export function usage(
  command: SubcommandName,
  detail: UsageDetail,
  extra: { text?: string; max?: number; suggestions?: readonly string[] } = {},
): Result<never> {
  return err({ code: 'usage', command, detail, ...extra });
}

/**
 * `typed` is not one of the words `command` takes here; the reply names it and the words that are
 * close (`word`: the part compared, e.g. `deu:` of `deu:+3d`).
 */
export function badOption(
  command: SubcommandName,
  typed: string,
  candidates: readonly (string | Candidate)[],
  word = typed,
): Result<never> {
  const suggestions = suggest(word, candidates);
  return usage(command, 'bad_option', { text: typed, ...(suggestions.length > 0 ? { suggestions } : {}) });
}

export function invalid(command: SubcommandName, cause: ValueError): Result<never> {
  return err({ code: 'usage', command, detail: 'invalid_value', text: cause.text, cause });
}

/** Re-raises a value error from a parser as a usage error of `command`. */
export function asUsage(command: SubcommandName, error: DomainError): Result<never> {
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

export function extraArgs(command: SubcommandName, input: string, from: Token): Result<never> {
  return usage(command, 'extra_args', { text: unescapeSlack(input.slice(from.start).trim()) });
}

/** The leading `<X-n>` of a command, or the matching usage error. */
export function leadingRef(command: SubcommandName, args: Token[], kind: RefKind): Result<number> {
  const first = args[0];
  if (!first) return usage(command, 'missing_ref');
  const ref = parseRefOfKind(unescapeSlack(first.value), kind);
  return ref.ok ? ok(ref.value.n) : asUsage(command, ref.error);
}
