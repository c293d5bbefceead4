/** The picture for `/cx show` and the App Home: metrics, their trend, and the state of each check. */
import { checkinsOf, checksOf } from '../../db/repositories/metrics-repo.js';
import {
  type CheckStatus,
  checkStatusesOf,
  type MetricsPicture,
  metricsPictureOf,
} from '../../domain/metric-checks.js';
import type { Initiative } from '../../domain/types.js';
import type { AppContext } from '../context.js';
import { shownCharts } from './charts.js';

export function metricsPicture(ctx: AppContext, initiative: Initiative): MetricsPicture {
  const db = ctx.handle.db;
  const records = checksOf(db, [initiative.id]).get(initiative.id) ?? [];
  const picture = metricsPictureOf(initiative, checkinsOf(db, initiative.id), records, ctx.timeZone);
  return { ...picture, charts: shownCharts(ctx, initiative.id) };
}

/** The check statuses of several initiatives in one query (App Home). */
export function checkStatuses(
  ctx: AppContext,
  initiatives: readonly Initiative[],
): Map<number, CheckStatus[]> {
  const records = checksOf(
    ctx.handle.db,
    initiatives.map((i) => i.id),
  );
  return new Map(initiatives.map((i) => [i.id, checkStatusesOf(i, records.get(i.id) ?? [])]));
}
