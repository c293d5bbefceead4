import fs from 'node:fs';
import { z } from 'zod';
import { BINDING_KEYS, type BindingKey } from './domain/types.js';

/** The only reader of process.env. Everything the bot needs from its environment, validated once. */
export interface Config {
  mode: 'http' | 'socket';
  botToken: string;
  signingSecret: string | null;
  appToken: string | null;
  slackApiUrl: string;
  port: number;
  databasePath: string;
  timeZone: string;
  admins: string[];
  channels: Partial<Record<BindingKey, string>>;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** `json` (default): one JSON object per line; `pretty`: the same for people. */
  logFormat?: 'json' | 'pretty';
  /** Bearer token for GET /metrics; null or absent: the endpoint answers 404. */
  metricsToken?: string | null;
  /** CX_LANGUAGE: the language of posts in shared channels and of anyone without their own (default `en`). */
  language?: 'en' | 'de';
  /** Bearer token for POST /api/metrics (values from other systems); null or absent: 404. */
  apiToken?: string | null;
}

export type ConfigResult =
  | { ok: true; config: Config }
  | { ok: false; problems: string[]; missingCredentials: string[] };

const USER_ID = /^[UW][A-Z0-9]{2,}$/;
const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const schema = z.object({
  SLACK_BOT_TOKEN: optional(
    z
      .string()
      .regex(/^xoxb-[A-Za-z0-9-]+$/, 'must be a bot token starting with xoxb- (OAuth & Permissions page)'),
  ),
  SLACK_SIGNING_SECRET: optional(
    z
      .string()
      .regex(/^[A-Za-z0-9]{8,}$/, 'must be the signing secret from Basic Information (letters and digits)'),
  ),
  SLACK_APP_TOKEN: optional(
    z
      .string()
      .regex(/^xapp-[A-Za-z0-9-]+$/, 'must be an app-level token starting with xapp- (Basic Information)'),
  ),
  SLACK_API_URL: optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })),
  PORT: optional(z.string().regex(/^\d{1,5}$/, 'must be a port number from 0 to 65535')).refine(
    (v) => v === undefined || Number(v) <= 65535,
    'must be a port number from 0 to 65535',
  ),
  DATABASE_PATH: optional(z.string()),
  CX_TIMEZONE: optional(z.string()).refine(
    (v) => v === undefined || isTimeZone(v),
    'must be an IANA time zone such as Europe/Berlin or America/New_York',
  ),
  CX_ADMINS: optional(z.string()),
  CX_CHANNELS: optional(z.string()),
  LOG_LEVEL: optional(z.string()).refine(
    (v) => v === undefined || ['debug', 'info', 'warn', 'error'].includes(v),
    'must be one of debug, info, warn, error',
  ),
  LOG_FORMAT: optional(z.enum(['json', 'pretty'], { error: 'must be json or pretty' })),
  CX_LANGUAGE: optional(
    z.enum(['en', 'de'], { error: 'must be en (English) or de (German), the language of channel posts' }),
  ),
  CX_METRICS_TOKEN: optional(
    z
      .string()
      .regex(
        /^[\x21-\x7e]{16,}$/,
        'must be at least 16 characters without spaces (e.g. the output of `openssl rand -hex 32`)',
      ),
  ),
  CX_API_TOKEN: optional(
    z
      .string()
      .regex(
        /^[\x21-\x7e]{16,}$/,
        'must be at least 16 characters without spaces (e.g. the output of `openssl rand -hex 32`)',
      ),
  ),
});

function parseAdmins(raw: string | undefined, problems: string[]): string[] {
  if (!raw) return [];
  const ids = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const id of ids) {
    if (!USER_ID.test(id)) problems.push(`CX_ADMINS: '${id}' is not a Slack user id (like U0123ABCD)`);
  }
  return ids;
}

function parseChannels(raw: string | undefined, problems: string[]): Partial<Record<BindingKey, string>> {
  const channels: Partial<Record<BindingKey, string>> = {};
  if (!raw) return channels;
  for (const pair of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [rawKey, rawId, ...rest] = pair.split('=').map((s) => s.trim());
    const key = (rawKey ?? '').toLowerCase() as BindingKey;
    if (!BINDING_KEYS.includes(key)) {
      problems.push(`CX_CHANNELS: unknown department '${rawKey}' (use ${BINDING_KEYS.join(', ')})`);
      continue;
    }
    if (!rawId || rest.length > 0 || !CHANNEL_ID.test(rawId)) {
      problems.push(`CX_CHANNELS: '${pair}' must look like ${key}=C0123ABCD`);
      continue;
    }
    if (channels[key]) problems.push(`CX_CHANNELS: '${key}' is bound twice`);
    channels[key] = rawId;
  }
  return channels;
}

/** Validates the environment; never throws and never echoes a secret's value. */
export function loadConfig(env: NodeJS.ProcessEnv): ConfigResult {
  const parsed = schema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}`);
  }
  // Lists are checked even when other variables failed, so one start-up shows every problem at once.
  const admins = parseAdmins(env.CX_ADMINS?.trim() || undefined, problems);
  const channels = parseChannels(env.CX_CHANNELS?.trim() || undefined, problems);
  if (!parsed.success) return { ok: false, problems, missingCredentials: [] };
  const e = parsed.data;
  const missingCredentials: string[] = [];
  if (!e.SLACK_BOT_TOKEN) missingCredentials.push('SLACK_BOT_TOKEN');
  if (!e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) missingCredentials.push('SLACK_SIGNING_SECRET');
  if (problems.length > 0 || missingCredentials.length > 0 || !e.SLACK_BOT_TOKEN) {
    return { ok: false, problems, missingCredentials };
  }
  const apiUrl = e.SLACK_API_URL ?? 'https://slack.com/api/';
  return {
    ok: true,
    config: {
      mode: e.SLACK_APP_TOKEN ? 'socket' : 'http',
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET ?? null,
      appToken: e.SLACK_APP_TOKEN ?? null,
      slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`,
      port: e.PORT === undefined ? 3000 : Number(e.PORT),
      databasePath: e.DATABASE_PATH ?? './data/cx-bridge.sqlite',
      timeZone: e.CX_TIMEZONE ?? 'UTC',
      admins,
      channels,
      logLevel: (e.LOG_LEVEL as Config['logLevel'] | undefined) ?? 'info',
      logFormat: e.LOG_FORMAT ?? 'json',
      metricsToken: e.CX_METRICS_TOKEN ?? null,
      language: e.CX_LANGUAGE ?? 'en',
      apiToken: e.CX_API_TOKEN ?? null,
    },
  };
}

/** `.env` in the working folder supplies variables that are not already set. */
export function loadDotEnv(file = '.env'): void {
  if (fs.existsSync(file)) process.loadEnvFile(file);
}
