/**
 * Every builder of the replies, DMs, modals and the App Home (issue 12) held to the contract's two rules:
 *
 * - text from people stays text: a title, note or reason holding `<@U123|liam>`, `<#C123|cx-service>` and
 *   `<!channel>` shows the mention and the channel link (`<@U123>`, `<#C123>`: the label dropped), pings
 *   nobody, and in plain-text fields (headers, labels, options) reads `@liam`, `#cx-service`, never markup;
 * - times are the reader's: a builder that shows a moment writes it as `<!date^…>`, and no builder writes
 *   a time of day as plain `YYYY-MM-DD HH:MM`.
 *
 * The cases are keyed by the exports of each view module: a new export without a case here fails the first
 * test, so a new builder cannot skip the rules.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { HomeData } from '../../src/app/home.js';
import type { OutboxEntry } from '../../src/domain/outbox.js';
import type { WorkAction, WorkInitiative } from '../../src/domain/payloads/work.js';
import type { Action, HistoryEntry, Initiative, Metric } from '../../src/domain/types.js';
import { validateBlocks, validateView } from '../../src/sandbox/emulator/index.js';
import { inLanguage } from '../../src/slack/messages/index.js';
import { line } from '../../src/slack/messages/mrkdwn.js';
import * as actionButtonsModule from '../../src/slack/views/action-buttons.js';
import * as actionMenuModule from '../../src/slack/views/action-menu.js';
import * as blocksModule from '../../src/slack/views/blocks.js';
import * as checkModule from '../../src/slack/views/check.js';
import * as handOverModule from '../../src/slack/views/hand-over-modal.js';
import * as homeModule from '../../src/slack/views/home.js';
import * as lifecycleModule from '../../src/slack/views/initiative-lifecycle.js';
import * as modalsModule from '../../src/slack/views/modals.js';
import * as renderModule from '../../src/slack/views/render.js';
import * as repliesModule from '../../src/slack/views/replies.js';
import * as workModule from '../../src/slack/views/work.js';

/** What a person may type: a user mention and a channel link with labels, and a mass mention. */
const T = 'Waiting for CRM admin rights from <@U123|liam> in <#C123|cx-service> <!channel>';
const at = new Date('2026-03-02T10:00:00Z');
const dates = { today: '2026-03-02', zone: 'Europe/Berlin' };

const metric: Metric = { name: T, baseline: 30, target: 45, unit: 'pts' };
const initiative: Initiative = {
  id: 3,
  title: T,
  tier: 'essential',
  status: 'active',
  leadDept: 'service',
  depts: ['service', 'sales'],
  ownerId: 'UALICE',
  startDate: '2026-01-31',
  customerMetric: metric,
  businessMetric: null,
  createdBy: 'UALICE',
  createdAt: at,
};
const action: Action = {
  id: 7,
  initiativeId: 3,
  title: T,
  ownerId: 'UALICE',
  dept: 'service',
  dueDate: '2026-02-20',
  status: 'blocked',
  blockedReason: T,
  snoozedUntil: null,
  lastActivityAt: at,
  createdBy: 'UALICE',
  createdAt: at,
  completedAt: null,
};
const history: HistoryEntry[] = [
  { id: 1, entity: 'A', entityId: 7, actorId: 'UBOB', at, kind: 'blocked', note: T },
  {
    id: 2,
    entity: 'A',
    entityId: 7,
    actorId: 'UBOB',
    at,
    kind: 'renamed',
    note: T,
    oldValue: T,
    newValue: T,
  },
];
const summary = { initiative, progress: { done: 1, total: 3 }, hasNextStep: false };
const workAction: WorkAction = {
  id: 7,
  title: T,
  ownerId: 'UALICE',
  dueDate: '2026-03-09',
  status: 'blocked',
  dept: 'service',
};
const workInitiative: WorkInitiative = { id: 3, title: T, ownerId: 'UALICE' };
const snapshot = { id: 3, title: T, tier: 'essential' as const, leadDept: 'service' as const };
const verdictPayload = {
  initiative: { ...initiative, depts: ['service' as const] },
  kind: '6m' as const,
  dueDate: '2026-07-31',
  verdict: 'partial' as const,
  customer: { metric, value: 40, outcome: 'improved' as const },
  business: { metric: null, value: null, outcome: 'no_data' as const },
  evidence: null,
};
const home: HomeData = {
  userId: 'UALICE',
  today: '2026-03-02',
  now: at,
  zone: 'Europe/Berlin',
  actions: [{ action, initiative }],
  initiatives: [{ ...summary, checks: [], missingMetrics: ['business'] }],
  essentials: [summary],
  round: {
    month: '2026-03',
    open: true,
    voters: 1,
    total: 1,
    lines: [{ rank: 1, painPointId: 1, text: T, dept: 'sales', votes: 1, adoptable: false }],
  },
  wins: [{ action: { ...action, status: 'done', completedAt: at }, initiative, day: '2026-03-01' }],
  changes: history,
};
const entry = (kind: string, payload: unknown) => ({ id: 1, kind, payload }) as unknown as OutboxEntry;

