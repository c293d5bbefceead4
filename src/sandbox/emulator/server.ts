/**
 * A local Slack: the Web API the bot calls (`<url>/api/<method>`), response_urls, and signed deliveries
 * of commands, interactions and events to the bot's request URL. node:http only.
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Args, type Body, bool, str, TRIGGER_TTL_MS, WebApi } from './api.js';
import { validateBlocks, validateView } from './block-kit.js';
import {
  type DeliveryResult,
  elementState,
  elementsOf,
  escapeSlackText,
  type FillValue,
  fillView,
  formEncode,
  type NameLookup,
  postSigned,
  type RawDelivery,
  randomEventId,
} from './deliver.js';
import { EmulatedFiles } from './files.js';
import { isKnownMethod, JSON_ARGS, METHODS, type MethodName } from './methods.js';
import { RateLimiter, type RateLimitOptions } from './rate-limit.js';
import { SocketModeServer } from './socket-mode.js';
import {
  APP_ID,
  type ChannelInput,
  type EmuChange,
  type EmuChannel,
  type EmuEphemeral,
  type EmuMessage,
  type EmuUser,
  type ResponseUrl,
  type SlackView,
  TEAM_DOMAIN,
  TEAM_ID,
  type UserInput,
  WorkspaceState,
} from './state.js';

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  signingSecret: string;
  botToken: string;
  /** The bot's request URL, e.g. `http://127.0.0.1:3000/slack/events`; settable later with `setAppUrl`. */
  appUrl?: string;
  /** Enforce Slack's rate limits (off by default so ordinary tests run fast). */
  rateLimits?: boolean;
  /** Multiplies rate-limit windows: 0.01 makes a "minute" last 600 ms. */
  rateLimitScale?: number;
  /** Finer rate-limit settings (per-method overrides, chat.postMessage burst and caps). */
  rateLimitOptions?: Omit<RateLimitOptions, 'scale'>;
  /**
   * The instant (ms) rate-limit windows are measured on. Default real time; a test that asserts exact counts
   * pins it, because under load 20 calls can take longer than a scaled 600 ms "minute" to arrive.
   */
  rateLimitNow?: () => number;
  /** The app-level token (`xapp-…`) Socket Mode clients present to `apps.connections.open`. */
  appToken?: string;
  botUserId?: string;
  botId?: string;
  botName?: string;
  /** Seed a few people and channels (default true); see `DEFAULT_USERS` / `DEFAULT_CHANNELS`. */
  seed?: boolean;
  /** Deliver reaction events for the bot's own reactions.add/remove, as Slack does (default true). */
  deliverOwnReactions?: boolean;
  /** Clock for message timestamps (ms). Trigger expiry always uses real time. */
  now?: () => number;
  /** How long a trigger_id stays valid, real time (default 3000 ms, as Slack). Shorten it in tests. */
  triggerTtlMs?: number;
  /** How long a delivery may take before it is aborted (default 10 s). */
  deliveryTimeoutMs?: number;
}

export type Fault = { status: number; retryAfter?: number } | { error: string } | { delayMs: number };

export interface RecordedCall {
  method: string;
  /** Decoded arguments (JSON-valued args parsed, token removed). */
  args: Args;
  ok: boolean;
  error?: string;
  status: number;
  at: number;
  response: Body;
}

export interface RecordedDelivery {
  kind: string;
  /** The payload / envelope sent (parsed). */
  sent: unknown;
  status: number;
  response?: unknown;
  error?: string;
  at: number;
}

export interface OpenView {
  userId: string;
  view: SlackView;
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

export const DEFAULT_USERS: UserInput[] = [
  { id: 'UADMIN', name: 'ada', realName: 'Ada Admin', tz: 'Europe/London', isAdmin: true, isOwner: true },
  { id: 'UALICE', name: 'alice', realName: 'Alice Martin', tz: 'America/New_York' },
  { id: 'UBOB', name: 'bob', realName: 'Bob Chen', tz: 'Asia/Singapore' },
];

export const DEFAULT_CHANNELS: ChannelInput[] = [
  { id: 'CGENERAL', name: 'general', botIsMember: true },
  { id: 'CRANDOM', name: 'random', botIsMember: false },
];

const VERIFICATION_TOKEN = 'emulator-verification-token';
const RESPONSE_URL_MAX_POSTS = 5;
const RESPONSE_URL_TTL_MS = 30 * 60_000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Arguments from a query string / form body / JSON body; JSON-valued args decoded. */
function parseArgs(raw: string, contentType: string, query: URLSearchParams): Args | 'invalid_json' {
  const args: Args = {};
  for (const [k, v] of query) args[k] = v;
  if (contentType.includes('application/json')) {
    if (raw.trim() === '') return args;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (!isObj(parsed)) return 'invalid_json';
      Object.assign(args, parsed);
    } catch {
      return 'invalid_json';
    }
  } else {
    for (const [k, v] of new URLSearchParams(raw)) args[k] = v;
  }
  for (const key of JSON_ARGS) {
    const v = args[key];
    if (typeof v === 'string' && v !== '') {
      try {
        args[key] = JSON.parse(v);
      } catch {
        args[key] = { __unparseable: v };
      }
    }
  }
  return args;
}

export class SlackEmulator {
  readonly state: WorkspaceState;
  readonly calls: RecordedCall[] = [];
  readonly deliveries: RecordedDelivery[] = [];
  readonly botUserId: string;
  readonly botId: string;
  private appUrl: string | undefined;
  private readonly api: WebApi;
  /** The file upload flow (files.getUploadURLExternal, the bytes, files.completeUploadExternal). */
  readonly files: EmulatedFiles;
  private readonly limiter: RateLimiter;
  private readonly faults = new Map<string, Fault[]>();
  private readonly latency = new Map<string, number>();
  private readonly routes = new Map<string, RouteHandler>();
  private readonly pending = new Set<Promise<unknown>>();
  private server: Server | undefined;
  /** Socket Mode: when an app is connected, deliveries go over its WebSocket instead of HTTP. */
  readonly socketMode = new SocketModeServer('/socket-mode');
  private baseUrl = '';
  rateLimitsEnabled: boolean;
  deliverOwnReactions: boolean;

