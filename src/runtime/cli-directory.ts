/**
 * `users.info` for the CLI's export: the bot's own user directory over a WebClient without hidden retries
 * (a Slack that cannot be reached fails at once instead of after 30 minutes) and without library log lines,
 * so the CLI's stdout stays data and its stderr says one thing once.
 */
import type { UserDirectory } from '../app/context.js';
import { libraryLogger, silentLog } from '../log/logger.js';
import { createUserDirectory } from '../slack/user-directory.js';
import { createWebClient } from '../slack/web-client.js';

/**
 * web-api says only "A request error occurred: fetch failed" when Slack cannot be reached; the cause
 * underneath (ECONNREFUSED, ENOTFOUND, a timeout) is what the operator can act on.
 */
function unreachable(apiUrl: string, error: unknown): Error | null {
  if ((error as { code?: unknown } | null)?.code !== 'slack_webapi_request_error') return null;
  let cause: unknown = (error as { original?: unknown }).original;
  while (cause instanceof Error && cause.cause instanceof Error) cause = cause.cause;
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new Error(`${apiUrl} could not be reached: ${reason}`);
}

export function cliUserDirectory(apiUrl: string, token: string): UserDirectory {
  const directory = createUserDirectory(
    createWebClient(apiUrl, token, { logger: libraryLogger(silentLog()) }),
  );
  return {
    // A person Slack does not know is null already (createUserDirectory): that person just has no name.
    fetch: (userId) =>
      directory.fetch(userId).catch((error: unknown) => {
        throw unreachable(apiUrl, error) ?? error;
      }),
  };
}