/**
 * `people`: where a person's text shows — `mrkdwn` (mentions render), `plain` (plain-text fields only) or
 * `none` (the builder shows no text a person typed). `moment`: it shows a moment.
 */
type Case =
  | { build: () => unknown; people: 'mrkdwn' | 'plain' | 'none'; moment?: true }
  | { notABuilder: string };

const CASES: Record<string, { module: Record<string, unknown>; cases: Record<string, Case> }> = {
  replies: {
    module: repliesModule,
    cases: {
      textReply: { build: () => repliesModule.textReply(line(T)), people: 'mrkdwn' },
      errorReply: {
        build: () => repliesModule.errorReply({ code: 'unknown_subcommand', text: T }),
        people: 'mrkdwn',
      },
      actionLineOf: { build: () => repliesModule.actionLineOf(action, dates.today, true), people: 'mrkdwn' },
      mineButtonsBlockId: { notABuilder: 'a block_id' },
      mineReply: { build: () => repliesModule.mineReply([{ action, initiative }], dates), people: 'mrkdwn' },
      listReply: { build: () => repliesModule.listReply([summary]), people: 'mrkdwn' },
      initiativeReply: {
        build: () => [
          repliesModule.initiativeReply({ ...summary, actions: [action], history }, dates, {
            missing: ['business'],
            series: [{ kind: 'customer', metric, points: [{ day: '2025-12-30', value: 33 }] }],
            checks: [],
          }),
          // Its owner left.
          repliesModule.initiativeReply(
            { ...summary, actions: [action], history, ownerLeft: 'deactivated' },
            dates,
          ),
          repliesModule.initiativeReply(
            { ...summary, actions: [action], history, ownerLeft: 'unknown' },
            dates,
          ),
        ],
        people: 'mrkdwn',
        moment: true,
      },
      showButtonsBlockId: { notABuilder: 'a block_id' },
      actionReply: {
        build: () => [
          repliesModule.actionReply({ action, initiative, history }, dates, { buttons: true }),
          repliesModule.actionReply({ action, initiative, history, ownerLeft: 'deactivated' }, dates),
          repliesModule.actionReply({ action, initiative, history, ownerLeft: 'unknown' }, dates),
        ],
        people: 'mrkdwn',
        moment: true,
      },
      setupShowReply: {
        build: () => repliesModule.setupShowReply([{ key: 'sales', channelId: 'C1' }], [], 'UTC'),
        people: 'none',
      },
    },
  },
  home: {
    module: homeModule,
    cases: {
      homeButtonsBlockId: { notABuilder: 'a block_id' },
      HOME_ACTIONS: { notABuilder: 'a number' },
      homeView: {
        build: () => [
          homeModule.homeView(home),
          // An admin's, with the work of people who left (titles are people's text).
          homeModule.homeView({
            ...home,
            departed: [
              {
                userId: 'UGONE',
                actionIds: [1, 2, 3, 4, 5],
                moreActions: 2,
                initiatives: [{ id: 3, title: T }],
              },
              { userId: 'UALSO', actionIds: [], moreActions: 0, initiatives: [{ id: 4, title: T }] },
            ],
            departedMore: 3,
          }),
          // Verdicts waiting for the owner's recommit or close: the question names the initiative.
          homeModule.homeView({
            ...home,
            initiatives: [1, 2, 3, 4].map((id) => ({
              ...summary,
              initiative: { ...summary.initiative, id },
              missingMetrics: [],
              checks: [
                {
                  kind: '12m' as const,
                  dueDate: '2026-03-02',
                  state: 'judged' as const,
                  verdict: 'pass' as const,
                  decision: null,
                  awaitingDecision: true as const,
                },
              ],
            })),
          }),
        ],
        people: 'mrkdwn',
        moment: true,
      },
    },
  },
  work: {
    module: workModule,
    cases: {
      assignedMessage: {
        build: () =>
          workModule.assignedMessage({
            actorId: 'UBOB',
            how: 'assigned',
            previousOwnerId: 'UCAROL',
            action: workAction,
            initiative: workInitiative,
          }),
        people: 'mrkdwn',
      },
      unassignedMessage: {
        build: () =>
          workModule.unassignedMessage({
            actorId: 'UBOB',
            newOwnerId: 'UCAROL',
            action: workAction,
            initiative: workInitiative,
          }),
        people: 'mrkdwn',
      },
      handedOverMessage: {
        build: () =>
          (['new_owner', 'previous_owner'] as const).map((role) =>
            workModule.handedOverMessage({
              role,
              actorId: 'UBOB',
              previousOwnerId: 'UALICE',
              newOwnerId: 'UCAROL',
              initiative: { id: workInitiative.id, title: workInitiative.title },
              openActions: 2,
              openCheck: { kind: '6m', dueDate: '2026-07-05' },
            }),
          ),
        people: 'mrkdwn',
      },
      blockedMessage: {
        build: () =>
          (['initiative_owner', 'mentioned'] as const).map((role) =>
            workModule.blockedMessage({
              actorId: 'UBOB',
              role,
              reason: T,
              action: workAction,
              initiative: workInitiative,
            }),
          ),
        people: 'mrkdwn',
      },
    },
  },
  'action-buttons': {
    module: actionButtonsModule,
    cases: {
      menuValue: { notABuilder: 'an overflow option value, never shown' },
      parseMenuValue: { notABuilder: 'reads a value back' },
      actionButtons: { build: () => actionButtonsModule.actionButtons(7, 'act_7'), people: 'none' },
    },
  },
  'hand-over-modal': {
    module: handOverModule,
    cases: {
      handOverButton: {
        build: () => ({ blocks: [{ type: 'actions', elements: [handOverModule.handOverButton(3)] }] }),
        people: 'none',
      },
      handOverModal: { build: () => handOverModule.handOverModal(initiative, 'C1'), people: 'mrkdwn' },
    },
  },
  'action-menu': {
    module: actionMenuModule,
    cases: {
      actionMenuModal: {
        build: () =>
          (['reschedule', 'reassign', 'drop'] as const).map((choice) =>
            actionMenuModule.actionMenuModal(
              choice,
              action,
              {
                surface: 'mine',
                channelId: 'C1',
                messageTs: null,
                responseUrl: null,
              },
              dates.today,
            ),
          ),
        people: 'mrkdwn',
      },
    },
  },
  check: {
    module: checkModule,
    cases: {
      sparkline: { notABuilder: 'bars drawn from numbers' },
      checkStatusLines: {
        build: () =>
          checkModule.checkStatusLines([
            { kind: '6m', dueDate: '2026-07-31', state: 'judged', verdict: 'pass', decision: 'recommit' },
          ]),
        people: 'none',
      },
      metricBlocks: {
        build: () =>
          checkModule.metricBlocks(
            {
              missing: ['business'],
              series: [{ kind: 'customer', metric, points: [{ day: '2026-03-01', value: 33 }] }],
              checks: [],
            },
            1,
          ),
        people: 'mrkdwn',
      },
      checkModal: {
        build: () =>
          checkModule.checkModal({ initiative, last: { customer: 31, business: null }, channelId: 'C1' }),
        people: 'mrkdwn',
      },
      checkAskMessage: {
        build: () =>
          checkModule.checkAskMessage({
            initiative: verdictPayload.initiative,
            kind: '6m',
            dueDate: '2026-07-31',
            deadline: '2026-08-14',
            last: { customer: 31, business: null },
          }),
        people: 'mrkdwn',
      },
      verdictMessage: { build: () => checkModule.verdictMessage(verdictPayload), people: 'mrkdwn' },
      verdictOwnerMessage: {
        build: () => checkModule.verdictOwnerMessage({ ...verdictPayload, decide: true }),
        people: 'mrkdwn',
      },
      decideBlocks: { build: () => ({ blocks: checkModule.decideBlocks(7, '2026-03-02') }), people: 'none' },
      decideBlockId: { notABuilder: 'a block_id' },
      decideButtons: {
        build: () => ({ blocks: [checkModule.decideButtons(7, '2026-03-02')] }),
        people: 'none',
      },
      metricInputs: { build: () => checkModule.metricInputs(), people: 'none' },
    },
  },
  'initiative-lifecycle': {
    module: lifecycleModule,
    cases: {
      closeButtonValue: { notABuilder: 'a button value, never shown' },
      parseCloseButtonValue: { notABuilder: 'reads a value back' },
      closeReply: {
        build: () => [
          lifecycleModule.closeReply({
            status: 'confirm',
            initiative,
            open: [action],
            fingerprint: '1.abc',
            today: dates.today,
            outcome: T,
          }),
          lifecycleModule.closeReply({
            status: 'closed',
            initiative,
            tally: { done: 1, dropped: 1, progress: { done: 1, total: 2 } },
            dropped: [7],
            postedTo: ['service'],
          }),
          lifecycleModule.closeReply({ status: 'already_closed', initiative }),
        ],
        people: 'mrkdwn',
      },
      verdictReply: {
        build: () =>
          lifecycleModule.verdictReply({
            status: 'overridden',
            initiativeId: 3,
            kind: '6m',
            dueDate: '2026-07-31',
            previous: 'fail',
            verdict: 'pass',
            postedTo: ['service'],
          }),
        people: 'none',
      },
      closedMessage: {
        build: () =>
          lifecycleModule.closedMessage({
            initiative: { ...snapshot, depts: ['service'], ownerId: 'UALICE' },
            closedBy: 'UALICE',
            outcome: T,
            done: 1,
            dropped: 1,
            progress: { done: 1, total: 2 },
            droppedActions: [{ id: 3, title: T, ownerId: 'UBOB' }],
            droppedMore: 2,
          }),
        people: 'mrkdwn',
      },
      announcedMessage: {
        build: () =>
          lifecycleModule.announcedMessage({
            initiative: { ...snapshot, depts: ['service', 'sales'], ownerId: 'UALICE' },
            createdBy: 'UALICE',
            startDate: '2026-03-02',
            painPoint: { id: 1, text: T },
          }),
        people: 'mrkdwn',
      },
      correctionMessage: {
        build: () =>
          lifecycleModule.correctionMessage({
            initiative: { ...snapshot, depts: ['service'], ownerId: 'UALICE' },
            kind: '6m',
            dueDate: '2026-07-31',
            previous: 'fail',
            verdict: 'pass',
            by: 'UADMIN',
            reason: T,
          }),
        people: 'mrkdwn',
      },
      painPointNewsMessage: {
        build: () => {
          const base = { initiative: { id: 3, title: T }, painPoint: { id: 1, text: T } };
          return [
            lifecycleModule.painPointNewsMessage({
              ...base,
              role: 'raiser',
              event: 'closed',
              outcome: T,
              by: 'UALICE',
            }),
            lifecycleModule.painPointNewsMessage({
              ...base,
              role: 'voter',
              event: 'verdict',
              kind: '12m',
              verdict: 'pass',
              overriddenBy: 'UADMIN',
            }),
          ];
        },
        people: 'mrkdwn',
      },
    },
  },
  modals: {
    module: modalsModule,
    cases: {
      // A pain point adopted as an initiative pre-fills the title input (what the person will save, not ours).
      newInitiativeModal: {
        build: () => modalsModule.newInitiativeModal({ title: T, ownerId: 'UALICE', today: '2026-03-02' }),
        people: 'none',
      },
      logActionModal: {
        build: () => modalsModule.logActionModal({ initiatives: [initiative], ownerId: 'UALICE' }),
        people: 'plain',
      },
      addUpdateModal: {
        build: () =>
          modalsModule.addUpdateModal(7, {
            surface: 'message',
            channelId: 'C1',
            messageTs: '1.2',
            responseUrl: null,
          }),
        people: 'none',
      },
    },
  },
  render: {
    module: renderModule,
    cases: {
      winMessage: {
        build: () =>
          renderModule.winMessage({
            actorId: 'UALICE',
            ownerId: 'UALICE',
            action: { id: 7, title: T, dept: 'service' },
            initiative: { id: 3, title: T, tier: 'essential', depts: ['service'] },
            progress: { done: 1, total: 2 },
            note: T,
          }),
        people: 'mrkdwn',
      },
      // Wins merged into one post by the notifier: two on one initiative, one on another.
      renderMerged: {
        build: () =>
          renderModule.renderMerged(
            [7, 8, 9].map((id) =>
              entry('win', {
                actorId: 'UALICE',
                ownerId: 'UALICE',
                action: { id, title: T, dept: 'service' },
                initiative: { id: id === 9 ? 4 : 3, title: T, tier: 'essential', depts: ['service'] },
                progress: { done: 1, total: 2 },
                note: T,
              }),
            ),
          ),
        people: 'mrkdwn',
      },
      renderEntry: {
        build: () => [
          renderModule.renderEntry(
            entry('action_blocked', {
              actorId: 'UBOB',
              role: 'mentioned',
              reason: T,
              action: workAction,
              initiative: workInitiative,
            }),
          ),
          renderModule.renderEntry(
            entry('delivery_problem', { kind: 'win', target: '#sales', error: 'not_in_channel' }),
          ),
        ],
        people: 'mrkdwn',
      },
    },
  },
  blocks: {
    module: blocksModule,
    cases: {
      LIMITS: { notABuilder: 'numbers' },
      section: { build: () => blocksModule.section(line(T)), people: 'mrkdwn' },
      readable: { build: () => ({ type: 'plain_text', text: blocksModule.readable(T) }), people: 'plain' },
      header: { build: () => blocksModule.header(T), people: 'plain' },
      context: { build: () => blocksModule.context(line(T)), people: 'mrkdwn' },
      divider: { notABuilder: 'a line, no text' },
      plain: { build: () => blocksModule.plain(T), people: 'plain' },
      input: {
        build: () => blocksModule.input('f', T, { type: 'plain_text_input' }, { hint: T }),
        people: 'plain',
      },
      linesToSections: { build: () => blocksModule.linesToSections([line(T)], 3), people: 'mrkdwn' },
      message: {
        build: () => blocksModule.message(line(T), [blocksModule.section(line(T))]),
        people: 'mrkdwn',
      },
    },
  },
};

