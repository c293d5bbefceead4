import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { initiatives } from './schema.js';

/**
 * Requests across departments (`/cx ask`, `R-n`): one department asks another for something an
 * initiative needs. `autoincrement` keeps R-n numbers from ever being reused.
 */
export const requests = sqliteTable(
  'requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    initiativeId: integer('initiative_id')
      .notNull()
      .references(() => initiatives.id),
    /** The department asking: the bound channel the ask came from, else the initiative's lead. */
    askingDept: text('asking_dept').notNull(),
    askedDept: text('asked_dept').notNull(),
    what: text('what').notNull(),
    /** The `by:` date as typed (resolved), null when none was given (the taker's action is due in 7 days). */
    byDate: text('by_date'),
    askerId: text('asker_id').notNull(),
    status: text('status', { enum: ['open', 'taken', 'declined'] }).notNull(),
    /** Who took or declined it, and when. */
    answeredBy: text('answered_by'),
    answeredAt: integer('answered_at', { mode: 'timestamp_ms' }),
    /** The action a taker got (A-n). */
    actionId: integer('action_id'),
    declineReason: text('decline_reason'),
    bumpedAt: integer('bumped_at', { mode: 'timestamp_ms' }),
    escalatedAt: integer('escalated_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('requests_status_created').on(t.status, t.createdAt)],
);

/** Append-only history of a request (asked, bumped, escalated, taken, declined), for `/cx show R-n`. */
export const requestEvents = sqliteTable(
  'request_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: integer('request_id').notNull(),
    actorId: text('actor_id').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    kind: text('kind').notNull(),
    note: text('note'),
  },
  (t) => [index('request_events_request').on(t.requestId, t.at)],
);