  constructor(readonly opts: EmulatorOptions) {
    this.botUserId = opts.botUserId ?? 'UBOT';
    this.botId = opts.botId ?? 'BBOT';
    this.appUrl = opts.appUrl;
    this.rateLimitsEnabled = opts.rateLimits ?? false;
    this.deliverOwnReactions = opts.deliverOwnReactions ?? true;
    const now = opts.now ?? Date.now;
    this.state = new WorkspaceState({
      botUserId: this.botUserId,
      botId: this.botId,
      botName: opts.botName ?? 'cxbridge',
      now,
    });
    this.limiter = new RateLimiter({ ...opts.rateLimitOptions, scale: opts.rateLimitScale ?? 1 });
    this.api = new WebApi(this.state, {
      botUserId: this.botUserId,
      botId: this.botId,
      botName: opts.botName ?? 'cxbridge',
      baseUrl: () => this.baseUrl,
      realNow: () => Date.now(),
      triggerTtlMs: opts.triggerTtlMs ?? TRIGGER_TTL_MS,
      onReaction: (type, msg, name, userId) => {
        if (this.deliverOwnReactions && this.appUrl) {
          this.background(this.deliverReaction(type, msg, name, userId));
        }
      },
    });
    this.files = new EmulatedFiles(
      () => this.baseUrl,
      (ref) => {
        const c = this.state.resolveChannel(ref, { userToDm: false });
        return c && (!c.isPrivate || c.members.has(this.botUserId)) ? c.id : null;
      },
    );
    this.seed();
  }

  // ---------- lifecycle ----------

