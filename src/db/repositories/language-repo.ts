import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { prepared } from '../prepared.js';
import { slackUsers, userLanguages } from '../schema.js';

/** A person's `/cx lang` choice, or null (`auto`). */
export function getLanguageChoice(db: Executor, userId: string): string | null {
  const select = prepared(db, 'language.getChoice', (d) =>
    d
      .select({ language: userLanguages.language })
      .from(userLanguages)
      .where(eq(userLanguages.userId, sql.placeholder('userId')))
      .prepare(),
  );
  return select.get({ userId })?.language ?? null;
}

/** `null` forgets the choice (`/cx lang auto`). */
export function setLanguageChoice(db: Executor, userId: string, language: string | null, now: Date): void {
  if (language === null) {
    db.delete(userLanguages).where(eq(userLanguages.userId, userId)).run();
    return;
  }
  db.insert(userLanguages)
    .values({ userId, language, setAt: now })
    .onConflictDoUpdate({ target: userLanguages.userId, set: { language, setAt: now } })
    .run();
}

/** What is known about a person without asking Slack: their choice and the cached locale (undefined: never looked up). */
export function languageFacts(
  db: Executor,
  userId: string,
): { choice: string | null; locale: string | null | undefined; fetchedAt: Date | null } {
  const select = prepared(db, 'language.facts', (d) =>
    d
      .select({ locale: slackUsers.locale, fetchedAt: slackUsers.fetchedAt })
      .from(slackUsers)
      .where(eq(slackUsers.userId, sql.placeholder('userId')))
      .prepare(),
  );
  const row = select.get({ userId });
  return {
    choice: getLanguageChoice(db, userId),
    locale: row ? row.locale : undefined,
    fetchedAt: row?.fetchedAt ?? null,
  };
}
