import { sendReminders } from '../app/reminders.js';
import { halfHourKey } from '../domain/cron.js';
import type { Job } from './job.js';

/** Every 30 minutes: reminder DMs once it is 09:30 where each owner is, and the Monday department lists. */
export const remindersJob: Job = {
  name: 'reminders',
  schedule: '*/30 * * * *',
  when: 'every 30 minutes',
  periodOf: (at) => halfHourKey(at),
  async run(ctx, now, info) {
    const r = await sendReminders(ctx, now, { signal: info.signal });
    return `${r.dms} reminder DM(s), ${r.lists} department list(s) queued${r.interrupted ? ', stopped early' : ''}`;
  },
};
