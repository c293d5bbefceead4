/**
 * Time passing for a running bot whose clock is a ManualClock (the sandbox's time-travel buttons). The
 * clock stops at every moment a scheduled job is due on the way, the scheduler runs there what its `tick`
 * would run — the same ledger and idempotency as node-cron drives in production — and the outbox delivers
 * before the clock goes on, so a post carries the time it was made at.
 */

import type { ManualClock } from '../clock.js';
import { hasUnfinished } from '../db/repositories/outbox-lanes.js';
import { getMeta } from '../db/repositories/settings-repo.js';
import { cronMatches, instantsAt, parseCron } from '../domain/cron.js';
import { addDays, localDate, offsetMs } from '../domain/dates.js';
import type { Job, RunOutcome } from '../jobs/index.js';
import type { Runtime } from './runtime.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * On a jump longer than this, a job scheduled more often than every `THIN_MS` runs at most every
 * `THIN_MS` on the way (half-hourly reminders over six months would be 8,760 runs and take a minute).
 * Jobs keyed to a time of day still run on every day they are due: a reminder goes out once the owner's
 * local time is past 09:30 on a working day, which a tick every 6 hours still reaches each day.
 */
export const LONG_JUMP_MS = 8 * 24 * HOUR_MS;
export const THIN_MS = 6 * HOUR_MS;

/**
 * Every instant in (from, to] at which `job` fires in `zone`, oldest first. A day whose UTC offset stays
 * the same from well before to well after it (every day but the few with a DST change) is computed from
 * that offset; asking the zone for each hour and minute of six months took seconds.
 */
export function fireTimes(job: Job, from: Date, to: Date, zone: string): number[] {
  const cron = parseCron(job.schedule);
  const out: number[] = [];
  const last = localDate(to, zone);
  for (let day = localDate(from, zone); day <= last; day = addDays(day, 1)) {
    const midnight = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
    // Offsets span −12 h … +14 h, so these two instants bracket the whole local day.
    const before = offsetMs(new Date(midnight - 14 * HOUR_MS), zone);
    const after = offsetMs(new Date(midnight + DAY_MS + 12 * HOUR_MS), zone);
    const steady = before === after;
    const first = cron.hours[0] ?? 0;
    const firstMinute = cron.minutes[0] ?? 0;
    // Day-of-month, month and weekday are the same for every hour of the day: ask once.
    const probe = steady
      ? new Date(midnight + first * HOUR_MS + firstMinute * MINUTE_MS - before)
      : instantsAt(day, first, firstMinute, zone)[0];
    if (probe && !cronMatches(cron, probe, zone)) continue;
    for (const hour of cron.hours) {
      for (const minute of cron.minutes) {
        const at = steady
          ? [new Date(midnight + hour * HOUR_MS + minute * MINUTE_MS - before)]
          : instantsAt(day, hour, minute, zone).filter((d) => cronMatches(cron, d, zone));
        for (const d of at) {
          const ms = d.getTime();
          if (ms > from.getTime() && ms <= to.getTime()) out.push(ms);
        }
      }
    }
  }
  return out.sort((a, b) => a - b);
}

/** The instants in (from, to] at which `jobs` are scheduled in `zone`, oldest first (thinned on long jumps). */
export function scheduledMoments(jobs: readonly Job[], from: Date, to: Date, zone: string): Date[] {
  return [
    ...thinnedMoments(
      jobs.map((job) => fireTimes(job, from, to, zone)),
      from,
      to,
    ),
  ].map((ms) => new Date(ms));
}

function thinnedMoments(fires: readonly number[][], from: Date, to: Date): number[] {
  const long = to.getTime() - from.getTime() > LONG_JUMP_MS;
  const moments = new Set<number>();
  for (const all of fires) {
    let kept = Number.NEGATIVE_INFINITY;
    all.forEach((ms, i) => {
      if (long && ms - kept < THIN_MS && i < all.length - 1) return;
      kept = ms;
      moments.add(ms);
    });
  }
  return [...moments].sort((a, b) => a - b);
}

/** The latest of `sorted` at or before `at`, from index `i` on (returned with its index to go on from). */
function latestUpTo(sorted: readonly number[], at: number, i: number): number {
  let j = i;
  while (j + 1 < sorted.length && (sorted[j + 1] as number) <= at) j++;
  return j;
}

type Bot = Pick<Runtime, 'scheduler' | 'notifier' | 'ctx'>;

