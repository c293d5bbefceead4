/**
 * An ack says "done": with group commit (db/group-commit.ts) the change a listener made is committed at the
 * end of the turn, so a command's answer and a modal's closing wait for that commit first. Without a pending
 * commit the ack goes at once, with no extra turn. When the commit fails, the ack fails with it and the guard
 * answers the generic failure instead (./guard.ts), so nobody is told "saved" for a change that was not.
 *
 * The receivers put the handle's `pendingCommit` into every delivery's `context` (their custom properties,
 * slack/app.ts): Bolt hands each middleware and listener its own copy of the arguments, but one context.
 */
import type { DatabaseHandle } from '../../db/client.js';

/** The custom property the receivers add to each delivery's context. */
export function commitProperty(handle: Pick<DatabaseHandle, 'pendingCommit'>): {
  pendingCommit: () => Promise<void> | null;
} {
  return { pendingCommit: () => handle.pendingCommit() };
}

/** Settles once the delivery's changes are committed (rejects when the commit failed); null when none waits. */
export function commitOf(context: Record<string, unknown>): Promise<void> | null {
  const pending = context.pendingCommit as (() => Promise<void> | null) | undefined;
  return pending ? pending() : null;
}
