import { ErrorCode } from '@slack/web-api';

/**
 * What a Web API failure means for an outbox row, from what `@slack/web-api` 8 throws. Pure: no I/O, so each
 * answer Slack can give is unit-tested on its own (test/slack/notifier-errors.test.ts).
 */

/** Slack errors that mean "the recipient needs fixing": kept, reported once, retried when released. */
export const HELD_ERRORS = new Set([
  'not_bound',
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_thread_locked',
  'restricted_action_non_threadable_channel',
  'ekm_access_denied',
  'messages_tab_disabled',
  'message_limit_exceeded',
  'user_not_found',
  'user_disabled',
  'cannot_dm_bot',
  // Installation problems: the operator fixes the token or scopes; the messages must survive that.
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'no_permission',
  'not_allowed_token_type',
  'team_access_not_granted',
  'access_denied',
  'app_access_restricted',
]);

/** Slack-side failures worth retrying; Slack documents that some of the operation may have happened. */
export const TRANSIENT_ERRORS = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

/** Connection failures that happen before a request is sent: the post surely did not reach Slack. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

export type Failure =
  | { kind: 'rate_limited'; error: string; retryAfterMs: number }
  | { kind: 'transient'; error: string; maybeSent: boolean }
  | { kind: 'held'; error: string }
  | { kind: 'dead'; error: string };

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** Maps what `@slack/web-api` 8 throws (see its errors.js) onto what the outbox does next. */
export function classifyError(err: unknown): Failure {
  const code = field(err, 'code');
  if (code === ErrorCode.RateLimitedError) {
    const sec = Number(field(err, 'retryAfter'));
    return { kind: 'rate_limited', error: 'ratelimited', retryAfterMs: Math.max(1, sec || 1) * 1000 };
  }
  if (code === ErrorCode.HTTPError) {
    const status = Number(field(err, 'statusCode'));
    // A 5xx may come from a proxy after Slack acted; anything else was refused before it did.
    return { kind: 'transient', error: `http_${status}`, maybeSent: !(status >= 400 && status < 500) };
  }
  if (code === ErrorCode.RequestError) {
    const original = field(err, 'original');
    const cause = field(original, 'cause') ?? original;
    const sysCode = String(field(cause, 'code') ?? '');
    const message = String(field(original, 'message') ?? 'request failed');
    return {
      kind: 'transient',
      error: `request_error: ${sysCode || message}`,
      maybeSent: !NOT_SENT_CODES.has(sysCode),
    };
  }
  if (code === ErrorCode.PlatformError) {
    const data = field(err, 'data');
    const error = String(field(data, 'error') ?? 'unknown_error');
    if (error === 'ratelimited' || error === 'rate_limited') {
      const sec = Number(field(field(data, 'response_metadata'), 'retryAfter'));
      return { kind: 'rate_limited', error, retryAfterMs: Math.max(1, sec || 1) * 1000 };
    }
    if (TRANSIENT_ERRORS.has(error)) return { kind: 'transient', error, maybeSent: true };
    if (HELD_ERRORS.has(error)) return { kind: 'held', error };
    return { kind: 'dead', error };
  }
  const message = err instanceof Error ? err.message : String(err);
  // web-api's answer to a 429 without a usable Retry-After header: not posted, and we should slow down.
  if (/retry header/i.test(message))
    return { kind: 'rate_limited', error: 'ratelimited', retryAfterMs: 1000 };
  return { kind: 'transient', error: `unexpected: ${message}`, maybeSent: true };
}

/** A failed Web API call, classified. */
export class CallFailed extends Error {
  constructor(
    readonly method: string,
    readonly channel: string | undefined,
    readonly failure: Failure,
  ) {
    super(`${method}: ${failure.error}`);
  }
}

/** Look-up answers meaning the conversation (or thread) is gone. */
export const GONE_ERRORS = new Set(['channel_not_found', 'thread_not_found']);
