/**
 * Slack's Socket Mode, seen from Slack's side: the app calls `apps.connections.open` with its app-level
 * token, opens the returned WebSocket URL, gets `hello`, and from then on receives envelopes
 * (`slash_commands`, `interactive`, `events_api`) that it must acknowledge with `{ envelope_id, payload? }`.
 * A minimal RFC 6455 server (text frames, ping/pong, close) on node:http's `upgrade` — no dependency.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const OP = { text: 0x1, close: 0x8, ping: 0x9, pong: 0xa } as const;

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

interface Waiting {
  resolve: (payload: unknown) => void;
  reject: (error: Error) => void;
}

function frame(opcode: number, data: Buffer): Buffer {
  const len = data.length;
  const head =
    len < 126
      ? Buffer.from([0x80 | opcode, len])
      : len < 65536
        ? Buffer.from([0x80 | opcode, 126, len >> 8, len & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(len)]);
  return Buffer.concat([head, data]);
}

function bigLength(len: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(len));
  return b;
}

/** One connected app. Frames from a client are always masked (RFC 6455 §5.3). */
class Connection {
  private buffer = Buffer.alloc(0);
  private readonly waiting = new Map<string, Waiting>();
  private readonly pinger: NodeJS.Timeout;
  open = true;

  constructor(
    private readonly socket: Duplex,
    onClose: () => void,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    const closed = () => {
      if (!this.open) return;
      this.open = false;
      clearInterval(this.pinger);
      for (const w of this.waiting.values()) w.reject(new Error('socket mode connection closed'));
      this.waiting.clear();
      onClose();
    };
    socket.on('close', closed);
    socket.on('error', closed);
    // Slack pings the app; the client reconnects when pings stop.
    this.pinger = setInterval(() => this.write(OP.ping, Buffer.alloc(0)), 5_000);
    this.pinger.unref();
    this.sendJson({ type: 'hello', num_connections: 1, debug_info: { host: 'emulator' } });
  }

  sendJson(value: unknown): void {
    this.write(OP.text, Buffer.from(JSON.stringify(value)));
  }

  /** Sends an envelope and resolves with the payload of the app's acknowledgement. */
  deliver(type: EnvelopeType, payload: unknown, timeoutMs: number): Promise<unknown> {
    const envelopeId = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(envelopeId);
        reject(new Error(`no socket mode ack within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(envelopeId, {
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.sendJson({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
        retry_attempt: 0,
        retry_reason: '',
      });
    });
  }

  close(): void {
    if (!this.open) return;
    this.write(OP.close, Buffer.alloc(0));
    this.socket.end();
  }

  private write(opcode: number, data: Buffer): void {
    if (this.open && !this.socket.destroyed) this.socket.write(frame(opcode, data));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const parsed = this.nextFrame();
      if (!parsed) return;
      const { opcode, data } = parsed;
      if (opcode === OP.text) this.onText(data.toString('utf8'));
      else if (opcode === OP.ping) this.write(OP.pong, data);
      else if (opcode === OP.close) this.close();
    }
  }

  private nextFrame(): { opcode: number; data: Buffer } | null {
    const b = this.buffer;
    if (b.length < 2) return null;
    const opcode = (b[0] ?? 0) & 0x0f;
    const masked = ((b[1] ?? 0) & 0x80) !== 0;
    let len = (b[1] ?? 0) & 0x7f;
    let offset = 2;
    if (len === 126) {
      if (b.length < 4) return null;
      len = b.readUInt16BE(2);
      offset = 4;
    } else if (len === 127) {
      if (b.length < 10) return null;
      len = Number(b.readBigUInt64BE(2));
      offset = 10;
    }
    const maskLen = masked ? 4 : 0;
    if (b.length < offset + maskLen + len) return null;
    const mask = b.subarray(offset, offset + maskLen);
    const data = Buffer.from(b.subarray(offset + maskLen, offset + maskLen + len));
    if (masked) for (let i = 0; i < data.length; i++) data[i] = (data[i] ?? 0) ^ (mask[i % 4] ?? 0);
    this.buffer = b.subarray(offset + maskLen + len);
    return { opcode, data };
  }

  private onText(text: string): void {
    let message: { envelope_id?: string; payload?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    if (!message.envelope_id) return;
    const waiting = this.waiting.get(message.envelope_id);
    this.waiting.delete(message.envelope_id);
    waiting?.resolve(message.payload ?? '');
  }
}

/** Accepts Socket Mode connections on `path`; the newest connection receives deliveries. */
export class SocketModeServer {
  private connection: Connection | undefined;
  private readonly tickets = new Set<string>();

  constructor(readonly path: string) {}

  get connected(): boolean {
    return this.connection?.open === true;
  }

  /** A single-use URL, as `apps.connections.open` hands out. */
  issueUrl(baseHttpUrl: string): string {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return `${baseHttpUrl.replace(/^http/, 'ws')}${this.path}?ticket=${ticket}`;
  }

  /** The http server's `upgrade` listener. */
  handleUpgrade(req: IncomingMessage, socket: Duplex): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const ticket = url.searchParams.get('ticket') ?? '';
    const key = req.headers['sec-websocket-key'];
    if (url.pathname !== this.path || !this.tickets.delete(ticket) || typeof key !== 'string') {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    const accept = createHash('sha1')
      .update(key + GUID)
      .digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    this.connection?.close();
    const connection = new Connection(socket, () => {
      if (this.connection === connection) this.connection = undefined;
    });
    this.connection = connection;
  }

  deliver(type: EnvelopeType, payload: unknown, timeoutMs: number): Promise<unknown> {
    if (!this.connection?.open) return Promise.reject(new Error('no socket mode connection'));
    return this.connection.deliver(type, payload, timeoutMs);
  }

  close(): void {
    this.connection?.close();
    this.connection = undefined;
  }
}
