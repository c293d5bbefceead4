/**
 * `GET /metrics`: the Prometheus text exposition, for a bearer of CX_METRICS_TOKEN. Without a token
 * configured the endpoint does not exist (404); a wrong or missing token gets 401. The token is compared
 * in constant time: both sides are hashed to equal-length digests first, so neither the content nor the
 * length of the configured token leaks through timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from './metrics.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** True when the Authorization header is `Bearer <token>`. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer (.+)$/.exec(header ?? '');
  const offered = match?.[1] ?? '';
  // Compared even when the header is missing, so a missing and a wrong token take the same time.
  const same = timingSafeEqual(digest(offered), digest(token));
  return match !== null && same;
}

export function metricsHandler(token: string | null, metrics: Metrics) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (!token) {
      res.writeHead(404).end();
      return;
    }
    if (!bearerMatches(req.headers.authorization, token)) {
      res.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
      return;
    }
    metrics.registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(text);
      },
      () => {
        res.writeHead(500).end();
      },
    );
  };
}
