/** Handing an initiative to a new owner: the button under `/cx show I-n` and the modal it opens. */
import type { Button, ModalView } from '@slack/types';
import type { Initiative } from '../../domain/types.js';
import { ACTION, FIELD, VIEW } from '../ids.js';
import { iref, lifecycle, msg } from '../messages/index.js';
import { input, LIMITS, plain, section } from './blocks.js';

/** What the submission needs besides the picked person: which initiative, and where to confirm. */
export interface HandOverMetadata {
  initiativeId: number;
  channelId: string | null;
}

export function handOverButton(initiativeId: number): Button {
  return {
    type: 'button',
    action_id: ACTION.handOver,
    text: plain(lifecycle.handOver.button),
    value: iref(initiativeId),
  };
}

export function handOverModal(initiative: Initiative, channelId: string | null): ModalView {
  const w = lifecycle.handOver;
  const meta: HandOverMetadata = { initiativeId: initiative.id, channelId };
  return {
    type: 'modal',
    callback_id: VIEW.handOver,
    title: plain(w.modalTitle, LIMITS.modalTitle),
    submit: plain(w.modalSubmit, LIMITS.modalTitle),
    close: plain(msg.modal.cancel, LIMITS.modalTitle),
    private_metadata: JSON.stringify(meta),
    blocks: [
      section(w.intro(initiative.id, initiative.title, initiative.ownerId)),
      input(FIELD.owner, w.field, { type: 'users_select' }),
    ],
  };
}
