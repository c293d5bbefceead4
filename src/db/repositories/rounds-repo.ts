import type Database from 'better-sqlite3';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { BindingKey } from '../../domain/types.js';
import type { Executor } from '../client.js';
import { prepared } from '../prepared.js';
import { roundOptions, roundPosts, rounds, votes } from '../schema.js';

export type Round = typeof rounds.$inferSelect;
export type RoundOption = { position: number; painPointId: number; votes: number | null };
export type RoundPost = { roundId: number; bindingKey: BindingKey; outboxKey: string };

export interface NewRound {
  month: string;
  openedBy: string;
  openedAt: Date;
  closesAt: Date;
}

/** Inserts the month's round; null when the month already has one (the unique key decides, not a look-up). */
export function insertRound(db: Executor, input: NewRound): Round | null {
  return (
    db
      .insert(rounds)
      .values({ ...input, status: 'open' })
      .onConflictDoNothing({ target: rounds.month })
      .returning()
      .get() ?? null
  );
}

export function getRound(db: Executor, id: number): Round | null {
  return db.select().from(rounds).where(eq(rounds.id, id)).get() ?? null;
}

export function findRoundByMonth(db: Executor, month: string): Round | null {
  return db.select().from(rounds).where(eq(rounds.month, month)).get() ?? null;
}

/** Prepared once: the round-closing job asks on every run. */
export function openRounds(db: Executor): Round[] {
  return prepared(db, 'rounds.open', (d) =>
    d.select().from(rounds).where(eq(rounds.status, 'open')).orderBy(asc(rounds.openedAt)).prepare(),
  ).all();
}

export function lastClosedRound(db: Executor): Round | null {
  return (
    db
      .select()
      .from(rounds)
      .where(eq(rounds.status, 'closed'))
      .orderBy(desc(rounds.closedAt), desc(rounds.id))
      .limit(1)
      .get() ?? null
  );
}

/** Closes an open round; false when it was closed already (by another run or an admin). */
export function markClosed(db: Executor, id: number, now: Date, by: string): boolean {
  return (
    db
      .update(rounds)
      .set({ status: 'closed', closedAt: now, closedBy: by })
      .where(and(eq(rounds.id, id), eq(rounds.status, 'open')))
      .run().changes > 0
  );
}

export function insertOptions(
  db: Executor,
  roundId: number,
  options: { position: number; painPointId: number }[],
): void {
  if (options.length === 0) return;
  db.insert(roundOptions)
    .values(options.map((o) => ({ roundId, ...o })))
    .run();
}

export function optionsOf(db: Executor, roundId: number): RoundOption[] {
  return db
    .select({
      position: roundOptions.position,
      painPointId: roundOptions.painPointId,
      votes: roundOptions.votes,
    })
    .from(roundOptions)
    .where(eq(roundOptions.roundId, roundId))
    .orderBy(asc(roundOptions.position))
    .all();
}

export function setOptionVotes(db: Executor, roundId: number, painPointId: number, n: number): void {
  db.update(roundOptions)
    .set({ votes: n })
    .where(and(eq(roundOptions.roundId, roundId), eq(roundOptions.painPointId, painPointId)))
    .run();
}

/** Every round a pain point was on, oldest first, with its final votes once closed. */
export function roundsOfPainPoint(
  db: Executor,
  painPointId: number,
): { month: string; status: Round['status']; position: number; votes: number | null }[] {
  return db
    .select({
      month: rounds.month,
      status: rounds.status,
      position: roundOptions.position,
      votes: roundOptions.votes,
    })
    .from(roundOptions)
    .innerJoin(rounds, eq(rounds.id, roundOptions.roundId))
    .where(eq(roundOptions.painPointId, painPointId))
    .orderBy(asc(rounds.openedAt))
    .all();
}

export function insertPosts(db: Executor, posts: RoundPost[]): void {
  if (posts.length === 0) return;
  db.insert(roundPosts).values(posts).onConflictDoNothing().run();
}

export function placePost(db: Executor, roundId: number, bindingKey: string, channelId: string, ts: string) {
  db.update(roundPosts)
    .set({ channelId, ts })
    .where(and(eq(roundPosts.roundId, roundId), eq(roundPosts.bindingKey, bindingKey)))
    .run();
}

/** Votes per pain point: distinct voters, so one person's votes in two channels count once. */
export function tally(db: Executor, roundId: number): Map<number, number> {
  const rows = db
    .select({ painPointId: votes.painPointId, n: sql<number>`count(distinct ${votes.voterId})` })
    .from(votes)
    .where(eq(votes.roundId, roundId))
    .groupBy(votes.painPointId)
    .all();
  return new Map(rows.map((r) => [r.painPointId, Number(r.n)]));
}

export function voterCount(db: Executor, roundId: number): number {
  const row = db
    .select({ n: sql<number>`count(distinct ${votes.voterId})` })
    .from(votes)
    .where(eq(votes.roundId, roundId))
    .get();
  return Number(row?.n ?? 0);
}

/**
 * Votes per pain point and department. A person who voted for the same pain point in two channels is
 * counted once, in the department where they voted first, so the departments add up to the total.
 */
