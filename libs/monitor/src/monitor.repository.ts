import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isCalendarDay } from './calendar-day.js';
import { decodeCursor, encodeCursor } from './keyset-cursor.js';
import type { MonitorCaseRow, MonitorCountCell, MonitorCounts, MonitorDayCount, MonitorLight, MonitorNodeCount, MonitorPage, MonitorTarget } from './monitor-case-row.js';
import { areaOf, contribution, type MonitorDelta, monitorDelta, sumDeltas, supersedes } from './monitor-deltas.js';
import { MonitorQueryInvalidError } from './monitor-errors.js';
import { assertMonitorRow } from './monitor-row-check.js';
import { buildInProgress, DUE_KEY, type Queryable, rowArrays, SELECT_ROW, SET_FROM_UNNEST, type Tables, tablesOf, UNNEST_ROWS, COLUMN_NAMES } from './monitor-tables.js';

export interface MonitorApplyResult {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface PageQuery {
  /** The `next` of the page before; absent for the first page. */
  after?: string;
  /** 1..500, 50 when absent. */
  limit?: number;
}

const MAX_LIMIT = 500;
const MAX_TREND_DAYS = 366;

/**
 * The only place that queries the monitor's tables (`monitor_case` and its aggregates `monitor_count`,
 * `monitor_area_count`, `monitor_node_count`, `monitor_day`; the rebuild's copies are
 * MonitorRebuildRepository's). Writes go through `apply`, which keeps the aggregates exact in the
 * same transaction; reads never scan the cases (docs/monitor.md: the index each one uses).
 */
@Injectable()
export class MonitorRepository {
  constructor(private readonly ds: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /**
   * Stores a case row if it is newer than the one kept (a later version, or the same version with
   * another light or supervision reading) and moves the aggregates by the difference. The same row
   * twice, or an older one, changes nothing. Call it inside a transaction.
   * With target 'live' (the default) a rebuild in progress gets the row too, so that nothing the
   * live consumer applies while the build replays is missing from the build when it is swapped in.
   */
  async apply(m: EntityManager, row: MonitorCaseRow, target: MonitorTarget = 'live'): Promise<'inserted' | 'updated' | 'unchanged'> {
    const r = await this.applyMany(m, [row], target);
    return r.inserted ? 'inserted' : r.updated ? 'updated' : 'unchanged';
  }

  /** `apply` for several rows in one go (a consumer's chunk, a replay): rows locked and aggregates moved once, in key order. */
  async applyMany(m: EntityManager, rows: readonly MonitorCaseRow[], target: MonitorTarget = 'live'): Promise<MonitorApplyResult> {
    rows.forEach(assertMonitorRow);
    const latest = new Map<string, MonitorCaseRow>();
    for (const r of rows) if (supersedes(latest.get(r.caseNumber), r)) latest.set(r.caseNumber, r);
    const result = await this.applyTo(m, tablesOf(target), latest);
    if (target === 'live' && (await buildInProgress(m))) await this.applyTo(m, tablesOf('build'), latest);
    return result;
  }

  private async applyTo(m: Queryable, t: Tables, latest: ReadonlyMap<string, MonitorCaseRow>): Promise<MonitorApplyResult> {
    if (latest.size === 0) return { inserted: 0, updated: 0, unchanged: 0 };
    const stored = new Map<string, MonitorCaseRow>();
    const inserted: MonitorCaseRow[] = [];
    let pending = [...latest.keys()].sort();
    // A case missing here may be inserted by another transaction between the lock and our insert: then it is locked and read again.
    for (let round = 0; pending.length > 0; round++) {
      if (round === 3) throw new Error(`monitor: cases ${pending.slice(0, 3).join(', ')} appear and vanish under concurrent writers`);
      for (const row of await this.lock(m, t, pending)) stored.set(row.caseNumber, row);
      const missing = pending.filter((n) => !stored.has(n)).map((n) => latest.get(n)!);
      if (missing.length === 0) break;
      const got = new Set(
        ((await m.query(`insert into ${t.cases} (${COLUMN_NAMES}) select * from ${UNNEST_ROWS} on conflict (case_number) do nothing returning case_number`, rowArrays(missing))) as Array<{ case_number: string }>).map(
          (x) => x.case_number,
        ),
      );
      inserted.push(...missing.filter((r) => got.has(r.caseNumber)));
      pending = missing.filter((r) => !got.has(r.caseNumber)).map((r) => r.caseNumber);
    }
    const changed = [...stored.values()].filter((old) => supersedes(old, latest.get(old.caseNumber)!));
    const updates = changed.map((old) => latest.get(old.caseNumber)!);
    if (updates.length > 0) {
      await m.query(`update ${t.cases} as c set ${SET_FROM_UNNEST}, updated_at = clock_timestamp() from ${UNNEST_ROWS} where c.case_number = u.case_number`, rowArrays(updates));
    }
    await this.move(m, t, sumDeltas([...inserted.map((r) => contribution(r)), ...changed.map((old) => monitorDelta(old, latest.get(old.caseNumber)!))]));
    return { inserted: inserted.length, updated: updates.length, unchanged: latest.size - inserted.length - updates.length };
  }

  /** Locks the rows of these cases (in case-number order, so two writers never wait on each other in a cycle) and reads them. */
  private async lock(m: Queryable, t: Tables, caseNumbers: readonly string[]): Promise<MonitorCaseRow[]> {
    return (await m.query(`select ${SELECT_ROW} from ${t.cases} where case_number = any($1::text[]) order by case_number for update`, [caseNumbers])) as MonitorCaseRow[];
  }

  /** Adds a netted, key-sorted delta to the aggregates, always in the same table order: cells, areas, nodes, days. */
  private async move(m: Queryable, t: Tables, d: MonitorDelta): Promise<void> {
    for (const [table, key, cells] of [
      [t.counts, 'node', d.counts],
      [t.areas, 'area', d.areas],
    ] as const) {
      if (cells.length === 0) continue;
      await m.query(
        `insert into ${table} as c (${key}, status, light, live, n)
         select * from unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::int[])
         on conflict (${key}, status, light) do update set n = c.n + excluded.n`,
        [cells.map((c) => c.node), cells.map((c) => c.status), cells.map((c) => c.light), cells.map((c) => c.live), cells.map((c) => c.n)],
      );
    }
    if (d.nodes.length > 0) {
      await m.query(
        `insert into ${t.nodes} as c (node, live, closed, green, yellow, red)
         select * from unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[])
         on conflict (node) do update set live = c.live + excluded.live, closed = c.closed + excluded.closed,
           green = c.green + excluded.green, yellow = c.yellow + excluded.yellow, red = c.red + excluded.red`,
        [d.nodes.map((x) => x.node), d.nodes.map((x) => x.live), d.nodes.map((x) => x.closed), d.nodes.map((x) => x.green), d.nodes.map((x) => x.yellow), d.nodes.map((x) => x.red)],
      );
    }
    if (d.days.length > 0) {
      await m.query(
        `insert into ${t.days} as d (node, day, received, accepted, closed, closed_late)
         select * from unnest($1::text[], $2::date[], $3::int[], $4::int[], $5::int[], $6::int[])
         on conflict (node, day) do update set received = d.received + excluded.received, accepted = d.accepted + excluded.accepted,
           closed = d.closed + excluded.closed, closed_late = d.closed_late + excluded.closed_late`,
        [d.days.map((x) => x.node), d.days.map((x) => x.day), d.days.map((x) => x.received), d.days.map((x) => x.accepted), d.days.map((x) => x.closed), d.days.map((x) => x.closedLate)],
      );
    }
  }

  /**
   * Live cases whose light is due for evaluation at `now`, oldest first, locked for this transaction;
   * rows another sweeper holds are skipped, so several replicas sweep at once without waiting. The
   * sweeper computes the new reading and applies it in the same transaction, under these locks.
   */
  async dueForLightCheck(m: EntityManager, now: Date, limit: number): Promise<MonitorCaseRow[]> {
    return (await m.query(
      `select ${SELECT_ROW} from monitor_case where live and light_due_at <= $1 order by light_due_at limit $2 for update skip locked`,
      [now.toISOString(), checkLimit(limit)],
    )) as MonitorCaseRow[];
  }

  async get(caseNumber: string, on: Queryable = this.ds): Promise<MonitorCaseRow | undefined> {
    const rows = (await on.query(`select ${SELECT_ROW} from monitor_case where case_number = $1`, [caseNumber])) as MonitorCaseRow[];
    return rows[0];
  }

  /**
   * Cases by holder node, status and light. For the network or a county-level area (a county with its
   * townships; the city with its own townships): status × light summed over the area cells, and one
   * line per node. For a node: its cells and its line. Reads only the aggregates, a few hundred rows at most.
   */
  async counts(q: { node?: string; area?: string } = {}, on: Queryable = this.ds): Promise<MonitorCounts> {
    if (q.node !== undefined && q.area !== undefined) throw new MonitorQueryInvalidError('节点与区域只能指定其一', 'Give a node or an area, not both', q);
    for (const code of [q.node, q.area]) {
      if (code !== undefined && !/^\d{12}$/.test(code)) throw new MonitorQueryInvalidError('节点代码须为 12 位数字', 'A node or area code is 12 digits', q);
    }
    if (q.area !== undefined && areaOf(q.area) !== q.area) throw new MonitorQueryInvalidError('区域须为县级或市级节点', `${q.area} is not a county or a city`, q);
    const byStatus = (await (q.node !== undefined
      ? on.query(`select status, nullif(light, '') as light, live, n from monitor_count where node = $1 and n <> 0 order by status, light`, [q.node])
      : on.query(
          `select status, nullif(light, '') as light, live, sum(n)::int as n from monitor_area_count ${q.area === undefined ? '' : 'where area = $1'}
           group by status, light, live having sum(n) <> 0 order by status, light`,
          q.area === undefined ? [] : [q.area],
        ))) as MonitorCountCell[];
    // An area's nodes share its first six digits: a county's townships, or the city's own (digits 5-6 are 00).
    const byNode = (await (q.node !== undefined
      ? on.query(`select node, live, closed, green, yellow, red from monitor_node_count where node = $1 and (live, closed) <> (0, 0)`, [q.node])
      : on.query(
          `select node, live, closed, green, yellow, red from monitor_node_count where (live, closed) <> (0, 0) ${q.area === undefined ? '' : 'and node like $1'} order by node`,
          q.area === undefined ? [] : [`${q.area.slice(0, 6)}%`],
        ))) as MonitorNodeCount[];
    const totals = { live: 0, closed: 0, green: 0, yellow: 0, red: 0 };
    for (const c of byStatus) {
      totals[c.live ? 'live' : 'closed'] += c.n;
      if (c.light !== null) totals[c.light] += c.n;
    }
    return { node: q.node ?? null, area: q.area ?? null, totals, byStatus, byNode };
  }

  /** Every holder node's line (`monitor_node_count`, one per node with anything in it), by code: the wall screen's one read. */
  async nodeLines(on: Queryable = this.ds): Promise<MonitorNodeCount[]> {
    return (await on.query(`select node, live, closed, green, yellow, red from monitor_node_count where (live, closed) <> (0, 0) order by node`)) as MonitorNodeCount[];
  }

  /** Red live cases, oldest due date first, then by case number; for one holder node or the whole network. */
  async overdue(q: { node?: string } & PageQuery = {}, on: Queryable = this.ds): Promise<MonitorPage> {
    return q.node === undefined ? this.page(on, `live and light = 'red'`, [], q) : this.page(on, `live and holder = $1 and light = 'red'`, [q.node], q);
  }

  /** One holder node's live cases by due date (undated ones, not yet accepted, last), all or of one light. */
  async liveAt(node: string, q: { light?: MonitorLight } & PageQuery = {}, on: Queryable = this.ds): Promise<MonitorPage> {
    return q.light === undefined ? this.page(on, 'live and holder = $1', [node], q) : this.page(on, 'live and holder = $1 and light = $2', [node, q.light], q);
  }

  private async page(on: Queryable, where: string, params: unknown[], q: PageQuery): Promise<MonitorPage> {
    const limit = checkLimit(q.limit ?? 50);
    const p = [...params];
    let keyset = '';
    if (q.after !== undefined) {
      const k = decodeCursor(q.after);
      p.push(k.dueOn ?? 'infinity', k.caseNumber);
      keyset = ` and (${DUE_KEY}, case_number) > ($${p.length - 1}::date, $${p.length})`;
    }
    p.push(limit + 1);
    const rows = (await on.query(`select ${SELECT_ROW} from monitor_case where ${where}${keyset} order by ${DUE_KEY}, case_number limit $${p.length}`, p)) as MonitorCaseRow[];
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return { items, next: rows.length > limit && last ? encodeCursor({ dueOn: last.dueOn, caseNumber: last.caseNumber }) : null };
  }

  /** Day by day from `from` to `to` (inclusive, at most 366 days), every day present; for one node or the network. */
  async trends(q: { node?: string; from: string; to: string }, on: Queryable = this.ds): Promise<MonitorDayCount[]> {
    const span = isCalendarDay(q.from) && isCalendarDay(q.to) ? (Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`)) / 86_400_000 : Number.NaN;
    if (!(span >= 0 && span < MAX_TREND_DAYS)) {
      throw new MonitorQueryInvalidError(`统计区间须为不超过 ${MAX_TREND_DAYS} 天的有效日期`, `from and to must be dates, from not after to, at most ${MAX_TREND_DAYS} days`, { from: q.from, to: q.to });
    }
    const byNode = q.node === undefined ? '' : ' and node = $3';
    // The range is summed first (an index range on day, or on node and day), then laid over every day of it.
    return (await on.query(
      `with d as (
         select day, sum(received) as received, sum(accepted) as accepted, sum(closed) as closed, sum(closed_late) as closed_late
         from monitor_day where day between $1::date and $2::date${byNode} group by day)
       select g.day::date::text as day, coalesce(d.received, 0)::int as received, coalesce(d.accepted, 0)::int as accepted,
              coalesce(d.closed, 0)::int as closed, coalesce(d.closed_late, 0)::int as "closedLate"
       from generate_series($1::date, $2::date, interval '1 day') as g(day) left join d on d.day = g.day::date
       order by g.day`,
      q.node === undefined ? [q.from, q.to] : [q.from, q.to, q.node],
    )) as MonitorDayCount[];
  }

  /** Empties the live tables (a rebuild in place, tests). */
  async truncateAll(m: EntityManager): Promise<void> {
    await m.query('truncate monitor_case, monitor_count, monitor_area_count, monitor_node_count, monitor_day');
  }
}

function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new MonitorQueryInvalidError(`每页条数须在 1 到 ${MAX_LIMIT} 之间`, `limit must be a whole number from 1 to ${MAX_LIMIT}`, { limit });
  }
  return limit;
}
