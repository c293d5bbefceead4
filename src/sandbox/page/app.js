// The sandbox page: one person's view of the emulated workspace. It renders what GET /_sandbox/state
// returns, acts through the /_sandbox/* API (each act is a real signed delivery to the bot), and
// catches up (GET /_sandbox/changes, only what changed) whenever the emulator's change stream says
// something happened.

import { popupMenu, renderBlocks } from './blocks.js';
import { linkMentions } from './compose.js';
import { applyDelta, changesQuery } from './delta.js';
import { languageOf, translate } from './i18n.js';
import { EMOJI, renderMrkdwn, renderPlain } from './mrkdwn.js';

const $ = (id) => document.getElementById(id);

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const PICKER = [
  'thumbsup',
  'tada',
  'heart',
  'eyes',
  'white_check_mark',
  'rocket',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'keycap_ten',
];

const ui = {
  state: null,
  me: null,
  /** 'channel' or 'app' (the cx-bridge app: Home or Messages tab). */
  place: 'channel',
  channel: null,
  tab: 'home',
  thread: null,
  modalKey: null,
  form: [],
  /** The clock's last move (`{ key, from, zone }` or a server `{ text }`), shown in the reader's words. */
  clockStatus: null,
  /** `user:channel:ts` last reported read, so one look is reported once. */
  marked: new Set(),
};

// ---------- server ----------

