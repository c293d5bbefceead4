/**
 * WAL checkpoints on a thread of their own, for the bot. A checkpoint copies the pages changed since the last
 * one into the database file and syncs twice; run by SQLite inside whichever commit crosses the
 * `wal_autocheckpoint` line, it stalls that request — and the twenty queued behind it — for tens of
 * milliseconds (issue 13: the write path's p99). Here a worker thread with its own connection checkpoints
 * (PASSIVE: never waits for readers or writers) a quarter second after anything was committed, on the other
 * core, while the event loop goes on answering. It also bounds what a power cut can undo (only a checkpoint
 * syncs the WAL under `synchronous=NORMAL`) to about that quarter second of acknowledged changes.
 *
 * The commit-time autocheckpoint stays on as a fallback (client.ts), should the worker ever fall behind.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the worker looks for new commits (`PRAGMA data_version`, a read of shared memory). */
export const CHECKPOINT_POLL_MS = 250;

// Plain CommonJS, evaluated as the worker: no TypeScript loader or bundle path needed at run time.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('wal_autocheckpoint = 0');
let seen = null;
function checkpoint(force) {
  try {
    const version = db.pragma('data_version', { simple: true });
    if (!force && version === seen) return null;
    seen = version;
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    return result;
  } catch (error) {
    return { error: String(error && error.message || error) };
  }
}
const timer = setInterval(() => checkpoint(false), workerData.pollMs);
parentPort.on('message', (m) => {
  if (m && m.now) parentPort.postMessage({ id: m.now, result: checkpoint(true) });
  if (m === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
`;

export interface CheckpointResult {
  /** 1 when a reader or writer kept the checkpoint from finishing (it is simply tried again). */
  busy: number;
  /** Frames in the WAL, and how many of them are now in the database file. */
  log: number;
  checkpointed: number;
}

export interface Checkpointer {
  /** A checkpoint now, on the worker; resolves with SQLite's answer (for tests and shutdown). */
  now(): Promise<CheckpointResult>;
  stop(): void;
}

export function startCheckpointer(file: string, pollMs = CHECKPOINT_POLL_MS): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { file, driver, pollMs } });
  // Never what keeps the process alive.
  worker.unref();
  let next = 0;
  const waiting = new Map<number, (r: CheckpointResult) => void>();
  worker.on('message', (m: { id?: number; result?: CheckpointResult }) => {
    if (m.id === undefined) return;
    waiting.get(m.id)?.(m.result as CheckpointResult);
    waiting.delete(m.id);
  });
  // A worker that fails leaves checkpoints to the commit-time fallback; nothing else depends on it.
  worker.on('error', () => undefined);
  return {
    now() {
      const id = ++next;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        worker.postMessage({ now: id });
      });
    },
    stop() {
      worker.postMessage('stop');
    },
  };
}