  get url(): string {
    return this.baseUrl;
  }

  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  async listen(): Promise<void> {
    const server = createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ ok: false, error: 'internal_error', detail: String(err) }));
        }
      });
    });
    this.server = server;
    server.on('upgrade', (req, socket) => this.socketMode.handleUpgrade(req, socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.opts.port ?? 0, this.opts.host ?? '127.0.0.1', () => resolve());
    });
    const addr = server.address() as AddressInfo;
    const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    this.baseUrl = `http://${host}:${addr.port}`;
  }

  async stop(): Promise<void> {
    await this.settle();
    this.socketMode.close();
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  setAppUrl(url: string | undefined): void {
    this.appUrl = url;
  }

  /** Waits until background deliveries (reaction events for the bot's own reactions) have finished. */
  async settle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  private background(p: Promise<unknown>): void {
    const tracked = p.catch(() => undefined).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  onChange(listener: (change: EmuChange) => void): () => void {
    return this.state.onChange(listener);
  }

  /** Extra HTTP routes (e.g. a sandbox web page): `addRoute('GET', '/sandbox', handler)`. */
  addRoute(method: string, path: string, handler: RouteHandler): void {
    this.routes.set(`${method.toUpperCase()} ${path}`, handler);
  }

  /** Forgets everything recorded and returns the workspace to its seeded state. */
  reset(): void {
    this.state.clear();
    this.calls.length = 0;
    this.deliveries.length = 0;
    this.faults.clear();
    this.latency.clear();
    this.limiter.reset();
    this.seed();
    this.state.emit({ kind: 'reset' });
  }

  private seed(): void {
    this.state.addUser({ id: this.botUserId, name: this.opts.botName ?? 'cxbridge', isBot: true });
    if (this.opts.seed ?? true) {
      for (const u of DEFAULT_USERS) this.state.addUser(u);
      for (const c of DEFAULT_CHANNELS) this.state.addChannel(c);
    }
  }

  // ---------- workspace ----------

  addUser(input: UserInput): EmuUser {
    return this.state.addUser(input);
  }

  /**
   * An admin deactivates an account (someone left): users.info says `deleted`, conversations.open answers
   * `user_disabled`, and chat.postMessage to the person `channel_not_found`, as Slack does.
   */
  deactivateUser(id: string): void {
    const u = this.state.users.get(id);
    if (!u) throw new Error(`emulator: no user ${id}`);
    u.deleted = true;
    this.state.emit({ kind: 'workspace' });
  }

  removeUser(id: string): void {
    this.state.users.delete(id);
    this.state.emit({ kind: 'workspace' });
  }

  addChannel(input: ChannelInput): EmuChannel {
    return this.state.addChannel(input);
  }

  /** Adds a member (the bot by default) to a channel. */
  joinChannel(channelId: string, userId: string = this.botUserId): void {
    const c = this.mustChannel(channelId);
    c.members.add(userId);
    this.state.emit({ kind: 'workspace' });
  }

  leaveChannel(channelId: string, userId: string = this.botUserId): void {
    this.mustChannel(channelId).members.delete(userId);
    this.state.emit({ kind: 'workspace' });
  }

  removeChannel(channelId: string): void {
    this.state.channels.delete(channelId);
    this.state.messageLog.delete(channelId);
    this.state.emit({ kind: 'workspace' });
  }

  archiveChannel(channelId: string): void {
    this.mustChannel(channelId).isArchived = true;
    this.state.emit({ kind: 'workspace' });
  }

  private mustChannel(id: string): EmuChannel {
    const c = this.state.channels.get(id);
    if (!c) throw new Error(`emulator: no channel ${id}`);
    return c;
  }

  private mustUser(id: string): EmuUser {
    const u = this.state.users.get(id);
    if (!u) throw new Error(`emulator: no user ${id}`);
    return u;
  }

  // ---------- recorded state ----------

  /** Messages in a channel (top-level and replies), oldest first. */
  messages(channelId: string): EmuMessage[] {
    return [...(this.state.messageLog.get(channelId) ?? [])];
  }

  message(channelId: string, ts: string): EmuMessage | undefined {
    return this.state.findMessage(channelId, ts);
  }

  dmChannelOf(userId: string): string | undefined {
    return this.state.dmOf(userId)?.id;
  }

  /** Messages in the bot's DM with a user (empty when there is no DM yet). */
  dms(userId: string): EmuMessage[] {
    const id = this.dmChannelOf(userId);
    return id ? this.messages(id) : [];
  }

  get ephemerals(): EmuEphemeral[] {
    return [...this.state.ephemerals];
  }

  /** Modal views currently open, per user, bottom of each stack first. */
  get openViews(): OpenView[] {
    const out: OpenView[] = [];
    for (const [userId, stack] of this.state.stacks) {
      for (const id of stack) {
        const rec = this.state.views.get(id);
        if (rec?.open) out.push({ userId, view: rec.view });
      }
    }
    return out;
  }

  view(viewId: string): SlackView | undefined {
    return this.state.views.get(viewId)?.view;
  }

  /** Every home view published for a user, oldest first (the last one is on screen). */
  homeViews(userId: string): SlackView[] {
    return [...(this.state.homeHistory.get(userId) ?? [])];
  }

  homeView(userId: string): SlackView | undefined {
    return this.state.homeHistory.get(userId)?.at(-1);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  // ---------- faults ----------

  /** The next calls to `method` fail or are slowed, one fault per call, in order. */
  failNext(method: string, ...faults: Fault[]): void {
    const q = this.faults.get(method) ?? [];
    q.push(...faults);
    this.faults.set(method, q);
  }

  /** Every call to `method` (or `'*'` for all) is answered `ms` later. */
  setLatency(method: string, ms: number): void {
    if (ms > 0) this.latency.set(method, ms);
    else this.latency.delete(method);
  }

  // ---------- HTTP ----------

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl || 'http://localhost');
    const method = req.method ?? 'GET';
    const extra = this.routes.get(`${method} ${url.pathname}`);
    if (extra) return extra(req, res, url);
    if (method === 'POST' && url.pathname.startsWith('/api/')) {
      return this.handleApi(req, res, url, decodeURIComponent(url.pathname.slice('/api/'.length)));
    }
    if (method === 'POST' && url.pathname.startsWith('/_upload/')) {
      return this.files.receive(req, res, url.pathname.slice('/_upload/'.length));
    }
    if (method === 'GET' && url.pathname.startsWith('/_files/')) {
      return this.files.serve(res, url.pathname.slice('/_files/'.length));
    }
    if (method === 'POST' && url.pathname.startsWith('/response/')) {
      return this.handleResponseUrl(req, res, url.pathname.slice('/response/'.length));
    }
    if (method === 'GET' && url.pathname === '/health') {
      return send(res, 200, { ok: true });
    }
    if (method === 'GET' && url.pathname === '/_emulator/changes') {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-cache',
        Connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      // `?quiet=1` (the sandbox page): no event per Web API call or delivery, which change nothing it shows.
      const quiet = url.searchParams.get('quiet') === '1';
      const off = this.onChange((c) => {
        if (quiet && (c.kind === 'call' || c.kind === 'delivery')) return;
        res.write(`data: ${JSON.stringify(c)}\n\n`);
      });
      req.on('close', off);
      return;
    }
    return send(res, 404, { ok: false, error: 'not_found' });
  }

  private async handleApi(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    method: string,
  ): Promise<void> {
    const raw = await readBody(req);
    const parsed = parseArgs(raw, req.headers['content-type'] ?? '', url.searchParams);
    const args: Args = parsed === 'invalid_json' ? {} : parsed;
    const headerToken = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = headerToken ?? str(args.token);
    const recordedArgs = { ...args };
    delete recordedArgs.token;

    let status = 200;
    let body: Body;
    let headers: Record<string, string> = {};
    let delay = (this.latency.get(method) ?? 0) + (this.latency.get('*') ?? 0);

    if (method === 'apps.connections.open') {
      // The one method that takes the app-level token instead of the bot token.
      const valid = token?.startsWith('xapp-') === true && token === (this.opts.appToken ?? token);
      const answer = valid
        ? { ok: true, url: this.socketMode.issueUrl(this.baseUrl) }
        : { ok: false, error: token ? 'invalid_auth' : 'not_authed' };
      this.calls.push({
        method,
        args: recordedArgs,
        ok: valid,
        status: 200,
        at: Date.now(),
        response: answer,
      });
      return send(res, 200, answer);
    }

    const authed = isKnownMethod(method) && parsed !== 'invalid_json' && token === this.opts.botToken;
    // A fault is used up by the next call that gets past routing and authentication.
    const fault = authed ? this.faults.get(method)?.shift() : undefined;
    if (!isKnownMethod(method)) {
      status = 404;
      body = { ok: false, error: 'unknown_method' };
    } else if (parsed === 'invalid_json') {
      body = { ok: false, error: 'invalid_json' };
    } else if (!token) {
      body = { ok: false, error: 'not_authed' };
    } else if (token !== this.opts.botToken) {
      body = { ok: false, error: 'invalid_auth' };
    } else if (fault && 'status' in fault) {
      status = fault.status;
      if (status === 429) {
        headers = { 'Retry-After': String(fault.retryAfter ?? 1) };
        body = { ok: false, error: 'ratelimited' };
      } else {
        body = { ok: false, error: 'internal_error' };
      }
    } else if (fault && 'error' in fault) {
      body = { ok: false, error: fault.error };
    } else {
      if (fault && 'delayMs' in fault) delay += fault.delayMs;
      const limited = this.rateLimitsEnabled ? this.rateCheck(method, args) : undefined;
      if (limited !== undefined) {
        status = 429;
        headers = { 'Retry-After': String(limited) };
        body = { ok: false, error: 'ratelimited' };
      } else {
        body =
          this.missingArg(method, args) ??
          this.files.handle(method, args) ??
          this.fileRefs(args) ??
          this.api.handle(method, args);
      }
    }

    this.calls.push({
      method,
      args: recordedArgs,
      ok: body.ok === true,
      ...(typeof body.error === 'string' ? { error: body.error } : {}),
      status,
      at: Date.now(),
      response: body,
    });
    this.state.emit({ kind: 'call', method });
    if (delay > 0) await sleep(delay);
    if (!res.destroyed) send(res, status, body, headers);
  }

  private rateCheck(method: MethodName, args: Args): number | undefined {
    let channel = str(args.channel);
    if (method === 'chat.postMessage' && channel) {
      channel =
        this.state.resolveChannel(channel, { userToDm: false })?.id ??
        this.state.dmOf(channel)?.id ??
        channel;
    }
    const d = this.limiter.check(method, (this.opts.rateLimitNow ?? Date.now)(), channel);
    return d.ok ? undefined : d.retryAfterSec;
  }

  /** Image blocks showing a file (`slack_file`) must name a completed image, or Slack refuses the blocks. */
  private fileRefs(args: Args): Body | undefined {
    const view = args.view as { blocks?: unknown } | undefined;
    const errors = this.files.checkBlocks([args.blocks, typeof view === 'object' ? view?.blocks : undefined]);
    return errors.length > 0
      ? { ok: false, error: 'invalid_blocks', errors, response_metadata: { messages: errors } }
      : undefined;
  }

  private missingArg(method: MethodName, args: Args): Body | undefined {
    for (const r of METHODS[method].required as readonly { arg: string; error?: string }[]) {
      const v = args[r.arg];
      if (v === undefined || v === null || v === '') {
        if (r.error) return { ok: false, error: r.error };
        return {
          ok: false,
          error: 'invalid_arguments',
          response_metadata: { messages: [`[ERROR] missing required field: ${r.arg}`] },
        };
      }
    }
    return undefined;
  }

  // ---------- response_url ----------

  private newResponseUrl(channelId: string, userId: string, sourceTs?: string): string {
    const id = `${this.state.nextId('R')}${Math.floor(Math.random() * 1e9).toString(36)}`;
    this.state.responseUrls.set(id, {
      id,
      channelId,
      userId,
      createdAt: Date.now(),
      posts: 0,
      ...(sourceTs ? { sourceTs } : {}),
    });
    return `${this.baseUrl}/response/${id}`;
  }

  private async handleResponseUrl(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const raw = await readBody(req);
    const r = this.state.responseUrls.get(id);
    if (!r) return send(res, 404, { ok: false, error: 'invalid_url' });
    if (Date.now() - r.createdAt > RESPONSE_URL_TTL_MS)
      return send(res, 404, { ok: false, error: 'expired_url' });
    if (r.posts >= RESPONSE_URL_MAX_POSTS) return send(res, 404, { ok: false, error: 'used_url' });
    let msg: unknown;
    try {
      const ct = req.headers['content-type'] ?? '';
      msg = ct.includes('json') ? JSON.parse(raw) : JSON.parse(new URLSearchParams(raw).get('payload') ?? '');
    } catch {
      return send(res, 400, { ok: false, error: 'invalid_payload' });
    }
    if (!isObj(msg)) return send(res, 400, { ok: false, error: 'invalid_payload' });
    const outcome = this.applyResponse(r, msg);
    if (outcome.ok) r.posts += 1;
    this.deliveries.push({ kind: 'response_url', sent: msg, status: outcome.ok ? 200 : 400, at: Date.now() });
    return send(res, outcome.ok ? 200 : 400, outcome);
  }

  /** Applies a response_url post (or a command's ack body) like Slack does. */
  private applyResponse(r: ResponseUrl, msg: Record<string, unknown>): Body {
    if (bool(msg.delete_original)) {
      if (r.sourceTs && this.state.findMessage(r.channelId, r.sourceTs)) {
        this.state.deleteMessage(r.channelId, r.sourceTs);
      } else if (r.lastEphemeral) {
        r.lastEphemeral.deleted = true;
        this.state.emit({ kind: 'ephemeral', channel: r.channelId, user: r.userId });
      } else {
        return { ok: false, error: 'message_not_found' };
      }
      return { ok: true };
    }
    const text = str(msg.text) ?? '';
    const blocks = msg.blocks;
    if (blocks !== undefined && !Array.isArray(blocks)) return { ok: false, error: 'invalid_blocks_format' };
    if (!text && !(Array.isArray(blocks) && blocks.length)) return { ok: false, error: 'no_text' };
    if (Array.isArray(blocks)) {
      const errors = validateBlocks(blocks, 'message');
      if (errors.length) return { ok: false, error: 'invalid_blocks', errors };
    }
    const blockProp = Array.isArray(blocks) ? { blocks } : {};
    if (bool(msg.replace_original)) {
      const source = r.sourceTs ? this.state.findMessage(r.channelId, r.sourceTs) : undefined;
      if (source) {
        source.text = text;
        if (Array.isArray(blocks)) source.blocks = blocks;
        else delete source.blocks;
        source.edited = { user: this.botUserId, ts: this.state.nextTs() };
        this.state.emit({ kind: 'message', channel: source.channel, ts: source.ts, action: 'updated' });
        return { ok: true };
      }
      if (r.lastEphemeral) r.lastEphemeral.replaced = true;
    }
    if (msg.response_type === 'in_channel') {
      const threadTs = str(msg.thread_ts);
      this.state.addMessage({
        channel: r.channelId,
        ts: this.state.nextTs(),
        user: this.botUserId,
        bot_id: this.botId,
        text,
        reactions: [],
        ...blockProp,
        ...(threadTs ? { thread_ts: threadTs } : {}),
      });
      return { ok: true };
    }
    const eph: EmuEphemeral = {
      channel: r.channelId,
      user: r.userId,
      ts: this.state.nextTs(),
      text,
      via: 'response_url',
      responseUrlId: r.id,
      ...blockProp,
    };
    this.state.ephemerals.push(eph);
    r.lastEphemeral = eph;
    this.state.emit({ kind: 'ephemeral', channel: r.channelId, user: r.userId });
    return { ok: true };
  }

  // ---------- deliveries ----------

  private names: NameLookup = {
    userName: (id) => this.state.users.get(id)?.name,
    channelName: (id) => this.state.channels.get(id)?.name,
  };

  private async send(kind: string, raw: RawDelivery, sent: unknown): Promise<DeliveryResult> {
    if (this.socketMode.connected && kind !== 'raw') return this.sendOverSocket(kind, sent);
    if (!this.appUrl) throw new Error('emulator: appUrl is not set (startEmulator({ appUrl }) or setAppUrl)');
    try {
      const result = await postSigned(
        this.appUrl,
        this.opts.signingSecret,
        raw,
        this.opts.deliveryTimeoutMs ?? 10_000,
      );
      this.deliveries.push({ kind, sent, status: result.status, response: result.body, at: Date.now() });
      this.state.emit({ kind: 'delivery', what: kind });
      return result;
    } catch (err) {
      this.deliveries.push({ kind, sent, status: 0, error: String(err), at: Date.now() });
      throw err;
    }
  }

  /** Socket Mode carries the same payloads, wrapped in envelopes; the ack's payload is the response body. */
  private async sendOverSocket(kind: string, sent: unknown): Promise<DeliveryResult> {
    const type =
      kind === 'command' ? 'slash_commands' : kind.startsWith('event:') ? 'events_api' : 'interactive';
    const started = Date.now();
    try {
      const body = await this.socketMode.deliver(type, sent, this.opts.deliveryTimeoutMs ?? 10_000);
      const durationMs = Date.now() - started;
      this.deliveries.push({ kind, sent, status: 200, response: body, at: Date.now() });
      this.state.emit({ kind: 'delivery', what: kind });
      return { status: 200, body, headers: {}, durationMs, ackedInTime: durationMs <= 3000 };
    } catch (err) {
      this.deliveries.push({ kind, sent, status: 0, error: String(err), at: Date.now() });
      throw err;
    }
  }

  private sendPayload(kind: string, payload: Record<string, unknown>): Promise<DeliveryResult> {
    return this.send(
      kind,
      {
        body: formEncode({ payload: JSON.stringify(payload) }),
        contentType: 'application/x-www-form-urlencoded',
      },
      payload,
    );
  }

  /** Sends any body, signed unless a signature is given (tests of bad signatures and stale timestamps). */
  deliverRaw(raw: RawDelivery): Promise<DeliveryResult> {
    return this.send('raw', raw, raw.body);
  }

  private issueTrigger(userId: string): string {
    return this.state.issueTrigger(userId, Date.now());
  }

  private userRef(userId: string): Record<string, unknown> {
    const u = this.mustUser(userId);
    return { id: u.id, username: u.name, name: u.name, team_id: TEAM_ID };
  }

  private channelRef(channelId: string): Record<string, unknown> {
    const c = this.state.channels.get(channelId);
    return { id: channelId, name: c ? (c.isIm ? 'directmessage' : c.name) : channelId };
  }

  /** A slash command as a user types it; `text` may hold `<@U…>`, `<#C…>`, `<!here>` tokens. */
  async command(input: {
    userId: string;
    channelId: string;
    text?: string;
    command?: string;
  }): Promise<DeliveryResult & { responseUrl: string; triggerId: string }> {
    const user = this.mustUser(input.userId);
    const channel = this.state.channels.get(input.channelId);
    const responseUrl = this.newResponseUrl(input.channelId, input.userId);
    const triggerId = this.issueTrigger(input.userId);
    const fields = {
      token: VERIFICATION_TOKEN,
      team_id: TEAM_ID,
      team_domain: TEAM_DOMAIN,
      channel_id: input.channelId,
      channel_name: channel ? (channel.isIm ? 'directmessage' : channel.name) : input.channelId,
      user_id: user.id,
      user_name: user.name,
      command: input.command ?? '/cx',
      text: escapeSlackText(input.text ?? '', this.names),
      api_app_id: APP_ID,
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: triggerId,
    };
    const result = await this.send(
      'command',
      { body: formEncode(fields), contentType: 'application/x-www-form-urlencoded' },
      fields,
    );
    // A command's ack body is shown to the user like a response_url post (without using one up).
    if (result.status === 200 && (isObj(result.body) || (typeof result.body === 'string' && result.body))) {
      const ack = isObj(result.body) ? result.body : { text: result.body };
      const r = this.state.responseUrls.get(responseUrl.slice(responseUrl.lastIndexOf('/') + 1));
      if (r && (ack.text || ack.blocks)) this.applyResponse(r, ack);
    }
    return { ...result, responseUrl, triggerId };
  }

  private findEphemeral(channelId: string | undefined, ts: string): EmuEphemeral | undefined {
    return this.state.ephemerals.find(
      (e) => e.ts === ts && (channelId === undefined || e.channel === channelId),
    );
  }

  /** A user clicks / picks something in a message the bot posted, or in a view it opened or published. */
  async blockAction(input: {
    userId: string;
    actionId: string;
    blockId?: string;
    value?: string;
    channelId?: string;
    messageTs?: string;
    viewId?: string;
    selectedOption?: string;
    selectedOptions?: string[];
    selectedUser?: string;
    selectedDate?: string;
  }): Promise<DeliveryResult & { triggerId: string }> {
    const user = this.userRef(input.userId);
    let blocks: unknown[] | undefined;
    let container: Record<string, unknown> = {};
    const extra: Record<string, unknown> = {};
    let responseUrl: string | undefined;
    const channelId = input.viewId ? undefined : input.channelId;

    if (input.viewId) {
      const rec = this.state.views.get(input.viewId);
      if (!rec) throw new Error(`emulator: no view ${input.viewId}`);
      blocks = rec.view.blocks;
      container = { type: 'view', view_id: rec.view.id };
      extra.view = rec.view;
    } else if (input.messageTs) {
      if (!channelId) throw new Error('emulator: blockAction with messageTs needs channelId');
      const msg = this.state.findMessage(channelId, input.messageTs);
      const eph = msg ? undefined : this.findEphemeral(channelId, input.messageTs);
      if (!msg && !eph) throw new Error(`emulator: no message ${input.messageTs} in ${channelId}`);
      blocks = msg?.blocks ?? eph?.blocks ?? [];
      container = {
        type: 'message',
        message_ts: input.messageTs,
        channel_id: channelId,
        is_ephemeral: !msg,
        ...(msg?.thread_ts ? { thread_ts: msg.thread_ts } : {}),
      };
      if (msg) extra.message = this.api.messageJson(msg);
      responseUrl = this.newResponseUrl(channelId, input.userId, msg ? msg.ts : undefined);
      if (eph) {
        const r = this.state.responseUrls.get(responseUrl.slice(responseUrl.lastIndexOf('/') + 1));
        if (r) r.lastEphemeral = eph;
      }
    }

    // Find the element to describe the action the way Slack does.
    const refs = blocks ? elementsOf(blocks) : [];
    const ref = refs.find(
      (r) => r.actionId === input.actionId && (!input.blockId || r.blockId === input.blockId),
    );
    if (blocks && !ref) {
      throw new Error(
        `emulator: no element with action_id ${input.actionId} (have: ${refs.map((r) => r.actionId).join(', ')})`,
      );
    }
    const el = ref?.element ?? { type: 'button', action_id: input.actionId };
    const type = String(el.type);
    const actionTs = this.state.nextTs();
    const action: Record<string, unknown> = {
      type,
      action_id: input.actionId,
      block_id: ref?.blockId ?? input.blockId ?? 'block',
      action_ts: actionTs,
    };
    if (type === 'button') {
      action.text = el.text;
      const value = input.value ?? (typeof el.value === 'string' ? el.value : undefined);
      if (value !== undefined) action.value = value;
      if (el.style) action.style = el.style;
    } else if (
      type === 'overflow' ||
      type === 'static_select' ||
      type === 'radio_buttons' ||
      type === 'external_select'
    ) {
      const v = input.selectedOption ?? input.value;
      // An overflow menu is only ever reported with the option that was chosen from it.
      if (type === 'overflow' && v === undefined)
        throw new Error(`emulator: the overflow menu ${input.actionId} needs a selectedOption`);
      Object.assign(action, elementState(el, v ?? null, input.actionId));
    } else if (type === 'multi_static_select' || type === 'checkboxes' || type === 'multi_external_select') {
      Object.assign(action, elementState(el, input.selectedOptions ?? [], input.actionId));
    } else if (type === 'users_select') {
      action.selected_user = input.selectedUser ?? input.value ?? null;
    } else if (type === 'datepicker') {
      action.selected_date = input.selectedDate ?? input.value ?? null;
    } else if (input.value !== undefined) {
      Object.assign(action, elementState(el, input.value, input.actionId));
    }
    this.checkPicks({ [action.block_id as string]: { [input.actionId]: action } });
    if (typeof el.type === 'string' && action.type !== el.type) action.type = el.type;

    if (input.viewId) {
      // The view's state as of the action: the picked value included.
      const view = extra.view as SlackView;
      const values = { ...view.state.values };
      if (ref) {
        const st = { ...action };
        for (const k of ['action_id', 'block_id', 'action_ts', 'text', 'style']) delete st[k];
        values[ref.blockId] = { ...(values[ref.blockId] ?? {}), [ref.actionId]: st };
      }
      view.state = { values };
      extra.state = { values };
    } else {
      extra.state = { values: {} };
    }

    const triggerId = this.issueTrigger(input.userId);
    const payload: Record<string, unknown> = {
      type: 'block_actions',
      user,
      api_app_id: APP_ID,
      token: VERIFICATION_TOKEN,
      container,
      trigger_id: triggerId,
      team: { id: TEAM_ID, domain: TEAM_DOMAIN },
      enterprise: null,
      is_enterprise_install: false,
      ...(channelId ? { channel: this.channelRef(channelId) } : {}),
      ...extra,
      ...(responseUrl ? { response_url: responseUrl } : {}),
      actions: [action],
    };
    const result = await this.sendPayload('block_actions', payload);
    return { ...result, triggerId };
  }

  /**
   * A user submits a modal. `values` maps action_id (or `block_id/action_id`) to a simple value — text,
   * option value(s), user id, date — turned into Slack's state shape by `fillView`; or give `stateValues`.
   * Each submission's `values` describe the form afresh (initial values, then picks made through
   * block_actions in the view, then `values`); values from an earlier rejected submission do not carry over.
   * The ack decides what happens to the view: empty → closed; `update` / `push` / `clear` / `errors`.
   */
  async viewSubmission(input: {
    userId: string;
    viewId: string;
    values?: Record<string, FillValue>;
    stateValues?: Record<string, Record<string, unknown>>;
  }): Promise<DeliveryResult & { viewClosed: boolean; problems: string[] }> {
    const rec = this.state.views.get(input.viewId);
    if (!rec?.open) throw new Error(`emulator: view ${input.viewId} is not open`);
    if (rec.userId !== input.userId)
      throw new Error(`emulator: view ${input.viewId} belongs to ${rec.userId}`);
    // Initial values, then what the user picked through block_actions, then what the test says.
    const values =
      (input.stateValues as StateValues | undefined) ??
      mergeState(
        fillView(rec.view, {}),
        rec.view.state.values as StateValues,
        fillView(rec.view, input.values ?? {}, { includeDefaults: false }),
      );
    if (!input.stateValues) this.checkPicks(values);
    const view: SlackView = { ...rec.view, state: { values } };
    const payload = {
      type: 'view_submission',
      team: { id: TEAM_ID, domain: TEAM_DOMAIN },
      user: this.userRef(input.userId),
      api_app_id: APP_ID,
      token: VERIFICATION_TOKEN,
      trigger_id: this.issueTrigger(input.userId),
      view,
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    };
    const result = await this.sendPayload('view_submission', payload);
    const problems: string[] = [];
    let viewClosed = false;
    if (result.status === 200 && result.ackedInTime) {
      const ack = isObj(result.body) ? result.body : {};
      const action = ack.response_action;
      if (action === undefined) {
        this.state.closeView(rec.view.id);
        viewClosed = true;
      } else if (action === 'clear') {
        const root = this.state.stackOf(rec.userId)[0];
        if (root) this.state.closeView(root);
        viewClosed = true;
      } else if (action === 'errors') {
        if (!isObj(ack.errors)) problems.push('response_action errors needs an errors object');
        else {
          const inputIds = new Set(
            rec.view.blocks
              .filter((b) => isObj(b) && b.type === 'input')
              .map((b) => (b as { block_id?: string }).block_id),
          );
          for (const k of Object.keys(ack.errors)) {
            if (!inputIds.has(k)) problems.push(`errors key ${k} is not the block_id of an input block`);
          }
        }
      } else if (action === 'update' || action === 'push') {
        const v = ack.view;
        problems.push(...validateView(v));
        if (!problems.length && isObj(v)) {
          if (action === 'update') {
            rec.view = {
              ...rec.view,
              ...v,
              id: rec.view.id,
              state: { values: {} },
              hash: this.state.newHash(),
            } as SlackView;
            this.state.emit({ kind: 'view', userId: rec.userId, viewId: rec.view.id, action: 'updated' });
          } else {
            const stack = this.state.stackOf(rec.userId);
            if (stack.length >= 3) problems.push('push_limit_reached');
            else {
              const id = this.state.nextId('V');
              const pushed = {
                ...v,
                id,
                team_id: TEAM_ID,
                state: { values: {} },
                hash: this.state.newHash(),
                root_view_id: stack[0] ?? id,
                previous_view_id: stack[stack.length - 1] ?? null,
                app_id: APP_ID,
                bot_id: this.botId,
                private_metadata: str(v.private_metadata) ?? '',
                callback_id: str(v.callback_id) ?? '',
                external_id: str(v.external_id) ?? '',
                blocks: Array.isArray(v.blocks) ? v.blocks : [],
              } as SlackView;
              this.state.views.set(id, { userId: rec.userId, view: pushed, open: true });
              stack.push(id);
              this.state.emit({ kind: 'view', userId: rec.userId, viewId: id, action: 'opened' });
            }
          }
        }
      } else {
        problems.push(`unknown response_action ${String(action)}`);
      }
    } else {
      problems.push(
        result.ackedInTime ? `bot answered HTTP ${result.status}` : 'bot did not answer within 3 s',
      );
    }
    return { ...result, viewClosed, problems };
  }

  /**
   * What only Slack's own pickers can produce: a user picker names a person of this workspace (not one
   * deleted), a date picker a real `YYYY-MM-DD` date. A test asking for anything else gets an error.
   */
  private checkPicks(values: StateValues): void {
    for (const [blockId, actions] of Object.entries(values)) {
      for (const [actionId, st] of Object.entries(actions)) {
        const where = `${blockId}/${actionId}`;
        const users = st.type === 'users_select' ? [st.selected_user] : [];
        if (st.type === 'multi_users_select' && Array.isArray(st.selected_users))
          users.push(...st.selected_users);
        for (const u of users) {
          if (u === null || u === undefined) continue;
          const known = typeof u === 'string' ? this.state.users.get(u) : undefined;
          if (!known || known.deleted) throw new Error(`emulator: ${where}: no person ${String(u)} to pick`);
        }
        const date = st.type === 'datepicker' ? st.selected_date : null;
        if (date !== null && date !== undefined && !isCalendarDate(date))
          throw new Error(`emulator: ${where}: a date picker gives YYYY-MM-DD, not ${String(date)}`);
      }
    }
  }

  /** A user closes a modal (the X / Close button): delivers `view_closed` if the view asked for it. */
  async closeView(input: { userId: string; viewId: string }): Promise<DeliveryResult | undefined> {
    const rec = this.state.views.get(input.viewId);
    if (!rec?.open) throw new Error(`emulator: view ${input.viewId} is not open`);
    const notify = rec.view.notify_on_close;
    const stack = this.state.stackOf(rec.userId);
    const closeAll = rec.view.clear_on_close;
    this.state.closeView(closeAll ? (stack[0] ?? rec.view.id) : rec.view.id);
    if (!notify) return undefined;
    return this.sendPayload('view_closed', {
      type: 'view_closed',
      team: { id: TEAM_ID, domain: TEAM_DOMAIN },
      user: this.userRef(input.userId),
      api_app_id: APP_ID,
      token: VERIFICATION_TOKEN,
      view: rec.view,
      is_cleared: closeAll,
      is_enterprise_install: false,
    });
  }

  /** A message shortcut (`message_action`) on a message, or a global shortcut when no message is given. */
  async shortcut(input: {
    userId: string;
    callbackId: string;
    channelId?: string;
    messageTs?: string;
  }): Promise<DeliveryResult & { triggerId: string }> {
    const triggerId = this.issueTrigger(input.userId);
    const base = {
      callback_id: input.callbackId,
      trigger_id: triggerId,
      user: this.userRef(input.userId),
      team: { id: TEAM_ID, domain: TEAM_DOMAIN },
      token: VERIFICATION_TOKEN,
      action_ts: this.state.nextTs(),
      is_enterprise_install: false,
      enterprise: null,
    };
    if (!input.messageTs) {
      const result = await this.sendPayload('shortcut', { type: 'shortcut', ...base });
      return { ...result, triggerId };
    }
    if (!input.channelId) throw new Error('emulator: a message shortcut needs channelId');
    const msg = this.state.findMessage(input.channelId, input.messageTs);
    if (!msg) throw new Error(`emulator: no message ${input.messageTs} in ${input.channelId}`);
    const payload = {
      type: 'message_action',
      ...base,
      channel: this.channelRef(input.channelId),
      message: this.api.messageJson(msg),
      message_ts: msg.ts,
      response_url: this.newResponseUrl(input.channelId, input.userId, msg.ts),
    };
    const result = await this.sendPayload('message_action', payload);
    return { ...result, triggerId };
  }

  /** Any Events API event, in Slack's `event_callback` envelope. */
  async event(
    event: Record<string, unknown>,
    opts: { eventId?: string; retryNum?: number; retryReason?: string; eventTime?: number } = {},
  ): Promise<DeliveryResult & { eventId: string }> {
    const eventId = opts.eventId ?? randomEventId();
    const eventTime = opts.eventTime ?? Math.floor(Date.now() / 1000);
    const envelope = {
      token: VERIFICATION_TOKEN,
      team_id: TEAM_ID,
      context_team_id: TEAM_ID,
      context_enterprise_id: null,
      api_app_id: APP_ID,
      event: { event_ts: this.state.nextTs(), ...event },
      type: 'event_callback',
      event_id: eventId,
      event_time: eventTime,
      authorizations: [
        {
          enterprise_id: null,
          team_id: TEAM_ID,
          user_id: this.botUserId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
      event_context: `4-${Buffer.from(eventId).toString('base64url')}`,
    };
    const headers: Record<string, string> = {};
    if (opts.retryNum !== undefined) {
      headers['X-Slack-Retry-Num'] = String(opts.retryNum);
      headers['X-Slack-Retry-Reason'] = opts.retryReason ?? 'http_timeout';
    }
    const result = await this.send(
      `event:${String(event.type)}`,
      { body: JSON.stringify(envelope), contentType: 'application/json', headers },
      envelope,
    );
    return { ...result, eventId };
  }

  private deliverReaction(
    type: 'reaction_added' | 'reaction_removed',
    msg: EmuMessage,
    name: string,
    userId: string,
  ): Promise<DeliveryResult> {
    return this.event({
      type,
      user: userId,
      reaction: name,
      item_user: msg.user,
      item: { type: 'message', channel: msg.channel, ts: msg.ts },
    });
  }

  /** A person adds a reaction: state changes and `reaction_added` is delivered. */
  async react(userId: string, channelId: string, ts: string, name: string): Promise<DeliveryResult> {
    this.mustUser(userId);
    const msg = this.state.findMessage(channelId, ts);
    if (!msg) throw new Error(`emulator: no message ${ts} in ${channelId}`);
    if (!this.state.addReaction(msg, name, userId))
      throw new Error(`emulator: ${userId} already reacted :${name}:`);
    return this.deliverReaction('reaction_added', msg, name, userId);
  }

  /** A person removes a reaction: state changes and `reaction_removed` is delivered. */
  async unreact(userId: string, channelId: string, ts: string, name: string): Promise<DeliveryResult> {
    const msg = this.state.findMessage(channelId, ts);
    if (!msg) throw new Error(`emulator: no message ${ts} in ${channelId}`);
    if (!this.state.removeReaction(msg, name, userId))
      throw new Error(`emulator: ${userId} has no :${name}:`);
    return this.deliverReaction('reaction_removed', msg, name, userId);
  }

  /** A person opens the app's Home tab: `app_home_opened` (tab home). */
  openHome(userId: string): Promise<DeliveryResult> {
    this.mustUser(userId);
    const dm = this.state.ensureDm(userId);
    const view = this.homeView(userId);
    return this.event({
      type: 'app_home_opened',
      user: userId,
      channel: dm.id,
      tab: 'home',
      ...(view ? { view } : {}),
    });
  }

  /**
   * A person posts a message (in a channel, or in their DM with the bot when `channelId` is omitted):
   * stored, and delivered as a `message` event. Text is escaped like Slack does.
   */
  async userMessage(input: {
    userId: string;
    channelId?: string;
    text: string;
    threadTs?: string;
  }): Promise<DeliveryResult & { ts: string; channel: string }> {
    this.mustUser(input.userId);
    const channel = input.channelId ? this.mustChannel(input.channelId) : this.state.ensureDm(input.userId);
    const ts = this.state.nextTs();
    const text = escapeSlackText(input.text, this.names);
    if (input.threadTs) {
      const parent = this.state.findMessage(channel.id, input.threadTs);
      if (parent && !parent.thread_ts) parent.thread_ts = parent.ts;
    }
    this.state.addMessage({
      channel: channel.id,
      ts,
      user: input.userId,
      text,
      reactions: [],
      ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
    });
    const result = await this.event({
      type: 'message',
      channel: channel.id,
      user: input.userId,
      text,
      ts,
      event_ts: ts,
      channel_type: channel.isIm ? 'im' : channel.isMpim ? 'mpim' : channel.isPrivate ? 'group' : 'channel',
      team: TEAM_ID,
      ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
    });
    return { ...result, ts, channel: channel.id };
  }
}

type StateValues = Record<string, Record<string, Record<string, unknown>>>;

/** A real calendar date written `YYYY-MM-DD` (what a date picker can give). */
function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function mergeState(...layers: StateValues[]): StateValues {
  const out: StateValues = {};
  for (const layer of layers) {
    for (const [blockId, actions] of Object.entries(layer)) out[blockId] = { ...out[blockId], ...actions };
  }
  return out;
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

export async function startEmulator(opts: EmulatorOptions): Promise<SlackEmulator> {
  const emulator = new SlackEmulator(opts);
  await emulator.listen();
  return emulator;
}
