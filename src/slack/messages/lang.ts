/**
 * The language the code is writing in right now. A Slack request runs inside the language of the person
 * who sent it (a Bolt middleware sets it, see ../listeners/language.ts); an outbox entry is rendered inside
 * its recipient's (a DM: the person's; a channel: CX_LANGUAGE). AsyncLocalStorage follows the awaits, so
 * no builder takes a language parameter: they read the catalogue of the current language (./index.ts).
 * Outside any scope (jobs, the CLI) it is the installation's CX_LANGUAGE.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** The languages a catalogue exists for. A third one is a catalogue file and a word here. */
export type Lang = 'en' | 'de';
export const LANGS: readonly Lang[] = ['en', 'de'];

const scope = new AsyncLocalStorage<Lang>();
let installation: Lang = 'en';

/** CX_LANGUAGE, set once at start-up: the language of shared channels and of anyone without one. */
export function setInstallationLanguage(lang: Lang): void {
  installation = lang;
}

export function installationLanguage(): Lang {
  return installation;
}

export function currentLang(): Lang {
  return scope.getStore() ?? installation;
}

/** Runs `work` (and everything it awaits) in `lang`. */
export function inLanguage<T>(lang: Lang, work: () => T): T {
  return scope.run(lang, work);
}
