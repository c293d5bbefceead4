/** Asking the owner for a check: the DM with the last values, and its history entry. */
import type { Tx } from '../../db/client.js';
import { appendHistory } from '../../db/repositories/history-repo.js';
import { checkinsOf } from '../../db/repositories/metrics-repo.js';
import { enqueue } from '../../db/repositories/outbox-repo.js';
import { storeFact } from '../../domain/history-facts.js';
import { answerDeadline, type CheckKind } from '../../domain/metrics.js';
import type { Notification } from '../../domain/payloads/notification.js';
import type { Initiative, LocalDate } from '../../domain/types.js';
import { checkSnapshot, lastValues } from './snapshot.js';

/**
 * Queues the check DM to the owner (pre-filled with the last values, answer by `today` + 14 days) and
 * records that it was asked. The caller has written the check row already, once: that is what makes the
 * question go out exactly once.
 */
export function askCheck(
  tx: Tx,
  initiative: Initiative,
  kind: CheckKind,
  dueDate: LocalDate,
  today: LocalDate,
  now: Date,
): void {
  const last = lastValues(initiative, checkinsOf(tx, initiative.id));
  const message: Notification = {
    kind: 'metric_check',
    key: `check-ask:I-${initiative.id}:${dueDate}`,
    recipient: { type: 'user', id: initiative.ownerId },
    payload: {
      initiative: checkSnapshot(initiative),
      kind,
      dueDate,
      deadline: answerDeadline(today),
      last,
    },
  };
  enqueue(tx, [message], now);
  appendHistory(
    tx,
    {
      entity: 'I',
      entityId: initiative.id,
      actorId: initiative.ownerId,
      kind: 'check asked',
      // Data, not words: each reader sees it in their language.
      newValue: storeFact({ fact: 'check-asked', check: kind, due: dueDate }),
    },
    now,
  );
}
