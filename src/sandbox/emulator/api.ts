/** Web API method implementations over the workspace state. Transport-free: args in, Slack's answer out. */

import { BLOCK_KIT_LIMITS, validateBlocks, validateView } from './block-kit.js';
import type { MethodName } from './methods.js';
import {
  APP_ID,
  type EmuChannel,
  type EmuMessage,
  type EmuUser,
  type MessageMetadata,
  type SlackView,
  TEAM_DOMAIN,
  TEAM_ID,
  TEAM_NAME,
  tzOffsetSeconds,
  type WorkspaceState,
} from './state.js';

export type Args = Record<string, unknown>;
export type Body = Record<string, unknown>;

export interface ApiContext {
  botUserId: string;
  botId: string;
  botName: string;
  baseUrl: () => string;
  /** Real (wall) time in ms, for trigger expiry. */
  realNow: () => number;
  /** How long a trigger_id stays valid (Slack: 3 s). */
  triggerTtlMs: number;
  /** Called when anyone's reaction changes through the API (the bot's own reactions.add/remove). */
  onReaction: (
    type: 'reaction_added' | 'reaction_removed',
    msg: EmuMessage,
    name: string,
    userId: string,
  ) => void;
}

export const TRIGGER_TTL_MS = 3000;
export const MAX_VIEW_STACK = 3;

const fail = (error: string, extra: Body = {}): Body => ({ ok: false, error, ...extra });
const invalidArguments = (messages: string[]): Body =>
  fail('invalid_arguments', { response_metadata: { messages: messages.map((m) => `[ERROR] ${m}`) } });

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

export function bool(v: unknown): boolean {
  return v === true || v === 'true' || v === '1' || v === 1;
}

function int(v: unknown, dflt: number): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? Math.trunc(n) : dflt;
}

/** A Slack ts as integer microseconds (exact for realistic values; avoids float rounding). */
export function tsToMicros(ts: string): number {
  const [sec = '0', frac = ''] = ts.split('.');
  return Number(sec) * 1e6 + Number(frac.padEnd(6, '0').slice(0, 6) || '0');
}

function paginate<T>(items: T[], args: Args, defaultLimit: number): { page: T[]; next: string } {
  const limit = int(args.limit, defaultLimit) || defaultLimit;
  const cursor = str(args.cursor);
  const start = cursor ? int(Buffer.from(cursor, 'base64').toString('utf8').replace('offset:', ''), 0) : 0;
  const page = items.slice(start, start + limit);
  const next =
    start + limit < items.length ? Buffer.from(`offset:${start + limit}`, 'utf8').toString('base64') : '';
  return { page, next };
}

export class WebApi {
  constructor(
    private readonly state: WorkspaceState,
    private readonly ctx: ApiContext,
  ) {}

  // ---------- JSON shapes ----------

  userJson(u: EmuUser): Body {
    return {
      id: u.id,
      team_id: TEAM_ID,
      name: u.name,
      deleted: u.deleted,
      real_name: u.realName,
      tz: u.tz,
      tz_label: u.tz,
      tz_offset: tzOffsetSeconds(u.tz),
      is_admin: u.isAdmin,
      is_owner: u.isOwner,
      is_primary_owner: u.isOwner,
      is_restricted: false,
      is_ultra_restricted: false,
      is_bot: u.isBot,
      is_app_user: false,
      updated: 1700000000,
      profile: {
        real_name: u.realName,
        real_name_normalized: u.realName,
        display_name: u.displayName,
        display_name_normalized: u.displayName,
        ...(u.email !== undefined ? { email: u.email } : {}),
        ...(u.isBot && u.id === this.ctx.botUserId ? { bot_id: this.ctx.botId, api_app_id: APP_ID } : {}),
        team: TEAM_ID,
      },
    };
  }

