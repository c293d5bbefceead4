/**
 * Metric values from other systems (survey tools, helpdesks, BI): the items of `POST /api/metrics` and
 * of `cx metrics import`, checked all at once. Pure: the shape of each item here; whether its initiative
 * exists and is active is the app's part (`app/metric-feed.ts`). One problem per item, in words.
 */
import { z } from 'zod';
import { addDays, parseLocalDate } from './dates.js';
import type { LocalDate, MetricKind } from './types.js';

/** Where a fed value came from; `/cx show` says "from API" / "from import". */
export type FeedSource = 'api' | 'import';

/** At most this many values per request or file: a bigger batch is split by its sender. */
export const MAX_FEED_ITEMS = 1000;
/** A value may stand for a day up to this many days back (5 years, like `start:`). */
export const MAX_FEED_AGE_DAYS = 5 * 366;

export interface FeedItem {
  initiativeId: number;
  kind: MetricKind;
  value: number;
  /** The day the value stands for (today in CX_TIMEZONE when not given). */
  date: LocalDate;
}

export interface FeedProblem {
  /** 0-based position in the request's array (or the file's data row). */
  item: number;
  problem: string;
}

const REF = /^\s*[Ii]-([1-9]\d{0,8})\s*$/;

const itemSchema = z.strictObject(
  {
    initiative: z.string({ error: 'initiative must be a reference like "I-3"' }).regex(REF, {
      error: 'initiative must be a reference like "I-3"',
    }),
    metric: z.enum(['customer', 'business'], { error: 'metric must be "customer" or "business"' }),
    value: z.number({ error: 'value must be a number, e.g. 41.5' }).refine(Number.isFinite, {
      error: 'value must be a finite number',
    }),
    date: z.string({ error: 'date must be a date written YYYY-MM-DD' }).optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')} (fields: initiative, metric, value, date)`
        : 'each item must be an object {"initiative","metric","value","date"}',
  },
);

/** The first thing wrong with an item, or the item; `today` is in CX_TIMEZONE. */
export function parseFeedItem(
  raw: unknown,
  today: LocalDate,
): { ok: true; item: FeedItem } | { ok: false; problem: string } {
  const parsed = itemSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: issue?.message ?? 'invalid item' };
  }
  const { initiative, metric, value, date } = parsed.data;
  const day = date === undefined ? today : parseLocalDate(date.trim());
  if (day === null) return { ok: false, problem: `date "${date}" is not a real date written YYYY-MM-DD` };
  if (day > today) return { ok: false, problem: `date ${day} is in the future (today is ${today})` };
  if (day < addDays(today, -MAX_FEED_AGE_DAYS)) {
    return { ok: false, problem: `date ${day} is more than 5 years ago` };
  }
  const id = Number(REF.exec(initiative)?.[1]);
  return { ok: true, item: { initiativeId: id, kind: metric, value, date: day } };
}

/**
 * Every item checked: the items, or one problem per bad item (nothing is stored then). A body that is one
 * object counts as a list of one.
 */
export function parseFeed(
  body: unknown,
  today: LocalDate,
): { ok: true; items: FeedItem[] } | { ok: false; problems: FeedProblem[] } {
  const list = Array.isArray(body) ? body : [body];
  if (list.length === 0)
    return { ok: false, problems: [{ item: 0, problem: 'no values: the list is empty' }] };
  if (list.length > MAX_FEED_ITEMS) {
    return {
      ok: false,
      problems: [
        { item: MAX_FEED_ITEMS, problem: `at most ${MAX_FEED_ITEMS} values at once (got ${list.length})` },
      ],
    };
  }
  const items: FeedItem[] = [];
  const problems: FeedProblem[] = [];
  list.forEach((raw, i) => {
    const parsed = parseFeedItem(raw, today);
    if (parsed.ok) items.push(parsed.item);
    else problems.push({ item: i, problem: parsed.problem });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, items };
}

/**
 * The items as they will be stored: one per initiative, metric and day — a later item for the same day
 * replaces an earlier one, like a second request would.
 */
export function lastPerDay(items: readonly FeedItem[]): FeedItem[] {
  const byKey = new Map<string, FeedItem>();
  for (const item of items) {
    const key = `${item.initiativeId}:${item.kind}:${item.date}`;
    byKey.delete(key);
    byKey.set(key, item);
  }
  return [...byKey.values()];
}

// ---- CSV (`cx metrics import`) ------------------------------------------------------------------------

/** Splits CSV text into rows of fields (RFC 4180 quotes; a BOM and CRLF line ends are fine). */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

export const CSV_COLUMNS = ['initiative', 'metric', 'value', 'date'] as const;

/**
 * The CSV's rows as feed items (header `initiative,metric,value,date`, in any order; `date` may be empty).
 * Problems name the file's line (the header is line 1), one per bad row.
 */
export function parseFeedCsv(
  text: string,
  today: LocalDate,
): { ok: true; items: FeedItem[] } | { ok: false; problems: string[] } {
  const [header, ...rows] = csvRows(text);
  const names = (header ?? []).map((h) => h.trim().toLowerCase());
  const missing = CSV_COLUMNS.filter((c) => c !== 'date' && !names.includes(c));
  if (!header || missing.length > 0) {
    return {
      ok: false,
      problems: [
        `line 1: the header must name the columns ${CSV_COLUMNS.join(',')} (missing: ${missing.join(', ') || 'all'})`,
      ],
    };
  }
  const col = (row: string[], name: string) => {
    const at = names.indexOf(name);
    return at < 0 ? undefined : row[at]?.trim();
  };
  const raws = rows.map((row) => {
    const value = col(row, 'value') ?? '';
    const date = col(row, 'date');
    return {
      initiative: col(row, 'initiative') ?? '',
      metric: (col(row, 'metric') ?? '').toLowerCase(),
      // A number as text: empty or `1,5` is refused, not guessed.
      value: /^[+-]?(\d+(\.\d+)?|\.\d+)$/.test(value) ? Number(value) : value,
      ...(date ? { date } : {}),
    };
  });
  if (raws.length === 0) return { ok: false, problems: ['the file has no rows after its header'] };
  const parsed = parseFeed(raws, today);
  if (parsed.ok) return parsed;
  return { ok: false, problems: parsed.problems.map((p) => `line ${p.item + 2}: ${p.problem}`) };
}
