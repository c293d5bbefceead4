import type { ExportActionRow, ExportInitiativeRow, ExportRows } from '../db/repositories/export-repo.js';
import type { Request } from '../domain/requests.js';
import { DEPARTMENT_NAMES, type Department } from '../domain/types.js';

export const EXPORT_COLUMNS = [
  'type',
  'ref',
  'initiative',
  'title',
  'tier',
  'status',
  'department',
  'departments',
  'owner',
  'owner_name',
  'due',
  'start',
  'created_at',
  'completed_at',
] as const;

type Column = (typeof EXPORT_COLUMNS)[number];
type CsvRecord = Partial<Record<Column, string>>;

/** RFC 4180 record separator; spreadsheets and `csv` parsers accept it everywhere. */
const CRLF = '\r\n';

/** UTF-8 byte order mark: without it Excel reads the file as ANSI and breaks umlauts and accents. */
export const BOM = '\uFEFF';

/** Owner names by Slack user ID; an owner missing here gets an empty name cell. */
export type OwnerNames = ReadonlyMap<string, string>;

/**
 * A spreadsheet treats a cell starting with one of these as a formula (OWASP "CSV injection"), so a title such
 * as `=HYPERLINK(…)` typed into Slack could run in the reader's spreadsheet. A leading `'` makes it plain text.
 */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

export function neutraliseFormula(value: string): string {
  return value.length > 0 && FORMULA_TRIGGERS.has(value[0]!) ? `'${value}` : value;
}

/** Quotes a field when RFC 4180 requires it: it holds a comma, a double quote, CR or LF. */
export function quoteField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvCell(value: string): string {
  return quoteField(neutraliseFormula(value));
}

function departmentName(key: string): string {
  return DEPARTMENT_NAMES[key as Department] ?? key;
}

function timestamp(value: Date | null): string {
  return value && !Number.isNaN(value.getTime()) ? value.toISOString() : '';
}

function initiativeRecord(row: ExportInitiativeRow, names: OwnerNames): CsvRecord {
  const ref = `I-${row.id}`;
  return {
    type: 'initiative',
    ref,
    initiative: ref,
    title: row.title,
    tier: row.tier,
    status: row.status,
    department: departmentName(row.leadDept),
    departments: (Array.isArray(row.depts) ? row.depts : []).map(departmentName).join(';'),
    owner: row.ownerId,
    owner_name: names.get(row.ownerId) ?? '',
    start: row.startDate,
    created_at: timestamp(row.createdAt),
  };
}

function actionRecord(row: ExportActionRow, names: OwnerNames): CsvRecord {
  return {
    type: 'action',
    ref: `A-${row.id}`,
    initiative: `I-${row.initiativeId}`,
    title: row.title,
    status: row.status,
    department: departmentName(row.dept),
    owner: row.ownerId,
    owner_name: names.get(row.ownerId) ?? '',
    due: row.dueDate ?? '',
    created_at: timestamp(row.createdAt),
    completed_at: timestamp(row.completedAt),
  };
}

/**
 * A request across departments: `department` is the asked one, `departments` the asking one, `owner` who
 * asked, `due` its `by:` date, `completed_at` when it was taken or declined (its status says which).
 */
function requestRecord(row: Request, names: OwnerNames): CsvRecord {
  return {
    type: 'request',
    ref: `R-${row.id}`,
    initiative: `I-${row.initiativeId}`,
    title: row.what,
    status: row.status,
    department: departmentName(row.askedDept),
    departments: departmentName(row.askingDept),
    owner: row.askerId,
    owner_name: names.get(row.askerId) ?? '',
    due: row.byDate ?? '',
    created_at: timestamp(row.createdAt),
    completed_at: timestamp(row.answeredAt),
  };
}

/**
 * One CSV (UTF-8 with a BOM; RFC 4180: header row, CRLF line ends, quoted fields where needed) of every
 * initiative followed by its actions. Refs are printed upper-case (`I-3`, `A-12`), departments by name, times
 * in UTC ISO-8601, owners by Slack ID and, beside it, by name.
 * Actions whose initiative is missing from `rows` still appear, after the initiatives, so nothing is lost.
 */
export function buildExportCsv(rows: ExportRows, names: OwnerNames = new Map()): string {
  const actionsByInitiative = new Map<number, ExportActionRow[]>();
  for (const action of rows.actions) {
    const list = actionsByInitiative.get(action.initiativeId) ?? [];
    list.push(action);
    actionsByInitiative.set(action.initiativeId, list);
  }

  const requestsByInitiative = new Map<number, Request[]>();
  for (const request of rows.requests ?? []) {
    requestsByInitiative.set(request.initiativeId, [
      ...(requestsByInitiative.get(request.initiativeId) ?? []),
      request,
    ]);
  }

  const records: CsvRecord[] = [];
  for (const initiative of rows.initiatives) {
    records.push(initiativeRecord(initiative, names));
    for (const action of actionsByInitiative.get(initiative.id) ?? [])
      records.push(actionRecord(action, names));
    for (const request of requestsByInitiative.get(initiative.id) ?? [])
      records.push(requestRecord(request, names));
    actionsByInitiative.delete(initiative.id);
    requestsByInitiative.delete(initiative.id);
  }
  for (const orphans of actionsByInitiative.values())
    for (const action of orphans) records.push(actionRecord(action, names));
  for (const orphans of requestsByInitiative.values())
    for (const request of orphans) records.push(requestRecord(request, names));

  const lines = [EXPORT_COLUMNS.join(',')];
  for (const record of records)
    lines.push(EXPORT_COLUMNS.map((column) => csvCell(record[column] ?? '')).join(','));
  return BOM + lines.join(CRLF) + CRLF;
}
