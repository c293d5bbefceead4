import type { AppContext } from '../../../app/context.js';
import { cachedByVersion } from '../../../db/prepared.js';
import { localDate } from '../../../domain/dates.js';
import { currentLang } from '../../messages/index.js';
import type { BuiltMessage } from '../../views/blocks.js';

/**
 * The built reply of a read command (`/cx list`, `/cx show I-n`, `/cx mine`), kept until the database changes
 * (cachedByVersion): rendering every title of a long list through the text neutraliser cost more than
 * Bolt itself (issue 13). `key` must name everything the reply depends on besides the data: the command's
 * arguments and the reader (readerKey). The reply is shared between requests: never change it.
 */
export function cachedReply(ctx: AppContext, key: string, build: () => BuiltMessage): BuiltMessage {
  return cachedByVersion(ctx.handle.sqlite, `reply:${key}:${readerKey(ctx)}`, build);
}

/**
 * What a reply depends on besides data and arguments: today in the zone its dates are written in (how late
 * an action is), that zone, and the reader's language (issue 14).
 */
function readerKey(ctx: AppContext): string {
  return `${todayIn(ctx, ctx.timeZone)}|${ctx.timeZone}|${currentLang()}`;
}

const QUARTER_HOUR_MS = 15 * 60 * 1000;
let lastToday = { zone: '', quarter: Number.NaN, day: '' };

/**
 * Today in `zone`, computed once per quarter hour of the clock: every zone's offset is a whole number of
 * quarter hours, so a local date changes only on a quarter-hour boundary of UTC (Intl's formatToParts is the
 * costly part of localDate).
 */
function todayIn(ctx: AppContext, zone: string): string {
  const now = ctx.clock.now();
  const quarter = Math.floor(now.getTime() / QUARTER_HOUR_MS);
  if (lastToday.zone !== zone || lastToday.quarter !== quarter) {
    lastToday = { zone, quarter, day: localDate(now, zone) };
  }
  return lastToday.day;
}
