// What Slack's composer does to typed text before it is sent: `@name` and `#channel` picked from the
// autocomplete become `<@U…>` / `<#C…>`. Pure, so it is tested without a browser.

// A mention starts anywhere a word does not go on: at the start, after a space, `(` or `:` as in
// `owner:@june` — but not inside a word or an address (`ann@example.com`).
const USER_MENTION = /(?<![\p{L}\p{N}_@.])@([\p{L}\p{N}._-]+)/gu;
const CHANNEL_LINK = /(?<![\p{L}\p{N}_#&])#([\p{L}\p{N}_-]+)/gu;

/**
 * The longest known name at the start of `typed` (`@june.` → `june` + `.`): sentence punctuation after a
 * name is not part of it, as in Slack's autocomplete.
 */
function known(typed, has) {
  for (let end = typed.length; end > 0; end--) {
    const name = typed.slice(0, end);
    if (has(name)) return { name, rest: typed.slice(end) };
    if (!/[._-]$/.test(name)) break;
  }
  return null;
}

/**
 * `users`: `{ id, name }[]` (people and bots); `channels`: `{ id, name, kind }[]`. Unknown names stay
 * as typed.
 */
export function linkMentions(text, users, channels) {
  const userOf = (name) => users.find((u) => u.name.toLowerCase() === name.toLowerCase());
  const channelOf = (name) => channels.find((c) => c.kind === 'channel' && c.name === name.toLowerCase());
  return text
    .replace(USER_MENTION, (m, typed) => {
      const hit = known(typed, (n) => userOf(n) !== undefined);
      return hit ? `<@${userOf(hit.name).id}>${hit.rest}` : m;
    })
    .replace(CHANNEL_LINK, (m, typed) => {
      const hit = known(typed, (n) => channelOf(n) !== undefined);
      return hit ? `<#${channelOf(hit.name).id}>${hit.rest}` : m;
    });
}
