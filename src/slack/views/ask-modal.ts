/** The /cx ask modal, and the "Ask another department" button that opens it for one initiative. */
import type { ActionsBlock, ModalView, PlainTextOption } from '@slack/types';
import { DEPARTMENTS, type Department, type Initiative } from '../../domain/types.js';
import { ACTION, FIELD, VIEW } from '../ids.js';
import { asks, iref, msg } from '../messages/index.js';
import { input, LIMITS, plain, section } from './blocks.js';

export interface AskModalDefaults {
  /** The 100 most relevant active initiatives (a static select holds at most 100). */
  initiatives: Initiative[];
  /** Pre-selected: the initiative whose button opened it. */
  initiativeId?: number;
  /** Where it was opened from: the asking department, and where the confirmation goes. */
  channelId?: string | null;
}

export function askModal(d: AskModalDefaults): ModalView {
  const base = {
    type: 'modal' as const,
    callback_id: VIEW.askDepartment,
    title: plain(asks.modalTitle, LIMITS.modalTitle),
    close: plain(msg.modal.cancel, LIMITS.modalTitle),
    private_metadata: JSON.stringify({ channelId: d.channelId ?? null }),
  };
  if (d.initiatives.length === 0) return { ...base, blocks: [section(asks.modalNoInitiatives)] };
  const options: PlainTextOption[] = d.initiatives
    .slice(0, 100)
    .map((i) => ({ text: plain(`${iref(i.id)} ${i.title}`, LIMITS.optionText), value: String(i.id) }));
  const initial = options.find((o) => o.value === String(d.initiativeId));
  const deptOption = (k: Department): PlainTextOption => ({ text: plain(msg.deptName(k)), value: k });
  return {
    ...base,
    submit: plain(asks.modalSubmit, LIMITS.modalTitle),
    blocks: [
      input(FIELD.dept, asks.modalDept, { type: 'static_select', options: DEPARTMENTS.map(deptOption) }),
      input(FIELD.initiative, asks.modalInitiative, {
        type: 'static_select',
        options,
        ...(initial ? { initial_option: initial } : {}),
      }),
      input(
        FIELD.title,
        asks.modalWhat,
        { type: 'plain_text_input', max_length: 200 },
        { hint: asks.modalWhatHint },
      ),
      input(FIELD.due, asks.modalBy, { type: 'datepicker' }, { optional: true }),
    ],
  };
}

/**
 * "Ask another department": under an initiative (`/cx show I-n`) it opens the modal with that initiative
 * selected; without one (the App Home) the initiative is picked in the modal.
 */
export function askButtonBlock(initiativeId?: number): ActionsBlock {
  return {
    type: 'actions',
    block_id: initiativeId ? `ask_${initiativeId}` : 'ask_home',
    elements: [
      {
        type: 'button',
        action_id: ACTION.askDepartment,
        text: plain(asks.askButton),
        value: initiativeId ? iref(initiativeId) : 'new',
      },
    ],
  };
}
