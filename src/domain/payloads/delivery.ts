import type { UserId } from '../types.js';

/** Told to admins by DM when a post is held (unbound department, bot not in the channel, a DM Slack refused…). */
export interface DeliveryProblemPayload {
  /** What could not be posted, e.g. `win` or `digest`, and where. */
  kind: string;
  target: string;
  error: string;
  /**
   * A DM to a person rather than a post in a channel: who, whether their account is deactivated (someone
   * who left: the DM can never arrive), and the open actions they still own, which then need a new owner
   * (the first few by number, and how many more); `initiativeId`: the initiative whose 6/12-month check they
   * were asked for, whose values an admin can record instead.
   */
  person?: {
    id: UserId;
    deactivated: boolean;
    /** With `deactivated`: Slack knows no such person at all any more (users.info `user_not_found`). */
    unknown?: boolean;
    openActions: number[];
    moreActions: number;
    initiativeId?: number;
    /** The initiative whose 12-month or follow-up verdict waited for their recommit or close. */
    decideInitiativeId?: number;
  };
}
