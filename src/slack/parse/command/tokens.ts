/**
 * Splits `/cx` text into words. Quotes group words; Slack markup (`<@U1|Maria Schmidt>`) stays whole;
 * offsets are kept so free text (notes, reasons) can be taken exactly as typed.
 */
import { unescapeSlack } from '../../../domain/text.js';

export interface Token {
  /** Exactly as received (still Slack-escaped, quotes included). */
  raw: string;
  /** Inside the quotes for a quoted token, else `raw`. */
  value: string;
  quoted: boolean;
  /** Offsets into the command text, so free text can be taken verbatim. */
  start: number;
  end: number;
}

// Typographic pairs too: “…” (English), „…“ (German), and ”…” as some keyboards produce.
const OPEN_QUOTES = '"“„”';
const CLOSE_QUOTES = '"”“';
const SPACE = /\s/;
// Only Slack writes a raw `<` (users' are escaped to `&lt;`): mentions, channels, specials, links.
const SLACK_MARKUP = /^<(?:[@#!]|https?:|mailto:)[^<>\n]*>/;

export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i] ?? '';
    if (SPACE.test(ch)) {
      i += 1;
      continue;
    }
    const start = i;
    if (OPEN_QUOTES.includes(ch)) {
      let close = i + 1;
      while (close < input.length && !CLOSE_QUOTES.includes(input[close] ?? '')) close += 1;
      // An unclosed quote is just a character: notes like `waiting for "legal` must still work.
      if (close < input.length) {
        const end = close + 1;
        tokens.push({
          raw: input.slice(start, end),
          value: input.slice(start + 1, close),
          quoted: true,
          start,
          end,
        });
        i = end;
        continue;
      }
    }
    let j = i;
    while (j < input.length && !SPACE.test(input[j] ?? '')) {
      // Slack's `<@U1|Maria Schmidt>` may contain spaces; keep such a sequence whole.
      const markup = input[j] === '<' ? SLACK_MARKUP.exec(input.slice(j)) : null;
      j += markup ? markup[0].length : 1;
    }
    const raw = input.slice(start, j);
    tokens.push({ raw, value: raw, quoted: false, start, end: j });
    i = j;
  }
  return tokens;
}

/** Words as the user typed them. A title that is one quoted group loses its quotes; inner quotes stay. */
export function joinText(tokens: Token[]): string {
  const only = tokens.length === 1 ? tokens[0] : undefined;
  if (only?.quoted) return unescapeSlack(only.value).trim();
  return tokens.map((t) => unescapeSlack(t.raw)).join(' ');
}

/** Everything from `offset` on, verbatim (line breaks and spacing kept). */
export function restOf(input: string, offset: number): string {
  return unescapeSlack(input.slice(offset).trim());
}
