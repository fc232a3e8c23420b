import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { MonitorTarget } from './monitor-case-row.js';
import { MonitorBuildStateError } from './monitor-errors.js';
import { BUILD_SCHEMA, buildInProgress, MONITOR_TABLES, type Queryable, tablesOf } from './monitor-tables.js';

const RETIRED_SCHEMA = 'monitor_retired';

/**
 * Rebuilding the projection beside the live one, then swapping it in (docs/monitor.md):
 * `beginBuild` makes empty copies of the live tables in the `monitor_build` schema (keys only);
 * the rebuild replays Kafka into them with `MonitorRepository.apply(m, row, 'build')` while the live
 * consumer's `apply` writes every row to both; `finishBuild` adds the indexes without blocking those
 * writes; `swapBuild` moves the live tables out and the built ones in, in one short transaction.
 * Queries never see a half-built projection, and the live one keeps answering until the swap.
 */
@Injectable()
export class MonitorRebuildRepository {
  constructor(private readonly ds: DataSource) {}

  /** Starts a build from nothing (an earlier, unfinished one is dropped): same columns, checks, storage and keys as the live tables. */
  async beginBuild(m: EntityManager): Promise<void> {
    const schema = await liveSchema(m);
    // Waits for the writers of live rows to commit and holds new ones until the build exists: a row
    // written live from now on is mirrored into the build, and every one written before is committed
    // (with the event that caused it already in Kafka, or in the outbox on its way there).
    await m.query(`lock table ${schema}.monitor_case in share row exclusive mode`);
    await m.query(`drop schema if exists ${BUILD_SCHEMA} cascade`);
    await m.query(`create schema ${BUILD_SCHEMA}`);
    for (const table of MONITOR_TABLES) {
      await m.query(`create table ${BUILD_SCHEMA}.${table} (like ${schema}.${table} including defaults including constraints including storage including comments)`);
      const [rel] = (await m.query(`select array_to_string(reloptions, ', ') as options from pg_class where oid = $1::regclass`, [`${schema}.${table}`])) as Array<{ options: string | null }>;
      if (rel?.options) await m.query(`alter table ${BUILD_SCHEMA}.${table} set (${rel.options})`);
      // Keys now (apply's ON CONFLICT needs them), under the live tables' constraint names.
      const keys = (await m.query(`select conname, pg_get_constraintdef(oid) as def from pg_constraint where conrelid = $1::regclass and contype in ('p', 'u') order by conname`, [
        `${schema}.${table}`,
      ])) as Array<{ conname: string; def: string }>;
      for (const k of keys) await m.query(`alter table ${BUILD_SCHEMA}.${table} add constraint ${quoteIdent(k.conname)} ${k.def}`);
      const stats = (await m.query(`select pg_get_statisticsobjdef(oid) as def from pg_statistic_ext where stxrelid = $1::regclass order by stxname`, [`${schema}.${table}`])) as Array<{
        def: string;
      }>;
      for (const st of stats) await m.query(statisticsOnBuild(st.def, table));
    }
  }

  /**
   * Adds the live tables' other indexes to the build, under the same names, with CREATE INDEX
   * CONCURRENTLY so that the writes mirrored into the build are not blocked; then analyzes it. Runs
   * outside any transaction (it opens its own connections).
   */
  async finishBuild(): Promise<void> {
    if (!(await this.building())) throw new MonitorBuildStateError('没有正在重建的监察视图', 'There is no monitor build to finish: begin one first');
    const schema = await liveSchema(this.ds);
    for (const table of MONITOR_TABLES) {
      for (const def of await secondaryIndexes(this.ds, schema, table)) {
        await this.ds.query(onBuild(def, table));
      }
      await this.ds.query(`analyze ${BUILD_SCHEMA}.${table}`);
    }
  }

