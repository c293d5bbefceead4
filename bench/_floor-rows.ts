/**
 * The floor of a write (issue 13): what `/cx log` and `/cx done` must save before their ack says "done", and
 * nothing else. The `sized` side of the floor bench (./_floor-server.ts) runs it for the write workload on its
 * own copy of the bot's seeded database, through the bot's own storage layer (db/client.ts with the bot's
 * options: WAL, `synchronous=NORMAL`, group commit, background checkpoints), with the same rows the bot writes:
 *
 * - log: the action, its "created" history line, the initiative's "action" line, the delivery key;
 * - done: the action's new status, its "done" line, one win per department channel of the initiative (every
 *   department is bound in the bench), the delivery key.
 *
 * No reads (what the checks would look up is loaded once at start), no parsing beyond the command's words, no
 * drizzle: raw statements prepared once. Whatever the bot does beyond these rows is its own cost; these rows
 * are the cost of saving before answering, which no bot that keeps that promise avoids.
 */
import { openDatabase } from '../src/db/client.js';
import { laneOf } from '../src/domain/outbox.js';
import type { BindingKey } from '../src/domain/types.js';

export interface FloorRows {
  /** Saves the rows of `text` (`log I-n …` or `done A-n`); resolves once they are committed. Null for reads. */
  write(text: string, deliveryKey: string): Promise<void> | null;
  close(): void;
}

/** The win's stored payload, as long as the bot's (its shape: notifier/render of a win). */
const winPayload = (actionId: number, initiativeId: number, depts: string[]) =>
  JSON.stringify({
    actorId: 'U000007',
    ownerId: 'U000007',
    action: { id: actionId, title: 'Bench step', dept: depts[0] },
    initiative: { id: initiativeId, title: 'Bench initiative', tier: 'essential', depts },
    progress: { done: 1, total: 100 },
    note: null,
  });

export function openFloorRows(file: string, now: Date): FloorRows {
  const handle = openDatabase(file, { backgroundCheckpoints: true, groupCommit: true });
  const db = handle.sqlite;
  const at = now.getTime();
  const deptsOf = new Map(
    (db.prepare('select id, depts from initiatives').all() as { id: number; depts: string }[]).map((r) => [
      r.id,
      JSON.parse(r.depts) as string[],
    ]),
  );
  const initiativeOf = new Map(
    (db.prepare('select id, initiative_id as i from actions').all() as { id: number; i: number }[]).map(
      (r) => [r.id, r.i],
    ),
  );
  const insertAction = db.prepare(
    `insert into actions (initiative_id, title, owner_id, dept, due_date, status, last_activity_at, created_by, created_at)
     values (?, ?, 'U000007', ?, ?, 'open', ?, 'U000007', ?)`,
  );
  const insertHistory = db.prepare(
    `insert into history (entity, entity_id, actor_id, at, kind, note, new_value) values (?, ?, 'U000007', ?, ?, ?, ?)`,
  );
  const complete = db.prepare(
    `update actions set status = 'done', completed_at = ?, last_activity_at = ? where id = ?`,
  );
  const insertWin = db.prepare(
    `insert into outbox (idempotency_key, kind, recipient, payload, status, attempts, next_attempt_at, created_at)
     values (?, 'win', ?, ?, 'pending', 0, ?, ?) on conflict (idempotency_key) do nothing`,
  );
  const markProcessed = db.prepare(
    'insert into processed_events (key, received_at) values (?, ?) on conflict do nothing',
  );

  const log = (initiativeId: number, title: string) => {
    const depts = deptsOf.get(initiativeId) ?? ['it'];
    const id = Number(insertAction.run(initiativeId, title, depts[0], '2026-01-01', at, at).lastInsertRowid);
    insertHistory.run('A', id, at, 'created', null, 'U000007');
    insertHistory.run('I', initiativeId, at, 'action', `A-${id}`, null);
  };
  const done = (actionId: number) => {
    const initiativeId = initiativeOf.get(actionId) ?? 1;
    const depts = deptsOf.get(initiativeId) ?? ['it'];
    complete.run(at, at, actionId);
    insertHistory.run('A', actionId, at, 'done', null, null);
    const payload = winPayload(actionId, initiativeId, depts);
    for (const dept of depts)
      insertWin.run(
        `win:A-${actionId}:${dept}`,
        laneOf({ type: 'binding', key: dept as BindingKey }),
        payload,
        at,
        at,
      );
  };

  return {
    write(text, deliveryKey) {
      const [verb, ref = '', ...rest] = text.split(' ');
      const id = Number(ref.slice(2));
      if (verb !== 'log' && verb !== 'done') return null;
      handle.write(() => {
        markProcessed.run(deliveryKey, at);
        if (verb === 'log') log(id, rest.filter((w) => !w.includes(':')).join(' '));
        else done(id);
      });
      return handle.pendingCommit();
    },
    close: () => handle.close(),
  };
}
