/**
 * Each person's read position in each conversation, as Slack keeps `last_read`: the messages someone
 * else posted after it are that person's unread ones. Kept per person, so switching who the page acts as
 * shows that person's badges, not the previous person's.
 */

/** `a` is later than `b` (Slack timestamps `seconds.micros`; too long for one float). */
export function tsAfter(a: string, b: string): boolean {
  const [as = '0', af = ''] = a.split('.');
  const [bs = '0', bf = ''] = b.split('.');
  if (Number(as) !== Number(bs)) return Number(as) > Number(bs);
  return Number(af.padEnd(6, '0')) > Number(bf.padEnd(6, '0'));
}

export interface Readable {
  ts: string;
  user: string;
  thread_ts?: string;
}

export class ReadState {
  private readonly last = new Map<string, Map<string, string>>();

  lastRead(user: string, channel: string): string {
    return this.last.get(user)?.get(channel) ?? '0';
  }

  /** Marks `channel` read up to `ts` for `user`; a read position never moves back. */
  mark(user: string, channel: string, ts: string): void {
    const mine = this.last.get(user) ?? new Map<string, string>();
    if (tsAfter(ts, mine.get(channel) ?? '0')) mine.set(channel, ts);
    this.last.set(user, mine);
  }

  /**
   * Unread for `user`: messages after their read position that someone else posted, in the conversation
   * itself (thread replies live in the thread, as in Slack's Threads view, and do not count).
   */
  unread(user: string, channel: string, messages: readonly Readable[]): number {
    const after = this.lastRead(user, channel);
    return messages.filter(
      (m) => m.user !== user && (!m.thread_ts || m.thread_ts === m.ts) && tsAfter(m.ts, after),
    ).length;
  }
}
