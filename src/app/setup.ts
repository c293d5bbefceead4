import { createOutboxRepo } from '../db/repositories/outbox-repo.js';
import { type Binding, listBindings, setBinding } from '../db/repositories/settings-repo.js';
import { err, ok, type Result } from '../domain/errors.js';
import { canAdminister } from '../domain/permissions.js';
import type { BindingKey, UserId } from '../domain/types.js';
import { type AppContext, type Caller, transact } from './context.js';
import { isAdmin } from './users.js';

/** Admin check for setup and rounds, as a value the adapter can answer with. */
export async function requireAdmin(ctx: AppContext, userId: UserId): Promise<Result<void>> {
  return canAdminister(await isAdmin(ctx, userId));
}

/** Binds the caller's current channel to a department or the hub (the adapter has joined it first). */
export function bindChannel(ctx: AppContext, caller: Caller, key: BindingKey): Result<Binding> {
  const channelId = caller.channelId;
  if (!channelId) return err({ code: 'usage', command: 'setup', detail: 'missing_args' });
  return transact(ctx, caller, (tx, now) => {
    setBinding(tx, key, channelId, caller.userId, now);
    // Posts kept because the old binding was broken go out now, to the channel just bound.
    createOutboxRepo(tx).releaseHeld({ type: 'binding', key }, now);
    return ok({ key, channelId, boundBy: caller.userId, boundAt: now });
  });
}

export function bindings(ctx: AppContext): Binding[] {
  return listBindings(ctx.handle.db);
}

/** CX_CHANNELS binds channels headlessly at start-up; an explicit `/cx setup channel` later wins until restart. */
export function applyConfiguredBindings(
  ctx: AppContext,
  channels: Partial<Record<BindingKey, string>>,
): void {
  const now = ctx.clock.now();
  ctx.handle.db.transaction((tx) => {
    for (const [key, channelId] of Object.entries(channels)) {
      if (channelId) setBinding(tx, key as BindingKey, channelId, 'CX_CHANNELS', now);
    }
  });
}
