import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Timestamps are stored as integer milliseconds since the epoch; local calendar dates as 'YYYY-MM-DD' text.
// `integer primary key autoincrement` guarantees ids (and so the I-n / A-n / P-n refs) are never reused.

/** Which Slack channel speaks for a department (or the hub). */
export const channelBindings = sqliteTable('channel_bindings', {
  key: text('key').primaryKey(),
  channelId: text('channel_id').notNull(),
  boundBy: text('bound_by').notNull(),
  boundAt: integer('bound_at', { mode: 'timestamp_ms' }).notNull(),
});

export const initiatives = sqliteTable(
  'initiatives',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title').notNull(),
    tier: text('tier', { enum: ['essential', 'important'] }).notNull(),
    status: text('status', { enum: ['active', 'closed', 'dropped'] }).notNull(),
    leadDept: text('lead_dept').notNull(),
    /** JSON array of department keys, the lead first. */
    depts: text('depts', { mode: 'json' }).$type<string[]>().notNull(),
    ownerId: text('owner_id').notNull(),
    startDate: text('start_date').notNull(),
    customerMetricName: text('customer_metric_name'),
    customerBaseline: real('customer_baseline'),
    customerTarget: real('customer_target'),
    customerUnit: text('customer_unit'),
    businessMetricName: text('business_metric_name'),
    businessBaseline: real('business_baseline'),
    businessTarget: real('business_target'),
    businessUnit: text('business_unit'),
    /** The pain point this initiative was adopted from (P-n), if any. */
    painPointId: integer('pain_point_id'),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('initiatives_status_tier').on(t.status, t.tier)],
);

export const actions = sqliteTable(
  'actions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    initiativeId: integer('initiative_id')
      .notNull()
      .references(() => initiatives.id),
    title: text('title').notNull(),
    ownerId: text('owner_id').notNull(),
    dept: text('dept').notNull(),
    dueDate: text('due_date'),
    status: text('status', { enum: ['open', 'blocked', 'done', 'dropped'] }).notNull(),
    blockedReason: text('blocked_reason'),
    snoozedUntil: integer('snoozed_until', { mode: 'timestamp_ms' }),
    lastActivityAt: integer('last_activity_at', { mode: 'timestamp_ms' }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    completedAt: integer('completed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    // Covers the per-initiative progress count and the next-step check (/cx list, /cx show, digests)
    // without visiting the table.
    index('actions_initiative').on(t.initiativeId, t.status, t.dueDate),
    index('actions_owner_status').on(t.ownerId, t.status),
    index('actions_status_activity').on(t.status, t.lastActivityAt),
    // Open and blocked actions only (about one in ten), with every column the stalled-action query reads:
    // the reminders job scans this small, contiguous index instead of visiting rows all over the table.
    index('actions_active')
      .on(
        t.lastActivityAt,
        t.dueDate,
        t.snoozedUntil,
        t.initiativeId,
        t.ownerId,
        t.status,
        t.dept,
        t.blockedReason,
        t.title,
      )
      .where(sql`${t.status} in ('open', 'blocked')`),
  ],
);

/** Append-only: every change to an initiative, action or pain point, by whom and when. */
export const history = sqliteTable(
  'history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    entity: text('entity', { enum: ['I', 'A', 'P'] }).notNull(),
    entityId: integer('entity_id').notNull(),
    actorId: text('actor_id').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    kind: text('kind').notNull(),
    /** The reason or note a person gave (their text). */
    note: text('note'),
    /** For a change of one value (due date, owner, title, verdict…): what it was and what it became. */
    oldValue: text('old_value'),
    newValue: text('new_value'),
  },
  // Every read of history names its entity (history_entity). An index on `at` alone (dropped in 0017) was used
  // by no query of the bot, and cost every write a page at commit.
  (t) => [index('history_entity').on(t.entity, t.entityId, t.at)],
);

