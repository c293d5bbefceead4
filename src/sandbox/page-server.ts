/**
 * The sandbox page and its small JSON API, served by the emulator. The page sees what one person would see
 * in Slack (`GET /_sandbox/state?user=…`) and acts as that person through the emulator's own delivery
 * paths: a typed `/cx` is a real signed slash command, a click a real `block_actions`, a reaction a real
 * `reaction_added`. Live updates come from the emulator's change stream (`GET /_emulator/changes`).
 */

import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  DeliveryResult,
  EmuChannel,
  EmuEphemeral,
  EmuMessage,
  FillValue,
  SlackEmulator,
} from './emulator/index.js';
import { Journal } from './journal.js';
import { ReadState } from './reads.js';
import { type AppShortcut, messageShortcuts } from './shortcuts.js';
import { TRAVELS, type Travel, zonedInstant } from './zone-time.js';

export const PAGE_DIR = fileURLToPath(new URL('./page/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** What the page may ask of the sandbox beyond the emulator itself. */
export interface SandboxControl {
  readonly timeZone: string;
  now(): Date;
  travel(to: Travel | Date): Promise<{ from: Date; to: Date }>;
  seedDemo(): Promise<{ ok: boolean; summary: string }>;
}

/** A request the page got wrong: answered 400 with `{ ok: false, error }`. */
class BadRequest extends Error {}

type Json = Record<string, unknown>;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new BadRequest('invalid_json');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new BadRequest('invalid_json');
  return parsed as Json;
}

const str = (body: Json, key: string, required = true): string | undefined => {
  const v = body[key];
  if (typeof v === 'string' && v !== '') return v;
  if (required) throw new BadRequest(`missing ${key}`);
  return undefined;
};

/** A delivery the bot did not take (down, 401, 500) is reported to the page instead of failing silently. */
function outcome(result: DeliveryResult): Json {
  return result.status === 200
    ? { ok: true, status: result.status, ackedInTime: result.ackedInTime }
    : { ok: false, status: result.status, error: `the bot answered HTTP ${result.status}` };
}

/**
 * What the page keeps besides the emulator: read positions, the app's shortcuts from its manifest, and the
 * journal of changes the page catches up with.
 */
export interface PageState {
  reads: ReadState;
  shortcuts: AppShortcut[];
  journal: Journal;
}

export function registerSandboxRoutes(
  emulator: SlackEmulator,
  control: SandboxControl,
  page: PageState = { reads: new ReadState(), shortcuts: messageShortcuts(), journal: new Journal(emulator) },
): PageState {
  const state = emulator.state;

  const user = (body: Json | URLSearchParams): string => {
    const id = body instanceof URLSearchParams ? body.get('user') : body.user;
    if (typeof id !== 'string' || !state.users.has(id) || state.users.get(id)?.isBot) {
      throw new BadRequest('unknown user');
    }
    return id;
  };

  const channel = (body: Json): string => {
    const id = str(body, 'channel') as string;
    if (!state.channels.has(id)) throw new BadRequest('unknown channel');
    return id;
  };

  /** A conversation `userId` can see in the page (their DM, or a channel open to them). */
  const visibleChannel = (body: Json, userId: string): string => {
    const id = channel(body);
    if (!visibleTo(state.channels.get(id) as EmuChannel, userId)) throw new BadRequest('unknown channel');
    return id;
  };

  const route = (
    method: 'GET' | 'POST',
    pathname: string,
    handler: (req: IncomingMessage, url: URL) => Promise<unknown>,
  ) => {
    emulator.addRoute(method, pathname, async (req, res, url) => {
      try {
        send(res, 200, await handler(req, url));
      } catch (error) {
        if (error instanceof BadRequest) send(res, 400, { ok: false, error: error.message });
        else send(res, 502, { ok: false, error: (error as Error).message });
      }
    });
  };

  // ---------- static page ----------
  for (const name of fs.readdirSync(PAGE_DIR)) {
    const type = CONTENT_TYPES[path.extname(name)];
    if (!type) continue;
    const serve = (_req: IncomingMessage, res: ServerResponse) => {
      // Read on each request: the page is a handful of small files, and edits show on reload.
      const body = fs.readFileSync(path.join(PAGE_DIR, name));
      res.writeHead(200, {
        'Content-Type': type,
        'Cache-Control': 'no-cache',
        // The page renders only with its own script and never runs markup from messages.
        'Content-Security-Policy': "default-src 'self'; img-src 'self' data:; style-src 'self'",
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(body);
    };
    emulator.addRoute('GET', `/${name}`, serve);
    if (name === 'index.html') emulator.addRoute('GET', '/', serve);
  }

  // ---------- what one person sees ----------
  route('GET', '/_sandbox/state', async (_req, url) => {
    // Without ?user= the page opens as the first person of the workspace (the admin in the sandbox).
    const first = [...state.users.values()].find((u) => !u.isBot && !u.deleted);
    const me = url.searchParams.get('user') ? user(url.searchParams) : first?.id;
    if (!me) throw new BadRequest('the workspace has no people');
    return viewOf(emulator, control, me, page);
  });

  // What changed for `user` since the version the page holds (`epoch`, `since` from its last answer).
  route('GET', '/_sandbox/changes', async (_req, url) => {
    const me = user(url.searchParams);
    const since = Number(url.searchParams.get('since'));
    const epoch = url.searchParams.get('epoch') ?? '';
    if (!Number.isInteger(since) || !page.journal.canCatchUp(epoch, since)) {
      return { full: viewOf(emulator, control, me, page) };
    }
    return deltaOf(emulator, control, me, page, since);
  });

  // ---------- what one person does ----------
  route('POST', '/_sandbox/command', async (req) => {
    const body = await readJson(req);
    const userId = user(body);
    const channelId = channel(body);
    const text = (str(body, 'text') as string).trim();
    const slash = /^(\/[a-z0-9_-]+)(?:\s+([\s\S]*))?$/i.exec(text);
    if (!slash) {
      // Not a command: an ordinary message (in a thread when the page says so).
      const threadTs = str(body, 'threadTs', false);
      const result = await emulator.userMessage({
        userId,
        channelId,
        text,
        ...(threadTs ? { threadTs } : {}),
      });
      return { ...outcome(result), ts: result.ts };
    }
    const command = (slash[1] as string).toLowerCase();
    if (command !== '/cx') return { ok: false, error: `${command} is not a valid command in this workspace` };
    return outcome(await emulator.command({ userId, channelId, command, text: slash[2] ?? '' }));
  });

  route('POST', '/_sandbox/action', async (req) => {
    const body = await readJson(req);
    const userId = user(body);
    const viewId = str(body, 'viewId', false);
    const input: Parameters<SlackEmulator['blockAction']>[0] = {
      userId,
      actionId: str(body, 'actionId') as string,
    };
    const optional = ['blockId', 'value', 'selectedOption', 'selectedUser', 'selectedDate'] as const;
    for (const key of optional) {
      const v = str(body, key, false);
      if (v !== undefined) input[key] = v;
    }
    if (Array.isArray(body.selectedOptions)) input.selectedOptions = body.selectedOptions.map(String);
    if (viewId) input.viewId = viewId;
    else {
      input.channelId = channel(body);
      input.messageTs = str(body, 'messageTs') as string;
    }
    try {
      return outcome(await emulator.blockAction(input));
    } catch (error) {
      throw new BadRequest((error as Error).message.replace(/^emulator: /, ''));
    }
  });

  route('POST', '/_sandbox/submit', async (req) => {
    const body = await readJson(req);
    const userId = user(body);
    const viewId = str(body, 'viewId') as string;
    const values = (typeof body.values === 'object' && body.values !== null ? body.values : {}) as Record<
      string,
      FillValue
    >;
    let result: Awaited<ReturnType<SlackEmulator['viewSubmission']>>;
    try {
      result = await emulator.viewSubmission({ userId, viewId, values });
    } catch (error) {
      throw new BadRequest((error as Error).message.replace(/^emulator: /, ''));
    }
    const ack = typeof result.body === 'object' && result.body !== null ? (result.body as Json) : {};
    const errors = ack.response_action === 'errors' && typeof ack.errors === 'object' ? ack.errors : null;
    return {
      ...outcome(result),
      viewClosed: result.viewClosed,
      errors,
      problems: result.problems,
    };
  });

  route('POST', '/_sandbox/close', async (req) => {
    const body = await readJson(req);
    const userId = user(body);
    const viewId = str(body, 'viewId') as string;
    const rec = state.views.get(viewId);
    if (!rec?.open || rec.userId !== userId) throw new BadRequest('no such open view');
    const result = await emulator.closeView({ userId, viewId });
    return result ? outcome(result) : { ok: true };
  });

  route('POST', '/_sandbox/react', async (req) => {
    const body = await readJson(req);
    const userId = user(body);
    const channelId = channel(body);
    const ts = str(body, 'ts') as string;
    const name = str(body, 'name') as string;
    if (!/^[a-z0-9_+'-]{1,100}$/.test(name)) throw new BadRequest('invalid emoji name');
    const msg = state.findMessage(channelId, ts);
    if (!msg) throw new BadRequest('no such message');
    const mine = msg.reactions.find((r) => r.name === name)?.users.includes(userId) ?? false;
    const result = mine
      ? await emulator.unreact(userId, channelId, ts, name)
      : await emulator.react(userId, channelId, ts, name);
    return { ...outcome(result), reacted: !mine };
  });

  // The page has shown `user` a conversation up to `ts`: their badge for it goes (Slack's `last_read`).
  route('POST', '/_sandbox/read', async (req) => {
    const body = await readJson(req);
    const userId = user(body);
    const channelId = visibleChannel(body, userId);
    const ts = str(body, 'ts') as string;
    if (!/^\d{1,12}\.\d{6}$/.test(ts)) throw new BadRequest('invalid ts');
    page.reads.mark(userId, channelId, ts);
    return { ok: true };
  });

  // A message shortcut from a message's "⋯" menu: a signed `message_action`, as Slack sends it.
  route('POST', '/_sandbox/shortcut', async (req) => {
    const body = await readJson(req);
    const userId = user(body);
    const channelId = visibleChannel(body, userId);
    const ts = str(body, 'ts') as string;
    const callbackId = str(body, 'callbackId') as string;
    if (!page.shortcuts.some((s) => s.callbackId === callbackId)) {
      throw new BadRequest('the app has no such message shortcut');
    }
    if (!state.findMessage(channelId, ts)) throw new BadRequest('no such message');
    return outcome(await emulator.shortcut({ userId, callbackId, channelId, messageTs: ts }));
  });

  route('POST', '/_sandbox/home', async (req) => {
    const body = await readJson(req);
    return outcome(await emulator.openHome(user(body)));
  });

  route('GET', '/_sandbox/clock', async () => clockOf(control));

  route('POST', '/_sandbox/clock', async (req) => {
    const body = await readJson(req);
    const travel = str(body, 'travel', false);
    const to = str(body, 'to', false);
    const local = str(body, 'local', false);
    let target: Travel | Date;
    if (local !== undefined) {
      target = localTarget(local, str(body, 'zone') as string);
    } else if (travel !== undefined) {
      if (!(TRAVELS as readonly string[]).includes(travel))
        throw new BadRequest(`travel must be one of ${TRAVELS.join(', ')}`);
      target = travel as Travel;
    } else if (to !== undefined && !Number.isNaN(Date.parse(to))) {
      target = new Date(to);
    } else {
      throw new BadRequest('give travel, an ISO-8601 "to", or "local" (YYYY-MM-DDTHH:MM) with its "zone"');
    }
    try {
      const moved = await control.travel(target);
      return { ok: true, from: moved.from.toISOString(), ...clockOf(control) };
    } catch (error) {
      throw new BadRequest((error as Error).message);
    }
  });

  route('POST', '/_sandbox/demo', async () => control.seedDemo());
  return page;
}

/** "Jump to" on the page: a wall-clock time (`2026-09-08T10:00`) in a person's zone, as an instant. */
function localTarget(local: string, zone: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) throw new BadRequest('local must be YYYY-MM-DDTHH:MM');
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) {
    throw new BadRequest('local must be YYYY-MM-DDTHH:MM');
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new BadRequest('unknown zone');
  }
  return zonedInstant(year, month, day, hour, minute, zone);
}

function clockOf(control: SandboxControl): Json {
  return { now: control.now().toISOString(), timeZone: control.timeZone };
}

function messageView(m: EmuMessage, me: string, replies: EmuMessage[]): Json {
  return {
    ts: m.ts,
    user: m.user,
    bot: m.bot_id !== undefined,
    text: m.text,
    blocks: m.blocks ?? null,
    edited: m.edited !== undefined,
    reactions: m.reactions.map((r) => ({ name: r.name, count: r.users.length, mine: r.users.includes(me) })),
    ...(m.thread_ts && m.thread_ts !== m.ts ? { threadTs: m.thread_ts } : {}),
    replyCount: replies.length,
  };
}

function visibleTo(c: EmuChannel, me: string): boolean {
  if (c.isMpim) return false;
  return c.isIm ? c.user === me : !c.isArchived && (!c.isPrivate || c.members.has(me));
}

function usersOf(emulator: SlackEmulator): Json[] {
  return [...emulator.state.users.values()]
    .filter((u) => !u.deleted)
    .map((u) => ({
      id: u.id,
      name: u.name,
      realName: u.realName,
      tz: u.tz,
      // Their Slack locale: the page's own words and date words follow it (issue 14), as in Slack.
      locale: u.locale,
      isAdmin: u.isAdmin || u.isOwner,
      isBot: u.isBot,
    }));
}

/** Unread counts per `user channel`, with the channel's version and read position they were counted at. */
const counted = new WeakMap<PageState, Map<string, { v: number; lastRead: string; unread: number }>>();

/** A person's unread count in a channel, counted again only when its messages or their read position moved. */
function unreadOf(page: PageState, me: string, c: EmuChannel, all: readonly EmuMessage[]): number {
  let counts = counted.get(page);
  if (!counts) {
    counts = new Map();
    counted.set(page, counts);
  }
  const key = `${me} ${c.id}`;
  const v = page.journal.channelVersion(c.id);
  const lastRead = page.reads.lastRead(me, c.id);
  const kept = counts.get(key);
  if (kept && kept.v === v && kept.lastRead === lastRead && v > 0) return kept.unread;
  const unread = page.reads.unread(me, c.id, all);
  counts.set(key, { v, lastRead, unread });
  return unread;
}

function channelOf(c: EmuChannel, me: string, all: readonly EmuMessage[], page: PageState): Json {
  return {
    id: c.id,
    name: c.name,
    kind: c.isIm ? 'dm' : 'channel',
    member: c.members.has(me),
    // This person's own read state: what others posted since they last looked.
    unread: unreadOf(page, me, c, all),
    lastRead: page.reads.lastRead(me, c.id),
  };
}

function ephemeralView(e: EmuEphemeral): Json {
  return {
    channel: e.channel,
    ts: e.ts,
    text: e.text,
    blocks: e.blocks ?? null,
    ...(e.thread_ts ? { threadTs: e.thread_ts } : {}),
  };
}

function modalOf(emulator: SlackEmulator, me: string): unknown {
  const top = emulator.state.stacks.get(me)?.at(-1);
  const modal = top ? emulator.state.views.get(top) : undefined;
  return modal?.open ? modal.view : null;
}

/** Everything one person can see, in one document the page renders (with the version it is as of). */
export function viewOf(emulator: SlackEmulator, control: SandboxControl, me: string, page: PageState): Json {
  const state = emulator.state;
  const channels: Json[] = [];
  const messages: Record<string, Json[]> = {};
  for (const c of state.channels.values()) {
    if (!visibleTo(c, me)) continue;
    const all = state.messageLog.get(c.id) ?? [];
    channels.push(channelOf(c, me, all, page));
    const repliesOf = new Map<string, EmuMessage[]>();
    for (const m of all) {
      if (m.thread_ts && m.thread_ts !== m.ts) {
        const list = repliesOf.get(m.thread_ts) ?? [];
        list.push(m);
        repliesOf.set(m.thread_ts, list);
      }
    }
    messages[c.id] = all.map((m) => messageView(m, me, repliesOf.get(m.ts) ?? []));
  }
  const ephemerals = state.ephemerals
    .filter((e) => e.user === me && !e.deleted && !e.replaced)
    .map(ephemeralView);
  return {
    epoch: page.journal.epoch,
    version: page.journal.version,
    me,
    bot: { id: emulator.botUserId },
    clock: clockOf(control),
    users: usersOf(emulator),
    channels,
    messages,
    ephemerals,
    modal: modalOf(emulator, me),
    home: emulator.homeView(me) ?? null,
    // The app's message shortcuts (manifest.yml), for each message's "⋯" menu.
    shortcuts: page.shortcuts.map((s) => ({
      callbackId: s.callbackId,
      name: s.name,
      description: s.description,
    })),
  };
}

/**
 * What changed for one person after version `since`: each changed message as the full state shows it
 * (or `deleted`), their changed ephemerals (`gone` once replaced or deleted), the channel list with its
 * unread counts, the clock, and the modal and Home when they changed. `applyDelta` (page/delta.js) makes
 * the page's state from it.
 */
export function deltaOf(
  emulator: SlackEmulator,
  control: SandboxControl,
  me: string,
  page: PageState,
  since: number,
): Json {
  const state = emulator.state;
  const journal = page.journal;
  const channels: Json[] = [];
  for (const c of state.channels.values()) {
    if (visibleTo(c, me)) channels.push(channelOf(c, me, state.messageLog.get(c.id) ?? [], page));
  }
  const visible = new Set(channels.map((c) => c.id as string));
  const messages: Json[] = [];
  for (const { channel, ts } of journal.messagesSince(since)) {
    if (!visible.has(channel)) continue;
    // Changed messages are mostly the newest: look from the end.
    const m = state.messageLog.get(channel)?.findLast((x) => x.ts === ts);
    if (!m) {
      messages.push({ channel, ts, deleted: true });
      continue;
    }
    messages.push({ channel, ...messageView(m, me, state.repliesOf(channel, ts)) });
  }
  const ephemerals: Json[] = [];
  for (const e of state.ephemerals) {
    if (e.user !== me || !journal.ephemeralChangedSince(e, since)) continue;
    ephemerals.push(
      e.deleted || e.replaced ? { channel: e.channel, ts: e.ts, gone: true } : ephemeralView(e),
    );
  }
  const views = journal.viewsChangedSince(me, since);
  return {
    epoch: journal.epoch,
    since,
    version: journal.version,
    clock: clockOf(control),
    channels,
    messages,
    ephemerals,
    ...(views ? { modal: modalOf(emulator, me), home: emulator.homeView(me) ?? null } : {}),
  };
}
