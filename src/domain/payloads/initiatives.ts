/**
 * Payloads of an initiative's life: its announcement when it starts, the post when it closes, the
 * correction when a verdict is overridden, and the DMs to the people behind the pain point it came from.
 * Snapshots: the renderer queries nothing.
 */
import type { CheckKind, Verdict } from '../metrics.js';
import type { Department, LocalDate, Progress, Tier, UserId } from '../types.js';

export interface InitiativeSnapshot {
  id: number;
  title: string;
  tier: Tier;
  leadDept: Department;
  depts: Department[];
  ownerId: UserId;
}

/** The pain point an initiative was adopted from. */
export interface PainPointSnapshot {
  id: number;
  text: string;
}

/** A new initiative, once in each of its departments' channels. */
export interface InitiativeAnnouncedPayload {
  initiative: InitiativeSnapshot;
  createdBy: UserId;
  startDate: LocalDate;
  painPoint: PainPointSnapshot | null;
}

/** An initiative closed: the outcome and how far it got, once in each of its departments' channels. */
export interface InitiativeClosedPayload {
  initiative: InitiativeSnapshot;
  closedBy: UserId;
  outcome: string;
  done: number;
  dropped: number;
  /** Done out of the actions still counted when it closed. */
  progress: Progress;
  /**
   * The open actions dropped with it, with their owners (the first few; `droppedMore` counts the rest), so
   * the people whose work ended learn why it left their list. Absent in posts queued before it existed.
   */
  droppedActions?: { id: number; title: string; ownerId: UserId }[];
  droppedMore?: number;
}

/** A 6/12-month verdict overridden by the owner or an admin, in the channels the verdict went to. */
export interface VerdictCorrectionPayload {
  initiative: InitiativeSnapshot;
  kind: CheckKind;
  dueDate: LocalDate;
  /** What the verdict said before this override (computed, or an earlier override). */
  previous: Verdict;
  verdict: Verdict;
  by: UserId;
  reason: string;
}

/** What happened to an initiative adopted from a pain point. */
export type PainPointNewsEvent =
  | { event: 'closed'; outcome: string; by: UserId }
  | { event: 'verdict'; kind: CheckKind; verdict: Verdict; overriddenBy: UserId | null };

/** DM to whoever raised or voted for the pain point an initiative was adopted from. */
export type PainPointNewsPayload = PainPointNewsEvent & {
  initiative: { id: number; title: string };
  painPoint: PainPointSnapshot;
  /** Raised it, or voted for it. */
  role: 'raiser' | 'voter';
};

/**
 * An initiative handed to a new owner: to the new owner (`new_owner`: its checks and escalations now come to
 * them), and to the previous one (`previous_owner`), each unless they did it themselves.
 */
export interface InitiativeHandedOverPayload {
  role: 'new_owner' | 'previous_owner';
  actorId: UserId;
  previousOwnerId: UserId;
  newOwnerId: UserId;
  initiative: { id: number; title: string };
  /** Its open actions when it changed hands (the new owner is told how much work comes with it). */
  openActions: number;
  /**
   * A 6/12-month check asked and not yet answered (its DM went to the previous owner): the new owner is told
   * how to answer it. Absent or null: none.
   */
  openCheck?: { kind: CheckKind; dueDate: LocalDate } | null;
  /**
   * A 12-month or follow-up verdict waiting for recommit or close (its DM, with the buttons, went to the
   * previous owner): the new owner is told where to decide. Absent or null: none.
   */
  openDecision?: { kind: CheckKind; dueDate: LocalDate } | null;
}
