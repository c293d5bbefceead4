import { describe, expect, it } from 'vitest';
import type { DigestPayload } from '../../src/domain/payloads/nudges.js';
import { inLanguage } from '../../src/slack/messages/index.js';
import { digestMessage } from '../../src/slack/views/digest.js';

/** The digest's top post ends with what its thread holds (digest-messages.ts records the parts). */
const counts = { done: 1, created: 2, stalled: 3, blocked: 4 };
const payload: DigestPayload = {
  week: '2026-W10',
  from: '2026-03-02',
  to: '2026-03-08',
  scope: 'hub',
  own: null,
  all: counts,
  essentials: [],
};
const hint = (p: DigestPayload) => {
  const last = digestMessage(p).blocks.at(-1) as { elements: { text: string }[] };
  return last.elements[0]?.text;
};

describe('the weekly digest’s top post', () => {
  it('names the parts of its thread in order, with their totals, a decision due in bold', () => {
    const thread: DigestPayload['thread'] = [
      { part: 'wins', total: 1 },
      { part: 'decisions', total: 2 },
      { part: 'progress', total: 9 },
    ];
    expect(hint({ ...payload, thread })).toBe(
      ':thread: In the thread: 1 win, *2 decisions due* and progress by initiative.',
    );
    expect(inLanguage('de', () => hint({ ...payload, thread }))).toBe(
      ':thread: Im Thread: 1 Fortschritt, *2 Entscheidungen fällig* und der Stand je Initiative.',
    );
    expect(hint({ ...payload, thread: [{ part: 'progress', total: 3 }] })).toBe(
      ':thread: In the thread: progress by initiative.',
    );
  });

  it('queued before the parts were recorded: the general line', () => {
    expect(hint(payload)).toMatch(/^:thread: Wins, stalled and blocked work/);
  });
});
