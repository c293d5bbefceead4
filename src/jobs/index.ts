import { asksJob } from './asks.js';
import { digestJob } from './digest.js';
import type { Job } from './job.js';
import { metricChecksJob } from './metric-checks.js';
import { remindersJob } from './reminders.js';
import { roundCloseJob } from './round-close.js';
import { roundOpenJob } from './round-open.js';

export type { Job, RunInfo } from './job.js';
export { createScheduler, type RunOutcome, type Scheduler } from './scheduler.js';

/** Every scheduled job of the contract that exists so far; the bot schedules these and the CLI runs them. */
export const JOBS: readonly Job[] = [
  remindersJob,
  digestJob,
  metricChecksJob,
  roundOpenJob,
  roundCloseJob,
  asksJob,
];
