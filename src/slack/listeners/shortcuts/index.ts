import type { App } from '@slack/bolt';
import type { AppContext } from '../../../app/context.js';
import { SHORTCUT } from '../../ids.js';
import { logPainPointShortcut } from './log-pain-point.js';

/**
 * Shortcuts: "Log as pain point" on a Slack message. Its modal's submission is in views/, the round
 * results' "Adopt as initiative" button in actions/.
 */
export function registerShortcuts(app: App, _ctx: AppContext): void {
  app.shortcut(SHORTCUT.logPainPoint, logPainPointShortcut());
}
