import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_UNIT_LENGTH } from '../../src/domain/limits.js';
import { isValidUnit } from '../../src/domain/metrics.js';

describe('isValidUnit: a unit is a short plain label', () => {
  it.each([
    '%',
    '€',
    'pts',
    'days',
    'h',
    'NPS',
    'per 1,000 users',
    'm/s²',
    'R&D-hours',
    'Kunden·Tage',
    '°C',
    'u'.repeat(16),
  ])('%j is a unit', (unit) => expect(isValidUnit(unit)).toBe(true));

  it.each([
    '<!channel>',
    '<!here>',
    '<@U123>',
    '<#C1|general>',
    '<https://evil.example|%>',
    '@channel',
    '<b>',
    '%\u202e',
    '\u2066%',
    '\u200b%',
    '%\u0007',
    '%\n:two:',
    '% ',
    ' %',
    'a  b',
    ':tada:',
    'a|b',
    '',
    'u'.repeat(17),
  ])('%j is not', (unit) => expect(isValidUnit(unit)).toBe(false));

  it('never accepts anything that Slack could read as markup, or that breaks a line, at any length', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 24 }), (unit) => {
        if (!isValidUnit(unit)) return;
        expect(unit.length).toBeLessThanOrEqual(MAX_UNIT_LENGTH);
        expect(unit).not.toMatch(/[<>@|:\p{Cc}\p{Cf}\p{Zl}\p{Zp}\n\r\t]/u);
        expect(unit.trim()).toBe(unit);
      }),
      { numRuns: 3000 },
    );
  });
});