/** The texts people see: mrkdwn (blocks, a message's fallback, a built line) and plain_text fields. */
function shown(output: unknown): { mrkdwn: string[]; plain: string[] } {
  const mrkdwn: string[] = [];
  const plain: string[] = [];
  const walk = (node: unknown, root: boolean) => {
    if (typeof node === 'string') {
      if (root) mrkdwn.push(node);
      return;
    }
    if (Array.isArray(node)) {
      for (const n of node) walk(n, root);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (root && typeof o.text === 'string' && Array.isArray(o.blocks)) {
      mrkdwn.push(o.text); // a message's fallback: notifications and screen readers
      expect(validateBlocks(o.blocks, 'message')).toEqual([]);
    }
    if (root && (o.type === 'modal' || o.type === 'home')) expect(validateView(o)).toEqual([]);
    if (o.type === 'mrkdwn' && typeof o.text === 'string') mrkdwn.push(o.text);
    if (o.type === 'plain_text' && typeof o.text === 'string') plain.push(o.text);
    for (const [key, value] of Object.entries(o))
      if (key !== 'text' || typeof value !== 'string') walk(value, false);
  };
  walk(output, true);
  return { mrkdwn, plain };
}

describe('every builder of replies, DMs, modals and the Home has a case', () => {
  it.each(Object.keys(CASES))('views/%s: one case per export, no case for what is not exported', (name) => {
    const { module, cases } = CASES[name] ?? { module: {}, cases: {} };
    expect(Object.keys(cases).sort()).toEqual(Object.keys(module).sort());
  });
});

const builders = Object.entries(CASES).flatMap(([name, { cases }]) =>
  Object.entries(cases).flatMap(([exported, c]) => ('build' in c ? [{ id: `${name}.${exported}`, c }] : [])),
);

describe('text from people stays text; times are the reader’s', () => {
  it.each(builders)('$id', ({ c }) => {
    const { mrkdwn, plain } = shown(c.build());
    const all = [...mrkdwn, ...plain].join('\n');
    expect(mrkdwn.length + plain.length).toBeGreaterThan(0);
    // Nobody is pinged, and no label a person typed can pass for a name.
    expect(all).not.toMatch(/<!(?:channel|here|everyone|subteam)/);
    expect(all).not.toMatch(/\|liam>|\|cx-service>/);
    // Plain text parses nothing: markup would show as such.
    expect(plain.join('\n')).not.toMatch(/<[@#!]/);
    // A time of day is never written as a bare UTC text (it is a <!date^…> in the reader's zone).
    expect(all).not.toMatch(/\d{4}-\d\d-\d\d[ T]\d\d:\d\d/);
    if (c.people === 'mrkdwn') {
      expect(mrkdwn.join('\n')).toContain('<@U123>');
      expect(mrkdwn.join('\n')).toContain('<#C123>');
      expect(mrkdwn.join('\n')).toContain('&lt;!channel&gt;');
    }
    if (c.people === 'plain') {
      expect(plain.join('\n')).toContain('from @liam in #cx-service @channel');
    }
    if (c.moment)
      expect(mrkdwn.join('\n')).toMatch(
        /<!date\^\d+\^\{date_short_pretty\} \{time\}\|[^>]+\(Europe\/Berlin\)>/,
      );
    else expect(all).not.toContain('<!date^');
  });
});

describe('words (issue 12)', () => {
  it('no "(s)" plural in the messages and views of replies, DMs, modals and the Home', () => {
    const files = [
      'messages/en.ts',
      'messages/en-lifecycle.ts',
      'messages/en-initiatives.ts',
      'messages/en-menu.ts',
      'messages/en-metrics.ts',
      ...['replies', 'home', 'work', 'action-buttons', 'action-menu', 'check', 'initiative-lifecycle']
        .concat(['modals', 'render', 'blocks'])
        .map((f) => `views/${f}.ts`),
    ];
    for (const f of files) {
      expect(readFileSync(new URL(`../../src/slack/${f}`, import.meta.url), 'utf8'), f).not.toMatch(
        / [a-z]+\(s\)/,
      );
    }
  });

  it('counts agree with their number', () => {
    const one = repliesModule.listReply([summary]);
    expect(one.text).toContain('1 active initiative, essentials first');
    const two = repliesModule.listReply([summary, summary]);
    expect(two.text).toContain('2 active initiatives, essentials first');
    const voters = JSON.stringify(homeModule.homeView(home).blocks);
    expect(voters).toContain('· 1 voter');
    expect(voters).not.toContain('1 voters');
  });

  it('an admin told of a held post reads what it was, not the outbox’s code', () => {
    const problem = (kind: string) =>
      renderModule.renderEntry(entry('delivery_problem', { kind, target: 'the sales channel', error: 'x' }))
        ?.text ?? '';
    expect(problem('round_results_update')).toContain(
      'could not post an update of the pain-point round’s results to the sales channel',
    );
    expect(problem('win')).toContain('could not post a progress win');
    expect(problem('something_new')).toContain('could not post a message');
  });

  it('an overdue action says how late it is, in the reminder’s words; one due today does not', () => {
    const late = repliesModule.mineReply([{ action: { ...action, status: 'open' }, initiative }], dates);
    expect(JSON.stringify(late.blocks)).toContain('due 2026-02-20, 10 days late');
    const today = { ...action, status: 'open' as const, dueDate: '2026-03-02' };
    const due = JSON.stringify(repliesModule.mineReply([{ action: today, initiative }], dates).blocks);
    expect(due).toContain('due 2026-03-02');
    expect(due).not.toContain('late');
  });

  it('/cx show shows the title once, and trend dates with their year', () => {
    const draft = { ...action, title: 'Draft the FAQ', status: 'open' as const, blockedReason: null };
    const reply = repliesModule.actionReply({ action: draft, initiative, history: [] }, dates);
    expect(JSON.stringify(reply.blocks).split('Draft the FAQ')).toHaveLength(2);
    const faster = { ...initiative, title: 'Faster answers' };
    const show = repliesModule.initiativeReply(
      { ...summary, initiative: faster, actions: [draft], history: [] },
      dates,
      {
        missing: [],
        series: [{ kind: 'customer', metric, points: [{ day: '2025-12-30', value: 33 }] }],
        checks: [],
      },
    );
    const blocks = JSON.stringify(show.blocks);
    expect(blocks.split('Faster answers')).toHaveLength(2);
    expect(blocks).toContain('2025-12-30: 33pts');
  });
});

describe('every builder again in German (issue 14): the same rules, within Block Kit limits', () => {
  // Builders whose words are all people's text or references: nothing of ours to translate.
  const noWordsOfOurs = (id: string) => id.startsWith('blocks.') || id === 'replies.textReply';
  it.each(builders)('$id', ({ id, c }) => {
    const english = shown(c.build());
    // shown() also validates every message, modal and Home against Block Kit (lengths included).
    const { mrkdwn, plain } = inLanguage('de', () => shown(c.build()));
    const all = [...mrkdwn, ...plain].join('\n');
    expect(mrkdwn.length + plain.length).toBeGreaterThan(0);
    expect(all).not.toMatch(/<!(?:channel|here|everyone|subteam)/);
    expect(all).not.toMatch(/\|liam>|\|cx-service>/);
    expect(plain.join('\n')).not.toMatch(/<[@#!]/);
    expect(all).not.toMatch(/\d{4}-\d\d-\d\d[ T]\d\d:\d\d/);
    if (c.people === 'mrkdwn') expect(mrkdwn.join('\n')).toContain('<@U123>');
    if (c.moment) expect(mrkdwn.join('\n')).toMatch(/<!date\^\d+\^\{date_short_pretty\} \{time\}\|[^>]+>/);
    if (!noWordsOfOurs(id)) expect(all).not.toBe([...english.mrkdwn, ...english.plain].join('\n'));
  });
});