  /**
   * Swaps the build in: the live tables move to a retired schema that is dropped, the built ones move
   * into the live schema, all in the caller's transaction. Locks the live tables before the build's,
   * in the order `apply` takes them, and gives up after `lockTimeout` rather than queue every writer behind it.
   */
  async swapBuild(m: EntityManager, lockTimeout = '10s'): Promise<void> {
    if (!(await this.building(m))) throw new MonitorBuildStateError('没有正在重建的监察视图', 'There is no monitor build to swap in: begin one first');
    const schema = await liveSchema(m);
    for (const table of MONITOR_TABLES) {
      const live = await secondaryIndexes(m, schema, table);
      const built = await secondaryIndexes(m, BUILD_SCHEMA, table, true);
      if (built.length < live.length) {
        throw new MonitorBuildStateError('重建的监察视图索引不全', `The build's ${table} has ${built.length} valid indexes of ${live.length}: finish the build first`);
      }
    }
    await m.query(`select set_config('lock_timeout', $1, true)`, [lockTimeout]);
    await m.query(`lock table ${MONITOR_TABLES.map((t) => `${schema}.${t}`).join(', ')} in access exclusive mode`);
    await m.query(`lock table ${MONITOR_TABLES.map((t) => `${BUILD_SCHEMA}.${t}`).join(', ')} in access exclusive mode`);
    await m.query(`drop schema if exists ${RETIRED_SCHEMA} cascade`);
    await m.query(`create schema ${RETIRED_SCHEMA}`);
    for (const table of MONITOR_TABLES) await m.query(`alter table ${schema}.${table} set schema ${RETIRED_SCHEMA}`);
    for (const table of MONITOR_TABLES) await m.query(`alter table ${BUILD_SCHEMA}.${table} set schema ${schema}`);
    // Dropping the retired tables drops their statistics objects, which stayed in the live schema: a
    // table's statistics do not move with it, so the build's are moved after them, under the same names.
    await m.query(`drop schema ${RETIRED_SCHEMA} cascade`);
    const stats = (await m.query(`select stxname as name from pg_statistic_ext where stxnamespace = $1::regnamespace order by stxname`, [BUILD_SCHEMA])) as Array<{ name: string }>;
    for (const st of stats) await m.query(`alter statistics ${BUILD_SCHEMA}.${quoteIdent(st.name)} set schema ${schema}`);
    await m.query(`drop schema ${BUILD_SCHEMA}`);
  }

  /** Drops a build that will not be swapped in. */
  async abandonBuild(m: EntityManager): Promise<void> {
    await m.query(`drop schema if exists ${BUILD_SCHEMA} cascade`);
  }

  async building(m: Queryable = this.ds): Promise<boolean> {
    return buildInProgress(m);
  }

  /**
   * Recomputes the aggregates from the case rows (one pass for the cells, one for the days; areas and
   * nodes are summed from the cells): the rule of `contribution`, in SQL. A rebuild that loads rows in
   * bulk fills the aggregates with it; `countDrift` checks one against the other.
   */
  async recount(m: EntityManager, target: MonitorTarget = 'live'): Promise<void> {
    const t = tablesOf(target);
    // One pass over every case: enough memory to group in it rather than spill to disk (this transaction only).
    await m.query(`select set_config('work_mem', '256MB', true)`);
    await m.query(`truncate ${t.counts}, ${t.areas}, ${t.nodes}, ${t.days}`);
    await m.query(`insert into ${t.counts} (node, status, light, live, n) ${expectedCounts(t.cases)} order by 1, 2, 3`);
    await m.query(`insert into ${t.areas} (area, status, light, live, n) ${expectedAreas(t.counts)} order by 1, 2, 3`);
    await m.query(`insert into ${t.nodes} (node, live, closed, green, yellow, red) ${expectedNodes(t.counts)} order by 1`);
    // In day order, as the days are written in service: the trends' range scans read neighbouring pages.
    await m.query(`insert into ${t.days} (node, day, received, accepted, closed, closed_late) ${expectedDays(t.cases)} order by day, node`);
  }

  /** How many lines of each aggregate differ from what the case rows say they should be (all 0 when exact). */
  async countDrift(m: Queryable = this.ds, target: MonitorTarget = 'live'): Promise<{ counts: number; areas: number; nodes: number; days: number }> {
    const t = tablesOf(target);
    const [r] = (await m.query(
      `with e as materialized (${expectedCounts(t.cases)})
       select
         (select count(*) from e full join ${t.counts} a using (node, status, light) where coalesce(e.n, 0) <> coalesce(a.n, 0) or e.live <> a.live)::int as counts,
         (select count(*) from (${expectedAreas('e')}) x full join ${t.areas} a using (area, status, light)
           where coalesce(x.n, 0) <> coalesce(a.n, 0) or x.live <> a.live)::int as areas,
         (select count(*) from (${expectedNodes('e')}) x full join ${t.nodes} a using (node)
           where (coalesce(x.live, 0), coalesce(x.closed, 0), coalesce(x.green, 0), coalesce(x.yellow, 0), coalesce(x.red, 0))
              <> (coalesce(a.live, 0), coalesce(a.closed, 0), coalesce(a.green, 0), coalesce(a.yellow, 0), coalesce(a.red, 0)))::int as nodes`,
    )) as Array<{ counts: number; areas: number; nodes: number }>;
    const [d] = (await m.query(
      `select count(*)::int as n from (${expectedDays(t.cases)}) e full join ${t.days} a using (node, day)
       where (coalesce(e.received, 0), coalesce(e.accepted, 0), coalesce(e.closed, 0), coalesce(e.closed_late, 0))
          <> (coalesce(a.received, 0), coalesce(a.accepted, 0), coalesce(a.closed, 0), coalesce(a.closed_late, 0))`,
    )) as Array<{ n: number }>;
    return { counts: r?.counts ?? 0, areas: r?.areas ?? 0, nodes: r?.nodes ?? 0, days: d?.n ?? 0 };
  }
}

