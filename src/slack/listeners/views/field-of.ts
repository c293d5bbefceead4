import type { DomainError } from '../../../domain/errors.js';
import { FIELD } from '../../ids.js';

/** Which input a use-case error belongs to, so it shows inline next to that field. */
export function fieldOf(error: DomainError, fallback: string): string {
  switch (error.code) {
    case 'essential_limit':
      return FIELD.tier;
    case 'unknown_ref':
    case 'inactive_initiative':
      return error.code === 'unknown_ref' && error.ref.startsWith('A-') ? fallback : FIELD.initiative;
    case 'not_a_person':
    case 'unknown_person':
    case 'deactivated_person':
      return FIELD.owner;
    case 'bad_date':
      return error.field === 'due' ? FIELD.due : FIELD.start;
    default:
      return fallback;
  }
}
