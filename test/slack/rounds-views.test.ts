import { describe, expect, it } from 'vitest';
import type { Round } from '../../src/db/repositories/rounds-repo.js';
import type { PainPoint } from '../../src/domain/pain-points.js';
import type { ResultLine } from '../../src/domain/payloads/rounds.js';
import { validateBlocks, validateMessageText, validateView } from '../../src/sandbox/emulator/index.js';
import { closingMoment, monthName } from '../../src/slack/messages/en-rounds.js';
import { newInitiativeModal } from '../../src/slack/views/modals.js';
import { logPainPointModal, painLoggedReply, painPointReply } from '../../src/slack/views/pain-points.js';
import { inviteMessage, pollMessage, reactionsOfEntry } from '../../src/slack/views/poll.js';
import { breakdownMessage, resultsMessage, roundStatusReply } from '../../src/slack/views/results.js';

// The worst a pain point can be: 3,000 characters of Slack markup, entities and emoji.
const nasty = '<!channel> <@U1> *bold* & :tada: 🎉 <https://x.example|x> '.repeat(60).slice(0, 3000);
const opened = new Date('2026-03-02T10:00:00Z');
const depts = ['marketing', 'sales', 'service', 'it', null] as const;

const options = Array.from({ length: 10 }, (_, i) => ({
  position: i + 1,
  painPointId: 100 + i,
  text: nasty,
  dept: depts[i % depts.length] ?? null,
}));
const lines: ResultLine[] = options.map((o, i) => ({
  rank: i + 1,
  painPointId: o.painPointId,
  text: nasty,
  dept: o.dept,
  votes: 2000 - i,
  adoptable: i < 3,
}));
const round: Round = {
  id: 1,
  month: '2026-03',
  status: 'open',
  openedBy: 'job',
  openedAt: opened,
  closesAt: new Date('2026-03-07T10:00:00Z'),
  closedAt: null,
  closedBy: null,
};

function valid(m: { text: string; blocks: unknown[] }) {
  expect(validateBlocks(m.blocks)).toEqual([]);
  expect(validateMessageText(m.text)).toEqual([]);
  const all = `${m.text}${JSON.stringify(m.blocks)}`;
  expect(all).not.toMatch(/<!channel>|<https:/);
}

describe('round builders stay within Block Kit and ping nobody', () => {
  it('the poll: ten options of 3,000 characters each', () => {
    const m = pollMessage({
      month: '2026-03',
      closesAt: round.closesAt.toISOString(),
      timeZone: 'Europe/Berlin',
      maxVotes: 3,
      options,
    });
    valid(m);
    expect(JSON.stringify(m.blocks)).toContain(':keycap_ten: *P-109* &lt;!channel&gt;');
    expect(m.text).toContain(
      '<!date^1772877600^{date_short_pretty} {time}|Sat, 7 Mar 2026, 11:00 (Europe/Berlin)>',
    );
  });

  it('results with three adopt buttons, the breakdown, the status replies, the invitation', () => {
    const results = resultsMessage({ month: '2026-03', voters: 2000, lines });
    valid(results);
    expect(JSON.stringify(results.blocks).match(/cx_adopt_pain_point/g)).toHaveLength(3);
    valid(
      breakdownMessage({
        month: '2026-03',
        lines: lines.map((l) => ({
          painPointId: l.painPointId,
          text: l.text,
          votes: l.votes,
          byDept: [
            { dept: 'sales', votes: 1000 },
            { dept: 'it', votes: 1000 - l.rank },
          ],
        })),
      }),
    );
    valid(roundStatusReply({ kind: 'open', round, lines, voters: 2000 }, 'UTC'));
    valid(
      roundStatusReply({ kind: 'closed', round: { ...round, status: 'closed' }, lines, voters: 2000 }, 'UTC'),
    );
    valid(roundStatusReply({ kind: 'none' }, 'UTC'));
    valid(inviteMessage({ month: '2026-12' }));
  });

  it('pain point replies and modals', () => {
    const p: PainPoint = {
      id: 7,
      text: nasty,
      raisedBy: 'U1',
      dept: 'sales',
      channelId: 'C1',
      permalink: 'https://cx.slack.com/archives/C1/p123',
      source: 'shortcut',
      status: 'adopted',
      carriedVotes: 3,
      roundsOn: 2,
      adoptedInitiativeId: 4,
      adoptedAt: opened,
      createdAt: opened,
    };
    const logged = painLoggedReply({ painPoint: p, similar: p });
    valid(logged);
    const history = Array.from({ length: 80 }, (_, i) => ({
      id: i,
      entity: 'P' as const,
      entityId: 7,
      actorId: 'U1',
      at: opened,
      kind: 'created',
      note: nasty,
    }));
    const detail = painPointReply({
      painPoint: p,
      rounds: [
        { month: '2026-02', status: 'closed', position: 3, votes: 12 },
        { month: '2026-03', status: 'open', position: 1, votes: null },
      ],
      initiative: null,
      history,
    });
    expect(validateBlocks(detail.blocks)).toEqual([]);
    expect(JSON.stringify(detail.blocks)).toContain(
      '<https://cx.slack.com/archives/C1/p123|the original message>',
    );
    const modal = logPainPointModal({ text: `${nasty}${nasty}`, channelId: 'C1', permalink: p.permalink });
    expect(validateView(modal)).toEqual([]);
    // A permalink that is not a plain URL never becomes a link (it could carry markup).
    const sneaky = logPainPointModal({ text: 'x', channelId: 'C1', permalink: 'https://a|<!channel>' });
    expect(JSON.stringify(sneaky)).not.toContain('<!channel>');
    expect(validateView(newInitiativeModal({ ownerId: 'U1', today: '2026-03-02', painPointId: 7 }))).toEqual(
      [],
    );
  });
});

describe('wording helpers', () => {
  it('names months and closing times in the zone', () => {
    expect(monthName('2026-03')).toBe('March 2026');
    expect(monthName('2027-12')).toBe('December 2027');
    expect(closingMoment('2026-03-29T09:00:00Z', 'Europe/Berlin')).toBe(
      '<!date^1774774800^{date_short_pretty} {time}|Sun, 29 Mar 2026, 11:00 (Europe/Berlin)>',
    );
  });

  it('only poll_reactions entries are reactions', () => {
    const entry = (kind: string, payload: unknown) =>
      ({ kind, payload }) as unknown as Parameters<typeof reactionsOfEntry>[0];
    expect(reactionsOfEntry(entry('poll_reactions', { reactions: ['one', 'two'] }))).toEqual(['one', 'two']);
    expect(reactionsOfEntry(entry('poll', { reactions: ['one'] }))).toBeNull();
  });
});
