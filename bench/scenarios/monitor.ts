/**
 * 5. City monitor: the dashboard's queries and the monitor's write path over one and ten million
 * cases (smoke: 20,000), on the run's PostgreSQL, one database per size: the monitor's migration, N
 * cases generated in SQL over 1,041 nodes (the city, 40 counties, 1,000 townships; the city's hall
 * takes in as much as 20 townships, a county's as 5), ten years of days, 3% live (statuses weighted;
 * lights among accepted live cases 80/15/5 green/yellow/red, red ones up to 20 days overdue, some
 * under supervision), closed ones mostly rated or delivered, about 5% late. The aggregates are
 * filled from the rows with one INSERT … SELECT … GROUP BY each, then VACUUM (ANALYZE). Each query
 * runs 200 times with parameters drawn at random for each call, after 10 not counted; times are the
 * repository call as the application makes it (TypeORM, pg, row mapping), one connection at a time.
 * apply() changes 1,000 live cases, one transaction each, commit included (fsync on); then every
 * case row is recounted and compared with both aggregates. See docs/monitor.md.
 */
import { DataSource } from 'typeorm';
import { isCaseNumber, mod11_2Check } from '#libs/cases';
import type { Figure } from '../support/report.js';
import type { BenchContext, Scenario, ScenarioOutput } from '../support/scenario.js';
import { MONITOR_MIGRATIONS, type MonitorCaseRow, type MonitorLight, MonitorRebuildRepository, MonitorRepository, type Queryable } from '#libs/monitor';

const BATCH = 500_000;
const RUNS = 200;
const MAX_WRITES = 1_000;
const CITY = '640100000000';
const COUNTIES = 40;
const TOWNSHIPS_PER_COUNTY = 25;
/** Intake weight of a node: the city's hall takes in as much as 20 townships, a county's as 5. */
const WEIGHT = { city: 20, county: 5, township: 1 } as const;
const LIVE_SHARE = 0.03;
const YEARS_OF_DAYS = 3650;

