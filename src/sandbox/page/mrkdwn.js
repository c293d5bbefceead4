// Slack's mrkdwn, rendered with DOM nodes only: text always goes in as textContent, so nothing a message
// says can become markup on this page. Slack escapes &, < and > in text; tokens in <…> are mentions,
// channels, special mentions, dates and links.

import { formatSlackDate } from './slack-date.js';

/** Common shortcodes; an unknown one stays as `:name:`, as Slack shows a missing custom emoji. */
export const EMOJI = {
  '+1': '👍',
  thumbsup: '👍',
  '-1': '👎',
  thumbsdown: '👎',
  tada: '🎉',
  star: '⭐',
  star2: '🌟',
  sparkles: '✨',
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  ballot_box_with_check: '☑️',
  x: '❌',
  warning: '⚠️',
  no_entry: '⛔',
  hourglass: '⌛',
  hourglass_flowing_sand: '⏳',
  zzz: '💤',
  thread: '🧵',
  new: '🆕',
  memo: '📝',
  eyes: '👀',
  information_source: 'ℹ️',
  grey_question: '❔',
  question: '❓',
  grey_exclamation: '❕',
  exclamation: '❗',
  hourglass_done: '⌛',
  stopwatch: '⏱️',
  alarm_clock: '⏰',
  inbox_tray: '📥',
  outbox_tray: '📤',
  email: '📧',
  envelope: '✉️',
  telephone_receiver: '📞',
  computer: '💻',
  ticket: '🎫',
  seedling: '🌱',
  compass: '🧭',
  calendar: '📅',
  date: '📅',
  spiral_calendar_pad: '🗓️',
  bar_chart: '📊',
  chart_with_upwards_trend: '📈',
  chart_with_downwards_trend: '📉',
  rocket: '🚀',
  fire: '🔥',
  heart: '❤️',
  clap: '👏',
  raised_hands: '🙌',
  pray: '🙏',
  wave: '👋',
  bulb: '💡',
  trophy: '🏆',
  medal: '🏅',
  dart: '🎯',
  mega: '📣',
  loudspeaker: '📢',
  bell: '🔔',
  construction: '🚧',
  rotating_light: '🚨',
  speech_balloon: '💬',
  busts_in_silhouette: '👥',
  bust_in_silhouette: '👤',
  point_right: '👉',
  arrow_right: '➡️',
  arrow_up: '⬆️',
  arrow_down: '⬇️',
  link: '🔗',
  lock: '🔒',
  gear: '⚙️',
  wrench: '🔧',
  hammer_and_wrench: '🛠️',
  mag: '🔍',
  package: '📦',
  clipboard: '📋',
  pushpin: '📌',
  round_pushpin: '📍',
  triangular_flag_on_post: '🚩',
  checkered_flag: '🏁',
  pencil2: '✏️',
  straight_ruler: '📏',
  scales: '⚖️',
  raised_hand: '✋',
  wastebasket: '🗑️',
  large_green_circle: '🟢',
  large_yellow_circle: '🟡',
  red_circle: '🔴',
  large_blue_circle: '🔵',
  white_circle: '⚪',
  black_circle: '⚫',
  smile: '😄',
  slightly_smiling_face: '🙂',
  thinking_face: '🤔',
  muscle: '💪',
  handshake: '🤝',
  moneybag: '💰',
  customer: '🧑',
  one: '1️⃣',
  two: '2️⃣',
  three: '3️⃣',
  four: '4️⃣',
  five: '5️⃣',
  six: '6️⃣',
  seven: '7️⃣',
  eight: '8️⃣',
  nine: '9️⃣',
  keycap_ten: '🔟',
  zero: '0️⃣',
};

export function emojiOf(name) {
  return Object.hasOwn(EMOJI, name) ? EMOJI[name] : null;
}

