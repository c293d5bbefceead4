import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signatureMatches } from '../../src/slack/receiver/http-guard.js';
import { inspectBody, type Obj, plainlyValid, shapeProblem } from '../../src/slack/receiver/inspect.js';

// The receiver's hand-written checks (issue 13) must never accept what the full checks refuse.
const SECRET = 'sekrit';
const sign = (ts: number, body: string) =>
  `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;

describe('signatureMatches', () => {
  const body = 'command=%2Fcx&text=list';
  const good = sign(1700000000, body);
  it('accepts the right signature and refuses every near miss', () => {
    expect(signatureMatches(SECRET, 1700000000, body, good)).toBe(true);
    const flipped = good.slice(0, -1) + (good.endsWith('0') ? '1' : '0');
    expect(signatureMatches(SECRET, 1700000000, body, flipped)).toBe(false);
    expect(signatureMatches(SECRET, 1700000001, body, good)).toBe(false);
    expect(signatureMatches(SECRET, 1700000000, `${body}x`, good)).toBe(false);
    expect(signatureMatches('other', 1700000000, body, good)).toBe(false);
    expect(signatureMatches(SECRET, 1700000000, body, good.replace('v0=', 'v1='))).toBe(false);
    expect(signatureMatches(SECRET, 1700000000, body, good.slice(0, -2))).toBe(false);
    expect(signatureMatches(SECRET, 1700000000, body, `${good.slice(0, -2)}zz`)).toBe(false);
    expect(signatureMatches(SECRET, 1700000000, body, '')).toBe(false);
  });
});

const command = {
  command: '/cx',
  text: 'list',
  user_id: 'U1',
  channel_id: 'C1',
  team_id: 'T1',
  trigger_id: 'tr',
};
const vote = {
  type: 'event_callback',
  team_id: 'T1',
  api_app_id: 'A1',
  event_id: 'Ev1',
  event: {
    type: 'reaction_added',
    user: 'U1',
    reaction: 'one',
    item: { type: 'message', channel: 'C1', ts: '1.2' },
  },
};

/** Each body with one field at a time replaced by each odd value, or removed, at every depth. */
function variants(body: Obj): Obj[] {
  const odd: unknown[] = [undefined, null, '', 0, 1, true, [], {}, ['x'], 'x'];
  const out: Obj[] = [];
  for (const key of Object.keys(body)) {
    for (const value of odd) out.push({ ...body, [key]: value });
    const inner = body[key];
    if (typeof inner === 'object' && inner !== null && !Array.isArray(inner)) {
      for (const v of variants(inner as Obj)) out.push({ ...body, [key]: v });
    }
  }
  for (const extra of ['type', 'channel', 'command'])
    for (const value of odd) out.push({ ...body, [extra]: value });
  return out;
}

describe('the hand-written checks of commands and votes', () => {
  it('vouch for the common bodies, which pass the full checks', () => {
    for (const body of [command, vote, { ...vote, event: { ...vote.event, type: 'reaction_removed' } }]) {
      expect(plainlyValid(body)).toBe(true);
      expect(shapeProblem(body)).toBeNull();
      expect(inspectBody(body, { teamId: 'T1', appId: 'A1' })).toEqual({ kind: 'ok' });
    }
  });

  it('never vouch for a body the schemas refuse (every field missing, emptied or of another type)', () => {
    const all = [...variants(command), ...variants(vote)];
    let vouched = 0;
    for (const body of all) {
      if (!plainlyValid(body)) continue;
      vouched++;
      expect(shapeProblem(body), JSON.stringify(body)).toBeNull();
    }
    // Some variants are still fine (another text, a missing trigger_id): the check is not just "false".
    expect(vouched).toBeGreaterThan(5);
    expect(inspectBody({ ...command, user_id: '' }, { teamId: 'T1', appId: null })).toMatchObject({
      kind: 'malformed',
      problem: expect.stringContaining('user_id'),
    });
  });
});
