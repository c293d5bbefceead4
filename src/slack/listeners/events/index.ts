import type { App } from '@slack/bolt';
import type { AppContext } from '../../../app/context.js';
import { registerAppHome } from './app-home.js';
import { registerReactions } from './reactions.js';

/** Reaction votes on the monthly poll, and the App Home tab. */
export function registerEvents(app: App, ctx: AppContext): void {
  registerReactions(app, ctx);
  registerAppHome(app, ctx);
}
