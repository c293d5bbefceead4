/**
 * `npx tsx bench/_repo-timing.ts`: the floor bench's read and write paths, one repository call at a time, on
 * the same seeded database (100 initiatives / 10,000 actions / 100,000 history rows): µs per call. A quick
 * way to see which query a change helps without running the whole floor bench.
 */
import { myOpenActions } from '../src/app/actions.js';
import { initiativeDetail, listInitiatives } from '../src/app/initiatives.js';
import { getAction, openActionsOfOwner, progressByInitiative } from '../src/db/repositories/actions-repo.js';
import { historyOf } from '../src/db/repositories/history-repo.js';
import { getInitiative, listActiveInitiatives } from '../src/db/repositories/initiatives-repo.js';
import { CALLER, seededContext } from './_seeded-context.js';

const { handle, ctx, remove } = seededContext('cx-repo-timing');
const db = handle.db;
const ids = Array.from({ length: 100 }, (_, i) => i + 1);

function time(name: string, fn: (i: number) => unknown, n = 2000) {
  for (let i = 0; i < 200; i++) fn(i);
  const t = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  console.log(`${name.padEnd(34)} ${(((performance.now() - t) / n) * 1000).toFixed(1).padStart(8)} µs`);
}

time('getAction', (i) => getAction(db, (i % 9000) + 1));
time('getInitiative', (i) => getInitiative(db, (i % 100) + 1));
time('openActionsOfOwner', () => openActionsOfOwner(db, CALLER));
time('listActiveInitiatives', () => listActiveInitiatives(db));
time('progressByInitiative(100)', () => progressByInitiative(db, ids), 300);
time('progressByInitiative(1)', (i) => progressByInitiative(db, [(i % 100) + 1]));
time('historyOf I', (i) => historyOf(db, 'I', (i % 100) + 1));
time('app: myOpenActions', () => myOpenActions(ctx, CALLER));
time('app: listInitiatives', () => listInitiatives(ctx), 300);
time('app: initiativeDetail', (i) => initiativeDetail(ctx, (i % 100) + 1), 500);
remove();
