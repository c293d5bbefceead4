import type { App } from '@slack/bolt';
import type { AppContext } from '../../../app/context.js';
import { registerReactions } from './reactions.js';

/** Reaction votes on the monthly poll; the App Home arrives with a later feature. */
export function registerEvents(app: App, ctx: AppContext): void {
  registerReactions(app, ctx);
}