  channelJson(c: EmuChannel, opts: { numMembers?: boolean } = {}): Body {
    if (c.isIm) {
      return {
        id: c.id,
        created: c.created,
        is_im: true,
        is_org_shared: false,
        user: c.user,
        is_open: true,
        priority: 0,
      };
    }
    return {
      id: c.id,
      name: c.name,
      name_normalized: c.name,
      is_channel: !c.isMpim,
      is_group: false,
      is_im: false,
      is_mpim: c.isMpim,
      is_private: c.isPrivate,
      is_archived: c.isArchived,
      is_general: c.name === 'general',
      is_shared: false,
      is_ext_shared: false,
      is_org_shared: false,
      is_member: c.members.has(this.ctx.botUserId),
      created: c.created,
      creator: '',
      context_team_id: TEAM_ID,
      topic: { value: '', creator: '', last_set: 0 },
      purpose: { value: '', creator: '', last_set: 0 },
      ...(opts.numMembers ? { num_members: c.members.size } : {}),
    };
  }

  messageJson(m: EmuMessage, opts: { metadata?: boolean } = { metadata: true }): Body {
    const replies = m.thread_ts === m.ts ? this.state.repliesOf(m.channel, m.ts) : [];
    return {
      type: 'message',
      user: m.user,
      ...(m.bot_id ? { bot_id: m.bot_id, app_id: APP_ID } : {}),
      text: m.text,
      ts: m.ts,
      team: TEAM_ID,
      ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
      ...(m.blocks ? { blocks: m.blocks } : {}),
      ...(m.edited ? { edited: m.edited } : {}),
      ...(m.reply_broadcast ? { subtype: 'thread_broadcast' } : {}),
      ...(m.reactions.length
        ? {
            reactions: m.reactions.map((r) => ({ name: r.name, users: [...r.users], count: r.users.length })),
          }
        : {}),
      ...(opts.metadata && m.metadata ? { metadata: m.metadata } : {}),
      ...(replies.length
        ? {
            reply_count: replies.length,
            reply_users_count: new Set(replies.map((r) => r.user)).size,
            reply_users: [...new Set(replies.map((r) => r.user))],
            latest_reply: replies[replies.length - 1]?.ts,
          }
        : {}),
    };
  }

  // ---------- helpers ----------

  /** A channel the bot can see: public channels, or private channels / DMs it belongs to. */
  private visible(ref: string, userToDm = false): EmuChannel | undefined {
    const c = this.state.resolveChannel(ref, { userToDm });
    if (!c) return undefined;
    if (c.isPrivate && !c.members.has(this.ctx.botUserId)) return undefined;
    return c;
  }

  private checkContent(args: Args, surface: 'message'): Body | undefined {
    const text = str(args.text);
    const blocks = args.blocks;
    if (blocks !== undefined && !Array.isArray(blocks)) return fail('invalid_blocks_format');
    if (
      (text === undefined || text === '') &&
      (blocks === undefined || (Array.isArray(blocks) && !blocks.length))
    ) {
      return fail('no_text');
    }
    if (text !== undefined && text.length > BLOCK_KIT_LIMITS.messageText) return fail('msg_too_long');
    if (blocks !== undefined) {
      const errors = validateBlocks(blocks, surface);
      if (errors.length) return fail('invalid_blocks', { errors, response_metadata: { messages: errors } });
    }
    return undefined;
  }

  private parseMetadata(v: unknown): MessageMetadata | 'invalid' | undefined {
    if (v === undefined || v === null || v === '') return undefined;
    if (!isObj(v) || typeof v.event_type !== 'string' || !v.event_type) return 'invalid';
    if (v.event_payload !== undefined && !isObj(v.event_payload)) return 'invalid';
    return { event_type: v.event_type, event_payload: (v.event_payload as Record<string, unknown>) ?? {} };
  }

  // ---------- dispatch ----------

