/** Times the stalled-action query's parts on the stalled bench's database (a tool for tuning it). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/client.js';
import { runMigrations } from '../src/db/migrate.js';
import { stalledCandidates } from '../src/db/repositories/reminders-repo.js';
import { localDate } from '../src/domain/dates.js';
import { SEED_NOW as NOW, seed } from './support.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-stalled-'));
const handle = openDatabase(path.join(dir, 'db.sqlite'));
runMigrations(handle);
seed(handle, { initiatives: 500, actions: 100_000, history: 0, owners: 2_000, reminders: 100_000 });
const today = localDate(NOW, 'Europe/Berlin');
const time = (label: string, f: () => unknown) => {
  for (let i = 0; i < 5; i++) f();
  const t0 = performance.now();
  for (let i = 0; i < 30; i++) f();
  console.log(label, ((performance.now() - t0) / 30).toFixed(2), 'ms');
};
time('stalledCandidates(remindableOnly)', () =>
  stalledCandidates(handle.db, NOW, today, { remindableOnly: true }),
);
time('stalledCandidates(all)', () => stalledCandidates(handle.db, NOW, today));
const s = handle.sqlite;
const nowMs = NOW.getTime();
const staleBefore = nowMs - 7 * 86_400_000;
const base = `from actions a indexed by actions_active join initiatives i on i.id = a.initiative_id
  where a.status in ('open', 'blocked') and (a.last_activity_at <= ? or (a.due_date is not null and a.due_date < ?))
  and (a.snoozed_until is null or a.snoozed_until <= ?) and i.status = 'active'`;
const args = [staleBefore, today, nowMs];
const bare = s.prepare(`select a.id, a.title, a.owner_id, i.title ${base}`).raw();
time('bare scan', () => bare.all(...args));
const subq = s
  .prepare(`select a.id, a.title, a.owner_id, i.title,
  (select max(r.sent_at) from reminders_sent r where r.action_id = a.id and r.recipient_id = a.owner_id),
  (select count(*) from reminders_sent r where r.action_id = a.id and r.recipient_id = a.owner_id and r.sent_at > a.last_activity_at)
  ${base}`)
  .raw();
time('with 2 subqueries', () => subq.all(...args));
console.log(s.prepare(`explain query plan select a.id ${base}`).all(...args));

console.log(s.prepare("select count(*) n from actions where status in ('open','blocked')").get());
console.log(s.prepare('select count(*) n from reminders_sent').get());
handle.close();
fs.rmSync(dir, { recursive: true, force: true });
