/**
 * `Mrkdwn`: the only kind of text the Block Kit builders (`section`, `context`, `message`…) accept for a
 * mrkdwn field or a message's fallback text. It is made only in this file:
 *
 * - `md` joins our own markup (the literal parts of the template) with values that are already `Mrkdwn`
 *   or numbers — a plain `string` in `md\`…${title}…\`` is a compile error;
 * - people's text becomes `Mrkdwn` only through `line()` (one line: titles, pain points, names, units,
 *   reasons) or `lines()` (a note shown on its own, every line of it quoted) — the one neutralising path;
 * - `mention`, `channel` and `link` make the few `<…>` sequences of our own, from checked ids.
 *
 * So a person's `<!channel>`, line break or U+202E can only reach Slack escaped, folded or dropped. The
 * brand exists at compile time only; a cast to it outside this file is refused by a test.
 */
import {
  escapeSlack,
  keepPeopleAndChannels,
  neutraliseMentions,
  truncate,
  visibleLine,
  visibleLines,
} from '../../domain/text.js';
import { currentLang, type Lang } from './lang.js';

declare const brand: unique symbol;
export type Mrkdwn = string & { readonly [brand]: 'mrkdwn' };

const ours = (text: string) => text as Mrkdwn;

/** Our markup, with `Mrkdwn` or numbers filled in. */
export function md(strings: TemplateStringsArray, ...values: readonly (Mrkdwn | number)[]): Mrkdwn {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += String(values[i]) + (strings[i + 1] ?? '');
  return ours(out);
}

/** A person's text (or any text not meant as markup) within a line of ours: folded, cleaned, escaped. */
export const line = (text: string): Mrkdwn => ours(neutraliseMentions(text));

/**
 * A person's multi-line text (a note) on lines of its own: line breaks kept, but every line quoted, so
 * none of it can pass for a line of ours (a poll option, a list item). Empty when there is nothing to show.
 */
export const lines = (text: string): Mrkdwn =>
  ours(
    visibleLines(text)
      .map((l) => (l.trim() === '' ? '>' : `> ${keepPeopleAndChannels(l)}`))
      .join('\n'),
  );

const USER_ID = /^[UW][A-Z0-9]{1,30}$/;
const CHANNEL_ID = /^[CG][A-Z0-9]{1,30}$/;

/** `<@U…>`: a mention of a user id we hold (never a label, which could say anything). */
export const mention = (userId: string): Mrkdwn =>
  USER_ID.test(userId) ? ours(`<@${userId}>`) : line(userId);

/** `<#C…>`: a channel link. */
export const channel = (channelId: string): Mrkdwn =>
  CHANNEL_ID.test(channelId) ? ours(`<#${channelId}>`) : line(channelId);

/** `<https://…|label>` for a plain http(s) URL; null for anything else (it could smuggle markup). */
export function link(url: string | null, label: Mrkdwn): Mrkdwn | null {
  return url && /^https?:\/\/[^\s|<>]+$/.test(url) ? ours(`<${url}|${label}>`) : null;
}

/** Items joined by a separator written in our code (a literal: `'\n'`, `', '`, `' · '`…). */
export function join<S extends string>(
  items: readonly Mrkdwn[],
  separator: string extends S ? never : S,
): Mrkdwn {
  return ours(items.join(separator));
}

/**
 * At most `max` characters, ending in `…` when shortened; never cuts an entity, a surrogate pair or one
 * of our `<…>` sequences (half a mention or link would show as garbage or swallow what follows).
 */
export function clip(text: Mrkdwn, max: number): Mrkdwn {
  const cut = truncate(text, max);
  if (cut === text || cut === '') return ours(cut);
  const body = cut.slice(0, -1);
  const open = body.lastIndexOf('<');
  return ours(open >= 0 && body.indexOf('>', open) < 0 ? `${body.slice(0, open).trimEnd()}…` : cut);
}

/** Text for a plain_text field: nothing is parsed there, but line breaks and bidi controls still act. */
export const plainLine = (text: string): string => visibleLine(text);

export type { Lang };

