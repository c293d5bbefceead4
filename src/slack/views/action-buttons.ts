/**
 * The row of buttons under an action, wherever one is shown to someone who may change it: Done / Add
 * update / Snooze, then the "⋯" menu with Reschedule / Reassign / Drop. One builder, so the reminder DM,
 * `/cx mine`, the App Home and the assignment DM offer the same things and the listeners read one format.
 */
import type { ActionsBlock, ActionsBlockElement, PlainTextOption } from '@slack/types';
import { parseRefOfKind } from '../../domain/refs.js';
import { ACTION } from '../ids.js';

import { MENU_CHOICES, type MenuChoice } from '../messages/en-menu.js';
import { menu, msg } from '../messages/index.js';
import { LIMITS, plain } from './blocks.js';

/** An overflow option's value: what to do and to which action, e.g. `reschedule:A-7`. */
export const menuValue = (choice: MenuChoice, actionId: number) => `${choice}:A-${actionId}`;

/** Reads a menu option's value back; null for anything that is not one of ours. */
export function parseMenuValue(value: string): { choice: MenuChoice; actionId: number } | null {
  const [choice = '', ref = '', ...rest] = value.split(':');
  if (rest.length > 0 || !(MENU_CHOICES as string[]).includes(choice)) return null;
  const parsed = parseRefOfKind(ref, 'A');
  return parsed.ok ? { choice: choice as MenuChoice, actionId: parsed.value.n } : null;
}

const option = (choice: MenuChoice, actionId: number): PlainTextOption => ({
  text: plain(menu.options[choice], LIMITS.optionText),
  value: menuValue(choice, actionId),
});

/**
 * `blockId` tells the listeners where the row is (a reminder's `cx_rem_n`, `/cx mine`'s `act_n`, the
 * Home's `home_act_n`), so a change can be shown in place. `menu: false` leaves the menu out.
 */
export function actionButtons(
  actionId: number,
  blockId: string,
  opts: { menu?: boolean } = {},
): ActionsBlock {
  const value = `A-${actionId}`;
  const elements: ActionsBlockElement[] = [
    { type: 'button', action_id: ACTION.done, text: plain(msg.button.done), value, style: 'primary' },
    { type: 'button', action_id: ACTION.update, text: plain(msg.button.update), value },
    { type: 'button', action_id: ACTION.snooze, text: plain(msg.button.snooze), value },
  ];
  if (opts.menu !== false) {
    elements.push({
      type: 'overflow',
      action_id: ACTION.actionMenu,
      options: MENU_CHOICES.map((c) => option(c, actionId)),
    });
  }
  return { type: 'actions', block_id: blockId, elements };
}
