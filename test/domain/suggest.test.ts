import { describe, expect, it } from 'vitest';
import { editDistance, suggest } from '../../src/domain/suggest.js';

describe('editDistance (swaps count as one edit)', () => {
  it.each([
    ['help', 'help', 0],
    ['hepl', 'help', 1],
    ['deu', 'due', 1],
    ['revnue', 'revenue', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['ca', 'abc', 3],
  ])('%s → %s is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it('stops past the limit', () => {
    expect(editDistance('x'.repeat(5000), 'due', 2)).toBe(3);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });
});

describe('suggest', () => {
  const commands = ['help', 'new', 'log', 'done', 'due', 'drop', 'show', 'setup'];

  it.each([
    ['hepl', ['help']],
    ['HEPL', ['help']],
    ['shwo', ['show']],
    ['stup', ['setup']],
    ['dne', ['done', 'due']],
    ['frobnicate', []],
    ['', []],
    ['xyz', []],
  ])('%j → %j', (typed, expected) => {
    expect(suggest(typed, commands)).toEqual(expected);
  });

  it('short words get one edit, longer ones two', () => {
    expect(suggest('hlpe', ['help'])).toEqual([]); // two edits away, four letters
    expect(suggest('settpu', ['setup'])).toEqual(['setup']); // two edits, six letters
  });

  it('an alias suggests its word', () => {
    const kinds = [
      { word: 'customer', aliases: ['nps', 'csat'] },
      { word: 'business', aliases: ['revenue', 'cost'] },
    ];
    expect(suggest('revnue', kinds)).toEqual(['business']);
    expect(suggest('revenue', kinds)).toEqual(['business']);
    expect(suggest('NPS', kinds)).toEqual(['customer']);
    expect(suggest('custmer', kinds)).toEqual(['customer']);
    expect(suggest('weather', kinds)).toEqual([]);
  });
});
