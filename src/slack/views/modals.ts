import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { DEPARTMENTS, type Department, type Initiative, type Tier } from '../../domain/types.js';
import { FIELD, VIEW } from '../ids.js';
import { iref } from '../messages/en.js';
import { deptName, msg } from '../messages/index.js';
import type { MenuMetadata, MenuOrigin } from './action-menu.js';
import { input, LIMITS, plain, section } from './blocks.js';
import { metricInputs } from './check.js';

const deptOption = (d: Department): PlainTextOption => ({ text: plain(deptName(d)), value: d });

function modal(callbackId: string, title: string, blocks: KnownBlock[], privateMetadata = ''): ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plain(title, LIMITS.modalTitle),
    submit: plain(msg.modal.submit, LIMITS.modalTitle),
    close: plain(msg.modal.cancel, LIMITS.modalTitle),
    private_metadata: privateMetadata,
    blocks,
  };
}

export interface NewInitiativeDefaults {
  title?: string;
  lead?: Department | null;
  ownerId: string;
  today: string;
  tier?: Tier;
  /** Where the modal was opened from: the confirmation is posted there. */
  channelId?: string;
  /** Adopting a pain point from the round results: the initiative keeps the link. */
  painPointId?: number;
}

export function newInitiativeModal(d: NewInitiativeDefaults): ModalView {
  const tierOptions: PlainTextOption[] = [
    { text: plain(msg.tier('important')), value: 'important' },
    { text: plain(msg.tier('essential')), value: 'essential' },
  ];
  const tier = d.tier ?? 'important';
  const meta = JSON.stringify({
    channelId: d.channelId ?? null,
    ...(d.painPointId ? { painPointId: d.painPointId } : {}),
  });
  return modal(
    VIEW.newInitiative,
    msg.modal.newTitle,
    [
      input(
        FIELD.title,
        msg.modal.title,
        { type: 'plain_text_input', max_length: 200, ...(d.title ? { initial_value: d.title } : {}) },
        { hint: msg.modal.titleHint },
      ),
      input(FIELD.lead, msg.modal.lead, {
        type: 'static_select',
        options: DEPARTMENTS.map(deptOption),
        ...(d.lead ? { initial_option: deptOption(d.lead) } : {}),
      }),
      input(
        FIELD.with,
        msg.modal.with,
        { type: 'multi_static_select', options: DEPARTMENTS.map(deptOption) },
        { optional: true },
      ),
      input(FIELD.tier, msg.modal.tier, {
        type: 'static_select',
        options: tierOptions,
        initial_option: tierOptions.find((o) => o.value === tier),
      }),
      input(FIELD.owner, msg.modal.owner, { type: 'users_select', initial_user: d.ownerId }),
      input(FIELD.start, msg.modal.start, { type: 'datepicker', initial_date: d.today }),
      ...metricInputs(),
    ],
    meta,
  );
}

export interface LogActionDefaults {
  initiatives: Initiative[];
  initiativeId?: number;
  ownerId: string;
  channelId?: string;
}

/** Static select holds at most 100 options: the builder gets the 100 most relevant active initiatives. */
export function logActionModal(d: LogActionDefaults): ModalView {
  if (d.initiatives.length === 0) {
    return {
      ...modal(VIEW.logAction, msg.modal.logTitle, [section(msg.modal.noInitiatives)]),
      submit: undefined,
    };
  }
  const options: PlainTextOption[] = d.initiatives
    .slice(0, 100)
    .map((i) => ({ text: plain(`${iref(i.id)} ${i.title}`, LIMITS.optionText), value: String(i.id) }));
  const initial = options.find((o) => o.value === String(d.initiativeId));
  const meta = JSON.stringify({ channelId: d.channelId ?? null });
  return modal(
    VIEW.logAction,
    msg.modal.logTitle,
    [
      input(FIELD.initiative, msg.modal.initiative, {
        type: 'static_select',
        options,
        ...(initial ? { initial_option: initial } : {}),
      }),
      input(
        FIELD.title,
        msg.modal.actionTitle,
        { type: 'plain_text_input', max_length: 200 },
        { hint: msg.modal.actionHint },
      ),
      input(FIELD.owner, msg.modal.owner, { type: 'users_select', initial_user: d.ownerId }),
      input(FIELD.due, msg.modal.due, { type: 'datepicker' }),
      input(
        FIELD.dept,
        msg.modal.dept,
        { type: 'static_select', options: DEPARTMENTS.map(deptOption) },
        { optional: true },
      ),
    ],
    meta,
  );
}

/** "Add update" from a reminder or `/cx mine`: one note field; the action travels in private_metadata. */
export function addUpdateModal(actionId: number, origin: MenuOrigin): ModalView {
  const meta: MenuMetadata = { actionId, ...origin };
  return modal(
    VIEW.addUpdate,
    msg.modal.updateTitle,
    [input(FIELD.note, msg.modal.note, { type: 'plain_text_input', multiline: true, max_length: 2000 })],
    JSON.stringify(meta),
  );
}
