/** The emulated workspace: people, channels, messages, views, and what the bot did to them. */

export const TEAM_ID = 'T0CXBRIDGE';
export const TEAM_DOMAIN = 'cxbridge-sandbox';
export const TEAM_NAME = 'CX Bridge Sandbox';
export const APP_ID = 'A0CXBRIDGE';

export interface UserInput {
  id: string;
  name: string;
  realName?: string;
  displayName?: string;
  tz?: string;
  /** Slack's locale, e.g. `de-DE` (users.info returns it when asked with include_locale). */
  locale?: string;
  isAdmin?: boolean;
  isOwner?: boolean;
  isBot?: boolean;
  /** A deactivated account: users.info says `deleted: true`; a DM to it is refused (see deactivateUser). */
  deleted?: boolean;
  email?: string;
}

export interface EmuUser {
  id: string;
  name: string;
  realName: string;
  displayName: string;
  tz: string;
  locale: string;
  isAdmin: boolean;
  isOwner: boolean;
  isBot: boolean;
  email?: string;
  deleted: boolean;
}

export interface ChannelInput {
  id: string;
  name: string;
  isPrivate?: boolean;
  botIsMember?: boolean;
  /** Human members; defaults to every non-bot user known when the channel is added. */
  members?: string[];
}

export interface EmuChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  isIm: boolean;
  isMpim: boolean;
  /** The other party of a 1:1 DM. */
  user?: string;
  members: Set<string>;
  created: number;
  isArchived: boolean;
}

export interface EmuReaction {
  name: string;
  users: string[];
}

export interface MessageMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

export interface EmuMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  user: string;
  bot_id?: string;
  text: string;
  blocks?: unknown[];
  metadata?: MessageMetadata;
  reactions: EmuReaction[];
  edited?: { user: string; ts: string };
  reply_broadcast?: boolean;
  unfurl_links?: boolean;
  unfurl_media?: boolean;
}

export interface EmuEphemeral {
  channel: string;
  user: string;
  ts: string;
  text: string;
  blocks?: unknown[];
  thread_ts?: string;
  via: 'api' | 'response_url';
  responseUrlId?: string;
  replaced?: boolean;
  deleted?: boolean;
}

/** A view as Slack returns it from views.* (and sends it in payloads). */
export interface SlackView {
  id: string;
  team_id: string;
  type: 'modal' | 'home';
  title?: unknown;
  submit?: unknown;
  close?: unknown;
  blocks: unknown[];
  private_metadata: string;
  callback_id: string;
  external_id: string;
  state: { values: Record<string, Record<string, unknown>> };
  hash: string;
  clear_on_close: boolean;
  notify_on_close: boolean;
  root_view_id: string;
  previous_view_id: string | null;
  app_id: string;
  app_installed_team_id: string;
  bot_id: string;
  [extra: string]: unknown;
}

export interface ViewRecord {
  userId: string;
  view: SlackView;
  open: boolean;
}

export interface Trigger {
  id: string;
  userId: string;
  issuedAt: number;
  used: boolean;
}

export interface ResponseUrl {
  id: string;
  channelId: string;
  userId: string;
  createdAt: number;
  posts: number;
  /** The channel message an interaction came from (replace_original / delete_original act on it). */
  sourceTs?: string;
  /** The last ephemeral posted through this url (replace_original acts on it when there is no source). */
  lastEphemeral?: EmuEphemeral;
}

export type EmuChange =
  | { kind: 'message'; channel: string; ts: string; action: 'posted' | 'updated' | 'deleted' }
  | { kind: 'reaction'; channel: string; ts: string }
  | { kind: 'ephemeral'; channel: string; user: string }
  | { kind: 'view'; userId: string; viewId: string; action: 'opened' | 'updated' | 'closed' | 'published' }
  | { kind: 'workspace' }
  /**
   * The sandbox clock moves (time travel): `moving` while the jobs on the way run, then without it once the
   * clock is there. Only the time changed, not the people or channels.
   */
  | { kind: 'clock'; moving?: boolean }
  | { kind: 'call'; method: string }
  | { kind: 'delivery'; what: string }
  | { kind: 'reset' };

