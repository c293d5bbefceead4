import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// The monthly pain-point round. Same conventions as schema.ts: integer ms timestamps, snake_case columns,
// `integer primary key autoincrement` so a P-n is never reused.

/** A customer pain point, raised with `/cx pain`, the message shortcut or the modal. */
export const painPoints = sqliteTable(
  'pain_points',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    text: text('text').notNull(),
    raisedBy: text('raised_by').notNull(),
    /** The department whose bound channel it came from; null for the hub, a DM or an unbound channel. */
    dept: text('dept'),
    channelId: text('channel_id'),
    /** The Slack message it was logged from (message shortcut). */
    permalink: text('permalink'),
    source: text('source', { enum: ['command', 'shortcut', 'modal'] }).notNull(),
    status: text('status', { enum: ['open', 'adopted'] })
      .notNull()
      .default('open'),
    /** Votes it got in the last round it was on: orders the carried-over ones on the next poll. */
    carriedVotes: integer('carried_votes').notNull().default(0),
    /** How many rounds it has been on so far (0: new). */
    roundsOn: integer('rounds_on').notNull().default(0),
    adoptedInitiativeId: integer('adopted_initiative_id'),
    adoptedAt: integer('adopted_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('pain_points_status').on(t.status, t.id)],
);

/** One round per month (`month` is `YYYY-MM` in CX_TIMEZONE): the unique key makes a second open a no-op. */
export const rounds = sqliteTable(
  'rounds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    month: text('month').notNull(),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    openedBy: text('opened_by').notNull(),
    openedAt: integer('opened_at', { mode: 'timestamp_ms' }).notNull(),
    closesAt: integer('closes_at', { mode: 'timestamp_ms' }).notNull(),
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
    closedBy: text('closed_by'),
  },
  (t) => [uniqueIndex('rounds_month').on(t.month), index('rounds_status').on(t.status, t.openedAt)],
);

/** The poll's numbered options: position 1–10 → pain point. `votes` is the final tally, set at close. */
export const roundOptions = sqliteTable(
  'round_options',
  {
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id),
    position: integer('position').notNull(),
    painPointId: integer('pain_point_id')
      .notNull()
      .references(() => painPoints.id),
    votes: integer('votes'),
  },
  (t) => [
    primaryKey({ columns: [t.roundId, t.position] }),
    uniqueIndex('round_options_pain_point').on(t.roundId, t.painPointId),
  ],
);

/**
 * The round's poll message in each department channel. `channelId`/`ts` are filled from the outbox once the
 * post is delivered; votes find their poll by (channel, ts) through the unique index.
 */
export const roundPosts = sqliteTable(
  'round_posts',
  {
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id),
    bindingKey: text('binding_key').notNull(),
    /** The outbox idempotency key of the poll message. */
    outboxKey: text('outbox_key').notNull(),
    channelId: text('channel_id'),
    ts: text('ts'),
  },
  (t) => [
    primaryKey({ columns: [t.roundId, t.bindingKey] }),
    uniqueIndex('round_posts_message').on(t.channelId, t.ts),
  ],
);

/**
 * A counted vote reaction: one row per person, pain point and poll channel, so a removal in one channel
 * keeps the vote standing while the same reaction remains in another. The tally counts distinct voters per
 * pain point, so a person's votes in two channels count once.
 */
export const votes = sqliteTable(
  'votes',
  {
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id),
    voterId: text('voter_id').notNull(),
    painPointId: integer('pain_point_id')
      .notNull()
      .references(() => painPoints.id),
    channelId: text('channel_id').notNull(),
    /** The department of the poll's channel, for the per-department breakdown. */
    dept: text('dept').notNull(),
    votedAt: integer('voted_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.roundId, t.voterId, t.painPointId, t.channelId] }),
    index('votes_pain_point').on(t.roundId, t.painPointId),
  ],
);

/**
 * The newest reaction event seen for each person, pain point and poll message (added or removed, at Slack's
 * `event_ts` in microseconds). Slack may deliver events out of order — a removal before the add it undoes,
 * the add then arriving as a retry — so an event older than the one recorded here changes no vote.
 */
export const voteReactions = sqliteTable(
  'vote_reactions',
  {
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id),
    voterId: text('voter_id').notNull(),
    painPointId: integer('pain_point_id')
      .notNull()
      .references(() => painPoints.id),
    channelId: text('channel_id').notNull(),
    kind: text('kind', { enum: ['added', 'removed'] }).notNull(),
    eventMicros: integer('event_micros').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.voterId, t.painPointId, t.channelId] })],
);
