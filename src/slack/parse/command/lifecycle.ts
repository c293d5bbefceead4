/**
 * `/cx due`, `/cx assign`, `/cx edit`, `/cx unblock`, `/cx drop`: changing an action (or an initiative's
 * title) after it was logged. Values are checked here; who may is the app's business.
 */
import { parseDue } from '../../../domain/dates.js';
import { ok, type Result } from '../../../domain/errors.js';
import { MAX_NOTE_LENGTH, MAX_TITLE_LENGTH } from '../../../domain/limits.js';
import { parseRef } from '../../../domain/refs.js';
import { unescapeSlack } from '../../../domain/text.js';
import { asUsage, extraArgs, invalid, leadingRef, usage } from './errors.js';
import { parseUserMention, strayAtName } from './mentions.js';
import { joinText, restOf, type Token } from './tokens.js';
import type { ParseContext, ParsedCommand } from './types.js';

type Name = 'due' | 'assign' | 'edit' | 'unblock' | 'drop';

/** Free text after the words at `from`: null when there is none, a usage error when too long. */
function freeText(name: Name, input: string, from: Token | undefined): Result<string | null> {
  const text = restOf(input, from?.end ?? input.length);
  if (text === '') return ok(null);
  if (text.length > MAX_NOTE_LENGTH) return usage(name, 'too_long', { max: MAX_NOTE_LENGTH });
  return ok(text);
}

export function parseLifecycle(
  name: Name,
  input: string,
  args: Token[],
  ctx: ParseContext,
): Result<ParsedCommand> {
  if (name === 'edit') return parseEdit(args);
  const actionId = leadingRef(name, args, 'A');
  if (!actionId.ok) return actionId;
  const id = actionId.value;
  switch (name) {
    case 'due': {
      const dateToken = args[1];
      if (!dateToken) return usage('due', 'missing_date');
      const due = parseDue(unescapeSlack(dateToken.value), ctx.now, ctx.zone);
      if (!due.ok) return asUsage('due', due.error);
      const reason = freeText('due', input, dateToken);
      return reason.ok ? ok({ name, actionId: id, due: due.value, reason: reason.value }) : reason;
    }
    case 'assign': {
      const who = args[1];
      if (!who) return usage('assign', 'missing_user');
      if (args[2]) return extraArgs('assign', input, args[2]);
      const ownerId = parseUserMention(who.value);
      if (!ownerId) return invalid('assign', { code: 'bad_user', text: unescapeSlack(who.value) });
      return ok({ name, actionId: id, ownerId });
    }
    case 'unblock': {
      const note = freeText('unblock', input, args[0]);
      return note.ok ? ok({ name, actionId: id, note: note.value }) : note;
    }
    case 'drop': {
      const reason = freeText('drop', input, args[0]);
      if (!reason.ok) return reason;
      return reason.value === null
        ? usage('drop', 'missing_reason')
        : ok({ name, actionId: id, reason: reason.value });
    }
  }
}

/** `/cx edit <I-n|A-n> <new title>`: a title like `/cx new` and `/cx log` take. */
function parseEdit(args: Token[]): Result<ParsedCommand> {
  const first = args[0];
  if (!first) return usage('edit', 'missing_ref');
  const text = unescapeSlack(first.value);
  const ref = parseRef(text);
  if (!ref.ok) return asUsage('edit', ref.error);
  if (ref.value.kind === 'P') return invalid('edit', { code: 'bad_ref', text, expected: 'A' });
  const title = joinText(args.slice(1));
  if (title === '') return usage('edit', 'missing_title');
  const stray = strayAtName(args.map((w) => w.raw).join(' '));
  if (stray) return invalid('edit', { code: 'bad_user', text: unescapeSlack(stray) });
  if (title.length > MAX_TITLE_LENGTH) return usage('edit', 'too_long', { max: MAX_TITLE_LENGTH });
  return ok({ name: 'edit', ref: ref.value, title });
}
