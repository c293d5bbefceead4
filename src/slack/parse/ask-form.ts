/** The /cx ask modal's state → what `askDepartment` takes, or an error per field. */
import { z } from 'zod';
import { parseDue } from '../../domain/dates.js';
import { MAX_TITLE_LENGTH } from '../../domain/limits.js';
import { DEPARTMENTS, type Department, type LocalDate } from '../../domain/types.js';
import { FIELD } from '../ids.js';
import type { FieldErrors, FormWords, Parsed } from './view-state.js';

const element = z
  .object({
    value: z.string().nullish(),
    selected_option: z.object({ value: z.string() }).nullish(),
    selected_date: z.string().nullish(),
  })
  .loose();
const stateSchema = z.record(z.string(), z.record(z.string(), element));

export interface AskForm {
  askedDept: Department;
  initiativeId: number;
  what: string;
  byDate: LocalDate | null;
}

export function parseAskForm(raw: unknown, now: Date, zone: string, words: FormWords): Parsed<AskForm> {
  const parsed = stateSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: { [FIELD.title]: words.required } };
  const get = (id: string) => parsed.data[id]?.[id];
  const errors: FieldErrors = {};
  const deptRaw = get(FIELD.dept)?.selected_option?.value ?? '';
  const askedDept = (DEPARTMENTS as readonly string[]).includes(deptRaw) ? (deptRaw as Department) : null;
  if (!askedDept) errors[FIELD.dept] = words.unknownChoice;
  const initiativeId = Number(get(FIELD.initiative)?.selected_option?.value ?? '');
  if (!Number.isInteger(initiativeId) || initiativeId < 1) errors[FIELD.initiative] = words.required;
  const what = get(FIELD.title)?.value?.trim() ?? '';
  if (!what) errors[FIELD.title] = words.required;
  else if (what.length > MAX_TITLE_LENGTH) errors[FIELD.title] = words.tooLong(MAX_TITLE_LENGTH);
  const byRaw = get(FIELD.due)?.selected_date ?? null;
  const by = byRaw ? parseDue(byRaw, now, zone) : null;
  if (by && !by.ok) errors[FIELD.due] = words.badDate;
  if (!askedDept || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { askedDept, initiativeId, what, byDate: by?.ok ? by.value : null } };
}
