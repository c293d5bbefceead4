/**
 * What changed since a version the page holds, so the page fetches a few changed messages instead of the
 * whole state (1.8 MB after a simulated year) after every change. The journal numbers every change the
 * emulator reports (a version) and remembers, per message, ephemeral, view and the workspace, the version
 * it last changed at; the page sends back the version it holds and gets what changed after it.
 * A page from another run of the sandbox (another `epoch`) or too far behind gets the full state instead.
 */

import { randomBytes } from 'node:crypto';
import type { EmuChange, EmuEphemeral, SlackEmulator } from './emulator/index.js';

/** How many changed messages the journal remembers; a page further behind reloads the full state. */
export const JOURNAL_LIMIT = 5_000;

export class Journal {
  /** Changes with this start: a page holding a version of another run reloads. */
  readonly epoch = randomBytes(6).toString('hex');
  version = 0;
  /** The oldest version a delta can start from: before it something was forgotten or reset. */
  private floor = 0;
  /** `channel ts` → the version the message last changed at (posted, edited, reacted, deleted, replied to). */
  private readonly messages = new Map<string, number>();
  /** `channel` → the version its messages last changed at (its unread counts are kept until then). */
  private readonly channels = new Map<string, number>();
  /** The thread each message belongs to, so a reply's deletion also updates its parent's reply count. */
  private readonly threadOf = new Map<string, string>();
  private readonly ephemerals = new WeakMap<EmuEphemeral, { v: number; gone: boolean }>();
  /** Per user: the version their modal or Home last changed at. */
  private readonly views = new Map<string, number>();
  /** People or channels added, changed or removed: the page reloads the whole state. */
  private workspace = 0;
  clock = 0;

  constructor(private readonly emulator: SlackEmulator) {
    emulator.onChange((c) => this.record(c));
  }

  private record(c: EmuChange): void {
    if (c.kind === 'call' || c.kind === 'delivery') return;
    const v = ++this.version;
    switch (c.kind) {
      case 'message':
      case 'reaction': {
        const key = `${c.channel} ${c.ts}`;
        this.touch(key, v);
        this.channels.set(c.channel, v);
        if (c.kind === 'message' && c.action === 'posted') {
          const m = this.emulator.state.messageLog.get(c.channel)?.findLast((x) => x.ts === c.ts);
          if (m?.thread_ts && m.thread_ts !== m.ts) this.threadOf.set(key, m.thread_ts);
        }
        const parent = this.threadOf.get(key);
        if (parent) this.touch(`${c.channel} ${parent}`, v);
        if (c.kind === 'message' && c.action === 'deleted') this.threadOf.delete(key);
        this.forget();
        break;
      }
      case 'ephemeral':
        this.stampEphemerals(v);
        break;
      case 'view':
        this.views.set(c.userId, v);
        break;
      case 'workspace':
        this.workspace = v;
        break;
      case 'reset':
        this.floor = v;
        this.messages.clear();
        this.threadOf.clear();
        this.channels.clear();
        break;
      case 'clock':
        this.clock = v;
        break;
    }
  }

  /** Moves `key` to the end (a Map keeps a key's first place on `set`), so the oldest change is first. */
  private touch(key: string, v: number): void {
    this.messages.delete(key);
    this.messages.set(key, v);
  }

  /** Only the newest `JOURNAL_LIMIT` message changes are kept; a page behind the rest reloads. */
  private forget(): void {
    if (this.messages.size <= JOURNAL_LIMIT) return;
    for (const [key, v] of this.messages) {
      if (this.messages.size <= JOURNAL_LIMIT) break;
      this.messages.delete(key);
      this.floor = Math.max(this.floor, v);
    }
  }

  /** Ephemerals carry no id in their change: compare each with what it was (few, and only on such a change). */
  private stampEphemerals(v: number): void {
    for (const e of this.emulator.state.ephemerals) {
      const gone = Boolean(e.deleted || e.replaced);
      const seen = this.ephemerals.get(e);
      if (!seen || seen.gone !== gone) this.ephemerals.set(e, { v, gone });
    }
  }

  /** Whether a page holding `since` of `epoch` can be brought up to date with a delta. */
  canCatchUp(epoch: string, since: number): boolean {
    return epoch === this.epoch && since >= this.floor && since <= this.version && this.workspace <= since;
  }

  /** `channel ts` keys of the messages changed after `since`. */
  messagesSince(since: number): Array<{ channel: string; ts: string }> {
    const out: Array<{ channel: string; ts: string }> = [];
    for (const [key, v] of this.messages) {
      if (v <= since) continue;
      const [channel = '', ts = ''] = key.split(' ');
      out.push({ channel, ts });
    }
    return out;
  }

  /** The version the messages of `channel` last changed at (0: not since the sandbox started). */
  channelVersion(channel: string): number {
    return this.channels.get(channel) ?? 0;
  }

  ephemeralChangedSince(e: EmuEphemeral, since: number): boolean {
    const seen = this.ephemerals.get(e);
    return seen ? seen.v > since : true;
  }

  viewsChangedSince(user: string, since: number): boolean {
    return (this.views.get(user) ?? 0) > since;
  }
}
