/**
 * For the `_…-timing.ts` scratch benches: the floor bench's database (100 initiatives / 10,000 actions /
 * 100,000 history rows, every initiative owned by CALLER and active) in a temp folder, and an app context
 * over it with no Slack behind it (no notifier: nothing is delivered).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppContext } from '../src/app/context.js';
import { ManualClock } from '../src/clock.js';
import { type DatabaseHandle, openDatabase } from '../src/db/client.js';
import { runMigrations } from '../src/db/migrate.js';
import { SEED_NOW, seed } from './support.js';

export const CALLER = 'U000007';

export function seededContext(name: string): { handle: DatabaseHandle; ctx: AppContext; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  const handle = openDatabase(path.join(dir, 'cx.sqlite'));
  runMigrations(handle);
  seed(handle, { initiatives: 100, actions: 10_000, history: 100_000, owners: 200, reminders: 10_000 });
  handle.sqlite.prepare('update initiatives set owner_id = ?, status = ?').run(CALLER, 'active');
  const ctx = {
    handle,
    clock: new ManualClock(SEED_NOW),
    timeZone: 'Europe/Berlin',
    admins: new Set<string>(),
    directory: { fetch: async () => null },
    afterCommit: () => {},
    schedules: [],
  } as unknown as AppContext;
  return {
    handle,
    ctx,
    remove: () => {
      handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
