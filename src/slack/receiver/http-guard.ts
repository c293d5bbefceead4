/**
 * The check in front of Bolt's HTTP receiver. Bolt verifies signatures but only rejects timestamps that are
 * too old, and reads `body.ssl_check` of whatever the body parses to: a signed `null` throws there as an
 * unhandled rejection and takes the process down. So each POST to the events endpoint is buffered,
 * verified (signature, and a timestamp within 5 minutes in either direction), parsed and inspected here;
 * only a body that passes reaches Bolt — which then reuses the buffered body (a request that carries a
 * `rawBody` buffer is not read again). This is the only signature check: Bolt's own is switched off
 * (`signatureVerification: false` in slack/app.ts), so every POST to the endpoint must pass through here.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { HTTPModuleFunctions, type HTTPReceiver } from '@slack/bolt';
import type { Log } from '../../log/logger.js';
import { newRequestId, receiveRequest } from '../../log/request.js';
import type { Metrics, RequestKind } from '../../metrics/metrics.js';
import { type Installation, inspectBody, kindOf } from './inspect.js';

/** Slack's replay window: a signed request more than this far from now, either way, is refused. */
export const MAX_CLOCK_SKEW_S = 5 * 60;

export interface HttpGuardOptions {
  signingSecret: string;
  installation: Installation;
  log: Log;
  /** Ack latency by kind, and the requests refused here. */
  metrics: Pick<Metrics, 'ackSeconds' | 'requestsRefused'>;
  endpoint?: string;
  /**
   * Real time, deliberately not the app's injected clock: freshness of a request is about transport time
   * (Slack signs with its real clock), while the app clock may be moved by the sandbox's time travel.
   */
  nowMs?: () => number;
}

/** The id the guard gave each request it passed on, for Bolt's context (requestIdOf). */
const ids = new WeakMap<IncomingMessage, string>();

/** The guard's id of a request it passed to Bolt (the receiver's customPropertiesExtractor puts it in `context.reqId`). */
export function requestIdOf(req: IncomingMessage): string {
  return ids.get(req) ?? newRequestId();
}

type Verdict = { pass: true; kind: RequestKind } | { pass: false; status: number; why: string };

const FORM = 'application/x-www-form-urlencoded';

/**
 * Slack's v0 signature: HMAC-SHA256 of `v0:<timestamp>:<body>`, compared in constant time. Bolt's
 * verifySlackRequest compares through `tsscmp`, which draws random bytes and computes two more HMACs per
 * request (a third of this check's time in issue 13's profile); Node's timingSafeEqual is the same
 * guarantee without them.
 */
export function signatureMatches(
  secret: string,
  timestamp: number,
  body: string,
  signature: string,
): boolean {
  if (!signature.startsWith('v0=') || signature.length !== 3 + 64) return false;
  const expected = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest();
  const given = Buffer.from(signature.slice(3), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * `new URLSearchParams(form).has('ssl_check')` without decoding every value of every request (the command's
 * text, its response_url): only a key that could spell ssl_check — the name itself, or an escaped form of
 * it — is decoded.
 */
export function hasSslCheck(form: string): boolean {
  for (let start = 0; start <= form.length; ) {
    const amp = form.indexOf('&', start);
    const end = amp === -1 ? form.length : amp;
    const eq = form.indexOf('=', start);
    const keyEnd = eq === -1 || eq > end ? end : eq;
    const key = form.slice(start, keyEnd);
    if (key === 'ssl_check') return true;
    if ((key.includes('%') || key.includes('+')) && new URLSearchParams(key).has('ssl_check')) return true;
    start = end + 1;
  }
  return false;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

async function check(req: IncomingMessage, options: HttpGuardOptions): Promise<Verdict> {
  let buffered: Awaited<ReturnType<typeof HTTPModuleFunctions.bufferIncomingMessage>>;
  try {
    buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, HTTPModuleFunctions.defaultBodyLimit);
  } catch (error) {
    const tooLarge = HTTPModuleFunctions.isRawBodyError(error) && error.statusCode === 413;
    return { pass: false, status: tooLarge ? 413 : 400, why: 'unreadable body' };
  }
  const text = buffered.rawBody.toString();
  // Slack's ssl_check is unsigned by design, so it is answered here and never handed on: Bolt (whose own
  // signature check is off) reads a repeated `ssl_check` as a list, would not see a check, and would
  // dispatch whatever was smuggled alongside.
  if (header(req, 'content-type') === FORM && hasSslCheck(text)) {
    return { pass: false, status: 200, why: 'ssl_check' };
  }
  const signature = header(req, 'x-slack-signature');
  const timestamp = Number(header(req, 'x-slack-request-timestamp'));
  const nowMs = options.nowMs?.() ?? Date.now();
  if (signature === undefined || !Number.isInteger(timestamp)) {
    return { pass: false, status: 401, why: 'missing signature headers' };
  }
  if (Math.abs(nowMs / 1000 - timestamp) > MAX_CLOCK_SKEW_S) {
    return { pass: false, status: 401, why: 'timestamp outside the 5-minute window' };
  }
  if (!signatureMatches(options.signingSecret, timestamp, text, signature)) {
    return { pass: false, status: 401, why: 'bad signature' };
  }
  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
  } catch {
    return { pass: false, status: 400, why: 'body is not JSON' };
  }
  const inspection = inspectBody(body, options.installation);
  if (inspection.kind === 'malformed') return { pass: false, status: 400, why: inspection.problem };
  if (inspection.kind === 'ignored') return { pass: false, status: 200, why: inspection.reason };
  return { pass: true, kind: kindOf(body) };
}

function answer(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status);
  res.end();
}

/** Puts the check in front of `receiver` (its public `requestListener`); other routes pass untouched. */
export function guardHttpReceiver(receiver: HTTPReceiver, options: HttpGuardOptions): void {
  const endpoint = options.endpoint ?? '/slack/events';
  const inner = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'POST' || path !== endpoint) return inner(req, res);
    const arrived = performance.now();
    const id = newRequestId();
    const { log, metrics } = options;
    check(req, options)
      .then((verdict) => {
        if (verdict.pass) {
          // The ack is the answer to this request: its latency is until the response is written out.
          res.once('finish', () =>
            metrics.ackSeconds.observe({ kind: verdict.kind }, (performance.now() - arrived) / 1000),
          );
          // A command's answer is JSON, and may reach Bolt already serialized (respond/guard.ts ackBody):
          // Bolt writes a string body without a content type, so it is set here.
          if (verdict.kind === 'command') res.setHeader('content-type', 'application/json');
          ids.set(req, id);
          return receiveRequest(id, () => inner(req, res));
        }
        metrics.requestsRefused.inc({ status: String(verdict.status) });
        const fields = { reqId: id, status: verdict.status, why: verdict.why };
        if (verdict.status === 200) log.info(fields, 'request not dispatched');
        else log.warn(fields, 'request refused');
        answer(res, verdict.status);
      })
      .catch((error: unknown) => {
        log.error({ reqId: id, err: error }, 'request check failed');
        answer(res, 500);
      });
  };
}
