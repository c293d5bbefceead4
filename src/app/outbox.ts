import type { DatabaseHandle } from '../db/client.js';
import { createOutboxRepo, type OutboxRepo } from '../db/repositories/outbox-repo.js';
import { listBindings } from '../db/repositories/settings-repo.js';
import type { BindingKey } from '../domain/types.js';

export type {
  OutboxRepo,
  OutboxStatus,
  RecipientFilter,
  RetryOptions,
} from '../db/repositories/outbox-repo.js';
/** Use cases call `enqueue(tx, messages, now)` inside the transaction that makes the change worth saying. */
export { enqueue } from '../db/repositories/outbox-repo.js';
export type { Claim, OutboxEntry, OutboxMessage, Recipient } from './outbox-types.js';

/** What the notifier (slack/) needs from storage, without importing db/. */
export interface OutboxPort extends OutboxRepo {
  /** The channel a department or the hub is bound to, or null while it is unbound. */
  resolveBinding(key: BindingKey): string | null;
}

export function createOutboxPort(handle: DatabaseHandle): OutboxPort {
  const repo = createOutboxRepo(handle.db);
  return {
    ...repo,
    resolveBinding: (key) => listBindings(handle.db).find((b) => b.key === key)?.channelId ?? null,
  };
}
