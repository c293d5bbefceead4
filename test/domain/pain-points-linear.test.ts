import { describe, expect, it } from 'vitest';
import { contentWords, findSimilar, MAX_PAIN_TEXT } from '../../src/domain/pain-points.js';
import { costRatio } from '../support/complexity.js';

// Issue 9 item 5: `<[^>]*>` rescanned to the end of the text from every `<` that has no `>`.
const N = 40_000;
const plain = 'ab '.repeat(N / 3);

describe('pain-point similarity costs time linear in the text', () => {
  it.each([
    ['opening angle brackets', '<'.repeat(N)],
    ['markup openers without a close', '<@U1 '.repeat(N / 5)],
    ['emoji colons without a close', ':a'.repeat(N / 2)],
    ['an unfinished emoji code', `:${'a'.repeat(N)}`],
  ])('contentWords on %s', (_name, adversarial) => {
    expect(costRatio(contentWords, adversarial, plain)).toBeLessThan(10);
  });

  it('compares a new text with many open pain points in time linear in all their text', () => {
    const open = (text: string) => Array.from({ length: 40 }, (_, i) => ({ id: i + 1, text }));
    const hard = '<'.repeat(MAX_PAIN_TEXT);
    const easy = 'ab '.repeat(MAX_PAIN_TEXT / 3);
    const ratio = costRatio((text) => findSimilar(text, open(text)), hard, easy);
    expect(ratio).toBeLessThan(10);
  });
});