  handle(method: MethodName, args: Args): Body {
    switch (method) {
      case 'apps.connections.open':
        // Answered by the server, which owns the Socket Mode endpoint; never dispatched here.
        return { ok: false, error: 'invalid_auth' };
      case 'auth.test':
        return {
          ok: true,
          url: `https://${TEAM_DOMAIN}.slack.com/`,
          team: TEAM_NAME,
          user: this.ctx.botName,
          team_id: TEAM_ID,
          user_id: this.ctx.botUserId,
          bot_id: this.ctx.botId,
          is_enterprise_install: false,
        };
      case 'files.getUploadURLExternal':
      case 'files.completeUploadExternal':
        // Answered by the server's EmulatedFiles (files.ts), which owns the upload URLs; never dispatched here.
        return { ok: false, error: 'unknown_method' };
      case 'team.info':
        return {
          ok: true,
          team: {
            id: TEAM_ID,
            name: TEAM_NAME,
            domain: TEAM_DOMAIN,
            email_domain: '',
            icon: { image_default: true },
          },
        };
      case 'chat.postMessage':
        return this.postMessage(args);
      case 'chat.update':
        return this.update(args);
      case 'chat.postEphemeral':
        return this.postEphemeral(args);
      case 'chat.delete':
        return this.deleteMessage(args);
      case 'chat.getPermalink':
        return this.permalink(args);
      case 'conversations.open':
        return this.open(args);
      case 'conversations.info': {
        const c = this.visible(str(args.channel) ?? '');
        if (!c) return fail('channel_not_found');
        return { ok: true, channel: this.channelJson(c, { numMembers: bool(args.include_num_members) }) };
      }
      case 'conversations.join': {
        const c = this.visible(str(args.channel) ?? '');
        if (!c) return fail('channel_not_found');
        if (c.isPrivate || c.isIm || c.isMpim) return fail('method_not_supported_for_channel_type');
        if (c.isArchived) return fail('is_archived');
        if (c.members.has(this.ctx.botUserId)) {
          return {
            ok: true,
            channel: this.channelJson(c),
            warning: 'already_in_channel',
            response_metadata: { warnings: ['already_in_channel'] },
          };
        }
        c.members.add(this.ctx.botUserId);
        this.state.emit({ kind: 'workspace' });
        return { ok: true, channel: this.channelJson(c) };
      }
      case 'conversations.list':
        return this.list(args);
      case 'conversations.members': {
        const c = this.visible(str(args.channel) ?? '');
        if (!c) return fail('channel_not_found');
        const { page, next } = paginate([...c.members], args, 100);
        return { ok: true, members: page, response_metadata: { next_cursor: next } };
      }
      case 'conversations.history':
        return this.history(args);
      case 'conversations.replies':
        return this.replies(args);
      case 'users.info': {
        const u = this.state.users.get(str(args.user) ?? '');
        if (!u) return fail('user_not_found');
        // As Slack: the locale only when asked for (include_locale), so a bot that forgets gets none.
        const asked = args.include_locale === true || args.include_locale === 'true';
        return { ok: true, user: { ...this.userJson(u), ...(asked ? { locale: u.locale } : {}) } };
      }
      case 'users.list': {
        const { page, next } = paginate([...this.state.users.values()], args, 1000);
        const asked = args.include_locale === true || args.include_locale === 'true';
        return {
          ok: true,
          members: page.map((u) => ({ ...this.userJson(u), ...(asked ? { locale: u.locale } : {}) })),
          cache_ts: Math.floor(this.ctx.realNow() / 1000),
          response_metadata: { next_cursor: next },
        };
      }
      case 'views.open':
        return this.viewsOpen(args, false);
      case 'views.push':
        return this.viewsOpen(args, true);
      case 'views.update':
        return this.viewsUpdate(args);
      case 'views.publish':
        return this.viewsPublish(args);
      case 'reactions.add':
        return this.react(args, 'add');
      case 'reactions.remove':
        return this.react(args, 'remove');
      case 'reactions.get': {
        const channel = str(args.channel);
        const ts = str(args.timestamp);
        if (!channel || !ts) return fail('no_item_specified');
        const c = this.visible(channel);
        if (!c) return fail('channel_not_found');
        const m = this.state.findMessage(c.id, ts);
        if (!m) return fail('message_not_found');
        return {
          ok: true,
          type: 'message',
          channel: c.id,
          message: this.messageJson(m, { metadata: false }),
        };
      }
    }
  }

  // ---------- chat ----------

