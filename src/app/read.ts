import { localDate } from '../domain/dates.js';
import { ok, type Result } from '../domain/errors.js';
import type { Department } from '../domain/types.js';
import type { AppContext } from './context.js';
import { departmentOfChannel, type InitiativeDetail, initiativeDetail } from './initiatives.js';
import { type MetricsPicture, metricsPicture } from './metric-checks.js';

/**
 * Read-only answers put together for the adapters, so a listener neither reads the clock nor combines
 * read helpers itself: what a New initiative form starts with, and everything `/cx show I-n` shows.
 */

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
}

export function initiativePage(ctx: AppContext, id: number): Result<InitiativePage> {
  const found = initiativeDetail(ctx, id);
  return found.ok ? ok({ detail: found.value, metrics: metricsPicture(ctx, found.value.initiative) }) : found;
}