/**
 * Delivers what the jobs of a moment queued before the clock goes on. With nothing unfinished in the outbox
 * a delivery pass would find nothing to send: it is skipped (all but about 50 of the 1,700 stops of
 * "+6 months" after the demo leave nothing unfinished, and each pass cost about 2 ms — half of the jump).
 */
function deliverer(bot: Bot): () => Promise<void> {
  return async () => {
    if (hasUnfinished(bot.ctx.handle.db)) await bot.notifier.drain();
  };
}

/**
 * What `scheduler.tick(at)` runs at each moment, without asking the zone, for every job on every moment,
 * when its cron last fired (that was most of a long jump's time): each job's fire times in (from, to] are
 * known, so at a moment a job is due when its latest fire time up to there begins a period not run yet.
 * The run goes through `scheduler.runNow` with the moment as its `now`, exactly as `tick` runs it (same
 * period, same ledger claim, same order of jobs). A period whose run failed is retried by the real `tick`.
 */
async function runMoments(bot: Bot, clock: ManualClock, from: Date, to: Date): Promise<void> {
  const { scheduler, ctx } = bot;
  const zone = ctx.timeZone;
  const jobs = scheduler.jobs;
  const fires = jobs.map((job) => fireTimes(job, from, to, zone));
  const moments = thinnedMoments(fires, from, to);
  const deliver = deliverer(bot);
  const cursor = jobs.map(() => -1);
  /** Per job, the fire time (index in `fires`) whose period was last run or handed to `tick`. */
  const handled = jobs.map(() => -1);
  const ran = jobs.map(() => '');
  let retry = false;
  for (const at of moments) {
    clock.set(new Date(at));
    let outcomes: RunOutcome[];
    if (retry) {
      outcomes = await scheduler.tick(new Date(at));
      retry = outcomes.some((o) => o.status === 'failed' || o.status === 'interrupted');
    } else {
      outcomes = [];
      for (const [k, job] of jobs.entries()) {
        const list = fires[k] as number[];
        cursor[k] = latestUpTo(list, at, cursor[k] as number);
        const due = list[cursor[k] as number];
        if (due === undefined) continue; // last fired before `from`: that period was run by then
        if (handled[k] === cursor[k]) continue; // the same fire time as at the last moment
        handled[k] = cursor[k] as number;
        const period = job.periodOf(new Date(due), zone);
        if (period === ran[k]) continue;
        // `tick` runs the period of the latest fire time; `runNow` runs the period `at` falls in.
        if (job.periodOf(new Date(at), zone) !== period) {
          outcomes.push(...(await scheduler.tick(new Date(at))));
          // `tick` ran every job's latest period (or failed, and is asked again below).
          for (const [i, other] of jobs.entries()) {
            cursor[i] = latestUpTo(fires[i] as number[], at, cursor[i] as number);
            const d = (fires[i] as number[])[cursor[i] as number];
            if (d !== undefined) ran[i] = other.periodOf(new Date(d), zone);
            handled[i] = cursor[i] as number;
          }
          break;
        }
        ran[k] = period;
        const outcome = await scheduler.runNow(job.name, new Date(at));
        if (outcome.status !== 'already_done') outcomes.push(outcome);
      }
      retry = outcomes.some((o) => o.status === 'failed' || o.status === 'interrupted');
    }
    if (outcomes.length > 0) await deliver();
  }
}

/** Moves `clock` from `from` to `to`, running what falls due on the way exactly as a running bot would. */
export async function passTime(bot: Bot, clock: ManualClock, from: Date, to: Date): Promise<void> {
  // A database first started after `from` (a clock file lost) has periods `tick` would not run: let it decide.
  const first = Date.parse(getMeta(bot.ctx.handle.db, 'first_started_at') ?? '');
  if (Number.isNaN(first) || first > from.getTime()) {
    for (const at of scheduledMoments(bot.scheduler.jobs, from, to, bot.ctx.timeZone)) {
      clock.set(at);
      const outcomes = await bot.scheduler.tick(at);
      if (outcomes.length > 0) await bot.notifier.drain();
    }
  } else {
    // Anything left failed before `from` is retried here first, as `tick` would at the first moment.
    const before = await bot.scheduler.tick(from);
    if (before.length > 0) await bot.notifier.drain();
    await runMoments(bot, clock, from, to);
  }
  clock.set(to);
  await bot.scheduler.tick(to);
  await bot.notifier.drain();
}
