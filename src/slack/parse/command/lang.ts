/** `/cx lang en|de|auto` (issue 14); alone, it shows the language in effect. */
import { ok, type Result } from '../../../domain/errors.js';
import { unescapeSlack } from '../../../domain/text.js';
import { badOption, extraArgs } from './errors.js';
import type { Token } from './tokens.js';
import type { ParsedCommand } from './types.js';

/** The words `/cx lang` takes, with the names people type for them. */
const LANG_WORDS = [
  { word: 'en', aliases: ['english', 'englisch'] },
  { word: 'de', aliases: ['german', 'deutsch'] },
  { word: 'auto', aliases: ['slack', 'default'] },
];

export function parseLang(input: string, args: Token[]): Result<ParsedCommand> {
  const [word, extra] = args;
  if (!word) return ok({ name: 'lang', choice: null });
  if (extra) return extraArgs('lang', input, extra);
  const typed = unescapeSlack(word.value).toLowerCase();
  const found = LANG_WORDS.find((w) => w.word === typed || w.aliases.includes(typed));
  if (!found) return badOption('lang', unescapeSlack(word.raw), LANG_WORDS, typed);
  return ok({ name: 'lang', choice: found.word as 'en' | 'de' | 'auto' });
}
