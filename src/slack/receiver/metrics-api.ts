/**
 * `POST /api/metrics`: metric values from other systems, for a bearer of CX_API_TOKEN. Without a token
 * configured the endpoint does not exist (404); a wrong or missing token gets 401 (compared in constant
 * time, see `bearerMatches`). A client that keeps failing is answered 429 before anything is read or
 * hashed, so a flood of wrong tokens costs next to nothing and never delays Slack's acks. The token and
 * bodies are never logged: only the status and counts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../../app/context.js';
import { feedMetrics } from '../../app/metric-feed.js';
import type { Log } from '../../log/logger.js';
import { bearerMatches } from '../../metrics/endpoint.js';

/** A request body larger than this is refused with 413 (about 2,000 values). */
export const MAX_BODY_BYTES = 256 * 1024;
/** Refused tokens a client may send per window before it is answered 429 without a look. */
export const MAX_FAILURES = 10;
/** Requests (any outcome) a client may send per window. */
export const MAX_REQUESTS = 120;
export const WINDOW_MS = 60_000;
/** Clients remembered at once; beyond that the oldest window is forgotten first. */
const MAX_CLIENTS = 10_000;

interface Window {
  start: number;
  requests: number;
  failures: number;
}

/** Fixed one-minute windows per client address: requests, and refused tokens. */
export function clientLimiter(nowMs: () => number = Date.now) {
  const windows = new Map<string, Window>();
  const current = (client: string): Window => {
    const now = nowMs();
    let w = windows.get(client);
    if (!w || now - w.start >= WINDOW_MS) {
      windows.delete(client);
      if (windows.size >= MAX_CLIENTS) {
        const oldest = windows.keys().next().value;
        if (oldest !== undefined) windows.delete(oldest);
      }
      w = { start: now, requests: 0, failures: 0 };
      windows.set(client, w);
    }
    return w;
  };
  return {
    /** Seconds until the client may try again; 0 when it may now (and the request is counted). */
    admit(client: string): number {
      const w = current(client);
      w.requests++;
      if (w.failures >= MAX_FAILURES || w.requests > MAX_REQUESTS) {
        return Math.max(1, Math.ceil((w.start + WINDOW_MS - nowMs()) / 1000));
      }
      return 0;
    },
    refused(client: string): void {
      current(client).failures++;
    },
  };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Reads the body up to `limit` bytes; null when it is longer (the rest is not read). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      return resolve(null);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function metricsApiHandler(token: string | null, ctx: AppContext, log: Log) {
  const limiter = clientLimiter();
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (!token) {
      json(res, 404, { error: 'not_found' });
      req.resume();
      return;
    }
    const client = req.socket.remoteAddress ?? 'unknown';
    const wait = limiter.admit(client);
    if (wait > 0) {
      json(res, 429, { error: 'too_many_requests' }, { 'retry-after': String(wait) });
      req.resume();
      return;
    }
    if (!bearerMatches(req.headers.authorization, token)) {
      limiter.refused(client);
      json(res, 401, { error: 'unauthorized' }, { 'www-authenticate': 'Bearer' });
      req.resume();
      return;
    }
    readBody(req, MAX_BODY_BYTES)
      .then(async (raw) => {
        if (raw === null) {
          log.warn({ status: 413 }, 'metric values refused: body too large');
          return json(res, 413, { error: 'too_large', limit: MAX_BODY_BYTES });
        }
        let body: unknown;
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          return json(res, 400, {
            error: 'invalid_json',
            problems: [{ item: 0, problem: 'the body is not JSON' }],
          });
        }
        // A write like a command's: it shares the commit of its turn (group commit), and "stored" is said only
        // once that commit is done; a commit that fails is a 500 (below), with nothing stored.
        const outcome = ctx.handle.write((db) => feedMetrics(db, body, 'api', ctx.clock.now(), ctx.timeZone));
        if (!outcome.ok) {
          log.info({ status: 400, problems: outcome.problems.length }, 'metric values refused');
          return json(res, 400, { error: 'invalid', problems: outcome.problems });
        }
        const commit = ctx.handle.pendingCommit();
        if (commit) await commit;
        ctx.afterCommit();
        log.info({ status: 200, stored: outcome.stored }, 'metric values stored');
        json(res, 200, { stored: outcome.stored });
      })
      .catch((error: unknown) => {
        log.error({ err: (error as Error)?.message }, 'metric values: request failed');
        json(res, 500, { error: 'internal' });
      });
  };
}
