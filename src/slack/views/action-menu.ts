/**
 * The three small modals behind an action's menu: Reschedule (a date picker and an optional reason),
 * Reassign (a user picker) and Drop (a required reason). The action and where the menu was pressed
 * travel in private_metadata, so the submission can update that message, list or Home in place.
 */
import type { KnownBlock, ModalView } from '@slack/types';
import { daysLate } from '../../domain/actions.js';
import { MAX_NOTE_LENGTH } from '../../domain/limits.js';
import type { Action, LocalDate } from '../../domain/types.js';
import { FIELD, VIEW } from '../ids.js';
import type { MenuChoice } from '../messages/en-menu.js';
import { menu } from '../messages/index.js';
import { context, input, LIMITS, plain } from './blocks.js';

/**
 * Where the menu was pressed: a DM (reminder, assignment), the ephemeral `/cx mine` or `/cx show A-n`
 * reply, or the App Home.
 */
export type MenuSurface = 'message' | 'mine' | 'show' | 'home';

export interface MenuOrigin {
  surface: MenuSurface;
  channelId: string | null;
  messageTs: string | null;
  /** `/cx mine` and `/cx show` are ephemeral: only their response_url can redraw them. */
  responseUrl: string | null;
}

export interface MenuMetadata extends MenuOrigin {
  actionId: number;
}

const reason = (multiline: boolean) => ({
  type: 'plain_text_input',
  multiline,
  max_length: MAX_NOTE_LENGTH,
});

const VIEWS: Record<MenuChoice, string> = {
  reschedule: VIEW.reschedule,
  reassign: VIEW.reassign,
  drop: VIEW.drop,
};

function fields(choice: MenuChoice, action: Action): KnownBlock[] {
  switch (choice) {
    case 'reschedule':
      return [
        input(
          FIELD.due,
          menu.dueLabel,
          action.dueDate ? { type: 'datepicker', initial_date: action.dueDate } : { type: 'datepicker' },
          {
            hint: menu.dueHint,
          },
        ),
        input(FIELD.reason, menu.reasonLabel, reason(false), {
          optional: true,
          hint: menu.rescheduleReasonHint,
        }),
      ];
    case 'reassign':
      return [input(FIELD.owner, menu.ownerLabel, { type: 'users_select' }, { hint: menu.ownerHint })];
    case 'drop':
      return [input(FIELD.reason, menu.dropReasonLabel, reason(true), { hint: menu.dropHint })];
  }
}

/** The modal for `choice` on `action`, opened from `origin`; `today` says how late an overdue action is. */
export function actionMenuModal(
  choice: MenuChoice,
  action: Action,
  origin: MenuOrigin,
  today: LocalDate,
): ModalView {
  const meta: MenuMetadata = { actionId: action.id, ...origin };
  return {
    type: 'modal',
    callback_id: VIEWS[choice],
    title: plain(menu.title[choice], LIMITS.modalTitle),
    submit: plain(menu.submit[choice], LIMITS.modalTitle),
    close: plain(menu.cancel, LIMITS.modalTitle),
    private_metadata: JSON.stringify(meta),
    blocks: [
      context(menu.about(action.id, action.title, action.dueDate, action.ownerId, daysLate(action, today))),
      ...fields(choice, action),
    ],
  };
}