  private postMessage(args: Args): Body {
    const c = this.visible(str(args.channel) ?? '', true);
    if (!c) return fail('channel_not_found');
    if (c.isArchived) return fail('is_archived');
    if (!c.members.has(this.ctx.botUserId)) return fail('not_in_channel');
    const bad = this.checkContent(args, 'message');
    if (bad) return bad;
    const metadata = this.parseMetadata(args.metadata);
    if (metadata === 'invalid') return fail('invalid_metadata_format');
    let threadTs = str(args.thread_ts);
    if (threadTs !== undefined && threadTs !== '') {
      const parent = this.state.findMessage(c.id, threadTs);
      if (!parent) return fail('thread_not_found');
      threadTs = parent.thread_ts ?? parent.ts;
      if (!parent.thread_ts) parent.thread_ts = parent.ts;
    } else {
      threadTs = undefined;
    }
    const ts = this.state.nextTs();
    const msg: EmuMessage = {
      channel: c.id,
      ts,
      user: this.ctx.botUserId,
      bot_id: this.ctx.botId,
      text: str(args.text) ?? '',
      reactions: [],
      ...(threadTs ? { thread_ts: threadTs } : {}),
      ...(Array.isArray(args.blocks) ? { blocks: args.blocks } : {}),
      ...(metadata ? { metadata } : {}),
      ...(threadTs && bool(args.reply_broadcast) ? { reply_broadcast: true } : {}),
      ...(args.unfurl_links !== undefined ? { unfurl_links: bool(args.unfurl_links) } : {}),
      ...(args.unfurl_media !== undefined ? { unfurl_media: bool(args.unfurl_media) } : {}),
    };
    this.state.addMessage(msg);
    return { ok: true, channel: c.id, ts, message: this.messageJson(msg) };
  }

  private update(args: Args): Body {
    const c = this.visible(str(args.channel) ?? '');
    if (!c) return fail('channel_not_found');
    const m = this.state.findMessage(c.id, str(args.ts) ?? '');
    if (!m) return fail('message_not_found');
    if (m.user !== this.ctx.botUserId) return fail('cant_update_message');
    const text = str(args.text);
    const blocks = args.blocks;
    if (blocks !== undefined && !Array.isArray(blocks)) return fail('invalid_blocks_format');
    if ((text === undefined || text === '') && blocks === undefined && m.blocks === undefined) {
      return fail('no_text');
    }
    if (text !== undefined && text.length > BLOCK_KIT_LIMITS.messageText) return fail('msg_too_long');
    if (Array.isArray(blocks)) {
      const errors = validateBlocks(blocks, 'message');
      if (errors.length) return fail('invalid_blocks', { errors, response_metadata: { messages: errors } });
    }
    const metadata = this.parseMetadata(args.metadata);
    if (metadata === 'invalid') return fail('invalid_metadata_format');
    if (text !== undefined) m.text = text;
    if (Array.isArray(blocks)) {
      if (blocks.length) m.blocks = blocks;
      else delete m.blocks;
    }
    if (metadata) m.metadata = metadata;
    m.edited = { user: this.ctx.botUserId, ts: this.state.nextTs() };
    this.state.emit({ kind: 'message', channel: c.id, ts: m.ts, action: 'updated' });
    return { ok: true, channel: c.id, ts: m.ts, text: m.text, message: this.messageJson(m) };
  }

  private postEphemeral(args: Args): Body {
    const c = this.visible(str(args.channel) ?? '', true);
    if (!c) return fail('channel_not_found');
    if (!c.members.has(this.ctx.botUserId)) return fail('not_in_channel');
    const userId = str(args.user) ?? '';
    if (!this.state.users.has(userId)) return fail('user_not_found');
    if (!c.members.has(userId)) return fail('user_not_in_channel');
    const bad = this.checkContent(args, 'message');
    if (bad) return bad;
    const ts = this.state.nextTs();
    const threadTs = str(args.thread_ts);
    this.state.ephemerals.push({
      channel: c.id,
      user: userId,
      ts,
      text: str(args.text) ?? '',
      via: 'api',
      ...(Array.isArray(args.blocks) ? { blocks: args.blocks } : {}),
      ...(threadTs ? { thread_ts: threadTs } : {}),
    });
    this.state.emit({ kind: 'ephemeral', channel: c.id, user: userId });
    return { ok: true, message_ts: ts };
  }

  private deleteMessage(args: Args): Body {
    const c = this.visible(str(args.channel) ?? '');
    if (!c) return fail('channel_not_found');
    const ts = str(args.ts) ?? '';
    const m = this.state.findMessage(c.id, ts);
    if (!m) return fail('message_not_found');
    if (m.user !== this.ctx.botUserId) return fail('cant_delete_message');
    this.state.deleteMessage(c.id, ts);
    return { ok: true, channel: c.id, ts };
  }

