/**
 * Reading the action menu's modals back: their private_metadata (which action, where the menu was
 * pressed) and their fields. Field errors are keyed by block id, for `response_action: errors`.
 */
import { z } from 'zod';
import { parseDue } from '../../domain/dates.js';
import type { DomainError } from '../../domain/errors.js';
import { MAX_NOTE_LENGTH } from '../../domain/limits.js';
import type { LocalDate, UserId } from '../../domain/types.js';
import { FIELD } from '../ids.js';
import type { MenuMetadata } from '../views/action-menu.js';
import { readMetadata } from './metadata.js';
import type { FieldErrors, Parsed } from './view-state.js';

const metadataSchema = z.object({
  actionId: z.number().int().positive(),
  surface: z.enum(['message', 'mine', 'show', 'home']),
  channelId: z.string().nullable(),
  messageTs: z.string().nullable(),
  responseUrl: z.string().nullable(),
});

export function parseMenuMetadata(raw: string | undefined): MenuMetadata | null {
  return readMetadata(metadataSchema, raw);
}

const stateSchema = z.record(
  z.string(),
  z.record(
    z.string(),
    z
      .object({
        value: z.string().nullish(),
        selected_user: z.string().nullish(),
        selected_date: z.string().nullish(),
      })
      .loose(),
  ),
);

function stateOf(raw: unknown) {
  const parsed = stateSchema.safeParse(raw);
  return parsed.success ? parsed.data : {};
}

const fieldOf = (raw: unknown, id: string) => stateOf(raw)[id]?.[id];

export interface MenuWords {
  required: string;
  tooLong: (max: number) => string;
  /** A domain error (a date out of range) in words. */
  error: (e: DomainError) => string;
}

function reasonOf(raw: unknown, required: boolean, words: MenuWords): Parsed<string | null> {
  const text = fieldOf(raw, FIELD.reason)?.value?.trim() ?? '';
  if (!text)
    return required ? { ok: false, errors: { [FIELD.reason]: words.required } } : { ok: true, value: null };
  if (text.length > MAX_NOTE_LENGTH)
    return { ok: false, errors: { [FIELD.reason]: words.tooLong(MAX_NOTE_LENGTH) } };
  return { ok: true, value: text };
}

/** Reschedule: the date follows `/cx due`'s rule (today … 5 years ahead in CX_TIMEZONE). */
export function parseReschedule(
  raw: unknown,
  now: Date,
  zone: string,
  words: MenuWords,
): Parsed<{ dueDate: LocalDate; reason: string | null }> {
  const errors: FieldErrors = {};
  const picked = fieldOf(raw, FIELD.due)?.selected_date ?? '';
  const due = picked ? parseDue(picked, now, zone) : null;
  if (!due) errors[FIELD.due] = words.required;
  else if (!due.ok) errors[FIELD.due] = words.error(due.error);
  const reason = reasonOf(raw, false, words);
  if (!reason.ok) Object.assign(errors, reason.errors);
  if (!due?.ok || !reason.ok) return { ok: false, errors };
  return { ok: true, value: { dueDate: due.value, reason: reason.value } };
}

export function parseReassign(raw: unknown, words: MenuWords): Parsed<{ ownerId: UserId }> {
  const ownerId = fieldOf(raw, FIELD.owner)?.selected_user ?? '';
  return ownerId
    ? { ok: true, value: { ownerId } }
    : { ok: false, errors: { [FIELD.owner]: words.required } };
}

export function parseDrop(raw: unknown, words: MenuWords): Parsed<{ reason: string }> {
  const reason = reasonOf(raw, true, words);
  if (!reason.ok) return reason;
  return reason.value
    ? { ok: true, value: { reason: reason.value } }
    : { ok: false, errors: { [FIELD.reason]: words.required } };
}
