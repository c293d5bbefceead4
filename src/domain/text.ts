/** Pure string rules for text that travels between Slack and storage. */

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/**
 * Slack escapes `&`, `<`, `>` in command text; undo it so text is stored as the user typed it.
 * One pass, so `&amp;lt;` (a typed `&lt;`) becomes `&lt;` and not `<`.
 */
export function unescapeSlack(text: string): string {
  return text.replace(/&(?:amp|lt|gt);/g, (entity) => ENTITIES[entity] ?? entity);
}

/**
 * Escapes `&`, `<`, `>`: Slack only parses control sequences (`<!channel>`, `<@U1>`, `<#C1>`, links)
 * inside `<…>`, so escaped text shows as the literal characters and pings nobody — provided the message
 * is not sent with `link_names`/`parse: full`, which would turn plain `@channel` into a ping.
 * Formatting (`*bold*`) and emoji (`:tada:`) are left alone.
 */
export function escapeSlack(text: string): string {
  if (!MARKUP.test(text)) return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Any character escapeSlack changes; most titles have none, and then the text is returned as it is. */
const MARKUP = /[&<>]/;

/** Any line break: CR LF, LF, CR, vertical tab, form feed, NEL, Unicode line and paragraph separators. */
const BREAKS = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;
/**
 * Characters that are invisible yet change what is shown: bidi embeddings, overrides, isolates and marks
 * (U+202E turns `txt.exe` around), the Arabic letter mark, C0 and C1 controls other than tab and line
 * breaks (those are folded first), and halves of surrogate pairs (not text at all; JSON can't carry them).
 */
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Any character visibleLine or visibleLines might fold or drop: controls (which include tab and the line
 * breaks), NEL, the line and paragraph separators, bidi marks and every surrogate (a whole pair, an emoji,
 * takes the slow path too). Text without one (nearly every title) is already visible and on one line.
 */
const NOT_PLAIN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ud800-\udfff]/;

/**
 * What a person typed, as one line: each run of line breaks (and tabs) becomes one space, invisible
 * controls are dropped (a broken surrogate becomes U+FFFD). For titles, pain points, names, units,
 * reasons: wherever the text sits inside a line of ours, it can never start a line of its own.
 * Linear time; never longer than the input.
 */
export function visibleLine(text: string): string {
  if (!NOT_PLAIN.test(text)) return text;
  return dropInvisible(text).replace(/(?:\r\n|[\n\r\v\f\u0085\u2028\u2029\t])+/g, ' ');
}

/**
 * What a person typed, keeping its lines (tabs become spaces, at most one blank line in a row, none at
 * either end), invisible controls dropped as in `visibleLine`. For notes shown on their own.
 */
export function visibleLines(text: string): string[] {
  const out: string[] = [];
  for (const line of dropInvisible(text).replace(/\t/g, ' ').split(BREAKS)) {
    const blank = line.trim() === '';
    if (blank && (out.length === 0 || (out.at(-1) ?? '').trim() === '')) continue;
    out.push(line);
  }
  while (out.length > 0 && (out.at(-1) ?? '').trim() === '') out.pop();
  return out;
}

function dropInvisible(text: string): string {
  if (!NOT_PLAIN.test(text)) return text;
  return text.replace(INVISIBLE, (c) => (c >= '\ud800' && c <= '\udfff' ? '\ufffd' : ''));
}

/**
 * The one neutralising path for people's text placed inside mrkdwn: one visible line, escaped.
 * `src/slack/messages/mrkdwn.ts` brands its result; nothing else should be needed.
 */
export function neutraliseMentions(text: string): string {
  return keepPeopleAndChannels(visibleLine(text));
}

/**
 * A user mention (`<@U123>`, `<@U123|maria>`) or channel link (`<#C123>`, `<#C123|general>`) as Slack
 * sends it for text typed in a command. Only ids that look like Slack's; the label is dropped (it could
 * say anything: Slack shows the person's or channel's current name from the id).
 */
const PERSON_OR_CHANNEL = /<([@#])([UWCG][A-Z0-9]{1,30})(?:\|[^<>]*)?>/g;

/**
 * Escapes everything (`<!channel>`, `<!subteam^…>`, links, stray `<`) except typed user mentions and
 * channel links, which are kept (normalised to `<@U…>` / `<#C…>`) so they show as mentions and links
 * wherever the text is repeated (the contract's "text from people stays text"). Linear time.
 */
export function keepPeopleAndChannels(text: string): string {
  // No `<`: no mention to keep; no `&`, `<` or `>`: nothing to escape either.
  if (!MARKUP.test(text)) return text;
  let out = '';
  let from = 0;
  for (const m of text.matchAll(PERSON_OR_CHANNEL)) {
    const [whole, sigil, id] = m;
    const kindOk = sigil === '@' ? id?.[0] === 'U' || id?.[0] === 'W' : id?.[0] === 'C' || id?.[0] === 'G';
    if (!kindOk) continue;
    out += `${escapeSlack(text.slice(from, m.index))}<${sigil}${id}>`;
    from = (m.index ?? 0) + whole.length;
  }
  return out + escapeSlack(text.slice(from));
}

const ELLIPSIS = '…';

/**
 * At most `max` UTF-16 units (Slack's limits), ending in `…` when shortened. Never splits a surrogate
 * pair (half an emoji) or an `&amp;`/`&lt;`/`&gt;` entity (which would show as garbage).
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  let cut = max - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  // An entity is at most 5 units long: look back 4 for an `&` whose entity would straddle the cut.
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && amp > cut - 5) {
    const entity = /^&(?:amp|lt|gt);/.exec(text.slice(amp));
    if (entity && amp + entity[0].length > cut) cut = amp;
  }
  return text.slice(0, cut).trimEnd() + ELLIPSIS;
}

/** `▓▓▓▓░░░░░░ 40%`. Rounds down so a bar is full (and 100%) only when everything is done. */
export function progressBar(done: number, total: number, width = 10): string {
  const d = total > 0 ? Math.min(Math.max(done, 0), total) : 0;
  const t = total > 0 ? total : 1;
  // Multiply before dividing: 29 / 100 * 100 is 28.999… in floating point.
  const filled = Math.floor((d * width) / t);
  return `${'▓'.repeat(filled)}${'░'.repeat(width - filled)} ${progressPercent(done, total)}%`;
}

/** The whole percent done that `progressBar` shows (rounded down: 99.9 % is not done). */
export function progressPercent(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.floor((Math.min(Math.max(done, 0), total) * 100) / total);
}