  private permalink(args: Args): Body {
    const c = this.visible(str(args.channel) ?? '');
    if (!c) return fail('channel_not_found');
    const m = this.state.findMessage(c.id, str(args.message_ts) ?? '');
    if (!m) return fail('message_not_found');
    let permalink = `${this.ctx.baseUrl()}/archives/${c.id}/p${m.ts.replace('.', '')}`;
    if (m.thread_ts && m.thread_ts !== m.ts) permalink += `?thread_ts=${m.thread_ts}&cid=${c.id}`;
    return { ok: true, channel: c.id, permalink };
  }

  // ---------- conversations ----------

  private open(args: Args): Body {
    const channelArg = str(args.channel);
    const usersArg = str(args.users);
    if (!usersArg) {
      if (!channelArg) return fail('users_list_not_supplied');
      const c = this.visible(channelArg);
      if (!c || !(c.isIm || c.isMpim)) return fail('channel_not_found');
      return {
        ok: true,
        no_op: true,
        already_open: true,
        channel: bool(args.return_im) ? this.channelJson(c) : { id: c.id },
      };
    }
    const ids = usersArg
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s && s !== this.ctx.botUserId);
    if (ids.length === 0) return fail('not_enough_users');
    if (ids.length > 8) return fail('too_many_users');
    for (const id of ids) {
      const u = this.state.users.get(id);
      if (!u) return fail('user_not_found');
      if (u.deleted) return fail('user_disabled');
    }
    if (ids.length === 1) {
      const id = ids[0] as string;
      const existing = this.state.dmOf(id);
      if (!existing && bool(args.prevent_creation)) return fail('channel_not_found');
      const c = existing ?? this.state.ensureDm(id);
      return {
        ok: true,
        ...(existing ? { no_op: true, already_open: true } : {}),
        channel: bool(args.return_im) ? this.channelJson(c) : { id: c.id },
      };
    }
    const members = new Set([...ids, this.ctx.botUserId]);
    for (const c of this.state.channels.values()) {
      if (c.isMpim && c.members.size === members.size && [...members].every((m) => c.members.has(m))) {
        return { ok: true, no_op: true, already_open: true, channel: { id: c.id } };
      }
    }
    const id = this.state.nextId('G');
    this.state.channels.set(id, {
      id,
      name: `mpdm-${ids.join('--')}-1`,
      isPrivate: true,
      isIm: false,
      isMpim: true,
      members,
      created: Math.floor(this.ctx.realNow() / 1000),
      isArchived: false,
    });
    this.state.emit({ kind: 'workspace' });
    return { ok: true, channel: { id } };
  }

  private list(args: Args): Body {
    const types = new Set((str(args.types) ?? 'public_channel').split(',').map((s) => s.trim()));
    const excludeArchived = bool(args.exclude_archived);
    const all = [...this.state.channels.values()].filter((c) => {
      if (excludeArchived && c.isArchived) return false;
      if (c.isIm) return types.has('im');
      if (c.isMpim) return types.has('mpim') && c.members.has(this.ctx.botUserId);
      if (c.isPrivate) return types.has('private_channel') && c.members.has(this.ctx.botUserId);
      return types.has('public_channel');
    });
    const { page, next } = paginate(all, args, 100);
    return {
      ok: true,
      channels: page.map((c) => this.channelJson(c)),
      response_metadata: { next_cursor: next },
    };
  }

  private history(args: Args): Body {
    const c = this.visible(str(args.channel) ?? '');
    if (!c) return fail('channel_not_found');
    if (!c.members.has(this.ctx.botUserId)) return fail('not_in_channel');
    const inclusive = bool(args.inclusive);
    const oldest = str(args.oldest);
    const latest = str(args.latest);
    const lo = oldest ? tsToMicros(oldest) : Number.NEGATIVE_INFINITY;
    const hi = latest ? tsToMicros(latest) : Number.POSITIVE_INFINITY;
    const top = this.state
      .messagesIn(c.id)
      .filter((m) => !m.thread_ts || m.thread_ts === m.ts || m.reply_broadcast)
      .filter((m) => {
        const t = tsToMicros(m.ts);
        return inclusive ? t >= lo && t <= hi : t > lo && t < hi;
      })
      .reverse();
    const { page, next } = paginate(top, args, 100);
    const metadata = bool(args.include_all_metadata);
    return {
      ok: true,
      messages: page.map((m) => this.messageJson(m, { metadata })),
      has_more: next !== '',
      pin_count: 0,
      response_metadata: { next_cursor: next },
    };
  }

  private replies(args: Args): Body {
    const c = this.visible(str(args.channel) ?? '');
    if (!c) return fail('channel_not_found');
    if (!c.members.has(this.ctx.botUserId)) return fail('not_in_channel');
    const m = this.state.findMessage(c.id, str(args.ts) ?? '');
    if (!m) return fail('thread_not_found');
    const rootTs = m.thread_ts ?? m.ts;
    const root = this.state.findMessage(c.id, rootTs) ?? m;
    const all = [root, ...this.state.repliesOf(c.id, rootTs)];
    const { page, next } = paginate(all, args, 1000);
    const metadata = bool(args.include_all_metadata);
    return {
      ok: true,
      messages: page.map((x) => this.messageJson(x, { metadata })),
      has_more: next !== '',
      response_metadata: { next_cursor: next },
    };
  }

  // ---------- reactions ----------

  private react(args: Args, op: 'add' | 'remove'): Body {
    const channel = str(args.channel);
    const ts = str(args.timestamp);
    if (!channel || !ts) return fail('no_item_specified');
    const name = str(args.name) ?? '';
    if (!/^[a-z0-9_+\-'’]+(::skin-tone-[2-6])?$/i.test(name)) return fail('invalid_name');
    const c = this.visible(channel);
    if (!c) return fail('channel_not_found');
    if (c.isArchived) return fail('is_archived');
    const m = this.state.findMessage(c.id, ts);
    if (!m) return fail('message_not_found');
    if (op === 'add') {
      if (!this.state.addReaction(m, name, this.ctx.botUserId)) return fail('already_reacted');
      this.ctx.onReaction('reaction_added', m, name, this.ctx.botUserId);
    } else {
      if (!this.state.removeReaction(m, name, this.ctx.botUserId)) return fail('no_reaction');
      this.ctx.onReaction('reaction_removed', m, name, this.ctx.botUserId);
    }
    return { ok: true };
  }

  // ---------- views ----------

  private decodeView(args: Args): Record<string, unknown> | Body {
    const v = args.view;
    if (!isObj(v)) return invalidArguments(['failed to parse `view`: must be a JSON object']);
    const problems = validateView(v);
    if (problems.length) return invalidArguments(problems);
    return v;
  }

  private buildView(
    input: Record<string, unknown>,
    base: { id: string; rootId: string; previousId: string | null; state?: SlackView['state'] },
  ): SlackView {
    const type = input.type === 'home' ? 'home' : 'modal';
    return {
      ...input,
      id: base.id,
      team_id: TEAM_ID,
      type,
      ...(type === 'modal'
        ? { title: input.title, submit: input.submit ?? null, close: input.close ?? null }
        : {}),
      blocks: Array.isArray(input.blocks) ? input.blocks : [],
      private_metadata: str(input.private_metadata) ?? '',
      callback_id: str(input.callback_id) ?? '',
      external_id: str(input.external_id) ?? '',
      state: base.state ?? { values: {} },
      hash: this.state.newHash(),
      clear_on_close: bool(input.clear_on_close),
      notify_on_close: bool(input.notify_on_close),
      root_view_id: base.rootId,
      previous_view_id: base.previousId,
      app_id: APP_ID,
      app_installed_team_id: TEAM_ID,
      bot_id: this.ctx.botId,
    };
  }

  /** Exchanges a trigger_id: it must be one the emulator issued, unused, and younger than 3 s. */
  private exchangeTrigger(
    args: Args,
  ): { error: Body } | { error?: undefined; userId: string; consume: () => void } {
    const id = str(args.trigger_id) ?? str(args.interactivity_pointer);
    if (!id) return { error: invalidArguments(['missing required field: trigger_id']) };
    const t = this.state.triggers.get(id);
    if (!t) return { error: fail('invalid_trigger_id') };
    if (t.used) return { error: fail('exchanged_trigger_id') };
    if (this.ctx.realNow() - t.issuedAt > this.ctx.triggerTtlMs) return { error: fail('expired_trigger_id') };
    return {
      userId: t.userId,
      consume: () => {
        t.used = true;
      },
    };
  }

  private externalIdTaken(externalId: unknown, exceptId?: string): boolean {
    const ext = str(externalId);
    if (!ext) return false;
    const r = this.state.findViewByExternalId(ext);
    return r !== undefined && r.view.id !== exceptId;
  }

  private viewsOpen(args: Args, push: boolean): Body {
    const trigger = this.exchangeTrigger(args);
    if (trigger.error) return trigger.error;
    const v = this.decodeView(args);
    if ('ok' in v) return v;
    if (v.type !== 'modal') return invalidArguments(['view type must be modal [json-pointer:/view/type]']);
    if (this.externalIdTaken(v.external_id)) return fail('duplicate_external_id');
    const stack = this.state.stackOf(trigger.userId);
    if (push) {
      if (stack.length === 0) return fail('not_found');
      if (stack.length >= MAX_VIEW_STACK) return fail('push_limit_reached');
    } else if (stack.length) {
      // A new root replaces whatever modal stack the user had open.
      this.state.closeView(stack[0] as string);
    }
    trigger.consume();
    const id = this.state.nextId('V');
    const rootId = push ? (stack[0] as string) : id;
    const previousId = push ? (stack[stack.length - 1] as string) : null;
    const view = this.buildView(v, { id, rootId, previousId });
    this.state.views.set(id, { userId: trigger.userId, view, open: true });
    stack.push(id);
    this.state.emit({ kind: 'view', userId: trigger.userId, viewId: id, action: 'opened' });
    return { ok: true, view };
  }

  private viewsUpdate(args: Args): Body {
    const viewId = str(args.view_id);
    const externalId = str(args.external_id);
    if (!viewId && !externalId) return invalidArguments(['missing required field: view_id or external_id']);
    const v = this.decodeView(args);
    if ('ok' in v) return v;
    const rec = viewId ? this.state.views.get(viewId) : this.state.findViewByExternalId(externalId ?? '');
    if (!rec || (!rec.open && rec.view.type === 'modal')) return fail('not_found');
    if (v.type !== rec.view.type)
      return invalidArguments([`view type must be ${rec.view.type} [json-pointer:/view/type]`]);
    const hash = str(args.hash);
    if (hash && hash !== rec.view.hash) return fail('hash_conflict');
    if (this.externalIdTaken(v.external_id, rec.view.id)) return fail('duplicate_external_id');
    rec.view = this.buildView(v, {
      id: rec.view.id,
      rootId: rec.view.root_view_id,
      previousId: rec.view.previous_view_id,
      state: rec.view.state,
    });
    if (rec.view.type === 'home') this.recordHome(rec.userId, rec.view);
    this.state.emit({ kind: 'view', userId: rec.userId, viewId: rec.view.id, action: 'updated' });
    return { ok: true, view: rec.view };
  }

  private recordHome(userId: string, view: SlackView): void {
    const h = this.state.homeHistory.get(userId) ?? [];
    h.push(view);
    this.state.homeHistory.set(userId, h);
  }

  private viewsPublish(args: Args): Body {
    const userId = str(args.user_id) ?? '';
    const u = this.state.users.get(userId);
    if (!u || u.isBot || u.deleted) return invalidArguments(['invalid `user_id`']);
    const v = this.decodeView(args);
    if ('ok' in v) return v;
    if (v.type !== 'home') return invalidArguments(['view type must be home [json-pointer:/view/type]']);
    const current = this.state.homeHistory.get(userId)?.at(-1);
    const hash = str(args.hash);
    if (hash && current && hash !== current.hash) return fail('hash_conflict');
    const id = current?.id ?? this.state.nextId('V');
    if (this.externalIdTaken(v.external_id, id)) return fail('duplicate_external_id');
    const view = this.buildView(v, { id, rootId: id, previousId: null });
    this.state.views.set(id, { userId, view, open: true });
    this.recordHome(userId, view);
    this.state.emit({ kind: 'view', userId, viewId: id, action: 'published' });
    return { ok: true, view };
  }
}
