/**
 * History entries the app writes about values (a metric set, values checked in or fed) are stored as data,
 * not as English prose, so each reader sees them in their own language (issue 14). The fact goes in the
 * entry's `newValue` as JSON marked `"fact"`; `note` stays for a person's own words. Entries stored before
 * this as prose (no fact) are shown as stored.
 */
import type { CheckKind, Verdict } from './metrics.js';
import type { MetricKind, Tier } from './types.js';

/** Where fed values came from: the metric feed's API or `cx metrics import`. */
export type ValueSource = 'api' | 'import';

export interface FactValue {
  name: string;
  value: number;
  unit: string | null;
  /** The day the value is for (fed values); a typed check-in is for the moment it was typed. */
  date: string | null;
}

export type HistoryFact =
  | { fact: 'metric'; kind: MetricKind; name: string; baseline: number; target: number; unit: string | null }
  | { fact: 'values'; source: ValueSource | null; values: FactValue[] }
  /** A metric check asked of the owner (`due`: the check's day). */
  | { fact: 'check-asked'; check: CheckKind; due: string }
  | { fact: 'verdict'; check: CheckKind; due: string; verdict: Verdict }
  /** Kept going after a check: the next check's day. */
  | { fact: 'recommitted'; due: string };

/** The stored form of a fact, for `newValue`. */
export const storeFact = (fact: HistoryFact): string => JSON.stringify(fact);

/** The fact an entry's `newValue` holds, or null (an older prose entry, or a plain value such as a date). */
export function readFact(stored: string | null | undefined): HistoryFact | null {
  if (!stored?.startsWith('{"fact":')) return null;
  try {
    const f = JSON.parse(stored) as HistoryFact;
    if (f.fact === 'metric' && typeof f.baseline === 'number' && typeof f.target === 'number') return f;
    if (f.fact === 'values' && Array.isArray(f.values)) return f;
    if (
      (f.fact === 'check-asked' || f.fact === 'verdict' || f.fact === 'recommitted') &&
      typeof f.due === 'string'
    )
      return f;
  } catch {
    // Not ours after all: shown as stored.
  }
  return null;
}

/**
 * A verdict as `/cx verdict` stores it in old/new (`6m 2026-07-31: pass`): codes, not words, so it is read
 * into a fact and shown in the reader's language. Anything else: null (shown as stored).
 */
export function readVerdictValue(
  stored: string | null | undefined,
): Extract<HistoryFact, { fact: 'verdict' }> | null {
  const m = /^(6m|12m|recommit) (\d{4}-\d{2}-\d{2}): (pass|partial|fail|no_data)$/.exec(stored ?? '');
  return m
    ? { fact: 'verdict', check: m[1] as CheckKind, due: m[2] as string, verdict: m[3] as Verdict }
    : null;
}

/** A tier as stored in a `tier` entry's note (the app's own code, not a person's words). */
export const readTier = (stored: string | null | undefined): Tier | null =>
  stored === 'essential' || stored === 'important' ? stored : null;

/**
 * Fed values are written by no Slack user: the metric feed records its actor as `API` or `import` (its
 * FEED_ACTOR), which as a mention would show as an unknown user. The reader sees the source's name instead.
 */
export const feedSourceOf = (actorId: string): ValueSource | null =>
  actorId === 'API' ? 'api' : actorId === 'import' ? 'import' : null;
