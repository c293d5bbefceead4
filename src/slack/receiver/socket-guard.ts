/**
 * The same check as the HTTP guard, for Socket Mode. `@slack/socket-mode` reads `payload.event.type` of
 * every `events_api` envelope before anyone else sees it, so a `null` payload or event throws inside the
 * client as an unhandled rejection. Each envelope is therefore inspected as it arrives on the socket; one
 * that is malformed or for another workspace is acknowledged (so Slack does not redeliver it) and dropped.
 */
import type { SocketModeReceiver } from '@slack/bolt';
import type { Logger } from '@slack/logger';
import { type Installation, inspectBody } from './inspect.js';

/** Envelope types that carry a request for the app (others: hello, disconnect… pass untouched). */
const REQUEST_ENVELOPES = new Set(['events_api', 'interactive', 'slash_commands']);

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

export function guardSocketReceiver(
  receiver: SocketModeReceiver,
  options: { installation: Installation; logger: Logger },
): void {
  const client = receiver.client;
  // The client's ack is private in its types; checked here so an upgrade that renames it fails at start.
  const send = Reflect.get(client, 'send') as Send | undefined;
  const inner = client.listeners('ws_message') as Listener[];
  if (typeof send !== 'function' || inner.length === 0) {
    throw new Error('@slack/socket-mode changed: cannot guard incoming envelopes (see src/slack/receiver)');
  }
  client.removeAllListeners('ws_message');
  client.on('ws_message', (data: unknown, isBinary: boolean) => {
    const envelope = isBinary ? null : envelopeOf(data);
    if (envelope && typeof envelope.type === 'string' && REQUEST_ENVELOPES.has(envelope.type)) {
      const inspection = inspectBody(envelope.payload, options.installation);
      if (inspection.kind !== 'ok') {
        const why = inspection.kind === 'malformed' ? inspection.problem : inspection.reason;
        options.logger.warn(`socket envelope not dispatched (${inspection.kind}): ${why}`);
        if (typeof envelope.envelope_id === 'string') {
          send.call(client, envelope.envelope_id).catch((error: unknown) => {
            options.logger.warn(`could not acknowledge a dropped envelope: ${(error as Error).message}`);
          });
        }
        return;
      }
    }
    for (const listener of inner) listener.call(client, data, isBinary);
  });
}
