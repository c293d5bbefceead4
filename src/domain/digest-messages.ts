/**
 * The weekly digest as messages: a short parent per channel (bound department channels and the hub) and
 * its thread replies, from what the rules (./digest.ts) decide each one lists. Pure: no I/O, so it is
 * benchmarked on its own; the keys (per week, channel and part) make a second run queue nothing.
 */
import {
  type DigestActionRow,
  type DigestData,
  type DigestPeriod,
  digestCounts,
  planDigest,
} from './digest.js';
import { missingMetrics } from './metrics.js';
import type { Notification } from './payloads/notification.js';
import type {
  DigestDetailPayload,
  DigestPayload,
  DigestSection,
  NudgeAction,
  NudgeInitiative,
} from './payloads/nudges.js';
import { stallReason } from './reminder-plan.js';
import type { BindingKey, Department, Initiative } from './types.js';

export const digestKey = (week: string, scope: BindingKey) => `digest:${week}:${scope}`;
export const digestDetailKey = (week: string, scope: BindingKey, part: DigestSection['part']) =>
  `digest:${week}:${scope}:${part}`;

const toNudgeInitiative = (i: Initiative): NudgeInitiative => ({ id: i.id, title: i.title, tier: i.tier });

/** The thread replies of one channel's digest, from what the rules decided it lists. */
function sectionsOf(data: DigestData, dept: Department | null, period: DigestPeriod, now: Date) {
  const plan = planDigest(data, dept);
  const byId = new Map(data.initiatives.map((i) => [i.id, i]));
  const nudge = (a: DigestActionRow): NudgeAction & { own: boolean } => {
    const i = byId.get(a.initiativeId);
    return {
      id: a.id,
      title: a.title,
      ownerId: a.ownerId,
      dueDate: a.dueDate,
      initiative: i ? toNudgeInitiative(i) : { id: a.initiativeId, title: '', tier: 'important' },
      reason: stallReason(a, now, period.today),
      own: plan.ownAction(a),
      ...(data.departed?.has(a.ownerId) ? { ownerLeft: true as const } : {}),
    };
  };
  const own = (i: Initiative) => ({ ...toNudgeInitiative(i), own: plan.ownInitiative(i) });

  const sections: DigestSection[] = [];
  if (plan.wins.total > 0) {
    sections.push({
      part: 'wins',
      items: plan.wins.items.map((w) => ({
        initiative: toNudgeInitiative(w.initiative),
        actions: w.shown.map((a) => ({ id: a.id, title: a.title, ownerId: a.ownerId })),
        total: w.total,
        own: plan.ownInitiative(w.initiative),
      })),
      total: plan.wins.total,
    });
  }
  if (plan.attention.total > 0) {
    sections.push({ part: 'attention', items: plan.attention.items.map(nudge), total: plan.attention.total });
  }
  if (plan.due.total > 0) {
    sections.push({ part: 'due', items: plan.due.items.map(nudge), total: plan.due.total });
  }
  if (plan.noNextStep.total > 0) {
    sections.push({
      part: 'next_steps',
      items: plan.noNextStep.items.map(own),
      total: plan.noNextStep.total,
    });
  }
  if (plan.decisions.total > 0) {
    sections.push({
      part: 'decisions',
      items: plan.decisions.items.map((i) => ({
        ...own(i),
        ownerId: i.ownerId,
        ...(data.departed?.has(i.ownerId) ? { ownerLeft: true as const } : {}),
      })),
      total: plan.decisions.total,
    });
  }
  if (plan.noMetrics.total > 0) {
    sections.push({
      part: 'no_metrics',
      items: plan.noMetrics.items.map((i) => ({ ...own(i), missing: missingMetrics(i) })),
      total: plan.noMetrics.total,
    });
  }
  sections.push({
    part: 'progress',
    items: plan.progress.items.map((i) => ({
      ...own(i),
      progress: data.progress.get(i.id) ?? { done: 0, total: 0 },
    })),
    total: plan.progress.total,
  });
  return sections;
}

/**
 * Builds the digest of every scope (bound department channels and the hub) from one read of the data:
 * a short parent message per scope and its thread replies. Pure: no I/O, so it is benchmarked on its own.
 */
export function buildDigests(
  data: DigestData,
  scopes: readonly BindingKey[],
  period: DigestPeriod,
  now: Date,
): Notification[] {
  if (data.initiatives.length === 0) return [];
  const essentials = data.initiatives
    .filter((i) => i.tier === 'essential')
    .map((i) => ({ ...toNudgeInitiative(i), progress: data.progress.get(i.id) ?? { done: 0, total: 0 } }));
  const all = digestCounts(data, null, period, now);

  const messages: Notification[] = [];
  for (const scope of scopes) {
    const dept: Department | null = scope === 'hub' ? null : scope;
    const parentKey = digestKey(period.week, scope);
    const sections = sectionsOf(data, dept, period, now);
    const parent: DigestPayload = {
      week: period.week,
      from: period.monday,
      to: period.sunday,
      scope,
      own: dept === null ? null : digestCounts(data, dept, period, now),
      all,
      essentials,
      thread: sections.map(({ part, total }) => ({ part, total })),
    };
    messages.push({
      kind: 'digest',
      key: parentKey,
      recipient: { type: 'binding', key: scope },
      payload: parent,
    });
    for (const section of sections) {
      const payload: DigestDetailPayload = { week: period.week, scope, ...section };
      messages.push({
        kind: 'digest_detail',
        key: digestDetailKey(period.week, scope, section.part),
        recipient: { type: 'binding', key: scope },
        payload,
        threadOf: parentKey,
      });
    }
  }
  return messages;
}
