import type { Tx } from '../db/client.js';
import { cachedByVersion } from '../db/prepared.js';
import {
  actionsOfInitiative,
  initiativesWithNextStep,
  progressByInitiative,
} from '../db/repositories/actions-repo.js';
import { appendHistory, historyOf } from '../db/repositories/history-repo.js';
import {
  activeEssentialIds,
  getInitiative,
  getInitiatives,
  insertInitiative,
  listActiveInitiatives,
  recentActiveInitiatives,
  setMetric as saveMetric,
  setTier as saveTier,
} from '../db/repositories/initiatives-repo.js';
import { enqueue } from '../db/repositories/outbox-repo.js';
import { adoptInto, getPainPoint } from '../db/repositories/pain-points-repo.js';
import { listBindings } from '../db/repositories/settings-repo.js';
import { localDate } from '../domain/dates.js';
import { type DomainError, err, ok, type Result } from '../domain/errors.js';
import { storeFact } from '../domain/history-facts.js';
import { checkEssentialLimit, progress, resolveDepartments, sortForList } from '../domain/initiatives.js';
import { canChangeInitiative } from '../domain/permissions.js';
import type {
  Action,
  Department,
  HistoryEntry,
  Initiative,
  Metric,
  MetricKind,
  Progress,
  Tier,
  UserId,
} from '../domain/types.js';
import { announcement } from './announce.js';
import { type AppContext, type Caller, transact } from './context.js';
import { requirePerson } from './people.js';
import { resultsUpdatesOnAdoption } from './rounds.js';
import { isAdmin, leftHow } from './users.js';

export interface NewInitiativeInput {
  title: string;
  lead?: Department;
  with?: Department[];
  tier?: Tier;
  ownerId?: UserId;
  startDate?: string;
  /** Optional metrics from the New initiative modal (`/cx metric` sets them later otherwise). */
  customerMetric?: Metric;
  businessMetric?: Metric;
  /** Adopted from this pain point (the round results' button): linked, and the pain point marked adopted. */
  painPointId?: number;
}

/** The department of the channel the caller is in, when that channel is bound to one. */
export function departmentOfChannel(ctx: AppContext, channelId: string | undefined): Department | null {
  if (!channelId) return null;
  const binding = listBindings(ctx.handle.db).find((b) => b.channelId === channelId && b.key !== 'hub');
  return (binding?.key as Department | undefined) ?? null;
}

export async function createInitiative(
  ctx: AppContext,
  caller: Caller,
  input: NewInitiativeInput,
): Promise<Result<Initiative>> {
  // Its owner gets the 6/12-month checks and the escalations: a person who can read them. One look-up, and
  // only for someone else (the caller is a person, and a command of their own needs no call to Slack).
  if (input.ownerId && input.ownerId !== caller.userId) {
    const person = await requirePerson(ctx, input.ownerId, 'initiative');
    if (!person.ok) return person;
  }
  return transact(ctx, caller, (tx, now) => {
    const tier = input.tier ?? 'important';
    if (tier === 'essential') {
      const limit = checkEssentialLimit(activeEssentialIds(tx), null);
      if (!limit.ok) return limit;
    }
    const lead = input.lead ?? departmentOfChannel(ctx, caller.channelId) ?? input.with?.[0] ?? null;
    if (!lead) return err({ code: 'usage', command: 'new', detail: 'missing_args', text: 'lead' });
    const initiative = insertInitiative(
      tx,
      {
        title: input.title,
        tier,
        leadDept: lead,
        depts: resolveDepartments(lead, input.with ?? []),
        ownerId: input.ownerId ?? caller.userId,
        startDate: input.startDate ?? localDate(now, ctx.timeZone),
        createdBy: caller.userId,
      },
      now,
    );
    appendHistory(tx, { entity: 'I', entityId: initiative.id, actorId: caller.userId, kind: 'created' }, now);
    for (const kind of ['customer', 'business'] as const) {
      const metric = kind === 'customer' ? input.customerMetric : input.businessMetric;
      if (!metric) continue;
      saveMetric(tx, initiative.id, kind, metric, now);
      appendHistory(
        tx,
        {
          entity: 'I',
          entityId: initiative.id,
          actorId: caller.userId,
          kind: 'metric',
          newValue: storeFact({ fact: 'metric', kind, ...metric }),
        },
        now,
      );
      Object.assign(
        initiative,
        kind === 'customer' ? { customerMetric: metric } : { businessMetric: metric },
      );
    }
    if (input.painPointId !== undefined) {
      // The conditional update decides who adopts: a second submission for the same pain point is refused
      // whole (the transaction rolls back, no second initiative) and told who won.
      if (!adoptInto(tx, input.painPointId, initiative.id, caller.userId, now)) {
        return err(adoptedAlready(tx, input.painPointId));
      }
      // The results that offered it lose its Adopt button, in every channel they were posted to.
      enqueue(tx, resultsUpdatesOnAdoption(tx, input.painPointId), now);
    }
    enqueue(tx, announcement(tx, initiative, input.painPointId ?? null), now);
    return ok(initiative);
  });
}

/** Why a pain point can't be adopted: by whom and as which initiative it was, or that it does not exist. */
function adoptedAlready(tx: Tx, painPointId: number): DomainError {
  const painPoint = getPainPoint(tx, painPointId);
  if (!painPoint) return { code: 'unknown_ref', ref: `P-${painPointId}` };
  const initiativeId = painPoint.adoptedInitiativeId;
  const winner = initiativeId === null ? null : getInitiative(tx, initiativeId);
  return { code: 'already_adopted', painPointId, initiativeId, by: winner?.createdBy ?? null };
}

