/**
 * Which Slack delivery the code is working on, for the code that cannot be told: the logger (a line's
 * `reqId`) and the message catalogue (the sender's language, slack/messages/lang.ts). An AsyncLocalStorage
 * follows the awaits — at a price: on Node 20, while one is in use, V8 calls into JavaScript for every
 * promise the process makes, anyone's (issue 13: a fifth of the bot's CPU per cached `/cx list`). So a
 * delivery gets a scope only when it needs one:
 *
 * - with debug logging (`scopeEveryRequest(true)`, set from the log level at start), every delivery, so
 *   every line written while it is handled — ours, Bolt's, the Web API client's — carries its `reqId`;
 * - otherwise only a delivery answered in a language other than CX_LANGUAGE (`inRequestScope`), and the
 *   storage is switched off again whenever no such delivery is in flight. The lines that matter at info
 *   level — a listener's failure, a refused request — name their `reqId` themselves.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

export interface RequestScope {
  /** Short id of one delivery (an HTTP request or a Socket Mode envelope): 8 hex digits, unique per process. */
  id: string;
  /** The language the delivery is answered in, when it is not the installation's (slack/messages/lang.ts). */
  lang?: string;
}

const scopes = new AsyncLocalStorage<RequestScope>();
let everyRequest = true;
/** Scopes opened by inRequestScope and not yet settled: at zero the storage is switched off. */
let open = 0;

/**
 * Ids count up from a random start, so two deliveries of one process never share one (32 random bits would
 * after about 65,000), and a restart starts elsewhere. Drawing a UUID per request cost about 2 µs of every
 * `/cx` (issue 13).
 */
let nextId = randomBytes(4).readUInt32BE(0);

export function newRequestId(): string {
  nextId = (nextId + 1) >>> 0;
  return nextId.toString(16).padStart(8, '0');
}

/** Debug logging: every delivery in a scope of its own, for good (see above). */
export function scopeEveryRequest(on: boolean): void {
  everyRequest = on;
  if (!on && open === 0) scopes.disable();
}

/** A receiver's start of a delivery: a scope only when every request gets one (debug logging). */
export function receiveRequest<T>(id: string, work: () => T): T {
  return everyRequest ? scopes.run({ id }, work) : work();
}

/**
 * `work` (the rest of a delivery: everything it awaits) in a scope of its own. Unless every request is
 * scoped anyway, the storage is switched off once the last such scope has settled: a promise `work` left
 * running past its own end would then lose the scope (nothing in a listener does; the outbox run a request
 * kicks leaves it on purpose, see outsideRequest).
 */
export function inRequestScope<T>(scope: RequestScope, work: () => Promise<T>): Promise<T> {
  if (everyRequest) return scopes.run(scope, work);
  open++;
  const settle = () => {
    open--;
    if (open === 0 && !everyRequest) scopes.disable();
  };
  let running: Promise<T>;
  try {
    running = scopes.run(scope, work);
  } catch (error) {
    settle();
    throw error;
  }
  running.then(settle, settle);
  return running;
}

/** Whether the storage is switched on (tests: it is off again once no delivery needs it). */
export function requestScopesOn(): boolean {
  return everyRequest || open > 0;
}

export function currentRequest(): RequestScope | undefined {
  return scopes.getStore();
}

/** Work a request only set off (the outbox run it kicks) is not part of it: its lines carry no reqId. */
export function outsideRequest<T>(work: () => T): T {
  return scopes.exit(work);
}