/** Offset of a time zone from UTC in seconds at a given instant (Slack's `tz_offset`). */
export function tzOffsetSeconds(tz: string, at: Date = new Date()): number {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value;
    const m = part ? /GMT([+-])(\d{2}):(\d{2})/.exec(part) : null;
    if (!m) return 0;
    const sign = m[1] === '-' ? -1 : 1;
    return sign * (Number(m[2]) * 3600 + Number(m[3]) * 60);
  } catch {
    return 0;
  }
}

export interface StateOptions {
  botUserId: string;
  botId: string;
  botName: string;
  now: () => number;
}

export class WorkspaceState {
  readonly users = new Map<string, EmuUser>();
  readonly channels = new Map<string, EmuChannel>();
  /** Messages per channel, in ts order. */
  readonly messageLog = new Map<string, EmuMessage[]>();
  readonly ephemerals: EmuEphemeral[] = [];
  readonly views = new Map<string, ViewRecord>();
  /** Modal stacks per user: view ids, root first. */
  readonly stacks = new Map<string, string[]>();
  /** Every views.publish per user, oldest first. */
  readonly homeHistory = new Map<string, SlackView[]>();
  readonly triggers = new Map<string, Trigger>();
  readonly responseUrls = new Map<string, ResponseUrl>();
  private lastMicros = 0;
  private seq = 0;
  private readonly listeners = new Set<(c: EmuChange) => void>();

  constructor(readonly opts: StateOptions) {}