async function api(path, body) {
  const res = await fetch(path, {
    method: body ? 'POST' : 'GET',
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  let data = null;
  try {
    data = await res.json();
  } catch {
    data = { ok: false, error: `HTTP ${res.status}` };
  }
  if (!res.ok || data.ok === false) notice(data.error ?? `HTTP ${res.status}`);
  return data;
}

function notice(text) {
  const n = $('notice');
  n.textContent = text ?? '';
  n.classList.toggle('visible', Boolean(text));
  if (text) {
    clearTimeout(notice.timer);
    notice.timer = setTimeout(() => notice(''), 6000);
  }
}

let fetching = false;
let again = false;
/**
 * Brings the page up to date: the first time (or as someone else) the full state, then only what changed
 * since the version it holds (GET /_sandbox/changes), applied by applyDelta.
 */
async function refresh() {
  if (fetching) {
    again = true;
    return;
  }
  fetching = true;
  try {
    const delta = changesQuery(ui.state, ui.me);
    if (delta) {
      const res = await fetch(delta);
      const next = res.ok ? applyDelta(ui.state, await res.json()) : null;
      if (next) {
        ui.state = next;
        render();
        return;
      }
    }
    const q = ui.me ? `?user=${encodeURIComponent(ui.me)}` : '';
    const res = await fetch(`/_sandbox/state${q}`);
    if (res.ok) {
      ui.state = await res.json();
      ui.me = ui.state.me;
      render();
    }
  } finally {
    fetching = false;
    if (again) {
      again = false;
      refresh();
    }
  }
}

let timer = null;
let lastRefresh = 0;
/** The clock is moving (the server says so): jobs on the way post hundreds of messages. */
let moving = false;
/**
 * A delta is small: it is fetched at once, so a reply shows without waiting. While the clock moves, at most
 * every 250 ms, so the browser does not lay out the page again for each of the posts streaming in.
 */
function scheduleRefresh() {
  clearTimeout(timer);
  const wait = moving ? Math.max(0, lastRefresh + 250 - performance.now()) : 0;
  timer = setTimeout(() => {
    lastRefresh = performance.now();
    refresh();
  }, wait);
}

function listen() {
  const source = new EventSource('/_emulator/changes?quiet=1');
  source.onmessage = (e) => {
    try {
      const change = JSON.parse(e.data);
      if (change.kind === 'call' || change.kind === 'delivery') return;
      if (change.kind === 'clock') moving = change.moving === true;
    } catch {
      // an unreadable change still means something changed
    }
    scheduleRefresh();
  };
  source.onopen = () => scheduleRefresh();
}

// ---------- helpers ----------

const userById = (id) => ui.state?.users.find((u) => u.id === id);
const channelById = (id) => ui.state?.channels.find((c) => c.id === id);
const dmChannel = () => ui.state?.channels.find((c) => c.kind === 'dm');

function ctx() {
  return {
    me: ui.me,
    userName: (id) => userById(id)?.realName,
    channelName: (id) => {
      const c = channelById(id);
      return c && c.kind === 'channel' ? c.name : undefined;
    },
    people: () => ui.state.users.filter((u) => !u.isBot),
    // Dates (`<!date^…>`) show in the viewer's own zone, relative to the sandbox clock.
    zone: myZone(),
    now: Date.parse(ui.state.clock.now),
    // …and in the viewer's own words (Today / Heute), as Slack writes them for each reader.
    locale: myLocale(),
    lang: lang(),
  };
}

function formatTime(date, zone, withDate = true) {
  return new Intl.DateTimeFormat(dateLocale(), {
    timeZone: zone,
    weekday: withDate ? 'short' : undefined,
    day: withDate ? 'numeric' : undefined,
    month: withDate ? 'short' : undefined,
    year: withDate ? 'numeric' : undefined,
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

const tsDate = (ts) => new Date(Number(ts) * 1000);
const myZone = () => userById(ui.me)?.tz ?? 'UTC';
/** The acting person's Slack locale: the page's own words follow it, as Slack's chrome does. */
const myLocale = () => userById(ui.me)?.locale ?? 'en-US';
const lang = () => languageOf(myLocale());
const t = (key, params) => translate(lang(), key, params);
/** "1 reply" / "3 replies" (Slack's thread link) in the page's language. */
const replies = (n) => `${n} ${n === 1 ? t('msg.reply') : t('msg.replies')}`;
/** Times and day dividers: English as before (en-GB, 24 h), German in the person's own locale. */
const dateLocale = () => (lang() === 'en' ? 'en-GB' : myLocale());

/** The static words of index.html (`data-i18n`, `data-i18n-aria`, `data-i18n-placeholder`) in `lang()`. */
function renderChrome() {
  const l = lang();
  if (document.documentElement.dataset.chrome === l) return;
  document.documentElement.dataset.chrome = l;
  document.documentElement.lang = l;
  document.title = t('page.title');
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-aria]')) {
    node.setAttribute('aria-label', t(node.dataset.i18nAria));
  }
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) {
    node.placeholder = t(node.dataset.i18nPlaceholder);
  }
}

function currentChannelId() {
  if (ui.place === 'app') return ui.tab === 'messages' ? dmChannel()?.id : null;
  return ui.channel;
}

function saveLocation() {
  const parts = [`user=${ui.me}`];
  if (ui.place === 'app') parts.push(`app=${ui.tab}`);
  else if (ui.channel) parts.push(`channel=${ui.channel}`);
  history.replaceState(null, '', `#${parts.join('&')}`);
}

function readLocation() {
  const params = new URLSearchParams(location.hash.slice(1));
  if (params.get('user')) ui.me = params.get('user');
  if (params.get('app')) {
    ui.place = 'app';
    ui.tab = params.get('app') === 'messages' ? 'messages' : 'home';
  } else if (params.get('channel')) ui.channel = params.get('channel');
}

// ---------- acting ----------

async function sendText(text, threadTs) {
  const channel = currentChannelId();
  if (!channel || !text.trim()) return false;
  // Typed `@maya` / `#cx-sales` become mentions, as if picked from Slack's autocomplete.
  const body = { user: ui.me, channel, text: linkMentions(text.trim(), ui.state.users, ui.state.channels) };
  if (threadTs && !text.trim().startsWith('/')) body.threadTs = threadTs;
  const res = await api('/_sandbox/command', body);
  scheduleRefresh();
  return res.ok !== false;
}

async function act(action, where) {
  await api('/_sandbox/action', { user: ui.me, ...where, ...action });
  scheduleRefresh();
}

async function toggleReaction(channel, ts, name) {
  await api('/_sandbox/react', { user: ui.me, channel, ts, name });
  scheduleRefresh();
}

/** A message shortcut from the message's "⋯" menu: Slack sends the app a signed `message_action`. */
async function runShortcut(channel, ts, callbackId) {
  await api('/_sandbox/shortcut', { user: ui.me, channel, ts, callbackId });
  scheduleRefresh();
}

/**
 * Slack's "More actions" on a message: the app's message shortcuts (manifest.yml). Escape or a click
 * elsewhere closes it.
 */
function messageMenu(channelId, ts) {
  const wrap = el('span', 'msg-menu');
  const button = el('button', 'msg-menu-button', '⋯');
  button.type = 'button';
  button.title = t('msg.moreActions');
  button.setAttribute('aria-label', t('msg.actions'));
  button.setAttribute('aria-haspopup', 'menu');
  button.setAttribute('aria-expanded', 'false');
  const list = el('div', 'msg-menu-list');
  list.setAttribute('role', 'menu');
  list.hidden = true;
  const close = popupMenu(wrap, button, list);
  const shortcuts = ui.state.shortcuts ?? [];
  if (shortcuts.length === 0) list.append(el('div', 'msg-menu-empty', t('msg.noShortcuts')));
  for (const sc of shortcuts) {
    const item = el('button', 'msg-menu-item', sc.name);
    item.type = 'button';
    item.setAttribute('role', 'menuitem');
    item.title = sc.description;
    item.dataset.callbackId = sc.callbackId;
    item.addEventListener('click', () => {
      close();
      runShortcut(channelId, ts, sc.callbackId);
    });
    list.append(item);
  }
  list.prepend(el('div', 'msg-menu-heading', 'cx-bridge'));
  wrap.append(button, list);
  return wrap;
}

function openPicker(anchor, channel, ts) {
  const picker = $('emoji-picker');
  picker.replaceChildren();
  for (const name of PICKER) {
    const b = el('button', 'picker-emoji', EMOJI[name]);
    b.type = 'button';
    b.title = `:${name}:`;
    b.dataset.emoji = name;
    b.addEventListener('click', () => {
      picker.hidden = true;
      toggleReaction(channel, ts, name);
    });
    picker.append(b);
  }
  const r = anchor.getBoundingClientRect();
  picker.style.top = `${Math.min(r.bottom + 4, window.innerHeight - 140)}px`;
  picker.style.left = `${Math.min(r.left, window.innerWidth - 280)}px`;
  picker.hidden = false;
}

document.addEventListener('click', (e) => {
  const picker = $('emoji-picker');
  if (!picker.hidden && !picker.contains(e.target) && !e.target.closest('.add-reaction'))
    picker.hidden = true;
});

// ---------- rendering ----------

function render() {
  const s = ui.state;
  if (!s) return;
  if (!ui.channel || !channelById(ui.channel)) {
    ui.channel = s.channels.find((c) => c.kind === 'channel')?.id ?? null;
  }
  markRead(currentChannelId());
  renderChrome();
  renderSwitcher();
  renderSidebar();
  renderClock();
  renderMain();
  renderThread();
  renderModal();
  saveLocation();
  document.body.dataset.ready = 'true';
}

/** The open conversation is read, as in Slack: its badge goes, for this person only. */
function markRead(channelId) {
  const c = channelId ? channelById(channelId) : null;
  if (!c) return;
  c.unread = 0;
  const last = ui.state.messages[channelId]?.at(-1)?.ts;
  if (!last || last === c.lastRead) return;
  const key = `${ui.me}:${channelId}:${last}`;
  if (ui.marked.has(key)) return;
  ui.marked.add(key);
  api('/_sandbox/read', { user: ui.me, channel: channelId, ts: last });
}

const unreadOf = (channelId) => channelById(channelId)?.unread ?? 0;

function renderSwitcher() {
  const select = $('user-switcher');
  const people = ui.state.users.filter((u) => !u.isBot);
  if (select.options.length !== people.length || select.dataset.lang !== lang()) {
    select.replaceChildren(
      ...people.map((u) => new Option(`${u.realName}${u.isAdmin ? t('nav.admin') : ''}`, u.id)),
    );
    select.dataset.lang = lang();
  }
  select.value = ui.me;
  const me = userById(ui.me);
  $('user-meta').textContent = me ? `@${me.name} · ${me.tz}` : '';
}

function renderSidebar() {
  const list = $('channel-list');
  list.replaceChildren();
  for (const c of ui.state.channels.filter((x) => x.kind === 'channel')) {
    const li = el('li');
    const b = el('button', 'nav-item', `# ${c.name}`);
    b.type = 'button';
    b.dataset.channel = c.id;
    if (ui.place === 'channel' && ui.channel === c.id) b.classList.add('active');
    const unread = unreadOf(c.id);
    if (unread > 0) {
      b.classList.add('unread');
      b.append(el('span', 'badge', String(unread)));
    }
    b.addEventListener('click', () => {
      ui.place = 'channel';
      ui.channel = c.id;
      ui.thread = null;
      render();
      scrollToBottom(true);
    });
    li.append(b);
    list.append(li);
  }
  const app = $('nav-app');
  app.classList.toggle('active', ui.place === 'app');
  app.replaceChildren('cx-bridge');
  const dm = dmChannel();
  const unread = dm ? unreadOf(dm.id) : 0;
  if (unread > 0) {
    app.classList.add('unread');
    app.append(el('span', 'badge', String(unread)));
  } else app.classList.remove('unread');
}

function renderClock() {
  const { now, timeZone } = ui.state.clock;
  const date = new Date(now);
  $('clock-now').textContent = `${formatTime(date, timeZone)} (${timeZone})`;
  const me = userById(ui.me);
  $('clock-local').textContent = me
    ? t('clock.for', { name: me.realName.split(' ')[0], time: formatTime(date, me.tz) })
    : '';
  $('clock-now').dataset.iso = now;
  $('jump-zone').textContent = me
    ? t('clock.zoneOf', { name: me.realName.split(' ')[0], zone: me.tz })
    : timeZone;
  const input = $('jump-at');
  // Offers the acting person's "now" as the starting point; a typed value is left alone.
  if (!input.value || input.dataset.auto === 'true') {
    input.value = localInput(date, myZone());
    input.dataset.auto = 'true';
  }
  renderClockStatus();
}

/** The last move of the clock, in the words of whoever looks now (a switch re-renders it). */
function renderClockStatus() {
  const st = ui.clockStatus;
  $('clock-status').textContent = !st
    ? ''
    : (st.text ?? t(st.key, st.from ? { time: formatTime(new Date(st.from), st.zone) } : {}));
}

/** `YYYY-MM-DDTHH:MM` of `date` in `zone`: what a datetime-local input shows. */
function localInput(date, zone) {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(date)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

function renderMain() {
  const s = ui.state;
  const inApp = ui.place === 'app';
  $('app-tabs').hidden = !inApp;
  $('tab-home').classList.toggle('active', inApp && ui.tab === 'home');
  $('tab-messages').classList.toggle('active', inApp && ui.tab === 'messages');
  $('tab-home').setAttribute('aria-selected', String(inApp && ui.tab === 'home'));
  $('tab-messages').setAttribute('aria-selected', String(inApp && ui.tab === 'messages'));
  const showHome = inApp && ui.tab === 'home';
  $('home').hidden = !showHome;
  $('messages').hidden = showHome;
  $('composer').hidden = showHome;
  if (inApp) {
    $('title').textContent = 'cx-bridge';
    $('subtitle').textContent = showHome ? t('main.appHome') : t('main.dmSubtitle');
  } else {
    const c = channelById(ui.channel);
    $('title').textContent = c ? `# ${c.name}` : '';
    $('subtitle').textContent = c && !c.member ? t('main.notMember') : '';
  }
  const input = $('composer-input');
  input.placeholder = inApp
    ? t('composer.app')
    : t('composer.channel', { channel: channelById(ui.channel)?.name ?? '' });
  if (showHome) renderHome(s.home);
  else renderMessages(currentChannelId());
}

function renderHome(view) {
  const home = $('home');
  home.replaceChildren();
  if (!view) {
    home.append(el('p', 'empty', t('home.empty')));
    return;
  }
  home.append(
    renderBlocks(view.blocks, ctx(), { surface: 'home', onAction: (a) => act(a, { viewId: view.id }) }),
  );
}

function renderMessages(channelId) {
  const box = $('messages');
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
  if (!channelId) {
    box.replaceChildren();
    return;
  }
  const s = ui.state;
  const items = [
    ...(s.messages[channelId] ?? []).filter((m) => !m.threadTs).map((m) => ({ m, eph: false })),
    ...s.ephemerals.filter((e) => e.channel === channelId && !e.threadTs).map((m) => ({ m, eph: true })),
  ].sort((a, b) => Number(a.m.ts) - Number(b.m.ts));
  const nodes = [];
  if (items.length === 0) nodes.push(el('p', 'empty', t('messages.empty')));
  let lastDay = '';
  const days = new Intl.DateTimeFormat(dateLocale(), {
    timeZone: myZone(),
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  // What a message's node depends on besides the message itself: who reads it, in which words and zone, when.
  const key = `${ui.me}|${lang()}|${myZone()}|${s.clock.now}`;
  if (dividers.key !== key) {
    dividers.key = key;
    dividers.nodes.clear();
  }
  for (const { m, eph } of items) {
    const day = days.format(tsDate(m.ts));
    if (day !== lastDay) {
      let divider = dividers.nodes.get(day);
      if (!divider) {
        divider = el('div', 'day-divider', day);
        dividers.nodes.set(day, divider);
      }
      nodes.push(divider);
      lastDay = day;
    }
    nodes.push(listedNode(m, channelId, eph, key));
  }
  showNodes(box, nodes);
  if (atBottom || ui.scrollNext) scrollToBottom(true);
}

/** Day dividers kept like message nodes (`key` as there), one per day shown. */
const dividers = { key: '', nodes: new Map() };

/**
 * Makes `box` hold exactly `nodes`, in order, moving as little as it can: a node that stays where it was is
 * not touched, so after a year the browser lays out the new reply, not the whole conversation again.
 */
function showNodes(box, nodes) {
  const wanted = new Set(nodes);
  for (const child of [...box.children]) if (!wanted.has(child)) child.remove();
  nodes.forEach((node, i) => {
    const here = box.children[i];
    if (here !== node) box.insertBefore(node, here ?? null);
  });
}

/**
 * A message's node in the conversation, kept while neither the message nor `key` changes: a delta replaces
 * only the messages that changed, so after a year the page builds a few nodes per change, not a thousand.
 */
const listed = new WeakMap();
function listedNode(m, channelId, ephemeral, key) {
  const kept = listed.get(m);
  if (kept?.key === key) return kept.node;
  const node = messageNode(m, channelId, { ephemeral, inThread: false });
  listed.set(m, { key, node });
  return node;
}

function scrollToBottom(force) {
  ui.scrollNext = force;
  const box = $('messages');
  requestAnimationFrame(() => {
    box.scrollTop = box.scrollHeight;
    ui.scrollNext = false;
  });
}

function messageNode(m, channelId, { ephemeral, inThread }) {
  const node = el('article', `msg${ephemeral ? ' ephemeral' : ''}`);
  node.dataset.ts = m.ts;
  node.dataset.channel = channelId;
  const head = el('div', 'msg-head');
  const author = ephemeral ? null : userById(m.user);
  const name = ephemeral || m.bot ? 'cx-bridge' : (author?.realName ?? m.user);
  head.append(el('span', 'author', name));
  if (ephemeral || m.bot) head.append(el('span', 'app-badge', 'APP'));
  const time = el('time', 'msg-time', formatTime(tsDate(m.ts), myZone(), false));
  time.title = formatTime(tsDate(m.ts), myZone());
  head.append(time);
  if (m.edited) head.append(el('span', 'edited', t('msg.edited')));
  if (!ephemeral) head.append(messageMenu(channelId, m.ts));
  node.append(head);
  if (ephemeral) node.append(el('div', 'only-you', t('msg.onlyYou')));

  const body = el('div', 'msg-body');
  const where = { channel: channelId, messageTs: m.ts };
  if (Array.isArray(m.blocks) && m.blocks.length > 0) {
    body.append(renderBlocks(m.blocks, ctx(), { surface: 'message', onAction: (a) => act(a, where) }));
  } else {
    body.append(renderMrkdwn(m.text, ctx()));
  }
  node.append(body);

  if (!ephemeral) {
    const bar = el('div', 'reactions');
    for (const r of m.reactions) {
      const pill = el('button', `reaction${r.mine ? ' mine' : ''}`);
      pill.type = 'button';
      pill.dataset.emoji = r.name;
      pill.title = `:${r.name}:`;
      pill.append(EMOJI[r.name] ?? `:${r.name}:`, el('span', 'count', String(r.count)));
      pill.addEventListener('click', () => toggleReaction(channelId, m.ts, r.name));
      bar.append(pill);
    }
    const add = el('button', 'add-reaction', '☺+');
    add.type = 'button';
    add.title = t('msg.addReaction');
    add.setAttribute('aria-label', t('msg.addReaction'));
    add.addEventListener('click', () => openPicker(add, channelId, m.ts));
    bar.append(add);
    if (!inThread) {
      const reply = el(
        'button',
        'reply-link',
        m.replyCount > 0 ? replies(m.replyCount) : t('msg.replyInThread'),
      );
      reply.type = 'button';
      if (m.replyCount > 0) reply.classList.add('has-replies');
      reply.addEventListener('click', () => {
        ui.thread = { channel: channelId, ts: m.ts };
        renderThread();
      });
      bar.append(reply);
    }
    node.append(bar);
  }
  return node;
}

function renderThread() {
  const pane = $('thread');
  const open = ui.thread;
  if (!open || open.channel !== currentChannelId()) {
    pane.hidden = true;
    return;
  }
  const s = ui.state;
  const all = s.messages[open.channel] ?? [];
  const parent = all.find((m) => m.ts === open.ts);
  if (!parent) {
    pane.hidden = true;
    return;
  }
  pane.hidden = false;
  const box = $('thread-messages');
  box.replaceChildren(messageNode(parent, open.channel, { ephemeral: false, inThread: true }));
  const shown = [
    ...all.filter((m) => m.threadTs === open.ts).map((m) => ({ m, eph: false })),
    ...s.ephemerals
      .filter((e) => e.channel === open.channel && e.threadTs === open.ts)
      .map((m) => ({ m, eph: true })),
  ].sort((a, b) => Number(a.m.ts) - Number(b.m.ts));
  box.append(el('div', 'thread-count', replies(shown.length)));
  for (const { m, eph } of shown)
    box.append(messageNode(m, open.channel, { ephemeral: eph, inThread: true }));
}

function renderModal() {
  const root = $('modal-root');
  const view = ui.state.modal;
  const key = view ? `${ui.me}:${view.id}:${view.hash}` : null;
  if (key === ui.modalKey) return;
  ui.modalKey = key;
  root.replaceChildren();
  ui.form = [];
  if (!view) return;
  const overlay = el('div', 'modal-overlay');
  const dialog = el('form', 'modal');
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('aria-modal', 'true');
  dialog.noValidate = true;
  const head = el('header', 'modal-header');
  const title = renderPlain(view.title, el('h2', 'modal-title'));
  dialog.setAttribute('aria-label', title.textContent);
  const x = el('button', 'modal-x', '×');
  x.type = 'button';
  x.setAttribute('aria-label', t('modal.close'));
  x.addEventListener('click', () => closeModal(view));
  head.append(title, x);
  const form = [];
  const body = el('div', 'modal-body');
  body.append(
    renderBlocks(view.blocks, ctx(), {
      surface: 'modal',
      form,
      onAction: (a) => act(a, { viewId: view.id }),
    }),
  );
  const foot = el('footer', 'modal-footer');
  const close = el('button', 'bk-button', view.close ? view.close.text : t('modal.close'));
  close.type = 'button';
  close.addEventListener('click', () => closeModal(view));
  foot.append(close);
  if (view.submit) {
    const submit = el('button', 'bk-button bk-primary', view.submit.text);
    submit.type = 'submit';
    foot.append(submit);
  }
  dialog.addEventListener('submit', (e) => {
    e.preventDefault();
    submitModal(view, form, dialog);
  });
  dialog.append(head, body, foot);
  overlay.append(dialog);
  root.append(overlay);
  ui.form = form;
  dialog.querySelector('input, select, textarea')?.focus();
}

async function closeModal(view) {
  await api('/_sandbox/close', { user: ui.me, viewId: view.id });
  scheduleRefresh();
}

async function submitModal(view, form, dialog) {
  let missing = false;
  const values = {};
  for (const f of form) {
    const v = f.get();
    const empty = v === null || (Array.isArray(v) && v.length === 0);
    f.error.textContent = '';
    // Slack itself refuses an empty required field before anything reaches the app.
    if (empty && !f.optional) {
      f.error.textContent = t('modal.required');
      missing = true;
    } else if (!empty && f.minLength && String(v).length < f.minLength) {
      f.error.textContent = t('modal.minLength', { n: f.minLength });
      missing = true;
    }
    values[f.key] = v;
  }
  if (missing) return;
  const submit = dialog.querySelector('button[type=submit]');
  if (submit) submit.disabled = true;
  const res = await api('/_sandbox/submit', { user: ui.me, viewId: view.id, values });
  if (submit) submit.disabled = false;
  if (res.errors) {
    for (const f of form) f.error.textContent = res.errors[f.blockId] ?? '';
  }
  scheduleRefresh();
}

// ---------- wiring ----------

function wire() {
  $('user-switcher').addEventListener('change', (e) => {
    ui.me = e.target.value;
    ui.thread = null;
    ui.modalKey = undefined;
    refresh().then(() => scrollToBottom(true));
  });
  $('nav-app').addEventListener('click', () => openApp('home'));
  $('tab-home').addEventListener('click', () => openApp('home'));
  $('tab-messages').addEventListener('click', () => openApp('messages'));
  $('thread-close').addEventListener('click', () => {
    ui.thread = null;
    renderThread();
  });
  const submitOnEnter = (input, form) =>
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        form.requestSubmit();
      }
    });
  submitOnEnter($('composer-input'), $('composer'));
  submitOnEnter($('thread-input'), $('thread-composer'));
  $('composer').addEventListener('submit', async (e) => {
    e.preventDefault();
    const input = $('composer-input');
    const text = input.value;
    input.value = '';
    if (!(await sendText(text))) input.value = text;
    scrollToBottom(true);
  });
  $('thread-composer').addEventListener('submit', async (e) => {
    e.preventDefault();
    const input = $('thread-input');
    const text = input.value;
    input.value = '';
    if (!(await sendText(text, ui.thread?.ts))) input.value = text;
  });
  for (const b of document.querySelectorAll('[data-travel]')) {
    b.addEventListener('click', () => travel({ travel: b.dataset.travel }));
  }
  $('jump-at').addEventListener('input', (e) => {
    e.target.dataset.auto = 'false';
  });
  $('jump').addEventListener('submit', (e) => {
    e.preventDefault();
    // The wall-clock time is the acting person's: "Monday 10:00 for June" means 10:00 in Los Angeles.
    travel({ local: $('jump-at').value, zone: myZone() });
  });
  $('demo-button').addEventListener('click', async () => {
    const b = $('demo-button');
    b.disabled = true;
    $('demo-status').textContent = t('demo.typing');
    const res = await api('/_sandbox/demo', {});
    $('demo-status').textContent = res.summary ?? res.error ?? '';
    b.disabled = false;
  });
}

async function openApp(tab) {
  ui.place = 'app';
  ui.tab = tab;
  ui.thread = null;
  render();
  // Opening the Home tab is an app_home_opened event, as in Slack, so the bot can publish a fresh view.
  if (tab === 'home') await api('/_sandbox/home', { user: ui.me });
  else scrollToBottom(true);
  scheduleRefresh();
}

async function travel(where) {
  const buttons = document.querySelectorAll('[data-travel], #jump button');
  for (const b of buttons) b.disabled = true;
  ui.clockStatus = { key: 'clock.moving' };
  renderClockStatus();
  const res = await api('/_sandbox/clock', where);
  $('jump-at').dataset.auto = 'true';
  for (const b of buttons) b.disabled = false;
  ui.clockStatus = res.ok
    ? { key: 'clock.moved', from: res.from, zone: res.timeZone }
    : res.error
      ? { text: res.error }
      : { key: 'clock.notMoved' };
  renderClockStatus();
  scheduleRefresh();
}

readLocation();
wire();
listen();
refresh().then(() => scrollToBottom(true));
