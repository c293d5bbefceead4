import path from 'node:path';
import { ManualClock } from '../../src/clock.js';
import type { RunningBot } from '../../src/runtime/bot.js';
import { startLinkedBot } from '../../src/runtime/sandbox-bot.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/start.js';
import { quietLogger, tempDir } from './harness.js';

export interface TestSandbox {
  sandbox: Sandbox;
  bot: RunningBot;
  clock: ManualClock;
  dir: string;
  /** GET (no body) or POST (JSON body) on the sandbox; the parsed answer and its status. */
  call(pathname: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }>;
  /** What `user` sees: `GET /_sandbox/state?user=`. */
  state(user: string): Promise<SandboxState>;
  stop(): Promise<void>;
}

export interface SandboxMessage {
  ts: string;
  user: string;
  bot: boolean;
  text: string;
  blocks: unknown[] | null;
  reactions: { name: string; count: number; mine: boolean }[];
  threadTs?: string;
  replyCount: number;
}

export interface SandboxState {
  me: string;
  clock: { now: string; timeZone: string };
  users: { id: string; name: string; realName: string; tz: string; isAdmin: boolean; isBot: boolean }[];
  channels: {
    id: string;
    name: string;
    kind: 'channel' | 'dm';
    member: boolean;
    /** This person's unread count here (others' posts after their read position). */
    unread: number;
    lastRead: string;
  }[];
  messages: Record<string, SandboxMessage[]>;
  ephemerals: { channel: string; ts: string; text: string; blocks: unknown[] | null }[];
  modal: { id: string; hash: string; callback_id: string; blocks: unknown[] } | null;
  home: { id: string; blocks: unknown[] } | null;
  /** The app's message shortcuts (manifest.yml), offered in each message's "⋯" menu. */
  shortcuts: { callbackId: string; name: string; description: string }[];
}

/** The sandbox wired the way `main.ts` wires it (the real `startBot`, a ManualClock, time passing), in-process. */
export async function startTestSandbox(
  options: { now?: Date; timeZone?: string; language?: 'en' | 'de' } = {},
): Promise<TestSandbox> {
  const dir = tempDir();
  const clock = new ManualClock(options.now ?? new Date('2026-03-02T10:00:00Z'));
  const timeZone = options.timeZone ?? 'UTC';
  let bot: RunningBot | undefined;
  const sandbox = await startSandbox({
    port: 0,
    clock,
    timeZone,
    clockFile: path.join(dir, 'sandbox.sqlite.clock.json'),
    startBot: async (link) => {
      const linked = await startLinkedBot(
        link,
        {
          databasePath: path.join(dir, 'sandbox.sqlite'),
          timeZone,
          admins: [],
          logLevel: 'error',
          ...(options.language ? { language: options.language } : {}),
        },
        { clock, logger: quietLogger() },
      );
      bot = linked.bot;
      return linked;
    },
  });
  const base = sandbox.url.replace(/\/$/, '');
  const call: TestSandbox['call'] = async (pathname, body) => {
    const res = await fetch(`${base}${pathname}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  if (!bot) throw new Error('the bot did not start');
  return {
    sandbox,
    bot,
    clock,
    dir,
    call,
    state: async (user) => (await call(`/_sandbox/state?user=${user}`)).json as unknown as SandboxState,
    stop: () => sandbox.stop(),
  };
}
