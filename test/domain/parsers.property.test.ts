import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  daysBetween,
  localDate,
  parseDue,
  parseFutureDate,
  parseLocalDate,
  parseStart,
} from '../../src/domain/dates.js';
import { parseMeasurement } from '../../src/domain/metrics.js';
import { costRatio } from '../support/complexity.js';

const NOW = new Date('2026-03-10T11:00:00Z');
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Pacific/Chatham', 'Asia/Kolkata'];
const zone = fc.constantFrom(...ZONES);
const DATEISH = [...'0123456789-+dD/. :T\n', '2026', '-02-', '-29', '+1d', '&amp;', '\u2212'];
const dateText = fc.oneof(
  fc.string({ unit: fc.constantFrom(...DATEISH), maxLength: 24 }),
  fc.string({ unit: 'binary', maxLength: 24 }),
);
const parsers = { due: parseDue, start: parseStart, until: parseFutureDate };

describe('date parsers (property-based)', () => {
  it('never throw: a calendar date or a bad_date error for the field', () => {
    fc.assert(
      fc.property(dateText, zone, fc.constantFrom('due', 'start', 'until' as const), (text, z, field) => {
        const result = parsers[field](text, NOW, z);
        if (result.ok) expect(parseLocalDate(result.value)).toBe(result.value);
        else expect(result.error).toMatchObject({ code: 'bad_date', field });
      }),
      { numRuns: 3000 },
    );
  });

  it('a date written as YYYY-MM-DD parses back to itself, and only real calendar dates do', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const real = new Date(0);
          real.setUTCFullYear(y, m - 1, d);
          const exists = real.getUTCMonth() === m - 1 && real.getUTCDate() === d;
          expect(parseLocalDate(text)).toBe(exists ? text : null);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('a due date in range parses to itself, and +Nd is N days after today', () => {
    fc.assert(
      fc.property(zone, fc.integer({ min: 0, max: 1820 }), (z, n) => {
        const today = localDate(NOW, z);
        const day = addDays(today, n);
        expect(parseDue(day, NOW, z)).toEqual({ ok: true, value: day });
        if (n >= 1) {
          const relative = parseDue(`+${n}d`, NOW, z);
          expect(relative).toEqual({ ok: true, value: day });
          if (relative.ok) expect(daysBetween(today, relative.value)).toBe(n);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a start date within five years back and one ahead parses to itself', () => {
    fc.assert(
      fc.property(zone, fc.integer({ min: -1900, max: 400 }), (z, n) => {
        const today = localDate(NOW, z);
        const day = addDays(today, n);
        const inRange = day >= addMonthsClamped(today, -60) && day <= addMonthsClamped(today, 12);
        expect(parseStart(day, NOW, z).ok).toBe(inRange);
        if (inRange) expect(parseStart(day, NOW, z)).toEqual({ ok: true, value: day });
      }),
      { numRuns: 500 },
    );
  });

  it('take time linear in the text', () => {
    const plain = 'x'.repeat(20_000);
    for (const parse of Object.values(parsers)) {
      for (const text of [`+${'1'.repeat(20_000)}x`, `${'2026-'.repeat(4000)}`, ' '.repeat(20_000)]) {
        expect(costRatio((t) => parse(t, NOW, 'UTC'), text, plain)).toBeLessThan(10);
      }
    }
  });
});

const NUMBERISH = [...'0123456789.,+-eE%$ \n', '\u2212', '&lt;', '&amp;', 'pts', '<!here>', '€'];
const numberText = fc.oneof(
  fc.string({ unit: fc.constantFrom(...NUMBERISH), maxLength: 24 }),
  fc.string({ unit: 'binary', maxLength: 24 }),
);

describe('parseMeasurement (property-based)', () => {
  it('never throws: a finite number or a bad_number error', () => {
    fc.assert(
      fc.property(numberText, (text) => {
        const result = parseMeasurement(text);
        if (result.ok) expect(Number.isFinite(result.value.value)).toBe(true);
        else expect(result.error).toMatchObject({ code: 'bad_number', reason: 'format' });
      }),
      { numRuns: 3000 },
    );
  });

  it('a number written in decimal, with or without a glued unit, parses back to its value and unit', () => {
    const unit = fc.constantFrom('', '%', 'pts', ' days', 'h', '€', 'NPS');
    fc.assert(
      fc.property(
        fc.constantFrom('', '-', '+'),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.option(fc.stringMatching(/^\d{1,6}$/), { nil: undefined }),
        unit,
        (sign, whole, fraction, u) => {
          const number = `${sign}${whole}${fraction === undefined ? '' : `.${fraction}`}`;
          const result = parseMeasurement(`${number}${u}`);
          expect(result).toEqual({ ok: true, value: { value: Number(number), unit: u.trim() || null } });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('takes time linear in the text', () => {
    const plain = 'x'.repeat(20_000);
    for (const text of [
      '1'.repeat(20_000),
      `1${'x'.repeat(20_000)}\n`,
      `${'1'.repeat(10_000)}${'.1'.repeat(5000)}`,
    ]) {
      expect(costRatio(parseMeasurement, text, plain)).toBeLessThan(10);
    }
  });
});
