/**
 * Pain points: what customers struggle with, raised by anyone and voted on in the monthly round. Pure rules:
 * text bounds and "is there a similar open one already?".
 */
import type { Department } from './types.js';

/** Long enough for a pasted customer message; Slack's plain_text_input allows at most 3,000. */
export const MAX_PAIN_TEXT = 3000;

/** Below this share of shared words two pain points are not called similar. */
export const SIMILARITY_THRESHOLD = 0.5;

// Words that say nothing about the problem itself; without them "the app is slow" and "app slow" match.
const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by can cannot could did do does for from had has have he her his how ' +
    'i if in into is it its just me my no not of on or our out she so than that the their them then there ' +
    'they this to too us very was we were what when where which who why will with would you your ' +
    'customer customers always still again get gets getting'
  ).split(' '),
);

/**
 * The meaningful words of a text, lower-cased: Slack markup (`<@U1>`, `<!channel>`, links), emoji codes,
 * punctuation and stop words are dropped, and a trailing plural `s` is ignored so "invoices" meets "invoice".
 */
export function contentWords(text: string): Set<string> {
  const words = text
    .toLowerCase()
    // `[^<>]`, not `[^>]`: a `<` without a `>` must not rescan the rest of the text (quadratic on `<<<…`).
    .replace(/<[^<>]*>/g, ' ')
    .replace(/:[a-z0-9_+-]+:/g, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2 && !STOP_WORDS.has(w))
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
  return new Set(words);
}

/** Shared words over all words of both (Jaccard), 0 … 1; 0 when either has no meaningful word. */
export function similarity(a: string, b: string): number {
  return overlap(contentWords(a), contentWords(b));
}

function overlap(wa: ReadonlySet<string>, wb: ReadonlySet<string>): number {
  if (wa.size === 0 || wb.size === 0) return 0;
  const [small, large] = wa.size <= wb.size ? [wa, wb] : [wb, wa];
  let shared = 0;
  for (const w of small) if (large.has(w)) shared++;
  return shared / (wa.size + wb.size - shared);
}

/** The most similar of `candidates` (the older one on a tie), if any reaches the threshold. */
export function findSimilar<T extends { id: number; text: string }>(
  text: string,
  candidates: readonly T[],
): T | null {
  // The new text's words once, not once per open pain point.
  // At most MAX_PAIN_TEXT of each is compared, so the work stays bounded even for rows stored before the limit.
  const words = contentWords(text.slice(0, MAX_PAIN_TEXT));
  if (words.size === 0) return null;
  let best: { item: T; score: number } | null = null;
  for (const item of candidates) {
    const score = overlap(words, contentWords(item.text.slice(0, MAX_PAIN_TEXT)));
    if (score < SIMILARITY_THRESHOLD) continue;
    if (!best || score > best.score || (score === best.score && item.id < best.item.id)) {
      best = { item, score };
    }
  }
  return best?.item ?? null;
}

export type PainPointSource = 'command' | 'shortcut' | 'modal';

export interface PainPoint {
  id: number;
  text: string;
  raisedBy: string;
  /** The department whose channel it came from; null for the hub, a DM or an unbound channel. */
  dept: Department | null;
  channelId: string | null;
  permalink: string | null;
  source: PainPointSource;
  status: 'open' | 'adopted';
  carriedVotes: number;
  roundsOn: number;
  adoptedInitiativeId: number | null;
  adoptedAt: Date | null;
  createdAt: Date;
}
