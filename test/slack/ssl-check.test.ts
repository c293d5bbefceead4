import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasSslCheck } from '../../src/slack/receiver/http-guard.js';

const reference = (form: string) => new URLSearchParams(form).has('ssl_check');

describe('hasSslCheck: what URLSearchParams says, without decoding every value (issue 13)', () => {
  it.each([
    ['ssl_check=1&token=x', true],
    ['token=x&ssl_check=1', true],
    ['token=x&ssl_check', true],
    ['ssl%5Fcheck=1', true],
    ['%73sl_check=1', true],
    ['ssl_check', true],
    ['&&ssl_check=&', true],
    ['token=ssl_check&text=ssl_check%3D1', false],
    ['xssl_check=1', false],
    ['ssl_checkx=1', false],
    ['ssl+check=1', false],
    ['', false],
    ['command=%2Fcx&text=show+I-4&response_url=https%3A%2F%2Fhooks.slack.com%2Fx', false],
  ])('%s → %s', (form, expected) => {
    expect(hasSslCheck(form)).toBe(expected);
    expect(reference(form)).toBe(expected);
  });

  it('agrees with URLSearchParams on any form-like text', () => {
    const piece = fc.constantFrom(
      'ssl_check',
      'ssl%5Fcheck',
      '%73sl_check',
      'ssl',
      '_check',
      '=',
      '&',
      '%',
      '+',
      'a',
      '%2',
      '1',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const form = parts.join('');
        expect(hasSslCheck(form)).toBe(reference(form));
      }),
      { numRuns: 3000 },
    );
  });
});
