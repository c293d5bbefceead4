/**
 * The language the code is writing in right now. A Slack request runs in the language of the person who
 * sent it: a Bolt middleware (../listeners/language.ts) records it on the request's scope (log/request.ts),
 * which follows the awaits (opened only for a language other than CX_LANGUAGE), so no builder takes a language parameter: they read the catalogue of the current
 * language (./index.ts). An outbox entry is rendered in its recipient's (a DM: the person's; a channel:
 * CX_LANGUAGE) by `inLanguage`, synchronously. Outside both (jobs, the CLI) it is the installation's
 * CX_LANGUAGE. There is no AsyncLocalStorage of its own here: each one costs work on every promise made
 * (issue 13), and the request already has one.
 */
import { currentRequest, inRequestScope, newRequestId } from '../../log/request.js';

/** The languages a catalogue exists for. A third one is a catalogue file and a word here. */
export type Lang = 'en' | 'de';
export const LANGS: readonly Lang[] = ['en', 'de'];

let installation: Lang = 'en';
/** Set while synchronous work runs in a language of its own (inLanguage). */
let forced: Lang | null = null;

/** CX_LANGUAGE, set once at start-up: the language of shared channels and of anyone without one. */
export function setInstallationLanguage(lang: Lang): void {
  installation = lang;
}

export function installationLanguage(): Lang {
  return installation;
}

export function currentLang(): Lang {
  return forced ?? (currentRequest()?.lang as Lang | undefined) ?? installation;
}

/**
 * Runs synchronous `work` in `lang` (a rendering for one recipient). Work that returns a promise is refused
 * by the type: the language would be gone at its first await.
 */
export function inLanguage<T>(lang: Lang, work: () => T extends PromiseLike<unknown> ? never : T): T {
  const before = forced;
  forced = lang;
  try {
    return work();
  } finally {
    forced = before;
  }
}

/**
 * The rest of this Slack delivery (and everything it awaits) in `lang`. A delivery in the installation's
 * language needs no scope for it (that is what `currentLang` falls back to): most deliveries of a workspace
 * run without one, see log/request.ts. `reqId` names the delivery when a scope has to be opened here.
 */
export function inRequestLanguage<T>(lang: Lang, work: () => Promise<T>, reqId?: string): Promise<T> {
  const scope = currentRequest();
  if (scope) {
    scope.lang = lang;
    return work();
  }
  if (lang === installation) return work();
  return inRequestScope({ id: reqId ?? newRequestId(), lang }, work);
}
