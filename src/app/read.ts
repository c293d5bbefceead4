import { localDate } from '../domain/dates.js';
import { ok, type Result } from '../domain/errors.js';
import type { Department, LocalDate } from '../domain/types.js';
import type { AppContext } from './context.js';
import { departmentOfChannel, type InitiativeDetail, initiativeDetail } from './initiatives.js';
import { type MetricsPicture, metricsPicture } from './metric-checks.js';

/**
 * Read-only answers put together for the adapters, so a listener neither reads the clock nor combines
 * read helpers itself: what a New initiative form starts with, and everything `/cx show I-n` shows.
 */

/**
 * What a builder needs to write times for people: today (how late an overdue action is, in the same days
 * the reminder counts) and the zone the fallback of a moment() is written in (each reader's Slack shows
 * the moment in their own zone).
 */
export interface DateContext {
  today: LocalDate;
  zone: string;
}

export function dateContext(ctx: AppContext): DateContext {
  return { today: localDate(ctx.clock.now(), ctx.timeZone), zone: ctx.timeZone };
}

export interface NewInitiativeStart {
  /** The department of the channel it was opened in, if that channel is bound to one. */
  lead: Department | null;
  /** Today in CX_TIMEZONE: the start date the form proposes. */
  today: string;
}

export function newInitiativeStart(ctx: AppContext, channelId: string | undefined): NewInitiativeStart {
  return { lead: departmentOfChannel(ctx, channelId), today: localDate(ctx.clock.now(), ctx.timeZone) };
}

export interface InitiativePage {
  detail: InitiativeDetail;
  metrics: MetricsPicture;
  dates: DateContext;
}

export function initiativePage(ctx: AppContext, id: number): Result<InitiativePage> {
  const found = initiativeDetail(ctx, id);
  if (!found.ok) return found;
  return ok({
    detail: found.value,
    metrics: metricsPicture(ctx, found.value.initiative),
    dates: dateContext(ctx),
  });
}
