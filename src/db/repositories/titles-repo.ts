import { eq } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { initiatives } from '../schema.js';

/** `/cx edit I-n`: a new title (the history entry keeps the old one). */
export function setInitiativeTitle(db: Executor, id: number, title: string, now: Date): void {
  db.update(initiatives).set({ title, updatedAt: now }).where(eq(initiatives.id, id)).run();
}
