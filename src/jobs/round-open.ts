import { openRound } from '../app/rounds.js';
import { localDate } from '../domain/dates.js';
import { monthKey } from '../domain/schedule.js';
import { type Job, plural, report } from './job.js';

/**
 * The first Monday of the month, 10:00: this month's pain-point poll in every bound department channel.
 * node-cron AND-s day-of-month with day-of-week and knows `1#1` (the first Monday), as does domain/cron.ts.
 * The period is the month, and a run by hand (`job round-open --at …`) opens the month of `--at` whatever its
 * day, if it has no round yet; the month's unique key keeps it to one round, with or without the ledger.
 */
export const roundOpenJob: Job = {
  name: 'round-open',
  schedule: '0 10 * * 1#1',
  when: 'first Monday of the month 10:00',
  periodOf: (at, zone) => monthKey(localDate(at, zone)),
  async run(ctx, now) {
    const result = await openRound(ctx, now);
    if (!result.ok) throw new Error(`round-open refused: ${result.error.code}`);
    const r = result.value;
    switch (r.status) {
      case 'opened':
        return report(
          { opened: 1, painPoints: r.options.length, channels: r.channels.length },
          `round ${r.round.month} opened with ${plural(r.options.length, 'pain point')} in ${r.channels.join(', ')}` +
            (r.closedFirst.length
              ? `; closed ${r.closedFirst.map((c) => c.round.month).join(', ')} first`
              : ''),
        );
      case 'exists':
        return `round ${r.round.month} already exists (${r.round.status}); nothing posted`;
      case 'empty':
        return `no open pain points: invitation queued for ${r.channels.join(', ')}`;
      case 'no_channels':
        return 'no department channel is bound: nothing opened';
    }
  },
};
