/**
 * The same check as the HTTP guard, for Socket Mode. `@slack/socket-mode` reads `payload.event.type` of
 * every `events_api` envelope before anyone else sees it, so a `null` payload or event throws inside the
 * client as an unhandled rejection. Each envelope is therefore inspected as it arrives on the socket; one
 * that is malformed or for another workspace is acknowledged (so Slack does not redeliver it) and dropped.
 */
import { performance } from 'node:perf_hooks';
import type { SocketModeReceiver } from '@slack/bolt';
import type { Log } from '../../log/logger.js';
import { newRequestId, receiveRequest } from '../../log/request.js';
import type { Metrics, RequestKind } from '../../metrics/metrics.js';
import { type Installation, inspectBody, kindOf } from './inspect.js';

/** Envelope types that carry a request for the app (others: hello, disconnect… pass untouched). */
const REQUEST_ENVELOPES = new Set(['events_api', 'interactive', 'slash_commands']);

/** Envelopes awaiting their ack, at most: far above what arrives within Slack's 3 s. */
const MAX_WAITING = 10_000;

type Send = (envelopeId: string, body?: unknown) => Promise<void>;
type Listener = (data: unknown, isBinary: boolean) => void;

function envelopeOf(data: unknown): { envelope_id?: unknown; type?: unknown; payload?: unknown } | null {
  if (typeof data !== 'string' && !(data instanceof ArrayBuffer)) return null;
  try {
    const text = typeof data === 'string' ? data : new TextDecoder().decode(data);
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? parsed : null;
  } catch {
    return null;
  }
}

/** A serialized JSON body as the object it was; any other text as it is. */
function parsedOrText(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

export function guardSocketReceiver(
  receiver: SocketModeReceiver,
  options: { installation: Installation; log: Log; metrics: Pick<Metrics, 'ackSeconds' | 'requestsRefused'> },
): void {
  const { log, metrics } = options;
  const client = receiver.client;
  // The client's ack is private in its types; checked here so an upgrade that renames it fails at start.
  const send = Reflect.get(client, 'send') as Send | undefined;
  const inner = client.listeners('ws_message') as Listener[];
  if (typeof send !== 'function' || inner.length === 0) {
    throw new Error('@slack/socket-mode changed: cannot guard incoming envelopes (see src/slack/receiver)');
  }
  // Envelopes dispatched and not yet acknowledged: the ack is a send() naming the envelope.
  const waiting = new Map<string, { arrived: number; kind: RequestKind }>();
  Reflect.set(client, 'send', (envelopeId: string, body?: unknown) => {
    const pending = waiting.get(envelopeId);
    if (pending) {
      waiting.delete(envelopeId);
      metrics.ackSeconds.observe({ kind: pending.kind }, (performance.now() - pending.arrived) / 1000);
    }
    // A command's answer may come serialized (respond/guard.ts ackBody): the envelope carries it as an object.
    return send.call(client, envelopeId, typeof body === 'string' ? parsedOrText(body) : body);
  });
  client.removeAllListeners('ws_message');
  client.on('ws_message', (data: unknown, isBinary: boolean) => {
    const arrived = performance.now();
    const id = newRequestId();
    const envelope = isBinary ? null : envelopeOf(data);
    if (envelope && typeof envelope.type === 'string' && REQUEST_ENVELOPES.has(envelope.type)) {
      const inspection = inspectBody(envelope.payload, options.installation);
      if (inspection.kind !== 'ok') {
        const why = inspection.kind === 'malformed' ? inspection.problem : inspection.reason;
        metrics.requestsRefused.inc({ status: inspection.kind === 'malformed' ? '400' : '200' });
        log.warn({ reqId: id, outcome: inspection.kind, why }, 'socket envelope not dispatched');
        if (typeof envelope.envelope_id === 'string') {
          send.call(client, envelope.envelope_id).catch((error: unknown) => {
            log.warn({ reqId: id, err: error }, 'could not acknowledge a dropped envelope');
          });
        }
        return;
      }
      if (typeof envelope.envelope_id === 'string') {
        // An envelope never acked (its handler threw before ack) must not grow the map forever.
        if (waiting.size >= MAX_WAITING) waiting.clear();
        waiting.set(envelope.envelope_id, { arrived, kind: kindOf(envelope.payload) });
      }
    }
    receiveRequest(id, () => {
      for (const listener of inner) listener.call(client, data, isBinary);
    });
  });
}