/** Loads an active initiative inside a transaction, or the error a user should see. */
export function requireInitiative(tx: Tx, id: number): Result<Initiative> {
  const initiative = getInitiative(tx, id);
  if (!initiative) return err({ code: 'unknown_ref', ref: `I-${id}` });
  return ok(initiative);
}

export function requireActiveInitiative(tx: Tx, id: number): Result<Initiative> {
  const found = requireInitiative(tx, id);
  if (!found.ok) return found;
  if (found.value.status !== 'active') {
    return err({ code: 'inactive_initiative', initiativeId: id, status: found.value.status });
  }
  return found;
}

/** An active initiative the caller may change (its owner or an admin), or the error they should see. */
export function requireOwnedInitiative(
  tx: Tx,
  caller: Caller,
  admin: boolean,
  id: number,
): Result<Initiative> {
  const found = requireActiveInitiative(tx, id);
  if (!found.ok) return found;
  const allowed = canChangeInitiative(caller.userId, admin, found.value);
  return allowed.ok ? found : allowed;
}

export interface TierChange {
  initiative: Initiative;
  changed: boolean;
}

export async function changeTier(
  ctx: AppContext,
  caller: Caller,
  initiativeId: number,
  tier: Tier,
): Promise<Result<TierChange>> {
  const admin = await isAdmin(ctx, caller.userId);
  return transact(ctx, caller, (tx, now) => {
    const found = requireOwnedInitiative(tx, caller, admin, initiativeId);
    if (!found.ok) return found;
    const initiative = found.value;
    if (initiative.tier === tier) return ok({ initiative, changed: false });
    if (tier === 'essential') {
      const limit = checkEssentialLimit(activeEssentialIds(tx), initiativeId);
      if (!limit.ok) return limit;
    }
    saveTier(tx, initiativeId, tier, now);
    appendHistory(
      tx,
      { entity: 'I', entityId: initiativeId, actorId: caller.userId, kind: 'tier', note: tier },
      now,
    );
    return ok({ initiative: { ...initiative, tier }, changed: true });
  });
}

export async function changeMetric(
  ctx: AppContext,
  caller: Caller,
  initiativeId: number,
  kind: MetricKind,
  metric: Metric,
): Promise<Result<Initiative>> {
  const admin = await isAdmin(ctx, caller.userId);
  return transact(ctx, caller, (tx, now) => {
    const found = requireOwnedInitiative(tx, caller, admin, initiativeId);
    if (!found.ok) return found;
    saveMetric(tx, initiativeId, kind, metric, now);
    appendHistory(
      tx,
      {
        entity: 'I',
        entityId: initiativeId,
        actorId: caller.userId,
        kind: 'metric',
        // Data, not words: each reader sees it in their language.
        newValue: storeFact({ fact: 'metric', kind, ...metric }),
      },
      now,
    );
    const initiative =
      kind === 'customer'
        ? { ...found.value, customerMetric: metric }
        : { ...found.value, businessMetric: metric };
    return ok(initiative);
  });
}

export interface InitiativeSummary {
  initiative: Initiative;
  progress: Progress;
  hasNextStep: boolean;
}

/**
 * Active initiatives, essentials first, with progress and the "concrete next step" flag, in three queries —
 * counting every action of every initiative, so the answer is kept until the next write (cachedByVersion).
 */
export function listInitiatives(ctx: AppContext, dept?: Department): InitiativeSummary[] {
  return cachedByVersion(ctx.handle.sqlite, `list:${dept ?? ''}`, () => computeList(ctx, dept)).slice();
}

function computeList(ctx: AppContext, dept?: Department): InitiativeSummary[] {
  const db = ctx.handle.db;
  const items = sortForList(listActiveInitiatives(db, dept));
  const ids = items.map((i) => i.id);
  const progressMap = progressByInitiative(db, ids);
  const withNext = initiativesWithNextStep(db, ids);
  return items.map((initiative) => ({
    initiative,
    progress: progressMap.get(initiative.id) ?? { done: 0, total: 0 },
    hasNextStep: withNext.has(initiative.id),
  }));
}

export interface InitiativeDetail extends InitiativeSummary {
  actions: Action[];
  history: HistoryEntry[];
  /** Its owner is known to have left, and how (see leftHow), while it is active: it needs a new one. */
  ownerLeft?: 'deactivated' | 'unknown';
}

/**
 * `/cx show I-n`'s facts, read when asked. Not kept: the reply built from them is (reply-cache.ts), and
 * keeping the rows as well held every shown initiative's actions and history on the heap — 6 of the bot's
 * 32 MB live after the floor bench, and a costlier collection on every request (issue 13).
 */
export function initiativeDetail(ctx: AppContext, id: number): Result<InitiativeDetail> {
  return computeDetail(ctx, id);
}

function computeDetail(ctx: AppContext, id: number): Result<InitiativeDetail> {
  const db = ctx.handle.db;
  const initiative = getInitiative(db, id);
  if (!initiative) return err({ code: 'unknown_ref', ref: `I-${id}` });
  const actions = actionsOfInitiative(db, id);
  const withNext = initiativesWithNextStep(db, [id]);
  const left = initiative.status === 'active' ? leftHow(ctx, initiative.ownerId) : null;
  return ok({
    initiative,
    actions,
    progress: progress(actions),
    hasNextStep: withNext.has(id),
    history: historyOf(db, 'I', id),
    ...(left ? { ownerLeft: left } : {}),
  });
}

export function initiativesByIds(ctx: AppContext, ids: number[]): Map<number, Initiative> {
  return new Map(getInitiatives(ctx.handle.db, ids).map((i) => [i.id, i]));
}

/** For pickers (a static select holds 100 options): essentials first, then the newest. */
export function initiativesForPicker(ctx: AppContext): Initiative[] {
  return recentActiveInitiatives(ctx.handle.db, 100);
}
