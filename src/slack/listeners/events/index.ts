import type { App } from '@slack/bolt';
import type { AppContext } from '../../../app/context.js';
import { appHomeOpened } from './app-home.js';
import { registerReactions } from './reactions.js';

/** Reaction votes on the monthly poll (global middleware, see reactions.ts), and the App Home tab. */
export function registerEvents(app: App, ctx: AppContext): void {
  registerReactions(app, ctx);
  app.event('app_home_opened', appHomeOpened(ctx));
}
