import { afterEach, beforeEach } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { createOutboxPort, enqueue } from '../../src/db/repositories/outbox-repo.js';
import { setBinding } from '../../src/db/repositories/settings-repo.js';
import type { OutboxEntry, OutboxMessage, OutboxPort } from '../../src/domain/outbox.js';
import { type SlackEmulator, startEmulator } from '../../src/sandbox/emulator/index.js';
import { createNotifier, type Notifier } from '../../src/slack/notifier/index.js';
import { createWebClient } from '../../src/slack/web-client.js';
import { type TempDb, tempDb } from './temp-db.js';

export const T0 = new Date('2026-03-02T10:00:00.000Z');
export const marketing = { type: 'binding', key: 'marketing' } as const;

/** What each test of a notifier feature gets, made fresh before each test. */
export interface NotifierFixture {
  outbox: OutboxPort;
  emulator: SlackEmulator;
  notifier: Notifier;
  /** Lines the notifier logged at error. */
  errors: string[];
  /** Queues messages as a use case would (at T0). */
  add(...messages: OutboxMessage[]): void;
}

type Extra = Omit<Parameters<typeof createNotifier>[0], 'client' | 'outbox' | 'render' | 'clock' | 'logger'>;

/**
 * A notifier on a temp database and the Slack emulator, with #marketing bound (CMKT) and each entry
 * rendered as its payload's `text`: for tests of one delivery feature (`extra`: reactionsOf, updatesParent…).
 */
export function useNotifierFixture(name: string, extra: Extra): NotifierFixture {
  const token = `xoxb-${name}-test`;
  let db: TempDb;
  const f = { errors: [] as string[] } as unknown as NotifierFixture;
  beforeEach(async () => {
    db = tempDb(`cx-${name}`);
    f.outbox = createOutboxPort(db.handle);
    f.emulator = await startEmulator({ port: 0, signingSecret: 'secret', botToken: token });
    f.emulator.addChannel({ id: 'CMKT', name: 'marketing' });
    setBinding(db.handle.db, 'marketing', 'CMKT', 'UADMIN', T0);
    f.errors.length = 0;
    f.add = (...messages) => void enqueue(db.handle.db, messages, T0);
    const log = () => undefined;
    f.notifier = createNotifier({
      client: createWebClient(f.emulator.apiUrl, token),
      outbox: f.outbox,
      render: (entry: OutboxEntry) => ({
        text: String((entry.payload as { text?: string }).text ?? entry.key),
      }),
      clock: new ManualClock(T0),
      logger: { debug: log, info: log, warn: log, error: (...m) => f.errors.push(m.map(String).join(' ')) },
      backoffBaseMs: 20,
      ...extra,
    });
  });
  afterEach(async () => {
    await f.notifier.stop();
    await f.emulator.stop();
    db.remove();
  });
  return f;
}