/** `/cx away until …`: reminders to this user pause until the end of that local date. */
export const awayPeriods = sqliteTable('away_periods', {
  userId: text('user_id').primaryKey(),
  until: text('until').notNull(),
  setAt: integer('set_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * Keys of Slack deliveries already handled (event ids, trigger ids, view ids): retries take effect once. No
 * index on `received_at`: nothing reads by it, and every command, button and vote wrote one more index page
 * for it (issue 13, migration 0014).
 */
export const processedEvents = sqliteTable('processed_events', {
  key: text('key').primaryKey(),
  receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * Everything the bot says on its own, written in the same transaction as the change that caused it.
 * One row per recipient; `idempotencyKey` makes a second write of the same notification a no-op.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    idempotencyKey: text('idempotency_key').notNull(),
    kind: text('kind').notNull(),
    /** JSON: { type: 'binding', key } | { type: 'user', id } | { type: 'channel', id }. */
    recipient: text('recipient', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    /** JSON snapshot of everything the renderer needs. */
    payload: text('payload', { mode: 'json' }).$type<unknown>().notNull(),
    /** Idempotency key of the entry this one is a thread reply to, if any. */
    threadOf: text('thread_of'),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'held', 'dead', 'expired'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    lastError: text('last_error'),
    sentChannel: text('sent_channel'),
    sentTs: text('sent_ts'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    /** While `sending`: the delivering process (its notifier's id), the only one that may settle the row. */
    claimedBy: text('claimed_by'),
    /**
     * While `sending`: wall-clock ms (not the injected clock) until which the claim holds; renewed while the
     * owner works on the row. After it, the row counts as abandoned and anyone may settle it.
     */
    leaseUntil: integer('lease_until'),
    /**
     * Not delivered after this instant at all (status `expired`): a message only worth saying in a window, such
     * as a reminder inside its owner's working hours. Null: no deadline.
     */
    deliverBy: integer('deliver_by', { mode: 'timestamp_ms' }),
    /**
     * Delivered only inside working hours (09:30–17:30, Monday to Friday) in this IANA zone: one that comes
     * due outside them (delayed by a rate limit or downtime) waits for the next window. Null: any time.
     */
    hoursZone: text('hours_zone'),
  },
  (t) => [
    uniqueIndex('outbox_idempotency').on(t.idempotencyKey),
    index('outbox_due').on(t.status, t.nextAttemptAt),
    // The unfinished rows only, by lane: the notifier finds each lane's head (its lowest id) with a few seeks
    // in this small index (outbox-lanes' headsQuery), not a read of every unfinished row on every pass, which
    // during a burst of wins cost a grouped scan of the whole backlog per post (issue 13's profile).
    index('outbox_lanes').on(t.recipient, t.id).where(sql`${t.status} in ('pending', 'sending', 'held')`),
  ],
);

/** Cached `users.info` facts: time zone for reminders, admin flags for permissions, the name for exports. */
export const slackUsers = sqliteTable('slack_users', {
  userId: text('user_id').primaryKey(),
  tz: text('tz'),
  /** real_name, else display name, else the handle; null until a look-up that asked for it. */
  name: text('name'),
  isAdmin: integer('is_admin', { mode: 'boolean' }).notNull().default(false),
  isBot: integer('is_bot', { mode: 'boolean' }).notNull().default(false),
  /** users.info `deleted`: a deactivated account, which no work can be given to. */
  deactivated: integer('deactivated', { mode: 'boolean' }).notNull().default(false),
  /**
   * users.info `user_not_found`: Slack knows no such person any more. Kept (with `deactivated`, since they too
   * have left) so lists mark them and nobody asks Slack again until the entry is stale.
   */
  unknown: integer('unknown', { mode: 'boolean' }).notNull().default(false),
  /** Slack's locale for the person (`de-DE`), from users.info with include_locale; null when unknown. */
  locale: text('locale'),
  fetchedAt: integer('fetched_at', { mode: 'timestamp_ms' }).notNull(),
});

/** `/cx lang en|de`: a person's own choice of language (no row: `auto`, their Slack locale). */
export const userLanguages = sqliteTable('user_languages', {
  userId: text('user_id').primaryKey(),
  language: text('language').notNull(),
  setAt: integer('set_at', { mode: 'timestamp_ms' }).notNull(),
});

/** Key/value facts about this installation, e.g. when the bot first started on this database. */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * The scheduler's ledger: one row per job and period (`reminders` + `2026-03-02T09:30Z`, `digest` +
 * `2026-W10`). A period is done once its row says so; a run that died halfway stays `running` or `failed`
 * and the next run completes it (every job is idempotent per recipient).
 */
export const jobRuns = sqliteTable(
  'job_runs',
  {
    job: text('job').notNull(),
    period: text('period').notNull(),
    status: text('status', { enum: ['running', 'done', 'failed', 'interrupted'] }).notNull(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
    attempts: integer('attempts').notNull().default(1),
    lastError: text('last_error'),
  },
  (t) => [primaryKey({ columns: [t.job, t.period] })],
);

/**
 * Every reminder about an action, to whom (its owner, or the initiative's owner for an escalation) and on
 * which of their local days. Written in the transaction that queues the DM, so "one reminder per action
 * per 7 days" holds across crashes.
 */
export const remindersSent = sqliteTable(
  'reminders_sent',
  {
    actionId: integer('action_id').notNull(),
    recipientId: text('recipient_id').notNull(),
    role: text('role', { enum: ['owner', 'escalation'] }).notNull(),
    localDay: text('local_day').notNull(),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.actionId, t.recipientId, t.localDay] }),
    // "Reminded in the last 7 days?" answered from the index alone.
    index('reminders_sent_recent').on(t.actionId, t.recipientId, t.sentAt),
  ],
);

export * from './schema-metrics.js';
export * from './schema-requests.js';
export * from './schema-rounds.js';
