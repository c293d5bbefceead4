/**
 * The catalogue of the current language (./lang.ts). Builders write `msg.actionDone(…)` or
 * `lifecycle.rescheduled(…)` exactly as they wrote `en.…` before: each property is looked up in the
 * current language's catalogue when it is read, so no builder's signature had to change to become
 * bilingual. Read them inside functions, never into a module-level constant (that would freeze the
 * language of whoever loaded the module first).
 *
 * Why a typed catalogue on `Intl` rather than an i18n library: the catalogue was already typed code
 * (functions returning `Mrkdwn`, whose people's text goes through `line()`), plurals already went through
 * `Intl.PluralRules` (`count`) and moments through Slack's own date formatting (`moment`). `de: Messages`
 * makes a missing key or a different parameter list a compile error, which ICU strings in JSON would only
 * report at run time, and it keeps the Mrkdwn brand on every message.
 */
import { de } from './de.js';
import { en, type Messages } from './en.js';
import { currentLang, type Lang } from './lang.js';

export { aref, iref, progress } from './en.js';
export { linkTo, pref } from './en-rounds.js';
export {
  currentLang,
  inLanguage,
  inRequestLanguage,
  installationLanguage,
  LANGS,
  type Lang,
  setInstallationLanguage,
} from './lang.js';
export type { Messages };

const catalogues: Record<Lang, Messages> = { en, de };

/** One language's whole catalogue (tests, and code that must write in a language not its own). */
export function messagesIn(lang: Lang): Messages {
  return catalogues[lang];
}

/** A stand-in object whose every property is read from `pick(current catalogue)` at the time it is read. */
function live<T extends object>(pick: (m: Messages) => T): T {
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(pick(catalogues[currentLang()]), key),
    has: (_, key) => Reflect.has(pick(catalogues[currentLang()]), key),
    ownKeys: () => Reflect.ownKeys(pick(catalogues[currentLang()])),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(pick(catalogues[currentLang()]), key);
      return d ? { ...d, configurable: true } : undefined;
    },
  });
}

/** Every message, in the current language. */
export const msg: Messages = live((m) => m);
export const lifecycle: Messages['lifecycle'] = live((m) => m.lifecycle);
export const menu: Messages['menu'] = live((m) => m.menu);
export const nudges: Messages['nudges'] = live((m) => m.nudges);
export const initiativesText: Messages['initiatives'] = live((m) => m.initiatives);
export const help: Messages['help'] = live((m) => m.help);
export const asks: Messages['asks'] = live((m) => m.asks);

/** `Sales` / `Vertrieb`. */
export const deptName: Messages['deptName'] = (key) => msg.deptName(key);
/** `March 2026` / `März 2026`. */
export const monthName: Messages['monthName'] = (month) => msg.monthName(month);
