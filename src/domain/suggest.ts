/**
 * "Did you mean …?": the known words closest to a word someone typed. Pure and small on purpose: the
 * candidates are a handful of subcommands, options or keys, so a plain distance table is enough.
 */

/** A word that may be suggested, and other words that mean it (`revenue` → `business`). */
export interface Candidate {
  word: string;
  aliases?: readonly string[];
}

/**
 * Optimal string alignment distance (Damerau-Levenshtein where a swapped pair counts as one edit):
 * `hepl` → `help` is 1, `deu` → `due` is 1. Stops early once every path exceeds `limit`, so a
 * 5,000-character word costs no more than its first few rows.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (prevPrev[j - 2] ?? 0) + 1);
      }
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** How far a typed word may be from a suggestion: one edit for short words, two for longer ones. */
export function allowedDistance(typed: string): number {
  return typed.length <= 4 ? 1 : 2;
}

/**
 * The candidates closest to `typed` (case-insensitive), within `allowedDistance`: none when nothing is
 * close, several when they are equally close (`dne` → `done`, `due`). An alias counts for its word.
 */
export function suggest(typed: string, candidates: readonly (string | Candidate)[]): string[] {
  const word = typed.trim().toLowerCase();
  if (word === '') return [];
  const limit = allowedDistance(word);
  let best = limit + 1;
  let found: string[] = [];
  for (const candidate of candidates) {
    const { word: target, aliases = [] } = typeof candidate === 'string' ? { word: candidate } : candidate;
    const distance = Math.min(...[target, ...aliases].map((w) => editDistance(word, w.toLowerCase(), limit)));
    if (distance < best) {
      best = distance;
      found = [target];
    } else if (distance === best && distance <= limit && !found.includes(target)) {
      found.push(target);
    }
  }
  return best <= limit ? found : [];
}
