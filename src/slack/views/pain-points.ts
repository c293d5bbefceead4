import type { KnownBlock, ModalView } from '@slack/types';
import type { LoggedPainPoint, PainPointDetail } from '../../app/pain-points.js';
import { MAX_PAIN_TEXT } from '../../domain/pain-points.js';
import { truncate } from '../../domain/text.js';
import { FIELD, VIEW } from '../ids.js';

import { linkTo, pref } from '../messages/en-rounds.js';
import { msg } from '../messages/index.js';
import { clip, join, line, lines, md, moment } from '../messages/mrkdwn.js';
import {
  type BuiltMessage,
  context,
  divider,
  header,
  LIMITS,
  linesToSections,
  message,
  plain,
  section,
} from './blocks.js';

/** `/cx pain` and the modal: the new `P-n`, and a similar open pain point if there is one. */
export function painLoggedReply(r: LoggedPainPoint): BuiltMessage {
  const text = msg.rounds.logged(r.painPoint.id, r.painPoint.text, r.similar);
  return message(text, [section(text)]);
}

export interface LogPainPointDefaults {
  /** The message's text, as the user wrote it (Slack's escapes undone). */
  text: string;
  /** Where the message is: the pain point records that channel's department. */
  channelId: string | null;
  permalink: string | null;
}

/** The "Log as pain point" modal, prefilled with the message; channel and permalink ride in private_metadata. */
export function logPainPointModal(d: LogPainPointDefaults): ModalView {
  const w = msg.rounds;
  const link = linkTo(d.permalink, msg.rounds.originalMessage);
  const initial = truncate(d.text.trim(), MAX_PAIN_TEXT);
  return {
    type: 'modal',
    callback_id: VIEW.logPainPoint,
    title: plain(w.modalTitle, LIMITS.modalTitle),
    submit: plain(w.modalSubmit, LIMITS.modalTitle),
    close: plain(msg.modal.cancel, LIMITS.modalTitle),
    private_metadata: JSON.stringify({ channelId: d.channelId, permalink: link ? d.permalink : null }),
    blocks: [
      {
        type: 'input',
        block_id: FIELD.painText,
        label: plain(w.modalLabel, 2000),
        hint: plain(w.modalHint, 2000),
        element: {
          type: 'plain_text_input',
          action_id: FIELD.painText,
          multiline: true,
          max_length: MAX_PAIN_TEXT,
          ...(initial ? { initial_value: initial } : {}),
        },
      },
      context(w.modalSource(link)),
    ],
  };
}

/**
 * `/cx show P-n`: the full text, who raised it where and when, its votes and history. Moments are written
 * for the reader's zone (`moment()`); `d.timeZone` (CX_TIMEZONE) only writes their fallback.
 */
export function painPointReply(d: PainPointDetail): BuiltMessage {
  const w = msg.rounds;
  const p = d.painPoint;
  const zone = d.timeZone ?? 'UTC';
  const facts = w.showFacts({
    raisedBy: p.raisedBy,
    dept: p.dept,
    createdAt: moment(p.createdAt, zone, 'date'),
    status: p.status,
    initiativeId: p.adoptedInitiativeId,
  });
  const link = linkTo(p.permalink, w.originalMessage);
  const roundLines = d.rounds.map((r) => w.showRound(r.month, r.status, r.position, r.votes));
  const history = d.history.map((h) => w.showHistoryLine(moment(h.at, zone), h.actorId, h.kind, h.note));
  const blocks: KnownBlock[] = [
    header(`${pref(p.id)} ${p.text}`),
    // The full text, line breaks kept, every line quoted (./mrkdwn.ts `lines`).
    section(lines(p.text) || w.nothingVisible),
    context(facts, ...(link ? [w.showSource(link)] : [])),
    divider(),
    section(md`*${w.showRoundsHeading}*\n${roundLines.length ? join(roundLines, '\n') : w.showNoRounds}`),
    section(md`*${msg.historyHeading}*`),
    ...linesToSections(history.slice(-30), 10).blocks,
  ];
  return message(md`${line(pref(p.id))} ${clip(line(p.text), 500)}`, blocks);
}
