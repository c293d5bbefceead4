/**
 * The `fetch` every WebClient (the notifier's, Bolt's) sends Slack Web API calls through: undici's `request`
 * on one keep-alive pool instead of the global fetch. Node's fetch builds WHATWG streams, a Request and a
 * Response per call; for the small form-encoded calls the bot makes, that cost about twice the rest of the
 * call (issue 13: a `/cx done` posts a win in up to two channels). The answer is read whole (Slack answers
 * small JSON) and handed back as the little of a Response that WebClient and Bolt read.
 *
 * Anything but a string body (a file upload's FormData, a stream) goes through the global fetch unchanged.
 */
import { STATUS_CODES } from 'node:http';
import type { FetchFunction } from '@slack/web-api';
import { Agent, request } from 'undici';

/** One pool for the process: connections to Slack stay open between calls, as the global fetch keeps them. */
let shared: Agent | null = null;
const pool = () => {
  shared ??= new Agent({ keepAliveTimeout: 30_000, connections: 32 });
  return shared;
};

type FetchResponse = Awaited<ReturnType<FetchFunction>>;
type RawHeaders = Record<string, string | string[] | undefined>;

function answerOf(
  url: string,
  status: number,
  raw: RawHeaders,
  body: Buffer,
): FetchResponse & { clone(): FetchResponse } {
  // What WebClient reads of the headers: one by name (content-type, retry-after, scopes), or all of them.
  const headers = {
    get: (name: string) => {
      const value = raw[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
    entries: () =>
      Object.entries(raw).flatMap(([name, value]): [string, string][] =>
        value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]],
      ),
  };
  return {
    status,
    statusText: STATUS_CODES[status] ?? '',
    ok: status >= 200 && status < 300,
    url,
    headers,
    text: async () => body.toString('utf8'),
    json: async () => JSON.parse(body.toString('utf8')) as unknown,
    arrayBuffer: async () => new Uint8Array(body).buffer,
    clone: () => answerOf(url, status, raw, body),
  };
}

export function webFetch(
  fallback: FetchFunction = globalThis.fetch as unknown as FetchFunction,
): FetchFunction {
  return async (input, init) => {
    const body = init?.body;
    if (body !== undefined && body !== null && typeof body !== 'string') return fallback(input, init);
    const url = String(input);
    const res = await request(url, {
      method: (init?.method ?? 'GET') as 'GET',
      headers: init?.headers,
      body: body ?? null,
      signal: init?.signal ?? null,
      dispatcher: pool(),
    });
    const bytes = Buffer.from(await res.body.arrayBuffer());
    return answerOf(url, res.statusCode, res.headers, bytes);
  };
}

/**
 * Slack hears of no change before it is saved: with group commit (db/group-commit.ts) the writes of a turn are
 * committed at its end, so each Web API call — a post, a chat.update, a response_url answer (Bolt's `respond`
 * uses this fetch too) — first waits for the commit pending when it is made. When that commit fails, the call
 * fails with it, and nothing tells anyone "done" for a change that was lost. No pending commit: no wait.
 */
export function afterCommitFetch(pending: () => Promise<void> | null, inner: FetchFunction): FetchFunction {
  return (url, init) => {
    const commit = pending();
    return commit ? commit.then(() => inner(url, init)) : inner(url, init);
  };
}
