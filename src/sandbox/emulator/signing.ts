import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack's request signature: `v0=` + hex HMAC-SHA256(signing secret, `v0:{timestamp}:{raw body}`). */
export function signRequest(signingSecret: string, timestamp: number | string, rawBody: string): string {
  const hmac = createHmac('sha256', signingSecret);
  hmac.update(`v0:${timestamp}:${rawBody}`);
  return `v0=${hmac.digest('hex')}`;
}

/** Checks a signature the way a receiver should (constant time; timestamps older than 5 minutes fail). */
export function verifySignature(
  signingSecret: string,
  timestamp: number | string,
  rawBody: string,
  signature: string,
  nowSec: number = Math.floor(Date.now() / 1000),
): boolean {
  const ts = Number(timestamp);
  if (!Number.isFinite(ts) || Math.abs(nowSec - ts) > 300) return false;
  const expected = Buffer.from(signRequest(signingSecret, ts, rawBody));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
