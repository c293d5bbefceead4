import type Database from 'better-sqlite3';

/**
 * Group commit for the bot's writes (issue 13): the commands, clicks and jobs that write in one turn of the
 * event loop share one transaction — BEGIN IMMEDIATE at the first write of the turn, COMMIT when the turn
 * is over — and each still runs in a savepoint of its own, so one that fails or is a repeat rolls back alone.
 * A commit costs per page, not per change, and the changes of one turn touch the same pages (the right edge
 * of each table and index): under load a dozen commands share what each paid alone.
 *
 * Nothing is answered before it is saved: acks wait for `pending()` (slack/respond/ack-after-commit.ts), and
 * posts are delivered `afterCommit`. When the commit fails, nothing of the turn is saved, and every ack waiting
 * for it fails too (its person gets the generic failure instead of a success that did not happen).
 */
export interface CommitGroup {
  /** Called at the start of every write: opens the turn's transaction when none is open. */
  join(): void;
  /** The open group's commit (rejects when it fails), or null when no group is open. */
  pending(): Promise<void> | null;
  /** Runs `fn` once the open group has committed (not at all when it fails), or now when none is open. */
  afterCommit(fn: () => void): void;
  /** Commits an open group now (before the database closes). */
  flush(): void;
}

const lost = () =>
  new Error('the transaction of this turn was rolled back by SQLite; nothing of it was saved');

interface Open {
  done: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
  after: (() => void)[];
}

/** `beforeBegin` runs before each group begins (throwing refuses the write, nothing begun). */
export function createCommitGroup(
  sqlite: Database.Database,
  beforeBegin: () => void = () => undefined,
): CommitGroup {
  const begin = sqlite.prepare('BEGIN IMMEDIATE');
  const commit = sqlite.prepare('COMMIT');
  let open: Open | null = null;

  function finish(): void {
    const group = open;
    if (!group) return;
    open = null;
    if (!sqlite.inTransaction) {
      group.reject(lost());
      return;
    }
    try {
      commit.run();
    } catch (error) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      group.reject(error);
      return;
    }
    group.resolve();
    for (const fn of group.after) fn();
  }

  return {
    join() {
      // SQLite rolled the whole transaction back under us (an I/O error, a full disk): what the turn wrote so
      // far is gone, and whoever waits for it hears so; the writes from here on begin a group of their own.
      if (open && !sqlite.inTransaction) {
        open.reject(lost());
        open = null;
      }
      // Inside a transaction someone else began (a job's own), the write is a savepoint of that one.
      if (open || sqlite.inTransaction) return;
      beforeBegin();
      begin.run();
      let resolve!: () => void;
      let reject!: (error: unknown) => void;
      const done = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      // Whoever awaits it sees a failure; nobody awaiting it is no unhandled rejection.
      done.catch(() => undefined);
      open = { done, resolve, reject, after: [] };
      setImmediate(finish);
    },
    pending: () => open?.done ?? null,
    afterCommit(fn) {
      if (open) open.after.push(fn);
      else fn();
    },
    flush: finish,
  };
}
