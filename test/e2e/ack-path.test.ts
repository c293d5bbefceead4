import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

// Issue 13: no users.info look-up before the ack of an owner's own change; admins still may change anything.
let h: Harness;

beforeEach(async () => {
  h = await startHarness({ now: new Date('2026-03-02T10:00:00Z') });
  await h.cx('UALICE', 'new Churn down lead:service');
  await h.cx('UALICE', 'log I-1 Call lost customers');
  await h.cx('UBOB', 'log I-1 Write the survey');
});
afterEach(async () => {
  await h.stop();
});

const lookups = () => h.emulator.callsTo('users.info').length;
const status = (id: number) =>
  (h.bot.handle.sqlite.prepare('select status from actions where id = ?').get(id) as { status: string })
    .status;

describe('who may change an action, without asking Slack first', () => {
  it("the action's owner completes and updates it with no users.info call", async () => {
    const before = lookups();
    expect(h.replyText(await h.cx('UBOB', 'update A-2 Half the questions written'))).toContain('A-2');
    expect(h.replyText(await h.cx('UBOB', 'done A-2'))).toContain('A-2');
    expect(status(2)).toBe('done');
    expect(lookups()).toBe(before);
  });

  it('a workspace admin completes somebody else’s action (asked once); a stranger is refused', async () => {
    const refused = h.replyText(await h.cx('UBOB', 'done A-1'));
    expect(refused).toMatch(/Only <@UALICE>/);
    expect(status(1)).toBe('open');
    const before = lookups();
    expect(h.replyText(await h.cx('UADMIN', 'done A-1'))).toContain('A-1');
    expect(status(1)).toBe('done');
    expect(lookups()).toBe(before + 1);
    const history = h.bot.handle.sqlite
      .prepare(`select actor_id from history where entity = 'A' and entity_id = 1 and kind = 'done'`)
      .all();
    expect(history).toEqual([{ actor_id: 'UADMIN' }]);
  });
});
