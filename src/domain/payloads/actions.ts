import type { Department, Progress, Tier, UserId } from '../types.js';

/** A completed action, as posted in the channel of every department of its initiative. */
export interface WinPayload {
  actorId: UserId;
  ownerId: UserId;
  action: { id: number; title: string; dept: Department };
  initiative: { id: number; title: string; tier: Tier; depts: Department[] };
  progress: Progress;
  note: string | null;
}
