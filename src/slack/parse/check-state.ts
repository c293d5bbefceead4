import { z } from 'zod';
import { parseMeasurement } from '../../domain/metrics.js';
import { FIELD } from '../ids.js';
import { currentLang } from '../messages/lang.js';
import { readMetadata } from './metadata.js';
import type { FieldErrors, Parsed } from './view-state.js';

const stateSchema = z.record(
  z.string(),
  z.record(z.string(), z.object({ value: z.string().nullish() }).loose()),
);

const metadataSchema = z.object({
  initiativeId: z.number().int().positive(),
  channelId: z.string().nullish(),
});

/** The check modal's private_metadata: which initiative, and where it was opened from. */
export function parseCheckMetadata(raw: string | undefined): z.infer<typeof metadataSchema> | null {
  return readMetadata(metadataSchema, raw);
}

export interface CheckWords {
  notANumber: string;
  atLeastOne: string;
}

/** Current values from the check modal: each optional, each a number like `42`, `-3.5` or `72%`. */
export function parseCheckValues(
  rawValues: unknown,
  words: CheckWords,
): Parsed<{ customer: number | null; business: number | null }> {
  const values = stateSchema.safeParse(rawValues);
  const v = values.success ? values.data : {};
  const errors: FieldErrors = {};
  const read = (field: string): number | null => {
    const text = v[field]?.[field]?.value?.trim() ?? '';
    if (text === '') return null;
    const measured = parseMeasurement(text, { decimalComma: currentLang() === 'de' });
    if (!measured.ok) {
      errors[field] = words.notANumber;
      return null;
    }
    return measured.value.value;
  };
  const customer = read(FIELD.customerValue);
  const business = read(FIELD.businessValue);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (customer === null && business === null) {
    // The error goes next to the first input the modal has.
    const first = v[FIELD.customerValue] ? FIELD.customerValue : FIELD.businessValue;
    return { ok: false, errors: { [first]: words.atLeastOne } };
  }
  return { ok: true, value: { customer, business } };
}