  onChange(listener: (change: EmuChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(change: EmuChange): void {
    for (const l of this.listeners) {
      try {
        l(change);
      } catch {
        // a listener's failure must not break the emulator
      }
    }
  }

  clear(): void {
    this.users.clear();
    this.channels.clear();
    this.messageLog.clear();
    this.ephemerals.length = 0;
    this.views.clear();
    this.stacks.clear();
    this.homeHistory.clear();
    this.triggers.clear();
    this.responseUrls.clear();
    this.seq = 0;
  }

  /** A sequential id with a prefix, e.g. `D0000001`. */
  nextId(prefix: string): string {
    this.seq += 1;
    return `${prefix}${String(this.seq).padStart(7, '0')}`;
  }

  /** Strictly increasing message timestamps in Slack's `seconds.micros` form. */
  nextTs(): string {
    let micros = Math.floor(this.opts.now() * 1000);
    if (micros <= this.lastMicros) micros = this.lastMicros + 1;
    this.lastMicros = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }

  addUser(input: UserInput): EmuUser {
    const user: EmuUser = {
      id: input.id,
      name: input.name,
      realName: input.realName ?? input.name,
      displayName: input.displayName ?? input.name,
      tz: input.tz ?? 'UTC',
      locale: input.locale ?? 'en-US',
      isAdmin: input.isAdmin ?? false,
      isOwner: input.isOwner ?? false,
      isBot: input.isBot ?? false,
      deleted: input.deleted ?? false,
      ...(input.email !== undefined ? { email: input.email } : {}),
    };
    this.users.set(user.id, user);
    this.emit({ kind: 'workspace' });
    return user;
  }

  addChannel(input: ChannelInput): EmuChannel {
    const members = new Set(
      input.members ?? [...this.users.values()].filter((u) => !u.isBot && !u.deleted).map((u) => u.id),
    );
    if (input.botIsMember ?? true) members.add(this.opts.botUserId);
    else members.delete(this.opts.botUserId);
    const channel: EmuChannel = {
      id: input.id,
      name: input.name,
      isPrivate: input.isPrivate ?? false,
      isIm: false,
      isMpim: false,
      members,
      created: Math.floor(this.opts.now() / 1000),
      isArchived: false,
    };
    this.channels.set(channel.id, channel);
    this.emit({ kind: 'workspace' });
    return channel;
  }

  /** The bot's DM channel with a user, created on demand. */
  ensureDm(userId: string): EmuChannel {
    const existing = this.dmOf(userId);
    if (existing) return existing;
    const channel: EmuChannel = {
      id: this.nextId('D'),
      name: userId,
      isPrivate: true,
      isIm: true,
      isMpim: false,
      user: userId,
      members: new Set([userId, this.opts.botUserId]),
      created: Math.floor(this.opts.now() / 1000),
      isArchived: false,
    };
    this.channels.set(channel.id, channel);
    this.emit({ kind: 'workspace' });
    return channel;
  }

  dmOf(userId: string): EmuChannel | undefined {
    for (const c of this.channels.values()) if (c.isIm && c.user === userId) return c;
    return undefined;
  }

  /** Resolves a channel argument: an id, a `#name`/name, or a user id (→ the bot's DM with that user). */
  resolveChannel(ref: string, opts: { userToDm: boolean }): EmuChannel | undefined {
    const direct = this.channels.get(ref);
    if (direct) return direct;
    if (opts.userToDm && this.users.has(ref)) {
      const u = this.users.get(ref);
      if (u && !u.deleted && !u.isBot) return this.ensureDm(ref);
    }
    const name = ref.startsWith('#') ? ref.slice(1) : ref;
    for (const c of this.channels.values()) if (!c.isIm && c.name === name) return c;
    return undefined;
  }

  messagesIn(channelId: string): EmuMessage[] {
    let list = this.messageLog.get(channelId);
    if (!list) {
      list = [];
      this.messageLog.set(channelId, list);
    }
    return list;
  }

  findMessage(channelId: string, ts: string): EmuMessage | undefined {
    return this.messageLog.get(channelId)?.find((m) => m.ts === ts);
  }

  addMessage(msg: EmuMessage): EmuMessage {
    this.messagesIn(msg.channel).push(msg);
    this.emit({ kind: 'message', channel: msg.channel, ts: msg.ts, action: 'posted' });
    return msg;
  }

  deleteMessage(channelId: string, ts: string): boolean {
    const list = this.messageLog.get(channelId);
    const i = list?.findIndex((m) => m.ts === ts) ?? -1;
    if (!list || i < 0) return false;
    list.splice(i, 1);
    this.emit({ kind: 'message', channel: channelId, ts, action: 'deleted' });
    return true;
  }

  repliesOf(channelId: string, threadTs: string): EmuMessage[] {
    return (this.messageLog.get(channelId) ?? []).filter(
      (m) => m.thread_ts === threadTs && m.ts !== threadTs,
    );
  }

  /** Adds a reaction; false when this user already reacted with this name. */
  addReaction(msg: EmuMessage, name: string, userId: string): boolean {
    let r = msg.reactions.find((x) => x.name === name);
    if (!r) {
      r = { name, users: [] };
      msg.reactions.push(r);
    }
    if (r.users.includes(userId)) return false;
    r.users.push(userId);
    this.emit({ kind: 'reaction', channel: msg.channel, ts: msg.ts });
    return true;
  }

  /** Removes a reaction; false when this user had not reacted with this name. */
  removeReaction(msg: EmuMessage, name: string, userId: string): boolean {
    const r = msg.reactions.find((x) => x.name === name);
    if (!r?.users.includes(userId)) return false;
    r.users = r.users.filter((u) => u !== userId);
    if (r.users.length === 0) msg.reactions.splice(msg.reactions.indexOf(r), 1);
    this.emit({ kind: 'reaction', channel: msg.channel, ts: msg.ts });
    return true;
  }

  issueTrigger(userId: string, issuedAt: number): string {
    const a = Math.floor(Math.random() * 1e10);
    const b = Math.floor(Math.random() * 1e12);
    const hex = Math.floor(Math.random() * 2 ** 48)
      .toString(16)
      .padStart(12, '0');
    const id = `${a}.${b}.${hex}`;
    this.triggers.set(id, { id, userId, issuedAt, used: false });
    return id;
  }

  newHash(): string {
    const hex = Math.floor(Math.random() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
    return `${Math.floor(this.opts.now() / 1000)}.${hex}`;
  }

  stackOf(userId: string): string[] {
    let s = this.stacks.get(userId);
    if (!s) {
      s = [];
      this.stacks.set(userId, s);
    }
    return s;
  }

  /** Closes a modal and every view pushed above it. */
  closeView(viewId: string): void {
    const rec = this.views.get(viewId);
    if (!rec) return;
    const stack = this.stackOf(rec.userId);
    const i = stack.indexOf(viewId);
    const closed = i >= 0 ? stack.splice(i) : [viewId];
    for (const id of closed) {
      const r = this.views.get(id);
      if (r) r.open = false;
      this.emit({ kind: 'view', userId: rec.userId, viewId: id, action: 'closed' });
    }
  }

  findViewByExternalId(externalId: string): ViewRecord | undefined {
    for (const r of this.views.values()) {
      if (r.view.external_id === externalId && (r.open || r.view.type === 'home')) return r;
    }
    return undefined;
  }
}
