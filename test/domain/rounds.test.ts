import { describe, expect, it } from 'vitest';
import {
  closingTime,
  decideVote,
  eventMicros,
  isDueToClose,
  MAX_POLL_ITEMS,
  pollPosition,
  rankPainPoints,
  reactionFor,
  selectForPoll,
} from '../../src/domain/rounds.js';

describe('vote reactions', () => {
  it.each([
    ['one', 1],
    ['five', 5],
    ['nine', 9],
    ['keycap_ten', 10],
    ['ten', null],
    ['zero', null],
    ['+1', null],
    ['one::skin-tone-2', null],
    ['', null],
  ])('%j → %s', (reaction, position) => {
    expect(pollPosition(reaction)).toBe(position);
  });

  it.each([
    [1, 'one'],
    [10, 'keycap_ten'],
    [0, null],
    [11, null],
  ])('position %i → %s', (position, reaction) => {
    expect(reactionFor(position)).toBe(reaction);
  });

  it('round-trips every poll position', () => {
    for (let p = 1; p <= MAX_POLL_ITEMS; p++) expect(pollPosition(reactionFor(p) ?? '')).toBe(p);
  });
});

describe('selectForPoll', () => {
  it('takes at most ten, oldest first', () => {
    const open = [12, 3, 7, 1, 15, 2, 9, 4, 11, 5, 8, 6].map((id) => ({ id }));
    expect(selectForPoll(open).map((p) => p.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 11]);
  });

  it('takes all of a short list', () => {
    expect(selectForPoll([{ id: 2 }, { id: 1 }]).map((p) => p.id)).toEqual([1, 2]);
    expect(selectForPoll([])).toEqual([]);
  });
});

describe('isDueToClose', () => {
  const opened = new Date('2026-03-02T09:00:00Z');
  it.each([
    ['2026-03-07T08:59:59Z', false],
    ['2026-03-07T09:00:00Z', true],
    ['2026-03-20T00:00:00Z', true],
  ])('at %s → %s', (now, expected) => {
    expect(isDueToClose(opened, new Date(now))).toBe(expected);
  });
});

describe('decideVote', () => {
  it.each([
    [[], 5, 'count'],
    [[1, 2], 5, 'count'],
    [[1, 2, 3], 5, 'over_limit'],
    [[1, 2, 3], 2, 'duplicate'],
    [[5], 5, 'duplicate'],
  ])('already voted %o, now %i → %s', (voted, id, expected) => {
    expect(decideVote(voted, id)).toBe(expected);
  });
});

describe('rankPainPoints', () => {
  it('ranks by votes with distinct ranks, a tie to the pain point raised first, top 3 with votes adoptable', () => {
    const ranked = rankPainPoints([
      { id: 4, votes: 2 },
      { id: 1, votes: 5 },
      { id: 3, votes: 2 },
      { id: 2, votes: 0 },
      { id: 6, votes: 1 },
    ]);
    expect(ranked.map((r) => [r.item.id, r.rank, r.votes, r.adoptable])).toEqual([
      [1, 1, 5, true],
      [3, 2, 2, true],
      [4, 3, 2, true],
      [6, 4, 1, false],
      [2, 5, 0, false],
    ]);
  });

  it('offers nothing for adoption when nobody voted', () => {
    const ranked = rankPainPoints([
      { id: 1, votes: 0 },
      { id: 2, votes: 0 },
    ]);
    expect(ranked.map((r) => [r.rank, r.adoptable])).toEqual([
      [1, false],
      [2, false],
    ]);
  });
});

describe('selectForPoll with carried-over pain points', () => {
  it('puts new ones first (oldest first), then carried-over ones by last round’s votes, older first on a tie', () => {
    const open = [
      { id: 1, roundsOn: 1, carriedVotes: 0 },
      { id: 2, roundsOn: 1, carriedVotes: 5 },
      { id: 3, roundsOn: 2, carriedVotes: 2 },
      { id: 4, roundsOn: 1, carriedVotes: 2 },
      { id: 9, roundsOn: 0, carriedVotes: 0 },
      { id: 7 },
    ];
    expect(selectForPoll(open).map((p) => p.id)).toEqual([7, 9, 2, 3, 4, 1]);
  });

  it('keeps at most ten, so the least voted carried-over ones wait', () => {
    const fresh = Array.from({ length: 8 }, (_, i) => ({ id: 20 + i }));
    const carried = [1, 2, 3].map((id) => ({ id, roundsOn: 1, carriedVotes: id }));
    expect(selectForPoll([...carried, ...fresh]).map((p) => p.id)).toEqual([
      20, 21, 22, 23, 24, 25, 26, 27, 3, 2,
    ]);
  });
});

describe('closingTime', () => {
  it('is five days after opening, and isDueToClose agrees', () => {
    const opened = new Date('2026-03-02T10:00:00Z');
    expect(closingTime(opened).toISOString()).toBe('2026-03-07T10:00:00.000Z');
    expect(isDueToClose(opened, closingTime(opened))).toBe(true);
  });
});

describe('event order', () => {
  it.each([
    ['1772445600.000100', 1772445600000100],
    ['1772445600.5', 1772445600500000],
    ['1772445600', 1772445600000000],
    ['', null],
    [undefined, null],
    ['1772445600.1234567', null],
    ['-1.5', null],
    ['abc', null],
  ])('event_ts %s is %s µs', (ts, micros) => {
    expect(eventMicros(ts)).toBe(micros);
  });

  it('orders like the timestamps it came from', () => {
    expect(eventMicros('1772445600.000099')).toBeLessThan(eventMicros('1772445600.0001') ?? 0);
  });
});
