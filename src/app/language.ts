/**
 * Which language a person reads (issue 14): their `/cx lang` choice, else Slack's locale for them
 * (`users.info` with include_locale, cached with the other users.info facts: `de-AT` → de), else CX_LANGUAGE.
 *
 * The hot path stays cheap (issue 13): a resolved language is remembered in memory for a few minutes, so
 * a person's requests cost neither a database read nor a Slack call for it. Only somebody the bot has never
 * looked up costs one users.info call, once — it fills the same cache that time zones and admin flags use,
 * so their permission check does not ask again. A stale cached locale is used as it is (locales rarely
 * change; the cache is refreshed by the reminders' zone look-ups).
 */
import { getLanguageChoice, languageFacts, setLanguageChoice } from '../db/repositories/language-repo.js';
import type { UserId } from '../domain/types.js';
import type { AppContext } from './context.js';
import { userFacts } from './users.js';

export type Language = 'en' | 'de';
export type LanguageChoice = Language | 'auto';
export const LANGUAGES: readonly Language[] = ['en', 'de'];

/** How long a resolved language is trusted without re-reading the database. */
const MEMO_MS = 5 * 60 * 1000;
/** users.info answers are fresh this long (as in users.ts). */
const CACHE_MS = 12 * 60 * 60 * 1000;

interface Memo {
  lang: Language;
  at: number;
}
/** Per database (tests run several bots in one process). */
const memos = new WeakMap<object, Map<UserId, Memo>>();

function memoOf(ctx: AppContext): Map<UserId, Memo> {
  let memo = memos.get(ctx.handle);
  if (!memo) {
    memo = new Map();
    memos.set(ctx.handle, memo);
  }
  return memo;
}

const asLanguage = (value: string | null | undefined): Language | null =>
  value === 'en' || value === 'de' ? value : null;

/** `de-DE`, `de_AT`, `de` → de; `en-GB` → en; anything else → null (then CX_LANGUAGE). */
export function languageOfLocale(locale: string | null | undefined): Language | null {
  const primary = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return asLanguage(primary);
}

export const installationLanguage = (ctx: AppContext): Language => ctx.language ?? 'en';

/** From what is stored only (no Slack call): for rendering a DM at delivery, and the request path. */
function resolveStored(ctx: AppContext, userId: UserId): { lang: Language; looked: boolean } {
  const { choice, locale, fetchedAt } = languageFacts(ctx.handle.db, userId);
  const lang = asLanguage(choice) ?? languageOfLocale(locale) ?? installationLanguage(ctx);
  // No locale in a stale row (cached before locales were asked for): worth one more look-up.
  const fresh = fetchedAt !== null && ctx.clock.now().getTime() - fetchedAt.getTime() < CACHE_MS;
  const knowsLocale = locale !== undefined && (locale !== null || fresh);
  return { lang, looked: asLanguage(choice) !== null || knowsLocale };
}

/** A person's language from memory or the database; never asks Slack. */
export function storedLanguageOf(ctx: AppContext, userId: UserId): Language {
  const memo = memoOf(ctx);
  const now = ctx.clock.now().getTime();
  const hit = memo.get(userId);
  if (hit && now - hit.at < MEMO_MS && now >= hit.at) return hit.lang;
  const { lang } = resolveStored(ctx, userId);
  memo.set(userId, { lang, at: now });
  return lang;
}

/** A person's language if it is in memory and fresh, else null: the request path's synchronous first try. */
export function rememberedLanguageOf(ctx: AppContext, userId: UserId): Language | null {
  const hit = memoOf(ctx).get(userId);
  const now = ctx.clock.now().getTime();
  return hit && now - hit.at < MEMO_MS && now >= hit.at ? hit.lang : null;
}

/**
 * A person's language for a request they sent. Someone never looked up before is looked up once
 * (users.info), so their very first reply is already in their language.
 */
export async function languageOf(ctx: AppContext, userId: UserId): Promise<Language> {
  const remembered = rememberedLanguageOf(ctx, userId);
  if (remembered) return remembered;
  const now = ctx.clock.now().getTime();
  let { lang, looked } = resolveStored(ctx, userId);
  if (!looked) {
    const facts = await userFacts(ctx, userId).catch(() => null);
    lang = languageOfLocale(facts?.locale) ?? installationLanguage(ctx);
  }
  memoOf(ctx).set(userId, { lang, at: now });
  return lang;
}

/** `/cx lang en|de|auto`: stores (or, for auto, forgets) the choice; answers the language now in effect. */
export async function setLanguage(
  ctx: AppContext,
  userId: UserId,
  choice: LanguageChoice,
): Promise<Language> {
  setLanguageChoice(ctx.handle.db, userId, choice === 'auto' ? null : choice, ctx.clock.now());
  memoOf(ctx).delete(userId);
  return languageOf(ctx, userId);
}

/** The stored choice (`auto` when none), for `/cx lang` without an argument. */
export function languageChoiceOf(ctx: AppContext, userId: UserId): LanguageChoice {
  return asLanguage(getLanguageChoice(ctx.handle.db, userId)) ?? 'auto';
}
