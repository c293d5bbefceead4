/** Rules about initiatives: progress, focus (few essentials) and who is involved. */
import { err, ok, type Result } from './errors.js';
import { type Action, type Department, type Initiative, MAX_ESSENTIAL, type Progress } from './types.js';

/** Done out of all actions that still count (dropped ones don't). */
export function progress(actions: readonly Pick<Action, 'status'>[]): Progress {
  let done = 0;
  let total = 0;
  for (const a of actions) {
    if (a.status === 'dropped') continue;
    total += 1;
    if (a.status === 'done') done += 1;
  }
  return { done, total };
}

/**
 * A concrete next step is an open action with an owner and a due date. Blocked actions don't count:
 * they are exactly the steps that are not moving.
 */
export function hasConcreteNextStep(
  actions: readonly Pick<Action, 'status' | 'ownerId' | 'dueDate'>[],
): boolean {
  return actions.some((a) => a.status === 'open' && a.ownerId !== '' && a.dueDate !== null);
}

/**
 * May `initiativeId` be essential, given the active essential ones? Already being essential is fine
 * (a no-op); `null` is a new initiative. The refusal names the current ones, lowest id first.
 */
export function checkEssentialLimit(
  activeEssentialIds: readonly number[],
  initiativeId: number | null,
): Result<void> {
  if (initiativeId !== null && activeEssentialIds.includes(initiativeId)) return ok();
  if (activeEssentialIds.length < MAX_ESSENTIAL) return ok();
  return err({
    code: 'essential_limit',
    current: [...activeEssentialIds].sort((a, b) => a - b),
    max: MAX_ESSENTIAL,
  });
}

/** `/cx list` order: essentials first, then by id (oldest first). */
export function sortForList<T extends Pick<Initiative, 'id' | 'tier'>>(initiatives: readonly T[]): T[] {
  const rank = (i: T) => (i.tier === 'essential' ? 0 : 1);
  return [...initiatives].sort((a, b) => rank(a) - rank(b) || a.id - b.id);
}

/** Every department involved: the lead first, each once. */
export function resolveDepartments(lead: Department, withDepts: readonly Department[]): Department[] {
  return [...new Set([lead, ...withDepts])];
}

/**
 * The longest outcome note `/cx close` takes. The note rides in the value of the "Close and drop" button
 * (Slack allows 2,000 characters there), so nothing is stored before the button is pressed.
 */
export const MAX_OUTCOME_LENGTH = 1000;

/** Open and blocked: what closing an initiative would drop. */
export const isOpenStatus = (status: Action['status']) => status === 'open' || status === 'blocked';

/**
 * A short fingerprint of the open actions a confirmation listed (their count and ids). The button carries
 * it; if the open actions differ when it is pressed (one was logged, finished or dropped meanwhile), the
 * initiative is not closed and the presser is asked again with the current list.
 */
export function openActionsFingerprint(openIds: readonly number[]): string {
  const ids = [...openIds].sort((a, b) => a - b).join(',');
  // FNV-1a, 32 bits: not security, just "is this the same list?"; the count guards the rare collision too.
  let hash = 0x811c9dc5;
  for (let i = 0; i < ids.length; i++) {
    hash ^= ids.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${openIds.length}.${hash.toString(36)}`;
}

/** How an initiative ended: done and dropped actions, and the bar of done out of those still counted when it closed. */
export interface FinalTally {
  done: number;
  dropped: number;
  /** Done out of done + the actions this close dropped (those dropped earlier never counted). */
  progress: Progress;
}

export function finalTally(actions: readonly Pick<Action, 'status'>[], droppedNow: number): FinalTally {
  const done = actions.filter((a) => a.status === 'done').length;
  const dropped = actions.filter((a) => a.status === 'dropped').length;
  return { done, dropped, progress: { done, total: done + droppedNow } };
}
