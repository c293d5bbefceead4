/**
 * An ack says "done": with group commit (db/group-commit.ts) the change a listener made is committed at the
 * end of the turn, so a command's answer and a modal's closing wait for that commit first. Without a pending
 * commit the ack goes at once, with no extra turn. When the commit fails, the ack fails with it and the guard
 * answers the generic failure instead (./guard.ts), so nobody is told "saved" for a change that was not.
 *
 * Bolt hands each middleware and listener its own copy of the arguments, but one `context`: a global
 * middleware puts the handle's `pendingCommit` there, and the guard's acks ask it.
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { DatabaseHandle } from '../../db/client.js';

const KEY = 'pendingCommit';

export function commitBeforeAck(
  handle: Pick<DatabaseHandle, 'pendingCommit'>,
): Middleware<AnyMiddlewareArgs> {
  const pending = () => handle.pendingCommit();
  return ({ context, next }) => {
    context[KEY] = pending;
    return next();
  };
}

/** Settles once the request's changes are committed (rejects when the commit failed); null when nothing waits. */
export function commitOf(context: Record<string, unknown>): Promise<void> | null {
  const pending = context[KEY] as (() => Promise<void> | null) | undefined;
  return pending ? pending() : null;
}