let say = (m: string): void => void process.stdout.write(`${m}\n`);
const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const fmt = (n: number): string => n.toLocaleString('en-US');
const ms = (n: number): string => (n < 10 ? n.toFixed(2) : n.toFixed(1));
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 2 : 0)} MiB`;

interface Node {
  code: string;
  tier: 'city' | 'county' | 'township';
  county: string | null;
}

function topology(): Node[] {
  const nodes: Node[] = [{ code: CITY, tier: 'city', county: null }];
  for (let c = 1; c <= COUNTIES; c++) {
    const county = `6401${String(c).padStart(2, '0')}000000`;
    nodes.push({ code: county, tier: 'county', county: null });
    for (let t = 0; t < TOWNSHIPS_PER_COUNTY; t++) nodes.push({ code: `${county.slice(0, 6)}${100 + t}000`, tier: 'township', county });
  }
  return nodes;
}

/** ISO 7064 MOD 11-2 as a weighted sum: digit i of 26 (1-based) weighs 2^(27-i) mod 11. */
const WEIGHTS = Array.from({ length: 26 }, (_, i) => 2 ** (26 - i) % 11);
const weighted = (digits: string, from: number): number => [...digits].reduce((s, d, j) => s + Number(d) * WEIGHTS[from + j]!, 0);

/** Helper tables: intake slots (a node appears `weight` times), the days with their check-sum part, the catalog's items. */
async function helperTables(ds: DataSource, today: string): Promise<number> {
  const nodes = topology();
  const slots: Array<{ code: string; tier: string; county: string | null; weight: number; rank: number; nodeSum: number }> = [];
  for (const n of nodes) for (let r = 0; r < WEIGHT[n.tier]; r++) slots.push({ code: n.code, tier: n.tier, county: n.county, weight: WEIGHT[n.tier], rank: r, nodeSum: weighted(n.code, 0) });
  await ds.query('create schema bench');
  await ds.query('create table bench.slot (slot int primary key, code text, tier text, county text, weight int, rank int, node_sum int)');
  await ds.query('insert into bench.slot select * from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[])', [
    slots.map((_, i) => i),
    slots.map((s) => s.code),
    slots.map((s) => s.tier),
    slots.map((s) => s.county),
    slots.map((s) => s.weight),
    slots.map((s) => s.rank),
    slots.map((s) => s.nodeSum),
  ]);
  const days: string[] = [];
  const base = Date.parse(`${today}T00:00:00Z`);
  for (let i = -40; i <= YEARS_OF_DAYS + 40; i++) days.push(new Date(base - i * 86_400_000).toISOString().slice(0, 10));
  await ds.query('create table bench.day (d date primary key, date_sum int)');
  await ds.query('insert into bench.day select * from unnest($1::date[], $2::int[])', [days, days.map((d) => weighted(d.replaceAll('-', ''), 12))]);
  const names = ['食品经营许可', '个体工商户设立登记', '城乡居民基本养老保险参保登记', '残疾人证核发', '建设工程规划许可', '药品零售企业许可', '户口迁移', '道路运输经营许可', '医师执业注册', '最低生活保障审批', '公共场所卫生许可', '民办学校设立', '排污许可', '取水许可', '特种设备使用登记'];
  await ds.query('create table bench.item (k int primary key, code text, name text)');
  await ds.query(`insert into bench.item select k, '116401' || lpad(k::text, 4, '0') || 'MB0000' || lpad(k::text, 6, '0'), ($1::text[])[k % $2 + 1] || '（' || (k / $2 + 1) || '）' from generate_series(0, 179) k`, [names, names.length]);
  return slots.length;
}

/**
 * One batch of cases, [lo, hi). Each row's randomness comes from random(); the case number is the
 * intake node, the received day and a sequence unique per node ((t / slots) * weight + rank + 1),
 * with a correct check character. Live (3%): received in the last 40 days, statuses weighted, lights
 * 80/15/5 among accepted ones (red ones overdue by up to 20 days, some under supervision); closed:
 * received 30 days to 10 years ago, mostly rated or delivered, about 5% closed late.
 */
function batchSql(slots: number): string {
  const s = (w: readonly number[]) => w.map((x, i) => `((seq / ${10 ** (5 - i)}) % 10) * ${x}`).join(' + ');
  return `
    insert into monitor_case (case_number, intake_node, holder, deciding_node, item_code, item_name, status, outcome, live, paused, light, step_light,
      received_on, accepted_on, due_on, closed_on, closed_late, overdue_days, light_due_at, supervision_round, flagged, version, calendar_version)
    with g as (
      select t, sl.code as intake, sl.tier, sl.county, sl.node_sum, (t / ${slots}) * sl.weight + sl.rank + 1 as seq,
             random() as u0, random() as u1, random() as u2, random() as u3, random() as u4, random() as u5, random() as u6, random() as u7
      from generate_series($1::bigint, $2::bigint - 1) as t join bench.slot sl on sl.slot = (t % ${slots})::int
    ), a as (
      select g.*, u0 < ${LIVE_SHARE} as live,
        case when tier = 'city' then '${CITY}'
             when tier = 'county' then case when u1 < 0.8 then intake else '${CITY}' end
             else case when u1 < 0.4 then intake when u1 < 0.85 then county else '${CITY}' end end as decider
      from g
    ), b as (
      select a.*,
        case when live then case when u2 < .03 then 'received' when u2 < .10 then 'awaiting_materials' when u2 < .13 then 'materials_complete'
          when u2 < .30 then 'accepted' when u2 < .35 then 'in_transit_up' when u2 < .85 then 'under_review' when u2 < .95 then 'awaiting_correction'
          else 'special_procedure' end end as live_status,
        case when not live then case when u2 < .85 then 'approved' when u2 < .90 then 'denied' when u2 < .95 then 'not_accepted' else 'withdrawn' end end as outcome
      from a
    ), c as (
      select b.*,
        coalesce(live_status, case when outcome in ('approved', 'denied') then case when u3 < .50 then 'rated' when u3 < .92 then 'delivered'
          when u3 < .97 then 'awaiting_delivery' when u3 < .975 then 'result_in_transit_down' else outcome end
          when outcome = 'not_accepted' then case when u3 < .6 then 'delivered' else outcome end else outcome end) as status,
        live and live_status in ('received', 'awaiting_materials', 'materials_complete') as waiting,
        case when not live then null when live_status in ('received', 'awaiting_materials', 'materials_complete') or u3 < .80 then 'green'
             when u3 < .95 then 'yellow' else 'red' end as light
      from b
    ), d as (
      select c.*,
        case when waiting or not live then null when light = 'green' then $3::date + 4 + floor(u4 * 20)::int
             when light = 'yellow' then $3::date + floor(u4 * 4)::int else $3::date - 1 - floor(u4 * 20)::int end as live_due
      from c
    ), e as (
      select d.*,
        case when waiting then $3::date - floor(u4 * 5)::int
             when live then least($3::date, live_due - 7 - floor(u5 * 22)::int) - floor(u6 * 3)::int
             else $3::date - 30 - floor(u4 * ${YEARS_OF_DAYS - 30})::int end as received_on
      from d
    ), f as (
      select e.*,
        case when waiting then null when live then least($3::date, received_on + floor(u6 * 3)::int)
             when outcome in ('approved', 'denied') or u6 < .3 then received_on + floor(u6 * 3)::int end as accepted_on
      from e
    ), h as (
      select f.*, case when live then live_due when accepted_on is not null then accepted_on + 28 end as due_on,
        case when not live then least($3::date, coalesce(accepted_on, received_on) + 1 + floor(u5 * u5 * 30)::int) end as closed_on
      from f
    )
    select h.intake || to_char(h.received_on, 'YYYYMMDD') || lpad(h.seq::text, 6, '0')
             || substr('10X98765432', ((h.node_sum + dy.date_sum + ${s(WEIGHTS.slice(20))}) % 11)::int + 1, 1),
      h.intake,
      case when waiting then h.intake when live then h.decider when status = outcome then h.decider else h.intake end,
      h.decider, i.code, i.name, h.status, h.outcome, h.live, h.status in ('awaiting_correction', 'special_procedure'), h.light,
      case when h.live and u7 < .5 then h.light end,
      h.received_on, h.accepted_on, h.due_on, h.closed_on, case when h.live or h.due_on is null then null else h.closed_on > h.due_on end,
      case when h.light = 'red' then greatest(1, (($3::date - h.due_on) * 5) / 7) else 0 end,
      case when not h.live then null when u7 < .01 then $4::timestamptz - u7 * interval '100 days'
           else ($3::date + 1)::timestamp at time zone 'Asia/Shanghai' + u7 * interval '12 hours' end,
      case when h.light = 'red' then case when u5 < .6 then 0 when u5 < .85 then 1 else 2 end else 0 end,
      h.light is not distinct from 'red' and u5 >= .85 and u6 < .5,
      case when h.live then 1 + floor(u6 * 8)::int else 6 + floor(u6 * 10)::int end,
      case when h.live then 'CN-2026.1' end
    from h join bench.day dy on dy.d = h.received_on join bench.item i on i.k = (h.t * 7919 % 180)::int`;
}

interface Measured {
  name: string;
  times: number[];
  rows: number;
  /** The same operation on a capturing connection, for EXPLAIN. */
  replay?: (on: Queryable) => Promise<unknown>;
}

async function measure(name: string, op: (i: number) => Promise<{ rows: number; replay?: (on: Queryable) => Promise<unknown> }>, runs = RUNS): Promise<Measured> {
  for (let i = 0; i < 10; i++) await op(i); // warm-up, not counted
  const times: number[] = [];
  let rows = 0;
  let replay: Measured['replay'];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = await op(i);
    times.push(performance.now() - t);
    rows += r.rows;
    replay = r.replay;
  }
  times.sort((x, y) => x - y);
  say(`  ${name.padEnd(44)} p50 ${ms(pct(times, 50)).padStart(6)}  p95 ${ms(pct(times, 95)).padStart(6)}  max ${ms(times.at(-1)!).padStart(6)} ms  (${(rows / runs).toFixed(1)} rows/call)`);
  return { name, times, rows: rows / runs, replay };
}

/** The next state of a live case for the write benchmark: a new reading, a step forward, or its close. */
function nextRow(r: MonitorCaseRow, i: number, today: string): MonitorCaseRow {
  const kind = i % 10;
  if (kind < 5) {
    const light: MonitorLight = r.light === 'green' ? 'yellow' : 'red';
    const round = light === 'red' && r.light === 'red' ? Math.min(2, r.supervisionRound + 1) : r.supervisionRound;
    return { ...r, light, overdueDays: light === 'red' ? r.overdueDays + 1 : 0, supervisionRound: round, flagged: r.flagged || round === 2, lightDueAt: new Date(Date.now() + 86_400_000).toISOString() };
  }
  const v = r.version + 1;
  if (kind < 8) {
    const next: Record<string, Partial<MonitorCaseRow>> = {
      received: { status: 'awaiting_materials' },
      awaiting_materials: { status: 'materials_complete' },
      materials_complete: { status: 'accepted', acceptedOn: today, dueOn: today, holder: r.decidingNode },
      accepted: { status: 'under_review' },
      in_transit_up: { status: 'accepted' },
      under_review: { status: 'awaiting_correction', paused: true },
      awaiting_correction: { status: 'under_review', paused: false },
      special_procedure: { status: 'under_review', paused: false },
    };
    return { ...r, ...next[r.status], version: v };
  }
  const outcome = r.acceptedOn === null ? 'not_accepted' : 'approved';
  return {
    ...r,
    status: outcome,
    outcome,
    live: false,
    paused: false,
    holder: r.decidingNode,
    light: null,
    stepLight: null,
    lightDueAt: null,
    closedOn: today,
    closedLate: r.dueOn === null ? null : r.dueOn < today,
    version: v,
  };
}

interface SizeResult {
  figures: Figure[];
  notes: string[];
  details: Record<string, unknown>;
}

/** The whole measurement over N cases in a database of its own on the run's PostgreSQL. */
async function overCases(ctx: BenchContext, N: number): Promise<SizeResult> {
  const dbName = `monitor_${N}`;
  await ctx.harness.sql('postgres', `create database ${dbName}`);
  let ds: DataSource | undefined;
  try {
    ds = new DataSource({
      type: 'postgres',
      url: ctx.harness.url(dbName),
      migrations: MONITOR_MIGRATIONS,
      migrationsTableName: 'migrations',
      synchronize: false,
      logging: ['error'],
      applicationName: 'bench-monitor',
      extra: { max: 4 },
    });
    await ds.initialize();
    // Fewer checkpoints while tens of millions of rows are written; everything else as PostgreSQL ships it.
    await ds.query(`alter system set max_wal_size = '8GB'`);
    await ds.query('select pg_reload_conf()');
    await ds.runMigrations({ transaction: 'each' });
    const repo = new MonitorRepository(ds);
    const rebuild = new MonitorRebuildRepository(ds);
    const [{ today }] = (await ds.query(`select (now() at time zone 'Asia/Shanghai')::date::text as today`)) as Array<{ today: string }>;
    const slots = await helperTables(ds, today!);

    say(`Generating ${fmt(N)} cases in batches of ${fmt(BATCH)} ...`);
    const t0 = performance.now();
    const sql = batchSql(slots);
    for (let lo = 0; lo < N; lo += BATCH) {
      const hi = Math.min(N, lo + BATCH);
      await ds.query(sql, [lo, hi, today, new Date().toISOString()]);
      ctx.progress.status(`generating: ${fmt(hi)} / ${fmt(N)} cases (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
    const generateS = (performance.now() - t0) / 1000;
    say(`${fmt(N)} cases generated; filling the aggregates from the rows ...`);
    const t1 = performance.now();
    await ds.transaction((m) => rebuild.recount(m));
    const recountS = (performance.now() - t1) / 1000;
    const t2 = performance.now();
    for (const t of ['monitor_case', 'monitor_count', 'monitor_day']) await ds.query(`vacuum (analyze) ${t}`);
    const analyzeS = (performance.now() - t2) / 1000;
    say(`Generated in ${generateS.toFixed(1)} s; aggregates filled from the rows in ${recountS.toFixed(1)} s; vacuum analyze ${analyzeS.toFixed(1)} s`);

    const sample = (await ds.query(`select case_number from monitor_case tablesample system (1) limit 2000`)) as Array<{ case_number: string }>;
    const badNumbers = sample.filter((r) => !isCaseNumber(r.case_number));
    if (badNumbers.length > 0) throw new Error(`generated case numbers fail their check: ${badNumbers.slice(0, 3).map((r) => r.case_number).join(', ')} (expected ${mod11_2Check(badNumbers[0]!.case_number.slice(0, 26))})`);
    const caseNumbers = sample.map((r) => r.case_number);
    const shape = (await ds.query(
      `select count(*)::int as cases, (count(*) filter (where live))::int as live, (count(*) filter (where light = 'red'))::int as red,
              (count(*) filter (where light = 'yellow'))::int as yellow, (count(*) filter (where live and light_due_at <= now()))::int as due
       from monitor_case`,
    )) as Array<{ cases: number; live: number; red: number; yellow: number; due: number }>;
    const [counted] = (await ds.query(`select (select count(*) from monitor_count)::int as counts, (select count(*) from monitor_day)::int as days`)) as Array<{ counts: number; days: number }>;
    const s = shape[0]!;
    say(`  ${fmt(s.cases)} cases: ${fmt(s.live)} live (${fmt(s.yellow)} yellow, ${fmt(s.red)} red, ${fmt(s.due)} due for a light check); ${fmt(counted!.counts)} count cells, ${fmt(counted!.days)} day lines`);

    const nodes = topology().map((n) => n.code);
    const areas = topology().filter((n) => n.tier !== 'township').map((n) => n.code);
    const holders = ((await ds.query(`select distinct node from monitor_count where live and n > 0`)) as Array<{ node: string }>).map((r) => r.node);
    const redHolders = ((await ds.query(`select distinct node from monitor_count where light = 'red' and n > 0`)) as Array<{ node: string }>).map((r) => r.node);
    // Cursors deep into the network's overdue list: a later page starts from one of them.
    const cursors: string[] = [];
    let after: string | undefined;
    for (let p = 0; p < 40; p++) {
      const page = await repo.overdue({ after, limit: 50 });
      if (!page.next) break;
      cursors.push(page.next);
      after = page.next;
    }
    const window = (): { from: string; to: string } => {
      const end = Date.parse(`${today}T00:00:00Z`) - Math.floor(Math.random() * (YEARS_OF_DAYS - 30)) * 86_400_000;
      return { from: new Date(end - 29 * 86_400_000).toISOString().slice(0, 10), to: new Date(end).toISOString().slice(0, 10) };
    };
    const lights: Array<MonitorLight | undefined> = [undefined, undefined, 'green', 'yellow', 'red'];

    say(`Queries, ${RUNS} calls each (after 10 not counted):`);
    const results: Measured[] = [];
    // Each call draws fresh parameters; the replay for EXPLAIN reuses the last call's.
    const reads: Array<[string, () => (on: Queryable) => Promise<unknown>, (r: unknown) => number]> = [
      ['counts, whole network', () => (on) => repo.counts({}, on), (r) => (r as { byNode: unknown[] }).byNode.length],
      ['counts, one node', () => { const node = pick(nodes); return (on) => repo.counts({ node }, on); }, (r) => (r as { byStatus: unknown[] }).byStatus.length],
      ['counts, one county with its townships', () => { const area = pick(areas); return (on) => repo.counts({ area }, on); }, (r) => (r as { byNode: unknown[] }).byNode.length],
      ['overdue, whole network, first page (50)', () => (on) => repo.overdue({ limit: 50 }, on), pageRows],
      ['overdue, whole network, later page (50)', () => { const c = pick(cursors); return (on) => repo.overdue({ after: c, limit: 50 }, on); }, pageRows],
      ['overdue, one holder node, first page (50)', () => { const node = pick(redHolders); return (on) => repo.overdue({ node, limit: 50 }, on); }, pageRows],
      ['live cases of one holder node (50)', () => { const node = pick(holders); const light = pick(lights); return (on) => repo.liveAt(node, { light, limit: 50 }, on); }, pageRows],
      ['trends, 30 days, whole network', () => { const w = window(); return (on) => repo.trends(w, on); }, (r) => (r as unknown[]).length],
      ['trends, 30 days, one node', () => { const w = window(); const node = pick(nodes); return (on) => repo.trends({ ...w, node }, on); }, (r) => (r as unknown[]).length],
      ['get one case', () => { const n = pick(caseNumbers); return (on) => repo.get(n, on); }, (r) => (r ? 1 : 0)],
    ];
    for (const [name, make, count] of reads) {
      results.push(
        await measure(name, async () => {
          const op = make();
          return { rows: count(await op(ds!)), replay: op };
        }),
      );
    }
    // Later pages of one node's live cases: cursors to the third page of the 20 busiest holders' lists.
    const busy = ((await ds.query(`select node from monitor_count where live group by node order by sum(n) desc limit 20`)) as Array<{ node: string }>).map((r) => r.node);
    const third: Array<{ node: string; after: string }> = [];
    for (const node of busy) {
      const second = (await repo.liveAt(node, { limit: 50 })).next;
      const next = second ? (await repo.liveAt(node, { after: second, limit: 50 })).next : null;
      if (next) third.push({ node, after: next });
    }
    // (A small smoke run has no node with three pages of live cases.)
    if (third.length > 0) results.push(
      await measure('live cases of a busy holder node, page 3 (50)', async () => {
        const { node, after: cursor } = pick(third);
        const op = (on: Queryable) => repo.liveAt(node, { after: cursor, limit: 50 }, on);
        return { rows: pageRows(await op(ds!)), replay: op };
      }),
    );
    // The sweep: a page of due cases locked and let go.
    results.push(
      await measure('dueForLightCheck (100, for update skip locked)', async () => {
        const qr = ds!.createQueryRunner();
        await qr.connect();
        await qr.startTransaction();
        try {
          return { rows: (await repo.dueForLightCheck(qr.manager, new Date(), 100)).length };
        } finally {
          await qr.rollbackTransaction();
          await qr.release();
        }
      }),
    );

    // As many as there are live cases to change (a smoke run has a few hundred).
    const WRITES = Math.min(MAX_WRITES, s.live - 20);
    say(`Writes: apply() of ${fmt(WRITES)} changes to live cases, one transaction each (commit included):`);
    const targets = (await ds.query(`select case_number from monitor_case where live order by random() limit ${WRITES + 10}`)) as Array<{ case_number: string }>;
    const current = await Promise.all(targets.map((t) => repo.get(t.case_number)));
    const changes = current.map((r, i) => nextRow(r!, i, today!));
    const outcomes = new Map<string, number>();
    const applied = await measure(
      'apply(), a new reading, a step or a close',
      async (i) => {
        const o = await ds!.transaction((m) => repo.apply(m, changes[i]!));
        if (i >= 10) outcomes.set(o, (outcomes.get(o) ?? 0) + 1);
        return { rows: 1 };
      },
      WRITES,
    );
    // The first 10 (warm-up) were applied too: the same rows again change nothing.
    const again = await measure('apply(), the same row again (no change)', async (i) => {
      const o = await ds!.transaction((m) => repo.apply(m, changes[10 + (i % WRITES)]!));
      if (o !== 'unchanged') throw new Error(`applying ${changes[10 + (i % WRITES)]!.caseNumber} twice changed it`);
      return { rows: 1 };
    });
    const t3 = performance.now();
    const drift = await rebuild.countDrift();
    const driftS = (performance.now() - t3) / 1000;
    const driftText = `${drift.counts} count cells, ${drift.areas} area cells, ${drift.nodes} node lines and ${drift.days} day lines differ`;
    say(`  outcomes: ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}; aggregates against a recount from the rows: ${driftText} (${driftS.toFixed(1)} s)`);
    if (Object.values(drift).some((n) => n !== 0)) throw new Error('the aggregates drifted from the rows');

    const sizes = (await ds.query(
      `select c.relname as name, c.relkind as kind, coalesce(i.indrelid::regclass::text, c.relname) as "table", pg_relation_size(c.oid)::bigint as bytes
       from pg_class c left join pg_index i on i.indexrelid = c.oid join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relname like 'monitor%' and c.relkind in ('r', 'i') order by c.relkind desc, "table", c.relname`,
    )) as Array<{ name: string; kind: string; table: string; bytes: string }>;
    const [server] = (await ds.query(`select current_setting('server_version') as version, current_setting('shared_buffers') as buffers, current_setting('work_mem') as work`)) as Array<{
      version: string;
      buffers: string;
      work: string;
    }>;
    const reads2 = results.filter((r) => r.name !== 'dueForLightCheck (100, for update skip locked)');
    const slowest = reads2.reduce((a, b) => (pct(b.times, 95) > pct(a.times, 95) ? b : a));
    const captured: Array<{ sql: string; params: unknown[] }> = [];
    await slowest.replay?.({
      query: (sql: string, params?: unknown[]) => {
        captured.push({ sql, params: params ?? [] });
        return ds!.query(sql, params);
      },
    });
    const plans: string[] = [];
    for (const c of captured) {
      const plan = (await ds.query(`explain (analyze, buffers) ${c.sql}`, c.params)) as Array<{ 'QUERY PLAN': string }>;
      plans.push(`${c.sql.replace(/\s+/g, ' ').trim()}\n-- parameters: ${JSON.stringify(c.params)}\n${plan.map((p) => p['QUERY PLAN']).join('\n')}`);
    }

    const all = [...results, applied, again];
    const dashboard = results.filter((r) => r.name !== 'dueForLightCheck (100, for update skip locked)');
    const worstP95 = Math.max(...dashboard.map((r) => pct(r.times, 95)));
    const allTimes = dashboard.flatMap((r) => r.times).sort((a, b) => a - b);
    const label = N >= 1_000_000 ? `${N / 1_000_000}M` : fmt(N);
    const whole = results.find((r) => r.name === 'counts, whole network')!;
    return {
      figures: [
        { id: `monitor.${label}.p50`, label: `dashboard queries over ${label} cases, p50 (all calls)`, value: pct(allTimes, 50), unit: 'ms' },
        { id: `monitor.${label}.p95`, label: `dashboard queries over ${label} cases, p95 (all calls)`, value: pct(allTimes, 95), unit: 'ms', ...(N >= 10_000_000 ? { target: { kind: 'max' as const, value: 100 } } : {}) },
        { id: `monitor.${label}.worst`, label: `slowest dashboard query over ${label} cases (${slowest.name}), p95`, value: worstP95, unit: 'ms', ...(N >= 10_000_000 ? { target: { kind: 'max' as const, value: 100 } } : {}) },
        { id: `monitor.${label}.counts`, label: `network counts over ${label} cases, p95`, value: pct(whole.times, 95), unit: 'ms' },
        { id: `monitor.${label}.apply`, label: `apply() of a case change over ${label} cases, p95 (commit included)`, value: pct(applied.times, 95), unit: 'ms' },
      ],
      notes: [
        `**${fmt(N)} cases**: PostgreSQL ${server!.version} (shared_buffers ${server!.buffers}, work_mem ${server!.work}, max_wal_size 8GB). ${fmt(s.cases)} cases, ${fmt(s.live)} live (${fmt(s.yellow)} yellow, ${fmt(s.red)} red), ${fmt(counted!.counts)} count cells, ${fmt(counted!.days)} day lines. Generated in ${generateS.toFixed(0)} s, aggregates filled from the rows in ${recountS.toFixed(1)} s, vacuum analyze ${analyzeS.toFixed(1)} s. After the writes (${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}), against a recount from the rows: ${driftText}.`,
        '',
        `| operation over ${fmt(N)} cases | p50 ms | p95 ms | max ms | rows/call |`,
        '|---|---|---|---|---|',
        ...all.map((r) => `| ${r.name} | ${ms(pct(r.times, 50))} | ${ms(pct(r.times, 95))} | ${ms(r.times.at(-1)!)} | ${r.rows.toFixed(1)} |`),
        '',
        `| relation (${fmt(N)} cases) | of | size |`,
        '|---|---|---|',
        ...sizes.map((z) => `| ${z.kind === 'r' ? '**' + z.name + '**' : z.name} | ${z.kind === 'r' ? 'table' : z.table} | ${mib(Number(z.bytes))} |`),
        '',
        `Slowest query by p95 over ${fmt(N)} cases: **${slowest.name}**. \`EXPLAIN (ANALYZE, BUFFERS)\` of one call:`,
        '',
        '```',
        ...plans,
        '```',
      ],
      details: { cases: N, queries: Object.fromEntries(all.map((r) => [r.name, { p50: pct(r.times, 50), p95: pct(r.times, 95), max: r.times.at(-1) }])) },
    };
  } finally {
    await ds?.destroy().catch(() => undefined);
    // The next size gets the disk: tens of GiB for ten million cases and their WAL.
    await ctx.harness.sql('postgres', `drop database if exists ${dbName}`).catch(() => undefined);
  }
}

function pageRows(r: unknown): number {
  return (r as { items: unknown[] }).items.length;
}

export const monitor: Scenario = {
  id: 'monitor',
  title: '5. City monitor over millions of cases',
  async run(ctx): Promise<ScenarioOutput> {
    say = (m: string) => ctx.progress.say(m.trim());
    const sizes = ctx.smoke ? [20_000] : (process.env.BENCH_MONITOR_SIZES ?? '1000000,10000000').split(',').map(Number);
    const out: ScenarioOutput = { figures: [], notes: [], details: {} };
    for (const n of sizes) {
      const r = await overCases(ctx, n);
      out.figures.push(...r.figures);
      out.notes.push(...r.notes, '');
      out.details![String(n)] = r.details;
    }
    return out;
  },
};
