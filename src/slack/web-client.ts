import { type Logger, LogLevel, WebClient, type WebClientOptions } from '@slack/web-api';

/**
 * Options for a WebClient whose caller owns retries — the notifier, which persists its retry schedule in the
 * outbox. `@slack/web-api` otherwise retries any non-200 answer up to 10 times over about 30 minutes and
 * silently waits out 429s, which would hide rate limits from the outbox and could post a message twice
 * behind its back.
 */
export const OWN_RETRIES_OPTIONS = {
  retryConfig: { retries: 0 },
  rejectRateLimitedCalls: true,
  /** A call that hangs is treated as "may have been posted" and checked before any retry. */
  timeout: 15_000,
} as const satisfies WebClientOptions;

export interface WebClientFactoryOptions {
  logger?: Logger;
  /** Defaults to warn: web-api logs every request at debug and rate limits at info. */
  logLevel?: LogLevel;
}

/**
 * The WebClient the notifier needs (and the one the app wiring should hand it): no hidden retries, 429s
 * rejected at once with their Retry-After, a request timeout. `apiUrl` is `SLACK_API_URL`.
 */
export function createWebClient(
  apiUrl: string,
  token: string,
  options: WebClientFactoryOptions = {},
): WebClient {
  return new WebClient(token, {
    slackApiUrl: apiUrl,
    ...OWN_RETRIES_OPTIONS,
    ...(options.logger ? { logger: options.logger } : { logLevel: options.logLevel ?? LogLevel.WARN }),
  });
}

/**
 * Throws unless `client` leaves retries to its caller. The settings are private fields of WebClient, read
 * here at run time because a misconfigured client is a silent double-post risk, not a style problem.
 */
export function assertOwnRetries(client: WebClient): void {
  const retryConfig = Reflect.get(client, 'retryConfig') as { retries?: number } | undefined;
  const rejects = Reflect.get(client, 'rejectRateLimitedCalls') as boolean | undefined;
  if (retryConfig?.retries !== 0 || rejects !== true) {
    throw new Error(
      'the notifier needs a WebClient created with retryConfig: { retries: 0 } and rejectRateLimitedCalls: true ' +
        '(use createWebClient from src/slack/web-client.ts): the outbox schedules retries itself',
    );
  }
}
