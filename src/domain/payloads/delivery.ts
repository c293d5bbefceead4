/** Told to admins by DM when a post is held (unbound department, bot not in the channel…). */
export interface DeliveryProblemPayload {
  /** What could not be posted, e.g. `win` or `digest`, and where. */
  kind: string;
  target: string;
  error: string;
}
