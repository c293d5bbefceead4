/**
 * Web API calls are counted where every client sends them: a `fetch` handed to each WebClient (the
 * notifier's, Bolt's, Socket Mode's) and to Bolt's `respond`. The method is read from the URL; the outcome
 * from the status, or for a 200 from Slack's `ok`/`error` in a clone of the answer, read after the caller
 * already has it.
 */
import type { FetchFunction } from '@slack/web-api';
import type { Metrics } from './metrics.js';

type FetchRequestInit = Parameters<FetchFunction>[1];

const METHOD = /^[a-z]+(\.[a-zA-Z]+)+$/;

/** The label for a URL: the API method under `apiUrl`, else what kind of URL it is (bounded, no ids). */
function methodOf(url: string, apiUrl: string, init: FetchRequestInit | undefined): string {
  if (url.startsWith(apiUrl)) {
    const method = url.slice(apiUrl.length).split(/[?#]/)[0] ?? '';
    return METHOD.test(method) ? method : 'other';
  }
  // Outside the API only two things are fetched: Bolt's respond() posts JSON to a response_url, and
  // file uploads send their bytes to the URL Slack handed out.
  return init?.headers?.['Content-Type'] === 'application/json' ? 'response_url' : 'upload';
}

function outcomeOfStatus(status: number): string | null {
  if (status === 429) return 'ratelimited';
  if (status >= 500) return '5xx';
  if (status !== 200) return `http_${status}`;
  return null;
}

export function countingFetch(
  apiUrl: string,
  metrics: Metrics,
  inner: FetchFunction = globalThis.fetch as unknown as FetchFunction,
): FetchFunction {
  const count = (method: string, outcome: string) => metrics.webApiCalls.inc({ method, outcome });
  return async (url, init) => {
    const method = methodOf(String(url), apiUrl, init);
    let res: Awaited<ReturnType<FetchFunction>>;
    try {
      res = await inner(url, init);
    } catch (error) {
      count(method, 'network_error');
      throw error;
    }
    const byStatus = outcomeOfStatus(res.status);
    if (byStatus !== null || method === 'response_url' || method === 'upload') {
      count(method, byStatus ?? 'ok');
      return res;
    }
    const copy = (res as Partial<Response>).clone?.();
    if (!copy) {
      count(method, 'ok');
      return res;
    }
    copy.json().then(
      (body) => {
        const { ok, error } = (body ?? {}) as { ok?: unknown; error?: unknown };
        count(method, ok === true ? 'ok' : typeof error === 'string' ? error : 'error');
      },
      () => count(method, 'unreadable'),
    );
    return res;
  };
}