/** Slack's three entities, decoded once (so a typed `&lt;` shows as `&lt;`, not `<`). */
export function decodeEntities(text) {
  return text.replace(/&(amp|lt|gt);/g, (_m, e) => (e === 'amp' ? '&' : e === 'lt' ? '<' : '>'));
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const SAFE_LINK = /^(https?:|mailto:)/i;

/** A `<…>` token: user / channel mention, special mention, date, or link. */
function token(inner, ctx) {
  const [target, label] = splitOnce(inner, '|');
  if (target.startsWith('@')) {
    const id = target.slice(1);
    const span = el('span', 'mention', `@${ctx.userName(id) ?? label ?? id}`);
    span.dataset.user = id;
    if (id === ctx.me) span.classList.add('mention-me');
    return span;
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    return el('span', 'mention channel-mention', `#${ctx.channelName(id) ?? label ?? id}`);
  }
  if (target.startsWith('!')) {
    const [name] = splitOnce(target.slice(1), '^');
    if (name === 'date') return slackDate(target, label, ctx);
    if (name === 'subteam') return el('span', 'mention', `@${label ?? 'group'}`);
    return el('span', 'mention mention-me', `@${name}`);
  }
  const url = decodeEntities(target);
  if (!SAFE_LINK.test(url)) return document.createTextNode(decodeEntities(label ?? target));
  const a = el('a', 'link', decodeEntities(label ?? target));
  a.href = url;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  return a;
}

/**
 * `<!date^seconds^format^link|fallback>` in the reader's zone and words (`ctx.zone`, `ctx.locale`, "now" from `ctx.now`, the
 * sandbox clock); the fallback when the format is not Slack's.
 */
function slackDate(target, label, ctx) {
  const [, seconds, format, link] = target.split('^');
  const shown = formatSlackDate(
    seconds,
    decodeEntities(format ?? ''),
    ctx.zone ?? 'UTC',
    ctx.now ?? Date.now(),
    ctx.locale ?? 'en-US',
  );
  const text = shown ?? decodeEntities(label ?? '');
  const url = link === undefined ? '' : decodeEntities(link);
  const node = SAFE_LINK.test(url) ? el('a', 'link slack-date', text) : el('span', 'slack-date', text);
  if (node.tagName === 'A') {
    node.href = url;
    node.target = '_blank';
    node.rel = 'noopener noreferrer';
  }
  // The moment itself on hover, as Slack shows it; `data-fallback` for tests.
  const ms = Number(seconds) * 1000;
  if (Number.isFinite(ms) && Math.abs(ms) <= 8.64e15) node.title = new Date(ms).toISOString();
  node.dataset.fallback = decodeEntities(label ?? '');
  return node;
}

function splitOnce(text, sep) {
  const i = text.indexOf(sep);
  return i < 0 ? [text, undefined] : [text.slice(0, i), text.slice(i + 1)];
}

// Bold, italic and strike follow Slack: the markers sit at word boundaries and do not span lines.
const INLINE =
  /`([^`\n]+)`|<([^<>\n]+)>|(?<![\p{L}\p{N}*])\*(?!\s)([^*\n]+?)\*(?![\p{L}\p{N}*])|(?<![\p{L}\p{N}_])_(?!\s)([^_\n]+?)_(?![\p{L}\p{N}_])|(?<![\p{L}\p{N}~])~(?!\s)([^~\n]+?)~(?![\p{L}\p{N}~])|:([a-z0-9_+'-]+):/gu;

/** Inline mrkdwn of one line into `parent`. */
function inline(text, parent, ctx, opts = {}) {
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) parent.append(decodeEntities(text.slice(last, m.index)));
    last = m.index + m[0].length;
    if (m[1] !== undefined) parent.append(el('code', 'code', decodeEntities(m[1])));
    else if (m[2] !== undefined) parent.append(token(m[2], ctx));
    else if (m[3] !== undefined) inline(m[3], parent.appendChild(el('strong')), ctx, opts);
    else if (m[4] !== undefined) inline(m[4], parent.appendChild(el('em')), ctx, opts);
    else if (m[5] !== undefined) inline(m[5], parent.appendChild(el('s')), ctx, opts);
    else if (m[6] !== undefined) {
      const glyph = opts.emoji === false ? null : emojiOf(m[6]);
      if (glyph) {
        const span = el('span', 'emoji', glyph);
        span.title = `:${m[6]}:`;
        parent.append(span);
      } else parent.append(m[0]);
    }
  }
  if (last < text.length) parent.append(decodeEntities(text.slice(last)));
}

/**
 * Renders mrkdwn into a container element. `ctx` supplies `me`, `userName(id)` and `channelName(id)`.
 * Code fences (```), quotes (lines starting with `>`), line breaks and the inline forms above.
 */
export function renderMrkdwn(text, ctx, container = el('div', 'mrkdwn')) {
  const parts = String(text ?? '').split('```');
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      container.append(el('pre', 'pre', decodeEntities(part.replace(/^\n/, ''))));
      return;
    }
    const lines = part.split('\n');
    let quote = null;
    lines.forEach((line, j) => {
      const quoted = /^(?:&gt;|>)\s?/.exec(line);
      if (quoted) {
        if (!quote) quote = container.appendChild(el('blockquote', 'quote'));
        else quote.append(el('br'));
        inline(line.slice(quoted[0].length), quote, ctx);
        return;
      }
      quote = null;
      inline(line, container, ctx);
      if (j < lines.length - 1) container.append(el('br'));
    });
  });
  return container;
}

/** A plain_text object: emoji shortcodes become emoji when `emoji` is true; nothing else is parsed. */
export function renderPlain(obj, container = el('span')) {
  const text = String(obj?.text ?? '');
  if (obj?.emoji === false) {
    container.textContent = text;
    return container;
  }
  let last = 0;
  for (const m of text.matchAll(/:([a-z0-9_+'-]+):/g)) {
    const glyph = emojiOf(m[1]);
    if (!glyph) continue;
    container.append(text.slice(last, m.index), glyph);
    last = m.index + m[0].length;
  }
  container.append(text.slice(last));
  return container;
}

/** Either kind of text object. */
export function renderText(obj, ctx, container) {
  if (obj?.type === 'mrkdwn') return renderMrkdwn(obj.text, ctx, container ?? el('div', 'mrkdwn'));
  return renderPlain(obj, container ?? el('span', 'plain'));
}
