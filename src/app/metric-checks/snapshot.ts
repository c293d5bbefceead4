/** What the metric-check messages carry: a snapshot of the initiative, and the last values on record. */
import type { Checkin } from '../../db/repositories/metrics-repo.js';
import { latestValue } from '../../domain/metrics.js';
import type { CheckInitiative } from '../../domain/payloads/metrics.js';
import type { Initiative } from '../../domain/types.js';

export const checkSnapshot = (i: Initiative): CheckInitiative => ({
  id: i.id,
  title: i.title,
  ownerId: i.ownerId,
  startDate: i.startDate,
  depts: i.depts,
  customerMetric: i.customerMetric,
  businessMetric: i.businessMetric,
});

/** The newest value of each metric as it is defined now (what the check modal is pre-filled with). */
export function lastValues(initiative: Initiative, checkins: readonly Checkin[]) {
  return {
    customer: latestValue(initiative.customerMetric, 'customer', checkins),
    business: latestValue(initiative.businessMetric, 'business', checkins),
  };
}
