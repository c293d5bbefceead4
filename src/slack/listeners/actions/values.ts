import type { BlockAction, ButtonAction } from '@slack/bolt';
import { parseLocalDate } from '../../../domain/dates.js';
import { parseRefOfKind } from '../../../domain/refs.js';

/** Button values are read back as refs; anything else is answered, never trusted. */
const buttonValue = (body: BlockAction) => (body.actions[0] as ButtonAction | undefined)?.value ?? '';

/** `A-n` → n: the action a reminder's button is about. */
export function actionIdOf(body: BlockAction): number | null {
  const ref = parseRefOfKind(buttonValue(body), 'A');
  return ref.ok ? ref.value.n : null;
}

/** `I-n` → n. */
export function initiativeIdOf(body: BlockAction): number | null {
  const ref = parseRefOfKind(buttonValue(body), 'I');
  return ref.ok ? ref.value.n : null;
}

/** `P-n` → n. */
export function painPointIdOf(body: BlockAction): number | null {
  const ref = parseRefOfKind(buttonValue(body), 'P');
  return ref.ok ? ref.value.n : null;
}

/** `I-n:YYYY-MM-DD`: the check a recommit/close decision is about. */
export function checkOf(body: BlockAction): { initiativeId: number; dueDate: string } | null {
  const [refText = '', day = ''] = buttonValue(body).split(':');
  const ref = parseRefOfKind(refText, 'I');
  const dueDate = parseLocalDate(day);
  return ref.ok && dueDate ? { initiativeId: ref.value.n, dueDate } : null;
}
