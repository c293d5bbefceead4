/**
 * Payloads of the scheduled nudges (reminder DMs, Monday department lists, weekly digests). Snapshots:
 * the renderer formats them and queries nothing, so a DM delivered late still says what was true when
 * it was decided. Lists are already cut to what a message can show; `total` says how many there were.
 */
import type { StallReason } from '../reminder-plan.js';
import type { PartOfDay } from '../reminders.js';
import type { BindingKey, Department, LocalDate, MetricKind, Progress, Tier, UserId } from '../types.js';

export interface NudgeInitiative {
  id: number;
  title: string;
  tier: Tier;
}

export interface NudgeAction {
  id: number;
  title: string;
  ownerId: UserId;
  dueDate: LocalDate | null;
  initiative: NudgeInitiative;
  reason: StallReason;
  /**
   * The owner was known to have left (deactivated, or unknown to Slack) when it was decided: the line says so,
   * with how to hand the action on. Absent: not known to have left.
   */
  ownerLeft?: true;
}

/** The daily reminder DM. */
export interface ReminderPayload {
  recipientId: UserId;
  localDay: LocalDate;
  /**
   * The recipient's time of day when it was decided (always inside 09:30–17:30), for a greeting that fits.
   * Absent in DMs queued by an older version: a neutral greeting.
   */
  partOfDay?: PartOfDay;
  /** The recipient's own stalled actions shown with buttons, soonest due first. */
  own: NudgeAction[];
  ownTotal: number;
  /** Actions of others in initiatives the recipient owns whose three reminders went unanswered. */
  escalations: NudgeAction[];
  escalationTotal: number;
}

/** Monday: a department's stalled actions, in its channel. */
export interface StalledListPayload {
  dept: Department;
  date: LocalDate;
  items: NudgeAction[];
  total: number;
}

export interface DigestCounts {
  done: number;
  created: number;
  stalled: number;
  blocked: number;
  /** Dropped this week (no longer needed), apart from done; absent when none. */
  dropped?: number;
}

/** The short parent message of a weekly digest. */
export interface DigestPayload {
  week: string;
  /** Monday and Sunday of that week. */
  from: LocalDate;
  to: LocalDate;
  /** The channel's department, or `hub`. */
  scope: BindingKey;
  /** The department's own numbers (null for the hub), and the whole company's. */
  own: DigestCounts | null;
  all: DigestCounts;
  essentials: Array<NudgeInitiative & { progress: Progress }>;
  /**
   * The parts of its thread, in order, with how many each lists in all: the top post says what the thread
   * holds (a decision due shows without opening it). Absent in digests queued before it existed.
   */
  thread?: Array<{ part: DigestSection['part']; total: number }>;
}

export interface DigestWin {
  initiative: NudgeInitiative;
  actions: Array<{ id: number; title: string; ownerId: UserId }>;
  /** Wins of this initiative this week, shown or not. */
  total: number;
  /** In the channel's own department (department digests list their own work first). */
  own: boolean;
}

export type DigestSection =
  | { part: 'wins'; items: DigestWin[]; total: number }
  | { part: 'attention'; items: Array<NudgeAction & { own: boolean }>; total: number }
  | { part: 'due'; items: Array<NudgeAction & { own: boolean }>; total: number }
  | { part: 'next_steps'; items: Array<NudgeInitiative & { own: boolean }>; total: number }
  | { part: 'decisions'; items: DigestDecision[]; total: number }
  | {
      part: 'no_metrics';
      items: Array<NudgeInitiative & { own: boolean; missing: MetricKind[] }>;
      total: number;
    }
  | { part: 'progress'; items: Array<NudgeInitiative & { own: boolean; progress: Progress }>; total: number };

/** An initiative whose 12-month (or follow-up) verdict waits for its owner's recommit or close. */
export type DigestDecision = NudgeInitiative & { own: boolean; ownerId: string; ownerLeft?: true };

/** One reply in the digest's thread. */
export type DigestDetailPayload = {
  week: string;
  scope: BindingKey;
} & DigestSection;
