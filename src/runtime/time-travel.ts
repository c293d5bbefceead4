/**
 * Time passing for a running bot whose clock is a ManualClock (the sandbox's time-travel buttons). The
 * clock stops at every moment a scheduled job is due on the way, the scheduler ticks there — the same
 * `tick`, ledger and idempotency as node-cron drives in production — and the outbox delivers before the
 * clock goes on, so a post carries the time it was made at.
 */

import type { ManualClock } from '../clock.js';
import { cronMatches, instantsAt, parseCron } from '../domain/cron.js';
import { addDays, localDate } from '../domain/dates.js';
import type { Job } from '../jobs/index.js';
import type { Runtime } from './runtime.js';

const HOUR_MS = 3_600_000;

/**
 * On a jump longer than this, a job scheduled more often than every `THIN_MS` runs at most every
 * `THIN_MS` on the way (half-hourly reminders over six months would be 8,760 runs and take a minute).
 * Jobs keyed to a time of day still run on every day they are due: a reminder goes out once the owner's
 * local time is past 09:30 on a working day, which a tick every 6 hours still reaches each day.
 */
export const LONG_JUMP_MS = 8 * 24 * HOUR_MS;
export const THIN_MS = 6 * HOUR_MS;

function momentsOf(job: Job, from: Date, to: Date, zone: string): number[] {
  const cron = parseCron(job.schedule);
  const out: number[] = [];
  const last = localDate(to, zone);
  for (let day = localDate(from, zone); day <= last; day = addDays(day, 1)) {
    for (const hour of cron.hours) {
      for (const minute of cron.minutes) {
        for (const at of instantsAt(day, hour, minute, zone)) {
          const ms = at.getTime();
          if (ms > from.getTime() && ms <= to.getTime() && cronMatches(cron, at, zone)) out.push(ms);
        }
      }
    }
  }
  return out.sort((a, b) => a - b);
}

/** The instants in (from, to] at which `jobs` are scheduled in `zone`, oldest first (thinned on long jumps). */
export function scheduledMoments(jobs: readonly Job[], from: Date, to: Date, zone: string): Date[] {
  const long = to.getTime() - from.getTime() > LONG_JUMP_MS;
  const moments = new Set<number>();
  for (const job of jobs) {
    let kept = Number.NEGATIVE_INFINITY;
    const all = momentsOf(job, from, to, zone);
    all.forEach((ms, i) => {
      if (long && ms - kept < THIN_MS && i < all.length - 1) return;
      kept = ms;
      moments.add(ms);
    });
  }
  return [...moments].sort((a, b) => a - b).map((ms) => new Date(ms));
}

/** Moves `clock` from `from` to `to`, running what falls due on the way exactly as a running bot would. */
export async function passTime(
  bot: Pick<Runtime, 'scheduler' | 'notifier' | 'ctx'>,
  clock: ManualClock,
  from: Date,
  to: Date,
): Promise<void> {
  for (const at of scheduledMoments(bot.scheduler.jobs, from, to, bot.ctx.timeZone)) {
    clock.set(at);
    const outcomes = await bot.scheduler.tick(at);
    if (outcomes.length > 0) await bot.notifier.drain();
  }
  clock.set(to);
  await bot.scheduler.tick(to);
  await bot.notifier.drain();
}
