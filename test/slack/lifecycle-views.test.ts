/**
 * The DMs and history lines of issue 11 fed a hostile text in every field a person types (titles, reasons,
 * old and new titles): no mass mention, no line of ours forged by a line break, valid Block Kit.
 */
import { describe, expect, it } from 'vitest';
import type { WorkAction, WorkInitiative } from '../../src/domain/payloads/work.js';
import type { HistoryEntry } from '../../src/domain/types.js';
import { lifecycle } from '../../src/slack/messages/en-lifecycle.js';
import { moment } from '../../src/slack/messages/mrkdwn.js';
import { assignedMessage, blockedMessage, unassignedMessage } from '../../src/slack/views/work.js';
import { EVIL, expectShownOnOneLine, expectInert as inert, textsOf } from '../support/hostile-text.js';

function expectInert(texts: string[]) {
  inert(texts);
  expectShownOnOneLine(texts);
}

const action: WorkAction = {
  id: 7,
  title: EVIL,
  ownerId: 'UBOB',
  dueDate: '2026-03-09',
  status: 'blocked',
  dept: 'service',
};
const initiative: WorkInitiative = { id: 3, title: EVIL, ownerId: 'UALICE' };

describe('issue 11 views with hostile text', () => {
  it('the assignment DM', () => {
    const m = assignedMessage({
      actorId: 'UALICE',
      how: 'assigned',
      previousOwnerId: 'UCAROL',
      action,
      initiative,
    });
    expectInert(textsOf(m));
    expect(JSON.stringify(m.blocks)).toContain('cx_rem_7');
  });

  it('the handover DM', () => {
    expectInert(textsOf(unassignedMessage({ actorId: 'UALICE', newOwnerId: 'UBOB', action, initiative })));
  });

  it('the block DM, to the initiative owner and to someone mentioned', () => {
    for (const role of ['initiative_owner', 'mentioned'] as const) {
      expectInert(textsOf(blockedMessage({ actorId: 'UBOB', role, reason: EVIL, action, initiative })));
    }
  });

  it('history lines: old and new titles, reasons', () => {
    const entry = (kind: string): HistoryEntry => ({
      id: 1,
      entity: 'A',
      entityId: 7,
      actorId: 'UALICE',
      at: new Date('2026-03-02T10:00:00Z'),
      kind,
      note: EVIL,
      oldValue: EVIL,
      newValue: EVIL,
    });
    const lines = ['due', 'assigned', 'renamed', 'unblocked', 'dropped'].map(
      (k) => lifecycle.historyLine(moment(new Date('2026-03-02T10:00:00Z'), 'UTC'), entry(k)) ?? '',
    );
    expectInert(lines);
    expectInert([
      lifecycle.changeLine('A-7', moment(new Date('2026-03-02T10:00:00Z'), 'UTC'), entry('created')),
    ]);
  });
});
