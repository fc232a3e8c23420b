import type { MonitorCaseRow, MonitorTarget } from './monitor-case-row.js';

/** What the repositories need of a TypeORM `EntityManager` or `DataSource`. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** Where a rebuild fills its tables before they are moved into the live schema (see docs/monitor.md). */
export const BUILD_SCHEMA = 'monitor_build';

export const MONITOR_TABLES = ['monitor_case', 'monitor_count', 'monitor_area_count', 'monitor_node_count', 'monitor_day'] as const;
export type MonitorTable = (typeof MONITOR_TABLES)[number];

export interface Tables {
  cases: string;
  counts: string;
  areas: string;
  nodes: string;
  days: string;
}

/** Whether a rebuild has its tables in place: then the live path writes every row to them too. */
export async function buildInProgress(m: Queryable): Promise<boolean> {
  const [row] = (await m.query(`select to_regclass($1) is not null as building`, [`${BUILD_SCHEMA}.monitor_case`])) as Array<{ building: boolean }>;
  return row?.building ?? false;
}

/** The live tables are found on the search path, like every other table of the node; the build's by schema. */
export function tablesOf(target: MonitorTarget): Tables {
  const prefix = target === 'build' ? `${BUILD_SCHEMA}.` : '';
  return {
    cases: `${prefix}monitor_case`,
    counts: `${prefix}monitor_count`,
    areas: `${prefix}monitor_area_count`,
    nodes: `${prefix}monitor_node_count`,
    days: `${prefix}monitor_day`,
  };
}

/** The case row's columns: SQL name, field, and the SQL type its array parameter is cast to. */
const COLUMNS: ReadonlyArray<readonly [string, keyof MonitorCaseRow, string]> = [
  ['case_number', 'caseNumber', 'text'],
  ['intake_node', 'intakeNode', 'text'],
  ['holder', 'holder', 'text'],
  ['deciding_node', 'decidingNode', 'text'],
  ['item_code', 'itemCode', 'text'],
  ['item_name', 'itemName', 'text'],
  ['status', 'status', 'text'],
  ['outcome', 'outcome', 'text'],
  ['live', 'live', 'boolean'],
  ['paused', 'paused', 'boolean'],
  ['light', 'light', 'text'],
  ['step_light', 'stepLight', 'text'],
  ['received_on', 'receivedOn', 'date'],
  ['accepted_on', 'acceptedOn', 'date'],
  ['due_on', 'dueOn', 'date'],
  ['closed_on', 'closedOn', 'date'],
  ['closed_late', 'closedLate', 'boolean'],
  ['overdue_days', 'overdueDays', 'int'],
  ['light_due_at', 'lightDueAt', 'timestamptz'],
  ['supervision_round', 'supervisionRound', 'smallint'],
  ['flagged', 'flagged', 'boolean'],
  ['version', 'version', 'int'],
  ['calendar_version', 'calendarVersion', 'text'],
];

export const COLUMN_NAMES = COLUMNS.map(([c]) => c).join(', ');

/** The select list that reads a row back as a `MonitorCaseRow` (dates as `YYYY-MM-DD`, lightDueAt as UTC ISO). */
export const SELECT_ROW = COLUMNS.map(([c, f, type]) => {
  if (type === 'date') return `${c}::text as "${f}"`;
  if (type === 'timestamptz') return `to_char(${c} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "${f}"`;
  return `${c} as "${f}"`;
}).join(', ');

/** `unnest($1::text[], $2::text[], ...) as u(case_number, ...)`: many rows in one statement, one array per column. */
export const UNNEST_ROWS = `unnest(${COLUMNS.map(([, , type], i) => `$${i + 1}::${type}[]`).join(', ')}) as u(${COLUMN_NAMES})`;

/** The parameters of `UNNEST_ROWS`: one array per column, in column order. */
export function rowArrays(rows: readonly MonitorCaseRow[]): unknown[][] {
  return COLUMNS.map(([, f]) => rows.map((r) => r[f]));
}

/** `intake_node = u.intake_node, ...`: every column but the key, from the unnested row. */
export const SET_FROM_UNNEST = COLUMNS.slice(1)
  .map(([c]) => `${c} = u.${c}`)
  .join(', ');

/** The order of every list: due date (undated last), then case number; the partial indexes are built on it. */
export const DUE_KEY = `coalesce(due_on, 'infinity'::date)`;
