/**
 * `/cx ask <dept> <I-n> <what is needed> [by:YYYY-MM-DD|by:+Nd]`, `/cx asks [dept]` and `/cx show R-n`.
 * The asked department may be typed as `hub` here: the app refuses it with a clear answer.
 */
import { parseDue } from '../../../domain/dates.js';
import { parseBindingKey, parseDepartment } from '../../../domain/departments.js';
import { ok, type Result } from '../../../domain/errors.js';
import { MAX_TITLE_LENGTH } from '../../../domain/limits.js';
import { parseRequestRef } from '../../../domain/requests.js';
import { unescapeSlack } from '../../../domain/text.js';
import type { LocalDate } from '../../../domain/types.js';
import { asUsage, extraArgs, invalid, leadingRef, usage } from './errors.js';
import { joinText, type Token } from './tokens.js';
import type { ParseContext, ParsedCommand } from './types.js';

const BY = /^by:(.*)$/i;

export function parseAsk(args: Token[], ctx: ParseContext): Result<ParsedCommand> {
  const [deptToken, ...rest] = args;
  if (!deptToken) return ok({ name: 'ask', modal: true });
  const deptText = unescapeSlack(deptToken.value);
  const askedDept = parseBindingKey(deptText);
  if (!askedDept) return invalid('ask', { code: 'unknown_dept', text: deptText, allowHub: false });
  const initiativeId = leadingRef('ask', rest, 'I');
  if (!initiativeId.ok) return initiativeId;
  let byDate: LocalDate | null = null;
  let byToken: Token | null = null;
  const words: Token[] = [];
  for (const token of rest.slice(1)) {
    const by = token.quoted ? null : BY.exec(token.value);
    if (!by) {
      words.push(token);
      continue;
    }
    if (byToken) return usage('ask', 'duplicate_option', { text: unescapeSlack(token.raw) });
    byToken = token;
    const due = parseDue(unescapeSlack(by[1] ?? ''), ctx.now, ctx.zone);
    if (!due.ok) return asUsage('ask', due.error);
    byDate = due.value;
  }
  const what = joinText(words);
  if (what === '') return usage('ask', 'missing_text');
  if (what.length > MAX_TITLE_LENGTH) return usage('ask', 'too_long', { max: MAX_TITLE_LENGTH });
  return ok({ name: 'ask', modal: false, askedDept, initiativeId: initiativeId.value, what, byDate });
}

export function parseAsks(input: string, args: Token[]): Result<ParsedCommand> {
  const [deptToken, extra] = args;
  if (extra) return extraArgs('asks', input, extra);
  if (!deptToken) return ok({ name: 'asks', dept: null });
  const text = unescapeSlack(deptToken.value);
  const dept = parseDepartment(text);
  return dept ? ok({ name: 'asks', dept }) : invalid('asks', { code: 'unknown_dept', text, allowHub: false });
}

/** `/cx show R-n` (case-insensitive). */
export function parseShowRequest(text: string): Result<ParsedCommand> {
  const id = parseRequestRef(text);
  return id.ok ? ok({ name: 'show', ref: { kind: 'R', n: id.value } }) : asUsage('show', id.error);
}
