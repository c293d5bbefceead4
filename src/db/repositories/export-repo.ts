import { asc } from 'drizzle-orm';
import type { Request } from '../../domain/requests.js';
import type { DatabaseHandle } from '../client.js';
import { actions, initiatives } from '../schema.js';
import { allRequests } from './requests-repo.js';

export interface ExportInitiativeRow {
  id: number;
  title: string;
  tier: string;
  status: string;
  leadDept: string;
  depts: string[];
  ownerId: string;
  startDate: string;
  createdAt: Date;
}

export interface ExportActionRow {
  id: number;
  initiativeId: number;
  title: string;
  status: string;
  dept: string;
  ownerId: string;
  dueDate: string | null;
  createdAt: Date;
  completedAt: Date | null;
}

export interface ExportRows {
  initiatives: ExportInitiativeRow[];
  actions: ExportActionRow[];
  /** Requests across departments (R-n); absent in exports built before they existed. */
  requests?: Request[];
}

/**
 * Every initiative and action, oldest first, read on one snapshot so the two lists agree with each other
 * even while the bot keeps writing (WAL, and a read-only transaction: the read never blocks it).
 */
export function readExportRows(handle: Pick<DatabaseHandle, 'read'>): ExportRows {
  return handle.read((tx) => ({
    initiatives: tx
      .select({
        id: initiatives.id,
        title: initiatives.title,
        tier: initiatives.tier,
        status: initiatives.status,
        leadDept: initiatives.leadDept,
        depts: initiatives.depts,
        ownerId: initiatives.ownerId,
        startDate: initiatives.startDate,
        createdAt: initiatives.createdAt,
      })
      .from(initiatives)
      .orderBy(asc(initiatives.id))
      .all(),
    actions: tx
      .select({
        id: actions.id,
        initiativeId: actions.initiativeId,
        title: actions.title,
        status: actions.status,
        dept: actions.dept,
        ownerId: actions.ownerId,
        dueDate: actions.dueDate,
        createdAt: actions.createdAt,
        completedAt: actions.completedAt,
      })
      .from(actions)
      .orderBy(asc(actions.id))
      .all(),
    requests: allRequests(tx),
  }));
}
