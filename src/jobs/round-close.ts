import { closeDueRounds } from '../app/rounds.js';
import { halfHourKey } from '../domain/cron.js';
import { type Job, plural, report } from './job.js';

/** Hourly: closes rounds whose five days are over and posts their results (once: the close is a state change). */
export const roundCloseJob: Job = {
  name: 'round-close',
  schedule: '5 * * * *',
  when: 'hourly (closes rounds older than 5 days)',
  // The hour, in UTC so a repeated local hour at a DST change still gets its own period.
  periodOf: (at) => halfHourKey(new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000)),
  async run(ctx, now) {
    const closed = closeDueRounds(ctx, now);
    const counts = { closed: closed.length, voters: closed.reduce((sum, c) => sum + c.voters, 0) };
    return report(
      counts,
      closed.length === 0
        ? 'no round due to close'
        : closed
            .map((c) =>
              c.voters === 0
                ? `round ${c.round.month} closed with no votes (${plural(c.lines.length, 'pain point')} carried over)`
                : `round ${c.round.month} closed (${plural(c.voters, 'voter')})`,
            )
            .join('; '),
    );
  },
};
