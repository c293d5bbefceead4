import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { type Harness, startHarness } from '../support/harness.js';

// /cx list and /cx show keep their answer until the database changes (issue 13): every write must show.
let h: Harness;

beforeEach(async () => {
  h = await startHarness({ now: new Date('2026-03-02T10:00:00Z') });
  await h.cx('UALICE', 'new Churn down lead:service');
  await h.cx('UALICE', 'log I-1 Call lost customers due:+7d');
  await h.cx('UALICE', 'log I-1 Write the survey');
});
afterEach(async () => {
  await h.stop();
});

const body = async (text: string) => JSON.stringify((await h.cx('UBOB', text)).body);

describe('cached reads follow every write', () => {
  it('/cx list, /cx done, /cx list: the second list shows the new progress', async () => {
    expect(await body('list')).toContain('(0/2)');
    expect(await body('show I-1')).not.toContain('(1/2)');
    await h.cx('UALICE', 'done A-1');
    expect(await body('list')).toContain('(1/2)');
    expect(await body('show I-1')).toContain('(1/2)');
  });

  it('a new action and a title edit show in the next list and show', async () => {
    expect(await body('list')).toContain('(0/2)');
    await h.cx('UALICE', 'log I-1 Third step');
    expect(await body('list')).toContain('(0/3)');
    await h.cx('UALICE', 'edit I-1 Churn way down');
    expect(await body('list')).toContain('Churn way down');
    expect(await body('show I-1')).toContain('Churn way down');
  });

  it('/cx mine, /cx done, /cx log, /cx mine: the done action is gone, the new one is there', async () => {
    const mine = async () => JSON.stringify((await h.cx('UALICE', 'mine')).body);
    expect(await mine()).toContain('A-1');
    await h.cx('UALICE', 'done A-1');
    await h.cx('UALICE', 'log I-1 Fresh step');
    const after = await mine();
    expect(after).not.toContain('A-1');
    expect(after).toContain('A-3');
  });

  it('a change made by another connection to the same file (the cx CLI) shows too', async () => {
    expect(await body('list')).toContain('(0/2)');
    const other = openDatabase(h.config.databasePath);
    try {
      other.sqlite.prepare(`update actions set status = 'done' where id = 2`).run();
    } finally {
      other.close();
    }
    expect(await body('list')).toContain('(1/2)');
    expect(await body('show I-1')).toContain('(1/2)');
  });

  it('a refused write (rolled back) leaves the answers as they were', async () => {
    const before = await body('list');
    await h.cx('UBOB', 'done A-9');
    expect(await body('list')).toBe(before);
  });
});