export function breakdown(
  db: Executor,
  roundId: number,
): { painPointId: number; dept: string; votes: number }[] {
  const rows = db.all<{ painPointId: number; dept: string; votes: number }>(sql`
    select pain_point_id as painPointId, dept, count(*) as votes from (
      -- SQLite takes the bare column (dept) from the row holding min(voted_at).
      select pain_point_id, dept, min(voted_at) from ${votes}
      where round_id = ${roundId}
      group by pain_point_id, voter_id
    )
    group by pain_point_id, dept
    order by pain_point_id, dept`);
  return rows.map((r) => ({ ...r, votes: Number(r.votes) }));
}

// ---- the vote path: hand-prepared statements, one small transaction per reaction event ------------------

export interface PollMessage {
  roundId: number;
  dept: string;
  status: 'open' | 'closed';
}

export interface VoteStore {
  /** The round poll posted as message `ts` in `channelId` (the unique index on round_posts finds it). */
  pollAt(channelId: string, ts: string): PollMessage | null;
  painPointAt(roundId: number, position: number): number | null;
  /** The pain points this person has a vote on in this round. */
  votedBy(roundId: number, voterId: string): number[];
  addVote(vote: {
    roundId: number;
    voterId: string;
    painPointId: number;
    channelId: string;
    dept: string;
    at: number;
  }): boolean;
  removeVote(vote: { roundId: number; voterId: string; painPointId: number; channelId: string }): boolean;
  /**
   * Records this reaction event as the newest of its reaction (person, pain point, poll message); false when
   * a newer one was recorded already: this event arrived late and must change nothing. Events of the same
   * moment (distinct ids, equal `event_ts`) can't be ordered by it and take effect in arrival order.
   */
  markNewest(event: {
    roundId: number;
    voterId: string;
    painPointId: number;
    channelId: string;
    kind: 'added' | 'removed';
    eventMicros: number;
  }): boolean;
  /** Poll posts of open rounds whose Slack message is not known yet (usually none: a cheap check). */
  unplaced(): RoundPost[];
  /** The delivery key of an event (see settings-repo markProcessed); false when already seen. */
  markProcessed(key: string, at: number): boolean;
  /** Runs `work` in one transaction (IMMEDIATE: it writes, so take the lock up front). */
  transaction<T>(work: () => T): T;
}

const stores = new WeakMap<Database.Database, VoteStore>();

/** Statements are prepared once per connection: the vote path runs thousands of times a second. */
export function voteStore(sqlite: Database.Database): VoteStore {
  const cached = stores.get(sqlite);
  if (cached) return cached;
  const pollAt = sqlite.prepare<[string, string], PollMessage>(
    `select p.round_id as roundId, p.binding_key as dept, r.status as status
       from round_posts p join rounds r on r.id = p.round_id
      where p.channel_id = ? and p.ts = ?`,
  );
  const painPointAt = sqlite
    .prepare<[number, number], number>(
      'select pain_point_id from round_options where round_id = ? and position = ?',
    )
    .pluck();
  const votedBy = sqlite
    .prepare<[number, string], number>(
      'select distinct pain_point_id from votes where round_id = ? and voter_id = ?',
    )
    .pluck();
  const addVote = sqlite.prepare(
    `insert into votes (round_id, voter_id, pain_point_id, channel_id, dept, voted_at)
     values (@roundId, @voterId, @painPointId, @channelId, @dept, @at) on conflict do nothing`,
  );
  const removeVote = sqlite.prepare(
    `delete from votes
      where round_id = @roundId and voter_id = @voterId and pain_point_id = @painPointId and channel_id = @channelId`,
  );
  const markNewest = sqlite.prepare(
    `insert into vote_reactions (round_id, voter_id, pain_point_id, channel_id, kind, event_micros)
     values (@roundId, @voterId, @painPointId, @channelId, @kind, @eventMicros)
     on conflict (round_id, voter_id, pain_point_id, channel_id) do update
        set kind = excluded.kind, event_micros = excluded.event_micros
      where excluded.event_micros >= vote_reactions.event_micros`,
  );
  const unplaced = sqlite.prepare<[], RoundPost>(
    `select p.round_id as roundId, p.binding_key as bindingKey, p.outbox_key as outboxKey
       from rounds r join round_posts p on p.round_id = r.id
      where r.status = 'open' and p.ts is null`,
  );
  const processed = sqlite.prepare(
    'insert into processed_events (key, received_at) values (?, ?) on conflict do nothing',
  );
  const store: VoteStore = {
    pollAt: (channelId, ts) => pollAt.get(channelId, ts) ?? null,
    painPointAt: (roundId, position) => painPointAt.get(roundId, position) ?? null,
    votedBy: (roundId, voterId) => votedBy.all(roundId, voterId),
    addVote: (vote) => addVote.run(vote).changes > 0,
    removeVote: (vote) => removeVote.run(vote).changes > 0,
    markNewest: (event) => markNewest.run(event).changes > 0,
    unplaced: () => unplaced.all(),
    markProcessed: (key, at) => processed.run(key, at).changes > 0,
    transaction: (work) => sqlite.transaction(work).immediate(),
  };
  stores.set(sqlite, store);
  return store;
}
