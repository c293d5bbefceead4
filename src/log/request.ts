/**
 * Which Slack delivery the code is working on. The receiver starts each delivery inside `withRequest`, so
 * every log line written while it is handled — ours, Bolt's, the Web API client's — carries its `reqId`
 * without being passed along by hand (AsyncLocalStorage follows the awaits).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface RequestScope {
  /** Short random id of one delivery (an HTTP request or a Socket Mode envelope). */
  id: string;
  /**
   * The language the delivery is answered in, set once its sender is known (slack/messages/lang.ts). Kept
   * here rather than in an AsyncLocalStorage of its own: each one adds work to every promise made.
   */
  lang?: string;
}

const scopes = new AsyncLocalStorage<RequestScope>();

export function newRequestId(): string {
  return randomUUID().slice(0, 8);
}

export function withRequest<T>(id: string, work: () => T, lang?: string): T {
  return scopes.run(lang === undefined ? { id } : { id, lang }, work);
}

export function currentRequest(): RequestScope | undefined {
  return scopes.getStore();
}

/** Work a request only set off (the outbox run it kicks) is not part of it: its lines carry no reqId. */
export function outsideRequest<T>(work: () => T): T {
  return scopes.exit(work);
}
