import { runAsksClock } from '../app/requests-clock.js';
import { halfHourKey } from '../domain/cron.js';
import { type Job, plural, report } from './job.js';

/**
 * Every 30 minutes: unanswered requests across departments bumped once in their thread after 2 working
 * days, escalated once (hub, initiative owner) after 5 — inside working hours in CX_TIMEZONE only.
 */
export const asksJob: Job = {
  name: 'asks',
  schedule: '*/30 * * * *',
  when: 'every 30 minutes',
  periodOf: (at) => halfHourKey(at),
  async run(ctx, now, info) {
    const r = runAsksClock(ctx, now, { signal: info.signal });
    return report(
      { bumped: r.bumped, escalated: r.escalated },
      `${plural(r.bumped, 'request')} bumped, ${plural(r.escalated, 'request')} escalated${r.interrupted ? ', stopped early' : ''}`,
    );
  },
};
