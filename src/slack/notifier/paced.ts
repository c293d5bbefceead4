import { laneOf, type OutboxPort, type Recipient } from '../../domain/outbox.js';

/**
 * What the last delivery pass learnt when every lane head waited for its channel's pace (or a 429's pause):
 * their lanes, until when (real time), and the newest row id it had seen.
 */
interface Paced {
  lanes: Set<string>;
  until: number;
  seenUpTo: number;
}

/** More rows than this queued since the last pass: a pass sorts them out rather than a look at each. */
const FEW = 20;

/** One pass's notes: each lane head's plan, then how the pass ended. */
export interface PassNotes {
  head(recipient: Recipient, waitsForPace: boolean): void;
  /** Anything but a paced wait happened (a row in doubt settled or waiting): no shortcut after this pass. */
  other(): void;
  end(progressed: number, waitMs: number): void;
}

export interface Pacing {
  /** Before a pass looks for anything: what the last pass learnt no longer holds. */
  forget(): void;
  /**
   * A pass that found unfinished rows begins, after `forget` (call it before the pass reads the heads: rows
   * queued after this are the next kick's to check).
   */
  startPass(): PassNotes;
  /**
   * Whether a pass now would surely deliver nothing: the last one found every lane head waiting for its
   * channel's pace, that wait is not over, and every row queued since joined one of those lanes (behind a head
   * that cannot go yet). One range of the rowid b-tree, where a pass reads every lane's head.
   *
   * A burst of wins keeps every channel's lane waiting for Slack's pace, and each command behind it kicked a
   * pass that read every lane's head only to find it still waiting (the write path's largest query in issue
   * 13's profile). Anything else that could let a post go sooner — a department re-bound to a channel that is
   * not waiting, rows another process queued — waits at most until `until` (the wake-up's full pass) or the
   * poll, as other processes' rows always have.
   */
  stillPaced(): boolean;
}

export function createPacing(deps: {
  outbox: OutboxPort;
  realNow: () => number;
  stopped: () => boolean;
}): Pacing {
  const { outbox, realNow, stopped } = deps;
  let paced: Paced | null = null;
  return {
    forget() {
      paced = null;
    },
    startPass() {
      const seenUpTo = outbox.newestId();
      // The lanes whose head waits for its channel's pace; null once anything else happens.
      let lanes: Set<string> | null = new Set();
      return {
        head(recipient, waitsForPace) {
          if (waitsForPace) lanes?.add(laneOf(recipient));
          else lanes = null;
        },
        other() {
          lanes = null;
        },
        end(progressed, waitMs) {
          if (progressed === 0 && lanes && lanes.size > 0 && Number.isFinite(waitMs)) {
            paced = { lanes, until: realNow() + waitMs, seenUpTo };
          }
        },
      };
    },
    stillPaced() {
      const p = paced;
      if (!p) return false;
      if (realNow() >= p.until || stopped()) {
        paced = null;
        return false;
      }
      const fresh = outbox.queuedAfter(p.seenUpTo, FEW);
      if (fresh.length === FEW || fresh.some((row) => !p.lanes.has(laneOf(row.recipient)))) {
        paced = null;
        return false;
      }
      const last = fresh.at(-1);
      if (last) p.seenUpTo = last.id;
      return true;
    },
  };
}
