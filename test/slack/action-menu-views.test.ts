import { describe, expect, it } from 'vitest';
import type { Action } from '../../src/domain/types.js';
import { validateBlocks, validateView } from '../../src/sandbox/emulator/index.js';
import { ACTION, FIELD, VIEW } from '../../src/slack/ids.js';
import { actionButtons, menuValue, parseMenuValue } from '../../src/slack/views/action-buttons.js';
import { actionMenuModal } from '../../src/slack/views/action-menu.js';

const action = (over: Partial<Action> = {}): Action =>
  ({
    id: 7,
    initiativeId: 1,
    title: 'Draft the FAQ',
    ownerId: 'UALICE',
    dept: 'service',
    dueDate: '2026-03-10',
    status: 'open',
    blockedReason: null,
    ...over,
  }) as Action;

const origin = {
  surface: 'mine' as const,
  channelId: 'C1',
  messageTs: null,
  responseUrl: 'https://hooks.slack.com/actions/T/1/x',
};

describe('the action menu builders', () => {
  it('the row holds Done / Add update / Snooze and a menu of three whose values read back', () => {
    const row = actionButtons(7, 'act_7');
    expect(validateBlocks([row])).toEqual([]);
    const menu = row.elements.find((e) => e.type === 'overflow') as {
      action_id: string;
      options: { value: string }[];
    };
    expect(menu.action_id).toBe(ACTION.actionMenu);
    expect(menu.options.map((o) => parseMenuValue(o.value))).toEqual([
      { choice: 'reschedule', actionId: 7 },
      { choice: 'reassign', actionId: 7 },
      { choice: 'drop', actionId: 7 },
    ]);
    expect(actionButtons(7, 'act_7', { menu: false }).elements.map((e) => e.type)).toEqual([
      'button',
      'button',
      'button',
    ]);
  });

  it('reads back only values of its own making', () => {
    expect(parseMenuValue(menuValue('drop', 12))).toEqual({ choice: 'drop', actionId: 12 });
    expect(parseMenuValue('drop:a-12')).toEqual({ choice: 'drop', actionId: 12 });
    for (const junk of ['', 'drop', 'drop:I-12', 'close:A-12', 'drop:A-12:x', 'drop:A-0', 'DROP:A-1']) {
      expect(parseMenuValue(junk)).toBeNull();
    }
  });

  it('each modal is valid Block Kit, names its callback, and keeps the action and its origin', () => {
    const hostile = action({ title: `<!channel> ${'x'.repeat(190)}\nsecond line`, dueDate: null });
    for (const a of [action(), hostile]) {
      for (const [choice, callback, field] of [
        ['reschedule', VIEW.reschedule, FIELD.due],
        ['reassign', VIEW.reassign, FIELD.owner],
        ['drop', VIEW.drop, FIELD.reason],
      ] as const) {
        const view = actionMenuModal(choice, a, origin, '2026-03-02');
        expect(validateView(view)).toEqual([]);
        expect(view.callback_id).toBe(callback);
        expect(view.blocks.some((b) => b.block_id === field)).toBe(true);
        expect(JSON.parse(view.private_metadata ?? '')).toEqual({ actionId: 7, ...origin });
        expect(JSON.stringify(view.blocks)).not.toContain('<!channel>');
      }
    }
    const due = actionMenuModal('reschedule', action(), origin, '2026-03-02').blocks.find(
      (b) => b.block_id === FIELD.due,
    );
    expect(due).toMatchObject({ element: { type: 'datepicker', initial_date: '2026-03-10' } });
  });
});
