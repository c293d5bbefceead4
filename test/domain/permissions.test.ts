import { describe, expect, it } from 'vitest';
import { canAdminister, canChangeAction, canChangeInitiative } from '../../src/domain/permissions.js';

const OK = { ok: true, value: undefined };

describe('canChangeAction', () => {
  const action = { ownerId: 'UACT' };
  const initiative = { ownerId: 'UINI' };
  it.each([
    ['the action owner', 'UACT', false],
    ['the initiative owner', 'UINI', false],
    ['an admin', 'UADMIN', true],
    ['an admin who also owns it', 'UACT', true],
  ])('%s may', (_label, userId, isAdmin) => {
    expect(canChangeAction(userId, isAdmin, action, initiative)).toEqual(OK);
  });

  it('anyone else is refused and told who may', () => {
    expect(canChangeAction('UOTHER', false, action, initiative)).toEqual({
      ok: false,
      error: { code: 'forbidden', need: 'owner', owners: ['UACT', 'UINI'] },
    });
  });

  it('names a person once when they own both', () => {
    expect(canChangeAction('UOTHER', false, { ownerId: 'U1' }, { ownerId: 'U1' })).toEqual({
      ok: false,
      error: { code: 'forbidden', need: 'owner', owners: ['U1'] },
    });
  });
});

describe('canChangeInitiative', () => {
  const initiative = { ownerId: 'UINI' };
  it.each([
    ['UINI', false, OK],
    ['UADMIN', true, OK],
    ['UOTHER', false, { ok: false, error: { code: 'forbidden', need: 'owner', owners: ['UINI'] } }],
  ])('%s (admin: %s)', (userId, isAdmin, expected) => {
    expect(canChangeInitiative(userId, isAdmin, initiative)).toEqual(expected);
  });

  it('an action owner may not change the initiative', () => {
    expect(canChangeInitiative('UACT', false, initiative).ok).toBe(false);
  });
});

describe('canAdminister', () => {
  it.each([
    [true, OK],
    [false, { ok: false, error: { code: 'forbidden', need: 'admin', owners: [] } }],
  ])('admin: %s', (isAdmin, expected) => {
    expect(canAdminister(isAdmin)).toEqual(expected);
  });
});
