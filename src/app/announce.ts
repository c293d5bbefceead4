/**
 * What an initiative's life tells people, written to the outbox in the transaction of the change: the
 * announcement in its departments' channels, and the DMs to whoever raised or voted for the pain point it
 * was adopted from. Keys name the initiative and the occurrence, so each is said once.
 */
import type { Tx } from '../db/client.js';
import { painPointOfInitiative, votersOf } from '../db/repositories/pain-points-repo.js';
import { listBindings } from '../db/repositories/settings-repo.js';
import { verdictDepartments } from '../domain/metric-checks.js';
import type { InitiativeSnapshot, PainPointNewsEvent } from '../domain/payloads/initiatives.js';
import type { Notification } from '../domain/payloads/notification.js';
import type { Department, Initiative, UserId } from '../domain/types.js';

export const initiativeSnapshot = (i: Initiative): InitiativeSnapshot => ({
  id: i.id,
  title: i.title,
  tier: i.tier,
  leadDept: i.leadDept,
  depts: i.depts,
  ownerId: i.ownerId,
});

/** The departments whose channel hears about the initiative: each bound one, a shared channel once. */
export function channelsOf(tx: Tx, initiative: Pick<Initiative, 'depts'>): Department[] {
  return verdictDepartments(initiative.depts, listBindings(tx));
}

/** A new initiative (command, modal or adoption): once in each of its departments' channels. */
export function announcement(tx: Tx, initiative: Initiative, painPointId: number | null): Notification[] {
  const painPoint = painPointId === null ? null : painPointOfInitiative(tx, initiative.id);
  return channelsOf(tx, initiative).map((dept) => ({
    kind: 'initiative_announced',
    key: `announce:I-${initiative.id}:${dept}`,
    recipient: { type: 'binding', key: dept },
    payload: {
      initiative: initiativeSnapshot(initiative),
      createdBy: initiative.createdBy,
      startDate: initiative.startDate,
      painPoint: painPoint ? { id: painPoint.id, text: painPoint.text } : null,
    },
  }));
}

/**
 * One DM to the person who raised the pain point the initiative came from and one to each of its voters
 * (a raiser who also voted gets one). `occurrence` names the event in the keys (`closed`, `verdict:<due>`,
 * `override:<history id>`); `actorId` is not told what they just did themselves.
 */
export function painPointNews(
  tx: Tx,
  initiative: Pick<Initiative, 'id' | 'title'>,
  occurrence: string,
  event: PainPointNewsEvent,
  actorId: UserId | null,
): Notification[] {
  const painPoint = painPointOfInitiative(tx, initiative.id);
  if (!painPoint) return [];
  const people = new Map<UserId, 'raiser' | 'voter'>([[painPoint.raisedBy, 'raiser']]);
  for (const voter of votersOf(tx, painPoint.id)) if (!people.has(voter)) people.set(voter, 'voter');
  const messages: Notification[] = [];
  for (const [userId, role] of people) {
    if (userId === actorId) continue;
    messages.push({
      kind: 'pain_point_news',
      key: `pp-news:I-${initiative.id}:${occurrence}:${userId}`,
      recipient: { type: 'user', id: userId },
      payload: {
        ...event,
        initiative: { id: initiative.id, title: initiative.title },
        painPoint: { id: painPoint.id, text: painPoint.text },
        role,
      },
    });
  }
  return messages;
}
