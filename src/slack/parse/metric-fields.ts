import { z } from 'zod';
import { MAX_METRIC_NAME_LENGTH, MAX_UNIT_LENGTH } from '../../domain/limits.js';
import { isValidUnit, parseMeasurement } from '../../domain/metrics.js';
import type { Metric, MetricKind } from '../../domain/types.js';
import { FIELD } from '../ids.js';
import { currentLang } from '../messages/lang.js';
import type { FieldErrors, Parsed } from './view-state.js';

const stateSchema = z.record(
  z.string(),
  z.record(z.string(), z.object({ value: z.string().nullish() }).loose()),
);

export interface MetricFieldWords {
  incomplete: string;
  equal: string;
  conflictingUnits: string;
  tooLong: (max: number) => string;
  notANumber: string;
  /** A unit with markup, mentions, control characters or line breaks in it (`max`: its length limit). */
  badUnit: (max: number) => string;
}

const FIELDS: Record<MetricKind, { name: string; baseline: string; target: string; unit: string }> = {
  customer: {
    name: FIELD.customerName,
    baseline: FIELD.customerBaseline,
    target: FIELD.customerTarget,
    unit: FIELD.customerUnit,
  },
  business: {
    name: FIELD.businessName,
    baseline: FIELD.businessBaseline,
    target: FIELD.businessTarget,
    unit: FIELD.businessUnit,
  },
};

/**
 * The optional customer and business metric of the New initiative modal, each all-or-nothing: name,
 * baseline and target together (unit optional, or glued to the numbers like `72%`), baseline ≠ target —
 * the same rules as `/cx metric`.
 */
export function parseInitiativeMetrics(
  rawValues: unknown,
  words: MetricFieldWords,
): Parsed<{ customerMetric?: Metric; businessMetric?: Metric }> {
  const values = stateSchema.safeParse(rawValues);
  const v = values.success ? values.data : {};
  const text = (id: string) => v[id]?.[id]?.value?.trim() ?? '';
  const errors: FieldErrors = {};
  const out: { customerMetric?: Metric; businessMetric?: Metric } = {};
  for (const kind of ['customer', 'business'] as const) {
    const f = FIELDS[kind];
    const name = text(f.name);
    const baselineText = text(f.baseline);
    const targetText = text(f.target);
    const unitText = text(f.unit);
    if (!name && !baselineText && !targetText && !unitText) continue;
    if (!name) errors[f.name] = words.incomplete;
    else if (name.length > MAX_METRIC_NAME_LENGTH) errors[f.name] = words.tooLong(MAX_METRIC_NAME_LENGTH);
    if (unitText.length > MAX_UNIT_LENGTH) errors[f.unit] = words.tooLong(MAX_UNIT_LENGTH);
    else if (unitText && !isValidUnit(unitText)) errors[f.unit] = words.badUnit(MAX_UNIT_LENGTH);
    const number = (field: string, raw: string) => {
      if (!raw) {
        errors[field] = words.incomplete;
        return null;
      }
      const measured = parseMeasurement(raw, { decimalComma: currentLang() === 'de' });
      if (!measured.ok) errors[field] = words.notANumber;
      // A unit glued to the number (`12<!here>`) is printed like the unit field: the same rule applies.
      else if (measured.value.unit !== null && !isValidUnit(measured.value.unit)) {
        errors[field] = words.badUnit(MAX_UNIT_LENGTH);
        return null;
      }
      return measured.ok ? measured.value : null;
    };
    const baseline = number(f.baseline, baselineText);
    const target = number(f.target, targetText);
    if (!baseline || !target || errors[f.name] || errors[f.unit]) continue;
    if (baseline.value === target.value) {
      errors[f.target] = words.equal;
      continue;
    }
    const units = [
      ...new Set([baseline.unit, target.unit, unitText || null].filter((u): u is string => !!u)),
    ];
    if (units.length > 1) {
      errors[f.unit] = words.conflictingUnits;
      continue;
    }
    out[kind === 'customer' ? 'customerMetric' : 'businessMetric'] = {
      name,
      baseline: baseline.value,
      target: target.value,
      unit: units[0] ?? null,
    };
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: out };
}
