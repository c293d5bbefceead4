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
 * Makes stored text safe to show inside mrkdwn: `<!channel>`, `<@U1>`, `<#C1>` and links render as the
 * literal characters and ping nobody. Slack only parses control sequences inside `<…>`, so escaping
 * `&`, `<`, `>` is enough — provided the message is not sent with `link_names`/`parse: full`, which
 * would turn plain `@channel` into a ping. Formatting (`*bold*`) and emoji (`:tada:`) are left alone.
 */
export function neutraliseMentions(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
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
  const percent = Math.floor((d * 100) / t);
  return `${'▓'.repeat(filled)}${'░'.repeat(width - filled)} ${percent}%`;
}
