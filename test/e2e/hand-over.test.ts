/**
 * Handing an initiative to a new owner: "Hand over" under `/cx show I-n` for its owner and the admins, a
 * modal to pick the person, the new owner's DM, the previous owner told, the history (an initiative whose
 * owner left: departed-owner.test.ts). Through signed deliveries from the emulator, as Slack sends them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ACTION, FIELD, VIEW } from '../../src/slack/ids.js';
import { CHANNELS, eventually, type Harness, pressOnEphemeral, startHarness } from '../support/harness.js';

let h: Harness;
afterEach(async () => {
  await h.stop();
});

const bodyOf = (result: { body: unknown }) => JSON.stringify(result.body);
const errorsOf = (result: { body: unknown }) =>
  (result.body as { errors?: Record<string, string> }).errors ?? {};
const ownerOf = (id: number) =>
  (
    h.bot.handle.sqlite.prepare('select owner_id from initiatives where id = ?').get(id) as {
      owner_id: string;
    }
  ).owner_id;

/** `/cx show I-n` as `userId`, then "Hand over" on that reply: the modal's id. */
async function openHandOver(userId: string, id: number, channelId: string = CHANNELS.marketing) {
  const shown = await h.cx(userId, `show I-${id}`, channelId);
  expect(bodyOf(shown)).toContain(ACTION.handOver);
  const viewId = await pressOnEphemeral(h.emulator, userId, channelId, ACTION.handOver, `I-${id}`);
  expect(h.emulator.view(viewId)?.callback_id).toBe(VIEW.handOver);
  return viewId;
}

describe('Hand over', () => {
  it('is offered to the owner and the admins, not to everyone', async () => {
    h = await startHarness({ now: new Date('2026-03-03T10:00:00Z'), admins: ['UADMIN'] });
    await h.cx('UALICE', 'new Faster answers lead:marketing');
    expect(bodyOf(await h.cx('UALICE', 'show I-1'))).toContain(ACTION.handOver);
    expect(bodyOf(await h.cx('UADMIN', 'show I-1'))).toContain(ACTION.handOver);
    const bob = bodyOf(await h.cx('UBOB', 'show I-1'));
    expect(bob).toContain(ACTION.askDepartment);
    expect(bob).not.toContain(ACTION.handOver);
    await h.cx('UALICE', 'close I-1 Done with it');
    expect(bodyOf(await h.cx('UALICE', 'show I-1'))).not.toContain(ACTION.handOver);
  });

  it('gives the initiative to the person picked: their DM, the history, the confirmation; refusals change nothing', async () => {
    h = await startHarness({ now: new Date('2026-03-03T10:00:00Z') });
    h.emulator.addUser({ id: 'UCAROL', name: 'carol', tz: 'UTC' });
    await h.cx('UALICE', 'new Faster answers lead:marketing');
    await h.cx('UALICE', 'log I-1 Call the customers <@UCAROL> due:+7d');
    await h.drain();
    const viewId = await openHandOver('UALICE', 1);
    expect(JSON.stringify(h.emulator.view(viewId)?.blocks)).toContain('owned by <@UALICE>');

    const before = h.snapshot();
    const submit = (owner: string) =>
      h.emulator.viewSubmission({ userId: 'UALICE', viewId, values: { owner } });
    expect(errorsOf(await submit(h.emulator.botUserId))[FIELD.owner]).toMatch(/an initiative needs a person/);
    expect(errorsOf(await submit('UALICE'))[FIELD.owner]).toMatch(/already owns \*I-1\*/);
    expect(h.snapshot()).toEqual(before);

    const done = await submit('UBOB');
    expect(done.viewClosed).toBe(true);
    expect(ownerOf(1)).toBe('UBOB');
    await h.drain();
    const dm = await eventually(() => h.emulator.dms('UBOB').find((m) => m.text.includes('I-1')));
    expect(dm.text).toBe('<@UALICE> handed you I-1 Faster answers.');
    const said = JSON.stringify(dm.blocks);
    expect(said).toContain('handed you the initiative *I-1* Faster answers');
    expect(said).toContain(
      'its 6- and 12-month checks and the escalations of its stalled actions come to you',
    );
    expect(said).toContain('It has 1 open action: `/cx show I-1`.');
    // The one who did it gets a confirmation where they pressed it, and no DM about their own doing.
    const note = await eventually(() =>
      h.emulator.ephemerals.find((e) => e.user === 'UALICE' && e.text.includes('now belongs to <@UBOB>')),
    );
    expect(note.channel).toBe(CHANNELS.marketing);
    expect(h.emulator.dms('UALICE').filter((m) => m.text.includes('I-1'))).toEqual([]);
    // The action keeps its owner.
    expect(h.bot.handle.sqlite.prepare('select owner_id from actions').all()).toEqual([
      { owner_id: 'UCAROL' },
    ]);
    // The history says who had it.
    expect(bodyOf(await h.cx('UBOB', 'show I-1'))).toContain('owner <@UALICE> → <@UBOB>');
    // Now Bob may hand it on, and Alice (no admin) no longer.
    expect(bodyOf(await h.cx('UBOB', 'show I-1'))).toContain(ACTION.handOver);
    expect(bodyOf(await h.cx('UALICE', 'show I-1'))).not.toContain(ACTION.handOver);
    // The button on her earlier reply still opens the modal; submitting it now is refused, nothing changes.
    const again = await pressOnEphemeral(h.emulator, 'UALICE', CHANNELS.marketing, ACTION.handOver, 'I-1');
    const stale = await h.emulator.viewSubmission({
      userId: 'UALICE',
      viewId: again,
      values: { owner: 'UCAROL' },
    });
    expect(errorsOf(stale)[FIELD.owner]).toMatch(/owner|admin/);
    expect(ownerOf(1)).toBe('UBOB');
  });

  it('an admin handing it on tells the previous owner too', async () => {
    h = await startHarness({ now: new Date('2026-03-03T10:00:00Z'), admins: ['UADMIN'] });
    await h.cx('UALICE', 'new Faster answers lead:marketing');
    const viewId = await openHandOver('UADMIN', 1);
    await h.emulator.viewSubmission({ userId: 'UADMIN', viewId, values: { owner: 'UBOB' } });
    await h.drain();
    const toAlice = await eventually(() => h.emulator.dms('UALICE').find((m) => m.text.includes('I-1')));
    expect(toAlice.text).toBe('I-1 Faster answers now belongs to <@UBOB>.');
    expect(JSON.stringify(toAlice.blocks)).toContain('<@UADMIN> handed *I-1* Faster answers to <@UBOB>');
    const toBob = await eventually(() => h.emulator.dms('UBOB').find((m) => m.text.includes('I-1')));
    expect(JSON.stringify(toBob.blocks)).toContain("(it was <@UALICE>'s)");
    expect(JSON.stringify(toBob.blocks)).toContain(
      'It has no open action: `/cx log I-1 &lt;next step&gt;` gives it one.',
    );
    await eventually(() =>
      h.emulator.ephemerals.find((e) => e.user === 'UADMIN' && e.text.includes('and <@UALICE> is told')),
    );
  });
});
