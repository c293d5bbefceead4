import { ErrorCode } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { classifyError } from '../../src/slack/notifier/index.js';

/** Errors shaped as `@slack/web-api` 8 throws them (its errors.js): a `code` and the fields that go with it. */
const platform = (error: string, extra: Record<string, unknown> = {}) => ({
  code: ErrorCode.PlatformError,
  data: { ok: false, error, ...extra },
});
const request = (sysCode: string) => ({
  code: ErrorCode.RequestError,
  original: Object.assign(new Error('fetch failed'), { cause: { code: sysCode } }),
});

describe('classifyError: what a Web API failure means for an outbox row', () => {
  it('a 429 waits its Retry-After (at least a second)', () => {
    expect(classifyError({ code: ErrorCode.RateLimitedError, retryAfter: 7 })).toEqual({
      kind: 'rate_limited',
      error: 'ratelimited',
      retryAfterMs: 7000,
    });
    expect(classifyError({ code: ErrorCode.RateLimitedError, retryAfter: 0 })).toMatchObject({
      retryAfterMs: 1000,
    });
    expect(classifyError(platform('ratelimited', { response_metadata: { retryAfter: 3 } }))).toEqual({
      kind: 'rate_limited',
      error: 'ratelimited',
      retryAfterMs: 3000,
    });
    expect(classifyError(new Error('Retry header did not contain a valid timeout'))).toMatchObject({
      kind: 'rate_limited',
    });
  });

  it('a 5xx may hide a post; a 4xx was refused before Slack acted', () => {
    expect(classifyError({ code: ErrorCode.HTTPError, statusCode: 503 })).toEqual({
      kind: 'transient',
      error: 'http_503',
      maybeSent: true,
    });
    expect(classifyError({ code: ErrorCode.HTTPError, statusCode: 400 })).toEqual({
      kind: 'transient',
      error: 'http_400',
      maybeSent: false,
    });
  });

  it('a connection that never opened did not post; a dropped one may have', () => {
    expect(classifyError(request('ECONNREFUSED'))).toEqual({
      kind: 'transient',
      error: 'request_error: ECONNREFUSED',
      maybeSent: false,
    });
    expect(classifyError(request('ECONNRESET'))).toMatchObject({ kind: 'transient', maybeSent: true });
  });

  it('Slack-side trouble is retried and may have posted', () => {
    for (const error of ['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']) {
      expect(classifyError(platform(error))).toEqual({ kind: 'transient', error, maybeSent: true });
    }
  });

  it('a recipient or installation to fix holds the row; anything else is our bug and dead', () => {
    for (const error of [
      'not_in_channel',
      'channel_not_found',
      'is_archived',
      'invalid_auth',
      'missing_scope',
    ]) {
      expect(classifyError(platform(error))).toEqual({ kind: 'held', error });
    }
    expect(classifyError(platform('invalid_blocks'))).toEqual({ kind: 'dead', error: 'invalid_blocks' });
    expect(classifyError(platform(''))).toEqual({ kind: 'dead', error: '' });
    expect(classifyError({ code: ErrorCode.PlatformError })).toEqual({
      kind: 'dead',
      error: 'unknown_error',
    });
  });

  it('something unknown is treated as "may have posted": looked up before any retry', () => {
    expect(classifyError(new Error('boom'))).toEqual({
      kind: 'transient',
      error: 'unexpected: boom',
      maybeSent: true,
    });
    expect(classifyError(null)).toMatchObject({ kind: 'transient', maybeSent: true });
  });
});
