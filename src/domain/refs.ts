/** `I-7`, `A-7`, `P-12`: case-insensitive on input, always upper-case when printed. */
import { err, ok, type Result } from './errors.js';
import type { Ref, RefKind } from './types.js';

// At most 15 digits keeps n a safe integer; ids never get near that.
const REF = /^([iap])-([1-9]\d{0,14})$/i;

export function parseRef(text: string): Result<Ref> {
  const match = REF.exec(text.trim());
  if (!match) return err({ code: 'bad_ref', text: text.trim(), expected: null });
  return ok({ kind: (match[1] ?? '').toUpperCase() as RefKind, n: Number(match[2]) });
}

/** Like parseRef, but only a ref of `kind` is accepted (`A-3` where an initiative is wanted is an error). */
export function parseRefOfKind(text: string, kind: RefKind): Result<Ref> {
  const parsed = parseRef(text);
  if (!parsed.ok || parsed.value.kind !== kind) {
    return err({ code: 'bad_ref', text: text.trim(), expected: kind });
  }
  return parsed;
}

export function formatRef(ref: Ref): string;
export function formatRef(kind: RefKind, n: number): string;
export function formatRef(refOrKind: Ref | RefKind, n?: number): string {
  return typeof refOrKind === 'string' ? `${refOrKind}-${n}` : `${refOrKind.kind}-${refOrKind.n}`;
}