function expectedCounts(cases: string): string {
  return `select holder as node, status, coalesce(light, '') as light, live, count(*)::int as n from ${cases} group by holder, status, coalesce(light, ''), live`;
}

/** The cells summed by area: see areaOf. */
function expectedAreas(cells: string): string {
  const area = `case when substr(node, 5, 2) = '00' then substr(node, 1, 4) || '00000000' else substr(node, 1, 6) || '000000' end`;
  return `select ${area} as area, status, light, live, sum(n)::int as n from ${cells} group by 1, status, light, live`;
}

function expectedNodes(cells: string): string {
  return `select node, coalesce(sum(n) filter (where live), 0)::int as live, coalesce(sum(n) filter (where not live), 0)::int as closed,
    coalesce(sum(n) filter (where light = 'green'), 0)::int as green, coalesce(sum(n) filter (where light = 'yellow'), 0)::int as yellow,
    coalesce(sum(n) filter (where light = 'red'), 0)::int as red from ${cells} group by node`;
}

/** Received and accepted at the intake node, closed at the deciding node: see DayDelta. */
function expectedDays(cases: string): string {
  return `select v.node, v.day, sum(v.received)::int as received, sum(v.accepted)::int as accepted, sum(v.closed)::int as closed, sum(v.closed_late)::int as closed_late
    from ${cases} c cross join lateral (values
      (c.intake_node, c.received_on, 1, 0, 0, 0),
      (c.intake_node, c.accepted_on, 0, 1, 0, 0),
      (c.deciding_node, c.closed_on, 0, 0, 1, case when c.closed_late then 1 else 0 end)) as v(node, day, received, accepted, closed, closed_late)
    where v.day is not null group by v.node, v.day`;
}

async function liveSchema(m: Queryable): Promise<string> {
  const [row] = (await m.query(`select n.nspname as schema from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.oid = to_regclass('monitor_case')`)) as Array<{ schema: string }>;
  if (!row) throw new MonitorBuildStateError('监察视图的表不存在', 'The monitor tables are not on the search path: run the migrations first');
  return quoteIdent(row.schema);
}

/** CREATE INDEX statements of a table's indexes that back no constraint (valid ones only, if asked). */
async function secondaryIndexes(m: Queryable, schema: string, table: string, validOnly = false): Promise<string[]> {
  const rows = (await m.query(
    `select pg_get_indexdef(i.indexrelid) as def from pg_index i
     where i.indrelid = $1::regclass and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
       ${validOnly ? 'and i.indisvalid' : ''} order by i.indexrelid::regclass::text`,
    [`${schema}.${table}`],
  )) as Array<{ def: string }>;
  return rows.map((r) => r.def);
}

/** A live index's definition, made for the build's table: same name and columns, built concurrently. */
export function onBuild(indexDef: string, table: string): string {
  const m = /^CREATE INDEX (\S+) ON (?:ONLY )?\S+ USING (.*)$/s.exec(indexDef);
  if (!m) throw new Error(`monitor: cannot rebuild the index ${indexDef}`);
  return `CREATE INDEX CONCURRENTLY IF NOT EXISTS ${m[1]} ON ${BUILD_SCHEMA}.${table} USING ${m[2]}`;
}

/** A live table's extended statistics, made for the build's table under the same name. */
export function statisticsOnBuild(statisticsDef: string, table: string): string {
  const m = /^CREATE STATISTICS (?:\S+\.)?(\S+) (.*) FROM \S+$/s.exec(statisticsDef);
  if (!m) throw new Error(`monitor: cannot rebuild the statistics ${statisticsDef}`);
  return `CREATE STATISTICS ${BUILD_SCHEMA}.${m[1]} ${m[2]} FROM ${BUILD_SCHEMA}.${table}`;
}

function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}
