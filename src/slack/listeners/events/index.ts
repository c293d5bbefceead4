import type { App } from '@slack/bolt';
import type { AppContext } from '../../../app/context.js';

/** Reaction votes and the App Home arrive with later features; nothing is subscribed yet. */
export function registerEvents(_app: App, _ctx: AppContext): void {}
