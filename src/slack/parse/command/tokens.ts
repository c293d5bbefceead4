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
// Sticky, so it matches at a position of the whole text instead of on a copy of the rest of it.
const SLACK_MARKUP = /<(?:[@#!]|https?:|mailto:)[^<>\n]*>/y;

/**
 * For every position, where the next closing quote at or after it is (`input.length` when none): one
 * backwards pass, so an opening quote finds its partner without scanning ahead. Scanning ahead for each
 * of thousands of unclosed quotes was quadratic (issue 9: 0.7 s of CPU for 10,000 characters).
 */
function closingQuotes(input: string): Int32Array {
  const next = new Int32Array(input.length + 1);
  next[input.length] = input.length;
  for (let i = input.length - 1; i >= 0; i--) {
    next[i] = CLOSE_QUOTES.includes(input[i] ?? '') ? i : (next[i + 1] ?? input.length);
  }
  return next;
}

/** Linear in the length of `input`: every character is looked at a bounded number of times. */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  const nextClose = closingQuotes(input);
  let i = 0;
  while (i < input.length) {
    const ch = input[i] ?? '';
    if (SPACE.test(ch)) {
      i += 1;
      continue;
    }
    const start = i;
    if (OPEN_QUOTES.includes(ch)) {
      const close = nextClose[i + 1] ?? input.length;
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
      // Slack's `<@U1|Maria Schmidt>` may contain spaces; keep such a sequence whole. A failed match
      // stops at the next `<` or line break, so no character is scanned by more than one attempt.
      j += input[j] === '<' ? markupLength(input, j) : 1;
    }
    const raw = input.slice(start, j);
    tokens.push({ raw, value: raw, quoted: false, start, end: j });
    i = j;
  }
  return tokens;
}

/** The length of the Slack markup starting at `at`, or 1 when there is none (a plain `<`). */
function markupLength(input: string, at: number): number {
  SLACK_MARKUP.lastIndex = at;
  return SLACK_MARKUP.exec(input)?.[0].length ?? 1;
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
