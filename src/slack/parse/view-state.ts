import { z } from 'zod';
import { parseDue, parseStart } from '../../domain/dates.js';
import { MAX_NOTE_LENGTH, MAX_TITLE_LENGTH } from '../../domain/limits.js';
import { DEPARTMENTS, type Department, type Metric, type Tier } from '../../domain/types.js';
import { FIELD } from '../ids.js';
import { readMetadata } from './metadata.js';
import { type MetricFieldWords, parseInitiativeMetrics } from './metric-fields.js';

/** Slack's view state: values[block_id][action_id] → element state. Our block_id equals the action_id. */
const elementState = z
  .object({
    value: z.string().nullish(),
    selected_option: z.object({ value: z.string() }).nullish(),
    selected_options: z.array(z.object({ value: z.string() })).nullish(),
    selected_user: z.string().nullish(),
    selected_date: z.string().nullish(),
  })
  .loose();
const stateSchema = z.record(z.string(), z.record(z.string(), elementState));

export const metadataSchema = z.object({
  channelId: z.string().nullish(),
  actionId: z.number().int().positive().optional(),
  painPointId: z.number().int().positive().optional(),
  /** Opened from the App Home: republish it once submitted. */
  home: z.boolean().optional(),
  /** The message a modal was opened from (a reminder), to update it in place once submitted. */
  messageTs: z.string().optional(),
});

export type FieldErrors = Record<string, string>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** Reads one field's raw state, whatever its element type. */
function field(values: z.infer<typeof stateSchema>, id: string) {
  return values[id]?.[id];
}

const text = (v: z.infer<typeof stateSchema>, id: string) => field(v, id)?.value?.trim() ?? '';
const selected = (v: z.infer<typeof stateSchema>, id: string) => field(v, id)?.selected_option?.value ?? null;

function department(value: string | null): Department | null {
  return value && (DEPARTMENTS as readonly string[]).includes(value) ? (value as Department) : null;
}

export function parseMetadata(raw: string | undefined): z.infer<typeof metadataSchema> {
  return readMetadata(metadataSchema, raw) ?? { channelId: null };
}

export interface NewInitiativeForm {
  title: string;
  lead: Department;
  with: Department[];
  tier: Tier;
  ownerId: string;
  startDate: string;
  /** The optional metrics of the modal (issue 5). */
  customerMetric?: Metric;
  businessMetric?: Metric;
}

/** Messages for inline errors; keyed by block id. Wording is passed in so the catalogue stays the only source. */
export interface FormWords {
  required: string;
  tooLong: (max: number) => string;
  badDate: string;
  unknownChoice: string;
}

export function parseNewInitiative(
  rawValues: unknown,
  now: Date,
  zone: string,
  words: FormWords,
  metricWords?: MetricFieldWords,
): Parsed<NewInitiativeForm> {
  const values = stateSchema.safeParse(rawValues);
  if (!values.success) return { ok: false, errors: { [FIELD.title]: words.required } };
  const v = values.data;
  const errors: FieldErrors = {};
  const title = text(v, FIELD.title);
  if (!title) errors[FIELD.title] = words.required;
  else if (title.length > MAX_TITLE_LENGTH) errors[FIELD.title] = words.tooLong(MAX_TITLE_LENGTH);
  const lead = department(selected(v, FIELD.lead));
  if (!lead) errors[FIELD.lead] = words.required;
  const withDepts = (field(v, FIELD.with)?.selected_options ?? []).map((o) => department(o.value));
  if (withDepts.some((d) => d === null)) errors[FIELD.with] = words.unknownChoice;
  const tier = selected(v, FIELD.tier) ?? 'important';
  if (tier !== 'important' && tier !== 'essential') errors[FIELD.tier] = words.unknownChoice;
  const ownerId = field(v, FIELD.owner)?.selected_user ?? '';
  if (!ownerId) errors[FIELD.owner] = words.required;
  const startRaw = field(v, FIELD.start)?.selected_date ?? '';
  const start = startRaw ? parseStart(startRaw, now, zone) : null;
  if (!start) errors[FIELD.start] = words.required;
  else if (!start.ok) errors[FIELD.start] = words.badDate;
  // The optional customer and business metric, when the caller passes their wording (the modal has them).
  const metrics = metricWords ? parseInitiativeMetrics(rawValues, metricWords) : null;
  if (metrics && !metrics.ok) Object.assign(errors, metrics.errors);
  if (Object.keys(errors).length > 0 || !lead || !start?.ok) return { ok: false, errors };
  return {
    ok: true,
    value: {
      ...(metrics?.ok ? metrics.value : {}),
      title,
      lead,
      with: withDepts.filter((d): d is Department => d !== null),
      tier: tier as Tier,
      ownerId,
      startDate: start.value,
    },
  };
}

export interface LogActionForm {
  initiativeId: number;
  title: string;
  ownerId: string;
  dueDate: string | null;
  dept: Department | null;
}

export function parseLogAction(
  rawValues: unknown,
  now: Date,
  zone: string,
  words: FormWords,
): Parsed<LogActionForm> {
  const values = stateSchema.safeParse(rawValues);
  if (!values.success) return { ok: false, errors: { [FIELD.title]: words.required } };
  const v = values.data;
  const errors: FieldErrors = {};
  const initiativeId = Number(selected(v, FIELD.initiative));
  if (!Number.isInteger(initiativeId) || initiativeId < 1) errors[FIELD.initiative] = words.required;
  const title = text(v, FIELD.title);
  if (!title) errors[FIELD.title] = words.required;
  else if (title.length > MAX_TITLE_LENGTH) errors[FIELD.title] = words.tooLong(MAX_TITLE_LENGTH);
  const ownerId = field(v, FIELD.owner)?.selected_user ?? '';
  if (!ownerId) errors[FIELD.owner] = words.required;
  const dueRaw = field(v, FIELD.due)?.selected_date ?? null;
  const due = dueRaw ? parseDue(dueRaw, now, zone) : null;
  if (due && !due.ok) errors[FIELD.due] = words.badDate;
  const deptRaw = selected(v, FIELD.dept);
  const dept = department(deptRaw);
  if (deptRaw && !dept) errors[FIELD.dept] = words.unknownChoice;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { initiativeId, title, ownerId, dueDate: due?.ok ? due.value : null, dept } };
}

export function parseNote(rawValues: unknown, words: FormWords): Parsed<string> {
  const values = stateSchema.safeParse(rawValues);
  const note = values.success ? text(values.data, FIELD.note) : '';
  if (!note) return { ok: false, errors: { [FIELD.note]: words.required } };
  if (note.length > MAX_NOTE_LENGTH)
    return { ok: false, errors: { [FIELD.note]: words.tooLong(MAX_NOTE_LENGTH) } };
  return { ok: true, value: note };
}
