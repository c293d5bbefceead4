/** Department keys and names, matched case-insensitively (`it`, `IT`, `Marketing`). */
import { BINDING_KEYS, type BindingKey, DEPARTMENT_NAMES, DEPARTMENTS, type Department } from './types.js';

export function parseDepartment(text: string): Department | null {
  const wanted = text.trim().toLowerCase();
  return DEPARTMENTS.find((d) => d === wanted || DEPARTMENT_NAMES[d].toLowerCase() === wanted) ?? null;
}

/** A department or `hub`: the keys a channel can be bound to. */
export function parseBindingKey(text: string): BindingKey | null {
  const wanted = text.trim().toLowerCase();
  return parseDepartment(wanted) ?? BINDING_KEYS.find((k) => k === wanted) ?? null;
}
