import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

// /cx list, /cx show I-n and /cx mine keep their built reply until the database changes (issue 13); what
// the reply says beyond the data (how late an action is) must still follow the clock.
let h: Harness;

afterEach(async () => {
  await h.stop();
});

const reply = async (user: string, text: string) => JSON.stringify((await h.cx(user, text)).body);

describe('cached replies', () => {
  it('lateness follows local midnight with no write in between (Kathmandu, UTC+5:45)', async () => {
    h = await startHarness({ now: new Date('2026-03-02T10:00:00Z'), timeZone: 'Asia/Kathmandu', jobs: [] });
    await h.cx('UALICE', 'new Faster onboarding lead:service');
    await h.cx('UALICE', 'log I-1 Draft the FAQ due:2026-03-05');

    // 23:59:59 on 6 March in Kathmandu, then midnight of the 7th: the same UTC hour, a new local day.
    h.clock.set(new Date('2026-03-06T18:14:59Z'));
    expect(await reply('UALICE', 'mine')).toContain('due 2026-03-05, 1 day late');
    expect(await reply('UBOB', 'show I-1')).toContain('due 2026-03-05, 1 day late');
    h.clock.set(new Date('2026-03-06T18:15:00Z'));
    expect(await reply('UALICE', 'mine')).toContain('due 2026-03-05, 2 days late');
    expect(await reply('UBOB', 'show I-1')).toContain('due 2026-03-05, 2 days late');
  });

  it('the same command twice answers the same; each person gets their own /cx mine', async () => {
    h = await startHarness({ jobs: [] });
    await h.cx('UALICE', 'new Faster onboarding lead:service');
    await h.cx('UALICE', 'log I-1 Alice step');
    await h.cx('UALICE', 'log I-1 Bob step <@UBOB>');
    const first = await reply('UBOB', 'list');
    expect(await reply('UBOB', 'list')).toBe(first);
    expect(await reply('UADMIN', 'list')).toBe(first);
    const alice = await reply('UALICE', 'mine');
    const bob = await reply('UBOB', 'mine');
    expect(alice).toContain('Alice step');
    expect(alice).not.toContain('Bob step');
    expect(bob).toContain('Bob step');
    expect(bob).not.toContain('Alice step');
    expect(await reply('UALICE', 'mine')).toBe(alice);
  });
});

describe('/cx list, a page', () => {
  it('shows the first 20 initiatives, essentials first, and says how many more and how to see them', async () => {
    h = await startHarness({ jobs: [] });
    for (let i = 1; i <= 24; i++)
      await h.cx('UALICE', `new Initiative number ${i} lead:${i <= 12 ? 'it' : 'sales'}`);
    await h.cx('UALICE', 'new The key one lead:it essential');
    const all = await reply('UBOB', 'list');
    expect(all).toContain('25 active initiatives, essentials first');
    expect(all).toContain('The key one');
    expect(all).toContain('Initiative number 19');
    expect(all).not.toContain('Initiative number 20');
    expect(all).toContain('…and 5 more. Filter with `/cx list &lt;dept&gt;`.');
    // A department's list shows all of its own.
    const it = await reply('UBOB', 'list it');
    for (const n of [1, 12]) expect(it).toContain(`Initiative number ${n}`);
    expect(it).toContain('The key one');
    expect(it).not.toContain('more.');
  }, 60_000);
});