/** Each plural category a language uses; `other` is always there and is the fallback. */
export type PluralForms = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;

const pluralRules: Record<Lang, Intl.PluralRules> = {
  en: new Intl.PluralRules('en'),
  de: new Intl.PluralRules('de'),
};
const numberFormats: Record<Lang, Intl.NumberFormat> = {
  en: new Intl.NumberFormat('en'),
  de: new Intl.NumberFormat('de'),
};

/**
 * A count with its noun, through the language's own plural rules: `count(3, { one: '# day', other:
 * '# days' })` → `3 days`. `#` is the number, formatted for the language (`1,234` / `1.234`). The one
 * way the bot writes "N things", so a second language brings its forms and nothing else.
 */
export function count(n: number, forms: PluralForms, lang: Lang = 'en'): Mrkdwn {
  const form = forms[pluralRules[lang].select(n)] ?? forms.other;
  return ours(escapeSlack(form).replaceAll('#', numberFormats[lang].format(n)));
}

/**
 * A day (`YYYY-MM-DD`, as stored and typed) written the language's way: `2026-12-02` in English (as the
 * contract's commands take it), `02.12.2026` in German (GLOSSARY.md). Anything else is shown as text.
 */
export function day(date: string, lang: Lang): Mrkdwn {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m && lang === 'de' ? ours(`${m[3]}.${m[2]}.${m[1]}`) : line(date);
}

/** `March 2026` / `März 2026` from `2026-03`: a month as the language names it (plain text). */
export function monthOf(month: string, lang: Lang): string {
  const [year = '', m = '1'] = month.split('-');
  const name = new Date(Date.UTC(2000, Number(m) - 1, 1)).toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', {
    month: 'long',
    timeZone: 'UTC',
  });
  return `${name} ${year}`;
}

/** A number written the language's way: `41.5` / `41,5`, `1,234` / `1.234`. */
export function number(n: number, lang: Lang): Mrkdwn {
  return ours(numberFormats[lang].format(n));
}

/** A number as the language writes it (`1,234` / `1.234`): for counts shown without a noun. */
export const num = (n: number, lang: Lang = 'en'): Mrkdwn => count(n, { other: '#' }, lang);

/**
 * A moment (a deadline, a closing time, a history entry) in the reader's own time zone: Slack's
 * `<!date^unix^{date_short_pretty} {time}|fallback>`. The fallback (for clients and notifications that
 * cannot format) is written in `zone` (CX_TIMEZONE) and names it. `date` shows the day only.
 */
export function moment(
  at: Date,
  zone: string,
  show: 'datetime' | 'date' = 'datetime',
  lang: Lang = currentLang(),
): Mrkdwn {
  const seconds = Math.floor(at.getTime() / 1000);
  const token = show === 'date' ? '{date_short_pretty}' : '{date_short_pretty} {time}';
  const fallback = at.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(show === 'date' ? {} : { hour: '2-digit', minute: '2-digit', hour12: false }),
  });
  const label = show === 'date' ? fallback : `${fallback} (${zone})`;
  // The fallback sits inside `<…|…>`: none of `<`, `>`, `|` may appear in it (zone names have none).
  return ours(`<!date^${seconds}^${token}|${label.replace(/[<>|]/g, ' ')}>`);
}

/** `a`, `a and b`, `a, b and c`, with the word given for "and". */
export function listAnd(items: readonly Mrkdwn[], and = 'and'): Mrkdwn {
  const last = items.at(-1);
  if (last === undefined) return md``;
  return items.length === 1 ? last : md`${join(items.slice(0, -1), ', ')} ${line(and)} ${last}`;
}

/** `A-1`, `A-1 and A-2`, `A-1, A-2, A-3 and 4 more`, in the words given (`and`, the "N more"). */
export function actionRefs(
  ids: number[],
  more: number,
  and: string,
  moreWord: (n: number) => Mrkdwn,
): Mrkdwn {
  const refs = ids.map((id) => md`A-${id}`);
  return listAnd(more > 0 ? [md`${join(refs, ', ')}`, moreWord(more)] : refs, and);
}
