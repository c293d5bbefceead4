import { sendReminders } from '../app/reminders.js';
import { halfHourKey } from '../domain/cron.js';
import { type Job, plural, report } from './job.js';

/**
 * Every 30 minutes: reminder DMs to people inside their own working hours (09:30–17:30, Mon–Fri, their
 * zone), and the Monday department lists.
 */
export const remindersJob: Job = {
  name: 'reminders',
  schedule: '*/30 * * * *',
  when: 'every 30 minutes',
  periodOf: (at) => halfHourKey(at),
  async run(ctx, now, info) {
    const r = await sendReminders(ctx, now, { signal: info.signal });
    return report(
      { dms: r.dms, lists: r.lists },
      `${plural(r.dms, 'reminder DM')}, ${plural(r.lists, 'department list')} queued${r.interrupted ? ', stopped early' : ''}`,
    );
  },
};
