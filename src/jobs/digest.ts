import { postWeeklyDigest } from '../app/digest.js';
import { localDate } from '../domain/dates.js';
import { isoWeekKey } from '../domain/schedule.js';
import { type Job, plural, report } from './job.js';

/** Fridays 14:00: the week's digest in every bound department channel and the hub. */
export const digestJob: Job = {
  name: 'digest',
  schedule: '0 14 * * 5',
  when: 'Fridays 14:00',
  periodOf: (at, zone) => isoWeekKey(localDate(at, zone)),
  async run(ctx, now, info) {
    const { queued } = postWeeklyDigest(ctx, info.period, now);
    return report({ queued }, `${plural(queued, 'digest message')} queued`);
  },
};
