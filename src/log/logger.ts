/**
 * The one structured logger (pino): JSON lines by default, `LOG_FORMAT=pretty` for people. Bolt, the Web
 * API client and the Socket Mode client log through `libraryLogger`, so their lines come out the same way.
 *
 * Nothing secret or personal is logged: credentials are redacted by key, and request bodies, message texts
 * and modal values are never passed in. Libraries log whole bodies at debug (Bolt's ack bodies, web-api's
 * request bodies, socket-mode's envelopes), so their debug lines are dropped; their info and up pass.
 */
import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import { LogLevel, type Logger as SlackLogger } from '@slack/logger';
import pino from 'pino';
import type PinoPretty from 'pino-pretty';
import { currentRequest } from './request.js';

/** pino-pretty only for `LOG_FORMAT=pretty`: required when asked for, so a JSON log never loads it. */
const pretty = (options: PinoPretty.PrettyOptions) =>
  (createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty)(options);

export type LogLevelName = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'json' | 'pretty';

/** What the code logs through: pino's call shape, `log.warn({ method, error }, 'slack call failed')`. */
export type Log = pino.Logger;

export interface LogOptions {
  level: LogLevelName;
  format?: LogFormat;
  /** stdout (1) for the bot, stderr (2) for the CLI, or any stream (tests capture everything). */
  destination?: 1 | 2 | Writable;
  name?: string;
}

/** Keys whose values never reach a log line, at the top level and one level down. */
const SECRET_KEYS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'apiToken',
  'metricsToken',
  'authorization',
  'Authorization',
  'password',
  'secret',
  // Bodies and what people typed.
  'body',
  'text',
  'blocks',
  'view',
  'values',
  'value',
  'payload',
];
const REDACT_PATHS = [...SECRET_KEYS, ...SECRET_KEYS.map((k) => `*.${k}`), 'headers.authorization'];

/** Errors are logged by type, code and message; their other fields (a response's data…) are left out. */
function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    stack: error.stack,
  };
}

export function createLog(options: LogOptions): Log {
  const destination = options.destination ?? 1;
  const stream =
    options.format === 'pretty'
      ? pretty({
          destination,
          sync: true,
          colorize: false,
          translateTime: 'SYS:HH:MM:ss.l',
          ignore: 'pid,hostname,name',
        })
      : typeof destination === 'number'
        ? pino.destination({ dest: destination, sync: true })
        : destination;
  return pino(
    {
      name: options.name ?? 'cx-bridge',
      level: options.level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: serializeError },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      mixin: () => {
        const request = currentRequest();
        return request ? { reqId: request.id } : {};
      },
    },
    stream,
  );
}

/** A logger that writes nothing (benches, unit tests). */
export function silentLog(): Log {
  return pino({ level: 'silent' });
}

const LEVELS: Record<string, LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

const STRUCTURED = Symbol('cx.structuredLog');

/** One library argument as text: strings and numbers as they are, an error by its message, objects never. */
function part(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Error) return value.message;
  return '[object]';
}

/**
 * `@slack/logger`'s interface over `log`, for Bolt, the Web API client and Socket Mode. Their debug lines
 * are dropped (they carry request and response bodies); `setLevel` is ignored: LOG_LEVEL decides.
 */
export function libraryLogger(log: Log): SlackLogger {
  const lib = log.child({ src: 'slack-sdk' });
  const adapter: SlackLogger & { [STRUCTURED]: Log } = {
    [STRUCTURED]: log,
    debug: () => undefined,
    info: (...msg: unknown[]) => lib.info(msg.map(part).join(' ')),
    warn: (...msg: unknown[]) => lib.warn(msg.map(part).join(' ')),
    error: (...msg: unknown[]) => lib.error(msg.map(part).join(' ')),
    setLevel: () => undefined,
    getLevel: () => LEVELS[log.level] ?? LogLevel.ERROR,
    setName: () => undefined,
  };
  return adapter;
}

/**
 * The structured log behind a library logger Bolt hands a listener (`args.logger`); for a foreign logger
 * (a test's own), a pino logger that writes nothing.
 */
export function structuredOf(logger: SlackLogger): Log {
  const own = (logger as { [STRUCTURED]?: Log })[STRUCTURED];
  if (own) return own;
  silent ??= silentLog();
  return silent;
}

let silent: Log | undefined;
