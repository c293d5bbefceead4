import { describe, expect, it } from 'vitest';
import type { InitiativeSummary } from '../../src/app/initiatives.js';
import type { Action, Initiative } from '../../src/domain/types.js';
import { validateBlocks, validateView } from '../../src/sandbox/emulator/index.js';
import { closedMessage } from '../../src/slack/views/initiative-lifecycle.js';
import { addUpdateModal, logActionModal, newInitiativeModal } from '../../src/slack/views/modals.js';
import { winMessage } from '../../src/slack/views/render.js';
import {
  actionReply,
  errorReply,
  initiativeReply,
  listReply,
  mineReply,
  setupShowReply,
} from '../../src/slack/views/replies.js';

const at = new Date('2026-03-02T10:00:00Z');
const dates = { today: '2026-03-02', zone: 'UTC' };
const long = (s: string) => s.repeat(Math.ceil(3000 / s.length)).slice(0, 3000);

function initiative(id: number, over: Partial<Initiative> = {}): Initiative {
  return {
    id,
    title: `Initiative ${id} <!channel> *bold* :tada:`,
    tier: id % 7 === 0 ? 'essential' : 'important',
    status: 'active',
    leadDept: 'sales',
    depts: ['sales', 'it'],
    ownerId: 'UALICE',
    startDate: '2026-01-01',
    customerMetric: null,
    businessMetric: null,
    createdBy: 'UALICE',
    createdAt: at,
    ...over,
  };
}

function action(id: number, over: Partial<Action> = {}): Action {
  return {
    id,
    initiativeId: 1,
    title: `Action ${id} for <@UBOB> & <!here>`,
    ownerId: 'UALICE',
    dept: 'it',
    dueDate: '2026-03-10',
    status: 'open',
    blockedReason: null,
    snoozedUntil: null,
    lastActivityAt: at,
    createdBy: 'UALICE',
    createdAt: at,
    completedAt: null,
    ...over,
  };
}

function mrkdwnOf(message: { text: string; blocks: unknown[] }): string[] {
  const found = [message.text];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'mrkdwn' && typeof o.text === 'string') found.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(message.blocks);
  return found;
}

/** A built message must pass the emulator's copy of Slack's Block Kit rules and carry a fallback text. */
function expectValid(message: { text: string; blocks: unknown[] }) {
  expect(message.text.length).toBeGreaterThan(0);
  expect(validateBlocks(message.blocks, 'message')).toEqual([]);
  // Slack parses mentions in mrkdwn and in the fallback text (plain_text shows them literally).
  expect(mrkdwnOf(message).join('\n')).not.toMatch(/<!channel>|<!here>|<!everyone>|<@UBOB\|/);
}

describe('Block Kit builders stay within Slack limits however much data there is', () => {
  it('error replies for every kind of error', () => {
    expectValid(errorReply({ code: 'unknown_subcommand', text: '<!channel>' }));
    expectValid(errorReply({ code: 'essential_limit', current: [1, 2, 3], max: 3 }, 'essential'));
    expectValid(errorReply({ code: 'forbidden', need: 'owner', owners: ['UALICE'] }, 'done'));
    expectValid(errorReply({ code: 'usage', command: 'log', detail: 'missing_title' }));
  });

  it("a closing post naming ten dropped actions whose titles are 200 escaped characters each stays within a section's 3,000", () => {
    const title = '<'.repeat(200); // &lt; each: 800 characters a line
    const message = closedMessage({
      initiative: {
        id: 1,
        title: 'Faster answers',
        tier: 'important',
        leadDept: 'sales',
        depts: ['sales'],
        ownerId: 'UALICE',
      },
      closedBy: 'UALICE',
      outcome: 'Done for now',
      done: 0,
      dropped: 12,
      progress: { done: 0, total: 12 },
      droppedActions: Array.from({ length: 10 }, (_, i) => ({ id: i + 1, title, ownerId: 'UBOB' })),
      droppedMore: 2,
    });
    expectValid(message);
    const body = JSON.stringify(message.blocks);
    expect(body).toContain('*A-1* ');
    // What did not fit in three sections is counted with the two never named.
    const shown = (body.match(/\*A-\d+\*/g) ?? []).length;
    expect(shown).toBeLessThan(10);
    expect(body).toContain(`…and ${12 - shown} more`);
  });

  it('/cx mine with 500 actions says how many are not shown', () => {
    const items = Array.from({ length: 500 }, (_, i) => ({
      action: action(i + 1),
      initiative: initiative(1),
    }));
    const message = mineReply(items, dates);
    expectValid(message);
    expect(JSON.stringify(message.blocks)).toMatch(/and 477 more/);
    // The fallback (notifications, screen readers) names what is shown and counts the rest, as the blocks do.
    expect(message.text).toContain('*A-23* ');
    expect(message.text).not.toContain('A-24');
    expect(message.text).toContain('…and 477 more.');
  });

  it('/cx list with 300 initiatives with 3,000-character titles', () => {
    const items: InitiativeSummary[] = Array.from({ length: 300 }, (_, i) => ({
      initiative: initiative(i + 1, { title: long(`T${i} <!channel> `) }),
      progress: { done: i % 5, total: 5 },
      hasNextStep: i % 2 === 0,
    }));
    const message = listReply(items);
    expectValid(message);
    expect(JSON.stringify(message.blocks)).toMatch(/and \d+ more/);
  });

  it('/cx show for an initiative with 1,000 actions and long history, and for an action', () => {
    const actions = Array.from({ length: 1000 }, (_, i) => action(i + 1));
    const history = Array.from({ length: 500 }, (_, i) => ({
      id: i,
      entity: 'I' as const,
      entityId: 1,
      actorId: 'UALICE',
      at,
      kind: 'update',
      note: long('note <!everyone> '),
    }));
    expectValid(
      initiativeReply(
        {
          initiative: initiative(1),
          actions,
          history,
          progress: { done: 10, total: 1000 },
          hasNextStep: false,
        },
        dates,
      ),
    );
    expectValid(
      actionReply(
        {
          action: action(1, { status: 'blocked', blockedReason: long('why <!channel> ') }),
          initiative: initiative(1),
          history,
        },
        dates,
      ),
    );
  });

  it('a progress win with a 3,000-character title and note', () => {
    const message = winMessage({
      actorId: 'UALICE',
      ownerId: 'UALICE',
      action: { id: 7, title: long('win <!channel> '), dept: 'it' },
      initiative: { id: 1, title: long('init <@UBOB> '), tier: 'essential', depts: ['it'] },
      progress: { done: 3, total: 4 },
      note: long('note <!here> '),
    });
    expectValid(message);
    expect(JSON.stringify(message.blocks)).toContain('75%');
  });

  it('setup show', () => {
    expectValid(setupShowReply([{ key: 'sales', channelId: 'C1' }], [], 'UTC'));
  });

  it('modals are valid views', () => {
    expect(validateView(newInitiativeModal({ ownerId: 'U1', today: '2026-03-02', lead: 'it' }))).toEqual([]);
    const many = Array.from({ length: 150 }, (_, i) => initiative(i + 1, { title: long('x') }));
    expect(validateView(logActionModal({ initiatives: many, ownerId: 'U1' }))).toEqual([]);
    expect(validateView(logActionModal({ initiatives: [], ownerId: 'U1' }))).toEqual([]);
    expect(
      validateView(
        addUpdateModal(3, {
          surface: 'mine',
          channelId: 'C1',
          messageTs: null,
          responseUrl: 'https://hooks.slack.com/x',
        }),
      ),
    ).toEqual([]);
  });
});
