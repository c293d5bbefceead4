import { and, asc, gt, inArray, sql } from 'drizzle-orm';
import type { OutboxEntry, OutboxPort } from '../../domain/outbox.js';
import type { Executor } from '../client.js';
import { prepared } from '../prepared.js';
import { outbox } from '../schema.js';

type Row = typeof outbox.$inferSelect;

/** What the group statements borrow from outbox-repo.ts (passed in, so the two files import no cycle). */
export interface GroupHelpers {
  toEntry(r: Row): OutboxEntry;
  /** The stored text of a recipient (its canonical JSON), as lanes are compared. */
  recipientText(entry: OutboxEntry): string;
  /** Unfinished rows, written exactly as `outbox_lanes`' condition so SQLite may use that partial index. */
  inLanes: string;
  markSending: OutboxPort['markSending'];
  markSent: OutboxPort['markSent'];
}

export type GroupMethods = Pick<
  OutboxPort,
  'behind' | 'markSendingGroup' | 'markSentGroup' | 'releaseGroup' | 'markCoveredSent'
>;

/**
 * The outbox statements of merged posts (a burst of wins to one channel becomes one post; see the
 * notifier's merge.ts): the rows behind a lane head, and claiming, recording and releasing them together.
 */
export function createGroupMethods(db: Executor, h: GroupHelpers): GroupMethods {
  return {
    behind(entry, limit) {
      const statement = prepared(db, 'outbox.behind', (d) =>
        d
          .select()
          .from(outbox)
          .where(
            and(
              sql.raw(h.inLanes),
              sql`${outbox.recipient} = ${sql.placeholder('recipient')}`,
              gt(outbox.id, sql.placeholder('afterId')),
            ),
          )
          .orderBy(asc(outbox.id))
          .limit(sql.placeholder('limit'))
          .prepare(),
      );
      return statement.all({ recipient: h.recipientText(entry), afterId: entry.id, limit }).map(h.toEntry);
    },

    markSendingGroup(ids, now, channel, claim) {
      return db.transaction(() => {
        let claimed = 0;
        for (const id of ids) {
          if (!h.markSending(id, now, channel, claim)) break;
          claimed++;
        }
        return claimed;
      });
    },

    markSentGroup(ids, sent, now, by) {
      db.transaction(() => {
        for (const id of ids) h.markSent(id, sent, now, by);
      });
    },

    releaseGroup(ids, by, doubt) {
      if (ids.length === 0) return;
      db.update(outbox)
        .set({
          status: 'pending',
          claimedBy: null,
          leaseUntil: null,
          ...(doubt
            ? { lastError: doubt.error }
            : { sentChannel: null, attempts: sql`max(0, ${outbox.attempts} - 1)` }),
        })
        .where(
          and(
            inArray(outbox.id, [...ids]),
            sql`${outbox.status} = 'sending'`,
            sql`${outbox.claimedBy} = ${by}`,
          ),
        )
        .run();
    },

    markCoveredSent(keys, sent, now, by, wallNow) {
      if (keys.length === 0) return 0;
      return db
        .update(outbox)
        .set({
          status: 'sent',
          sentChannel: sent.channel,
          sentTs: sent.ts,
          sentAt: now,
          lastError: null,
          claimedBy: null,
          leaseUntil: null,
        })
        .where(
          and(
            inArray(outbox.idempotencyKey, [...keys]),
            sql.raw(h.inLanes),
            sql`(${outbox.status} <> 'sending' or ${outbox.claimedBy} is null or ${outbox.claimedBy} = ${by} or ${outbox.leaseUntil} <= ${wallNow})`,
          ),
        )
        .run().changes;
    },
  };
}
