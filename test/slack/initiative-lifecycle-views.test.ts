/**
 * The builders of an initiative's life (issue 11): the close confirmation and its button, the closing post,
 * the announcement, the verdict correction and the pain-point DMs — fed a hostile text in every field a
 * person types (titles, outcome notes, reasons, pain points): Block Kit Slack accepts, nothing pinged, no
 * line of ours forged, no bidi or control character; and the button's value within Slack's 2,000.
 */
import { describe, expect, it } from 'vitest';
import { MAX_OUTCOME_LENGTH, openActionsFingerprint } from '../../src/domain/initiatives.js';
import type { InitiativeSnapshot } from '../../src/domain/payloads/initiatives.js';
import type { Action, Initiative } from '../../src/domain/types.js';
import { ACTION } from '../../src/slack/ids.js';
import type { BuiltMessage } from '../../src/slack/views/blocks.js';
import {
  announcedMessage,
  closedMessage,
  closeReply,
  correctionMessage,
  painPointNewsMessage,
  parseCloseButtonValue,
} from '../../src/slack/views/initiative-lifecycle.js';
import { EVIL, expectInert as inert, textsOf } from '../support/hostile-text.js';

/** Titles are single lines; notes keep their breaks but every line is quoted, so neither forges ours. */
const expectInert = (m: BuiltMessage) => inert(textsOf(m));

const initiative: InitiativeSnapshot = {
  id: 7,
  title: EVIL,
  tier: 'essential',
  leadDept: 'service',
  depts: ['service', 'sales'],
  ownerId: 'UALICE',
};
const action = (id: number, status: 'open' | 'blocked'): Action => ({
  id,
  initiativeId: 7,
  title: EVIL,
  ownerId: 'UBOB',
  dept: 'service',
  dueDate: '2026-03-10',
  status,
  blockedReason: null,
  snoozedUntil: null,
  lastActivityAt: new Date(0),
  createdBy: 'UALICE',
  createdAt: new Date(0),
  completedAt: null,
});

describe('initiative lifecycle builders', () => {
  it('the closing post, the announcement, the correction and the pain-point DMs stay inert', () => {
    expectInert(
      closedMessage({
        initiative: { ...initiative },
        closedBy: 'UALICE',
        outcome: EVIL,
        done: 2,
        dropped: 1,
        progress: { done: 2, total: 3 },
      }),
    );
    expectInert(
      announcedMessage({
        initiative: { ...initiative },
        createdBy: 'UALICE',
        startDate: '2026-03-02',
        painPoint: { id: 3, text: EVIL },
      }),
    );
    expectInert(
      correctionMessage({
        initiative: { ...initiative },
        kind: '6m',
        dueDate: '2026-09-02',
        previous: 'fail',
        verdict: 'pass',
        by: 'UADMIN',
        reason: EVIL,
      }),
    );
    const base = { initiative: { id: 7, title: EVIL }, painPoint: { id: 3, text: EVIL } };
    expectInert(
      painPointNewsMessage({ ...base, role: 'raiser', event: 'closed', outcome: EVIL, by: 'UALICE' }),
    );
    expectInert(
      painPointNewsMessage({
        ...base,
        role: 'voter',
        event: 'verdict',
        kind: '12m',
        verdict: 'partial',
        overriddenBy: null,
      }),
    );
  });

  it('the confirmation lists the open actions with one button whose value carries the longest outcome note', () => {
    const open = Array.from({ length: 25 }, (_, i) => action(i + 1, i % 2 ? 'blocked' : 'open'));
    const outcome = `${'"\\|'.repeat(MAX_OUTCOME_LENGTH / 4)}\u{1F600}`.slice(0, MAX_OUTCOME_LENGTH);
    const fingerprint = openActionsFingerprint(open.map((a) => a.id));
    const reply = closeReply({
      status: 'confirm',
      initiative: { ...initiative, depts: [...initiative.depts], status: 'active' } as unknown as Initiative,
      open,
      fingerprint,
      outcome,
      today: '2026-03-13',
    });
    expectInert({ ...reply, blocks: reply.blocks });
    const json = JSON.stringify(reply.blocks);
    // Due 2026-03-10: each listed action says how late it is, in the reminder's words.
    expect(json).toContain('due 2026-03-10, 3 days late');
    expect(json).toContain('Close and drop 25 open actions');
    expect(json).toContain('…and 5 more.');
    const buttons = (reply.blocks as { elements?: { action_id?: string; value?: string }[] }[]).flatMap(
      (b) => b.elements ?? [],
    );
    const button = buttons.find((e) => e.action_id === ACTION.closeInitiativeDrop);
    expect(button?.value?.length).toBeLessThanOrEqual(2000);
    expect(parseCloseButtonValue(button?.value ?? '')).toEqual({ initiativeId: 7, fingerprint, outcome });
    expect(parseCloseButtonValue('I-7|nope|x')).toBeNull();
    expect(parseCloseButtonValue('A-7|3.abc|x')).toBeNull();
  });
});
