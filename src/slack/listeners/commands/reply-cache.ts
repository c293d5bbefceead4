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
 * an action is), that zone, and the reader's language (issue 14). localDate is arithmetic on a per-day
 * offset (domain/dates.ts): about 250 ns a call, 5 µs on the two days a year the zone changes its clocks.
 */
function readerKey(ctx: AppContext): string {
  return `${localDate(ctx.clock.now(), ctx.timeZone)}|${ctx.timeZone}|${currentLang()}`;
}
