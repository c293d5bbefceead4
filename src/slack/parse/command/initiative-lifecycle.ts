/**
 * `/cx close <I-n> <outcome note>` and `/cx verdict <I-n> pass|partial|fail <reason>`: ending an
 * initiative and overriding its latest 6/12-month verdict. Values are checked here; who may is the app's.
 */
import { ok, type Result } from '../../../domain/errors.js';
import { MAX_OUTCOME_LENGTH } from '../../../domain/initiatives.js';
import { MAX_NOTE_LENGTH } from '../../../domain/limits.js';
import { unescapeSlack } from '../../../domain/text.js';
import { badOption, leadingRef, usage } from './errors.js';
import { restOf, type Token } from './tokens.js';
import type { ParsedCommand } from './types.js';

export const OVERRIDE_VERDICTS = ['pass', 'partial', 'fail'] as const;

export function parseClose(input: string, args: Token[]): Result<ParsedCommand> {
  const initiativeId = leadingRef('close', args, 'I');
  if (!initiativeId.ok) return initiativeId;
  const outcome = restOf(input, args[0]?.end ?? input.length);
  if (outcome === '') return usage('close', 'missing_note');
  // The note rides in the confirmation button's value (see MAX_OUTCOME_LENGTH).
  if (outcome.length > MAX_OUTCOME_LENGTH) return usage('close', 'too_long', { max: MAX_OUTCOME_LENGTH });
  return ok({ name: 'close', initiativeId: initiativeId.value, outcome });
}

export function parseVerdict(input: string, args: Token[]): Result<ParsedCommand> {
  const initiativeId = leadingRef('verdict', args, 'I');
  if (!initiativeId.ok) return initiativeId;
  const verdictToken = args[1];
  if (!verdictToken) return usage('verdict', 'missing_choice');
  const verdict = unescapeSlack(verdictToken.value).toLowerCase();
  if (!(OVERRIDE_VERDICTS as readonly string[]).includes(verdict)) {
    return badOption('verdict', unescapeSlack(verdictToken.raw), OVERRIDE_VERDICTS, verdict);
  }
  const reason = restOf(input, verdictToken.end);
  if (reason === '') return usage('verdict', 'missing_note');
  if (reason.length > MAX_NOTE_LENGTH) return usage('verdict', 'too_long', { max: MAX_NOTE_LENGTH });
  return ok({
    name: 'verdict',
    initiativeId: initiativeId.value,
    verdict: verdict as (typeof OVERRIDE_VERDICTS)[number],
    reason,
  });
}
