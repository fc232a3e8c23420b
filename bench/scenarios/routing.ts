/**
 * Routing: many townships taking in a county matter (食品经营许可, complete materials, so each case is
 * accepted and handed up at once) at a steady rate and then at a burst of ten times that; cases/s
 * reaching the county's applied inbox; latency from the intake's commit to the county's commit of
 * the arrived case (both commit times read from PostgreSQL, track_commit_timestamp on, one clock);
 * and full round trips through a real township node's counter: intake → county take-up and
 * approval (一审一核, two operators) → result back at the township → delivered.
 */
import { cpus } from 'node:os';
import pg from 'pg';
import { applyCountyImplementation, type CatalogItemInput, type CountyImplementationInput } from '#libs/catalog';
import { Topics } from '#libs/contracts';
import { residentIdCheckChar } from '#libs/domain';
import { call, infrastructureProcesses, signIn } from '../support/harness.js';
import { measured, type Scenario, type ScenarioOutput } from '../support/scenario.js';
import { SimTownship } from '../support/sim-township.js';
import { CpuMeter, cores, type Metered, rssMiB, sleep, summary } from '../support/stats.js';

const CITY = '640100000000';
const COUNTY = '640104000000';
const TOWN = '640104100000';
const FOOD_LICENCE = '01010040004640100001';
const PREFIX = 'route';

const CONTACT_FIRST17 = '64010419800101001';
const CONTACT_ID = `${CONTACT_FIRST17}${residentIdCheckChar(CONTACT_FIRST17)}`;
const simCode = (i: number) => `640104${String(300 + i).padStart(3, '0')}000`;

/** The item as the real township applies it: the city's with the county's implementation list (as IntakeService does). */
async function appliedItem(sql: (text: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>): Promise<{ item: CatalogItemInput; origin: string }> {
  // The latest applied revision of the city's item, with the county's implementation settings.
  const rows = await sql(
    `select r.origin, r.data, i.settings as implementation from catalog_item_revision r
       left join catalog_implementation i on i.code = r.code and r.origin = 'city'
      where r.code = $1 order by (r.origin = 'city') desc, r.revision desc limit 1`,
    [FOOD_LICENCE],
  );
  const row = rows.find((r) => r.origin === 'city') ?? rows[0];
  if (!row) throw new Error(`the real township has no ${FOOD_LICENCE} in its catalog`);
  const base = row.data as CatalogItemInput;
  const item = row.implementation ? applyCountyImplementation(base, { countyCode: COUNTY, ...(row.implementation as object) } as unknown as CountyImplementationInput) : base;
  return { item, origin: String(row.origin) };
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs: number, status?: () => string, onStatus?: (s: string) => void): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${status ? ` (${status()})` : ''}`);
    if (status && onStatus) onStatus(status());
    // Not faster: the probe counts a growing table in the database being measured.
    await sleep(200);
  }
}

export const routing: Scenario = {
  id: 'routing',
  title: '2. Routing through one county',
  async run(ctx): Promise<ScenarioOutput> {
    const h = ctx.harness;
    const townships = ctx.smoke ? 4 : 40;
    const steadyRate = 200;
    const steadySeconds = ctx.smoke ? 3 : 20;
    const burstRate = steadyRate * 10;
    const burstSeconds = ctx.smoke ? 1 : 10;
    const roundTrips = ctx.smoke ? 2 : 20;
    const sims = Array.from({ length: townships }, (_, i) => simCode(i));
    const net = h.network(PREFIX, [
      { code: CITY, name: '银川市政务服务中心', tier: 'city' },
      { code: COUNTY, name: '兴庆区政务服务中心', tier: 'county', parent: CITY },
      { code: TOWN, name: '掌政镇便民服务中心', tier: 'township', parent: COUNTY },
      ...sims.map((code, i) => ({ code, name: `模拟乡镇${i + 1}便民服务中心`, tier: 'township' as const, parent: COUNTY, process: false })),
    ]);
    ctx.progress.say(`provisioning ${townships} simulated townships (own principals, link topics, ACLs) and 3 real nodes ...`);
    await net.provision();
    const [city, county, town] = await net.start([CITY, COUNTY, TOWN]);
    ctx.progress.say('nodes healthy; waiting for the demo catalog at the township ...');
    await until('the demo catalog at the real township', async () => (await net.sql<{ n: number }>(TOWN, `select count(*)::int as n from catalog_item_revision where code = $1`, [FOOD_LICENCE]).catch(() => [{ n: 0 }]))[0]!.n > 0, 120000);
    const { item, origin } = await appliedItem((text, params) => net.sql(TOWN, text, params));
    // The city is a machine of its own in a deployment; here it would share the two cores with the
    // county it is not part of measuring, so it is stopped once the catalog is out (it catches up later).
    await city!.stop();

    await h.sql('postgres', `create database ${PREFIX}_sim`);
    const pool = new pg.Pool({ connectionString: h.url(`${PREFIX}_sim`), max: 16 });
    const topics = new Topics(PREFIX);
    const towns = sims.map((code) => new SimTownship({ code, county: COUNTY, pool, kafka: net.kafkaAs(code), topics, topology: net.topology, item, itemCode: FOOD_LICENCE, itemOrigin: origin, contactId: CONTACT_ID }));
    for (const t of towns) await t.create();
    await Promise.all(towns.map((t) => t.start()));
    ctx.progress.say(`${townships} simulated townships up; county consumer group settling ...`);
    await sleep(ctx.smoke ? 2000 : 5000);

    const countyPid = county!.pid!;
    const rssRest = rssMiB(countyPid);
    const cpu = new CpuMeter(() => new Map<string, Metered>([['county', county!.pid], ['township (real)', town!.pid], ['bench (simulated townships)', process.pid], ...infrastructureProcesses(h)]));
    const countyArrived = async (): Promise<number> =>
      (await net.sql<{ n: number }>(COUNTY, `select count(*)::int as n from inbox where type = 'case.step' and source <> all($1::text[])`, [[TOWN]]))[0]!.n;

    // Drive intakes at `rate`/s for `seconds`, spread over the townships, each its own transaction.
    let next = 0;
    const drive = async (rate: number, seconds: number, label: string): Promise<number> => {
      const tickMs = 10;
      const perTick = rate / (1000 / tickMs);
      let owed = 0;
      let taken = 0;
      const inflight = new Set<Promise<unknown>>();
      const end = Date.now() + seconds * 1000;
      while (Date.now() < end) {
        const tick = Date.now();
        owed += perTick;
        while (owed >= 1) {
          owed--;
          const t = towns[next++ % towns.length]!;
          const p: Promise<unknown> = t.intake().then(() => taken++);
          inflight.add(p);
          void p.finally(() => inflight.delete(p));
        }
        ctx.progress.status(`${label}: ${taken} taken in, ${inflight.size} in flight`);
        await sleep(Math.max(0, tickMs - (Date.now() - tick)));
      }
      await Promise.all(inflight);
      return taken;
    };

    // Round trips through the real township's counter, while the steady load runs.
    const clerk = await signIn(town!.url, 'clerk');
    const op = await signIn(county!.url, 'operator');
    const opB = await signIn(county!.url, 'operator-b');
    const trips: Array<{ total: number; up: number; down: number }> = [];
    const roundTrip = async (n: number): Promise<void> => {
      const body = {
        itemCode: FOOD_LICENCE,
        applicant: { kind: 'organisation', name: `往返测试${n}餐饮有限公司`, idNumber: '91350100M000100Y43', contactName: '经办人', contactIdNumber: CONTACT_ID, phone: '0951-6192345', address: '银川市兴庆区' },
        channel: '1',
        materials: item.materials.map((m) => ({ name: m.name, originals: m.originals, copies: m.copies })),
      };
      const t0 = Date.now();
      const taken = await call<{ caseNumber: string }>(`${town!.url}/cases`, 'POST', { ...clerk, 'idempotency-key': `rt-${Date.now()}-${n}` }, body);
      const no = taken.caseNumber;
      const status = async (url: string, auth: Record<string, string>) => (await call<{ status: { code: string }; holder: string }>(`${url}/cases/${no}`, 'GET', auth).catch(() => undefined));
      await until(`case ${no} at the county`, async () => (await status(county!.url, op))?.status.code === 'accepted', 30000);
      const tUp = Date.now();
      await call(`${county!.url}/cases/${no}/take-up`, 'POST', op, {});
      await call(`${county!.url}/cases/${no}/approve`, 'POST', opB, { resultName: '食品经营许可证', resultNumber: `JY1640104${String(n).padStart(6, '0')}`, validUntil: '2031-12-31' });
      const tDecided = Date.now();
      await until(`case ${no} back at the township`, async () => (await status(town!.url, clerk))?.status.code === 'awaiting_delivery', 30000);
      const tBack = Date.now();
      await call(`${town!.url}/cases/${no}/deliver`, 'POST', clerk, { method: 'in_person', at: new Date().toISOString(), recipient: '申请人本人' });
      trips.push({ total: Date.now() - t0, up: tUp - t0, down: tBack - tDecided });
    };

    // Steady.
    ctx.progress.say(`steady: ${steadyRate} cases/s for ${steadySeconds} s over ${townships} townships, with ${roundTrips} round trips through the real township ...`);
    const before = await countyArrived();
    let tripError: unknown;
    const tripsDone = (async () => {
      for (let n = 1; n <= roundTrips; n++) await roundTrip(n);
    })().catch((err: unknown) => (tripError = err));
    cpu.begin();
    const steadyTaken = await drive(steadyRate, steadySeconds, 'steady');
    await until('the steady cases at the county', async () => (await countyArrived()) >= before + steadyTaken, 120000, () => `${towns.reduce((a, t) => a + t.published, 0)} published`, (s) => ctx.progress.status(`steady: draining, ${s}`));
    await tripsDone;
    if (tripError) throw tripError;
    const cpuSteady = cpu.end();
    const rssLoad = rssMiB(countyPid);

    // Burst: ten times the rate; the county's rate is what it applies from the first intake to the last arrival.
    ctx.progress.say(`burst: preparing ${burstRate * burstSeconds} intakes ahead ...`);
    for (const t of towns) await t.prepare(Math.ceil((burstRate * burstSeconds) / towns.length) + 1);
    await h.resetStatements();
    ctx.progress.say(`burst: ${burstRate} cases/s for ${burstSeconds} s ...`);
    const beforeBurst = await countyArrived();
    const tBurst = Date.now();
    cpu.begin();
    const burstTaken = await drive(burstRate, burstSeconds, 'burst');
    const tIntakeDone = Date.now();
    await until(
      'the burst at the county',
      async () => (await countyArrived()) >= beforeBurst + burstTaken,
      300000,
      () => `${burstTaken} taken in, ${towns.reduce((a, t) => a + t.published, 0)} published`,
      (s) => ctx.progress.status(`burst: draining, ${s}`),
    );
    const burstSecondsTotal = (Date.now() - tBurst) / 1000;
    const statements = await h.topStatements(`${PREFIX}_%`);
    const cpuBurst = cpu.end();
    const routed = burstTaken / burstSecondsTotal;
    const intakeRate = burstTaken / ((tIntakeDone - tBurst) / 1000);

    // Latency, commit to commit, from the two databases' commit timestamps (the same server's clock).
    const relayed: number[] = [];
    const applied: number[] = [];
    const lat = async (fromSeq: number, toSeq: number) => {
      const sent = new Map<string, number>();
      const published = new Map<string, number>();
      for (const t of towns) {
        const rows = (
          await pool.query<{ id: string; ms: number; pub: number }>(
            // The intake's commit from the case row (never updated; the outbox row is, when the relay marks it sent).
            `select c.event_id::text as id, extract(epoch from pg_xact_commit_timestamp(c.xmin)) * 1000 as ms, extract(epoch from o.published_at) * 1000 as pub
               from ${t.schema}.sim_case c join ${t.schema}.outbox o on o.event_id = c.event_id`,
          )
        ).rows;
        for (const r of rows) {
          sent.set(r.id, Number(r.ms));
          published.set(r.id, Number(r.pub));
        }
      }
      const arrived = await net.sql<{ id: string; ms: number; n: number }>(
        COUNTY,
        `select event_id::text as id, extract(epoch from pg_xact_commit_timestamp(xmin)) * 1000 as ms, row_number() over (order by applied_at) as n from inbox where type = 'case.step' and source <> $1`,
        [TOWN],
      );
      const mine = arrived.filter((r) => r.n > fromSeq && r.n <= toSeq && sent.has(r.id));
      relayed.length = 0;
      // The township's side: commit → the broker acknowledged the send (its relay marks the row after).
      relayed.push(...mine.map((r) => published.get(r.id)! - sent.get(r.id)!));
      applied.length = 0;
      // The county's side: the broker took it → the county committed it.
      applied.push(...mine.map((r) => Number(r.ms) - published.get(r.id)!));
      return mine.map((r) => Number(r.ms) - sent.get(r.id)!);
    };
    const steadyLat = summary(await lat(before, before + steadyTaken));
    const steadyRelay = summary(relayed);
    const steadyApply = summary(applied);
    const burstLat = summary(await lat(beforeBurst, beforeBurst + burstTaken));
    const rt = summary(trips.map((t) => t.total));
    const rtUp = summary(trips.map((t) => t.up));
    const rtDown = summary(trips.map((t) => t.down));

    // Exactly once: every case taken in is in the county once, acknowledged back once.
    const totalTaken = towns.reduce((a, t) => a + t.taken, 0);
    const countyCases = (await net.sql<{ n: number }>(COUNTY, `select count(*)::int as n from case_file where intake_node <> $1`, [TOWN]))[0]!.n;
    await until('the acknowledgements back at the simulated townships', async () => towns.reduce((a, t) => a + t.received, 0) >= totalTaken, 300000, () => `${towns.reduce((a, t) => a + t.received, 0)}/${totalTaken}`, (s) => ctx.progress.status(`acks: ${s}`));
    const acks = towns.reduce((a, t) => a + t.received, 0);
    const rejected = towns.reduce((a, t) => a + t.rejected, 0);
    await Promise.all(towns.map((t) => t.stop()));
    await pool.end();
    await net.stop();

    ctx.samples.push({ scenario: 'routing', process: 'county node', rssAtRestMiB: rssRest, rssUnderLoadMiB: rssLoad, cpuCores: cpuBurst.perProcess.county });
    for (const [k, v] of Object.entries(cpuBurst.perProcess)) if (k !== 'county') ctx.samples.push({ scenario: 'routing (burst)', process: k, cpuCores: v });
    const pg1 = measured(ctx, 'limits.pg.tx1');
    ctx.progress.say(`steady p50/p95/p99 ${steadyLat.p50.toFixed(0)}/${steadyLat.p95.toFixed(0)}/${steadyLat.p99.toFixed(0)} ms (townships' relay p50/p99 ${steadyRelay.p50.toFixed(0)}/${steadyRelay.p99.toFixed(0)} ms, county's side ${steadyApply.p50.toFixed(0)}/${steadyApply.p99.toFixed(0)} ms); burst ${routed.toFixed(0)} cases/s at the county; round trip p50 ${rt.p50} ms`);
    return {
      figures: [
        { id: 'routing.steady.p50', label: `intake → county inbox at ${steadyRate}/s, p50`, value: steadyLat.p50, unit: 'ms' },
        { id: 'routing.steady.p95', label: `intake → county inbox at ${steadyRate}/s, p95`, value: steadyLat.p95, unit: 'ms' },
        { id: 'routing.steady.p99', label: `intake → county inbox at ${steadyRate}/s, p99`, value: steadyLat.p99, unit: 'ms', target: { kind: 'max', value: 100 } },
        { id: 'routing.burst.rate', label: `cases/s through the county (burst of ${burstRate}/s)`, value: routed, unit: 'cases/s', target: { kind: 'min', value: 1000 }, denominator: { label: 'raw pg tx, 1 connection', value: pg1, unit: 'tx/s', minShare: 0.25 } },
        { id: 'routing.burst.p99', label: 'intake → county inbox during the burst, p99', value: burstLat.p99, unit: 'ms' },
        { id: 'routing.roundtrip.p50', label: 'round trip intake → decision → delivered, p50', value: rt.p50, unit: 'ms' },
        { id: 'routing.roundtrip.p95', label: 'round trip, p95', value: rt.p95, unit: 'ms' },
        { id: 'routing.lost', label: 'cases lost or duplicated at the county', value: Math.abs(countyCases - totalTaken), unit: 'cases', target: { kind: 'max', value: 1 } },
      ],
      notes: [
        `${townships} simulated townships in the bench process (each its own schema in a simulation database, its own SCRAM principal, link topics and ACLs, its own idempotent producer and consumer group), plus three real nodes: the city (stopped once the catalog reached the township: in a deployment it is a machine of its own), the county 兴庆区 and the township 掌政镇 (round trips).`,
        `Steady: ${steadyRate} intakes/s for ${steadySeconds} s (${steadyTaken} cases); burst: ${burstRate}/s offered for ${burstSeconds} s (${burstTaken} cases taken in at ${intakeRate.toFixed(0)}/s; the county's rate is cases ÷ (first intake → last arrival) = ${burstSecondsTotal.toFixed(1)} s).`,
        `Latency: the county's commit of the arrived case (its inbox row's commit timestamp) minus the township's commit of the intake (its outbox row's), both from PostgreSQL with track_commit_timestamp on. Steady: ${steadyLat.n} cases, p50/p95/p99/max ${steadyLat.p50.toFixed(1)}/${steadyLat.p95.toFixed(1)}/${steadyLat.p99.toFixed(1)}/${steadyLat.max.toFixed(1)} ms, of which the townships' side (commit → relay marked it sent) p50/p99 ${steadyRelay.p50.toFixed(1)}/${steadyRelay.p99.toFixed(1)} ms and the county's (sent → its commit) p50/p99 ${steadyApply.p50.toFixed(1)}/${steadyApply.p99.toFixed(1)} ms. Burst: p50/p95/p99 ${burstLat.p50.toFixed(0)}/${burstLat.p95.toFixed(0)}/${burstLat.p99.toFixed(0)} ms (queueing included).`,
        `Round trips (${trips.length}, one after another during the steady load, staff API calls over HTTP, 50-ms polls): total p50/p95 ${rt.p50}/${rt.p95} ms; intake answered → case accepted at the county p50 ${rtUp.p50} ms; approval answered → awaiting delivery at the township p50 ${rtDown.p50} ms.`,
        `Exactly once: ${totalTaken} cases taken in by the simulated townships, ${countyCases} at the county, ${acks} acknowledgements back (each recorded once by event id), ${rejected} refused by the townships' checks.`,
        `CPU (cores; ${cpus().length} in all) during the burst: ${cores(cpuBurst)}. Steady: ${cores(cpuSteady)}.`,
        `County node resident memory: ${rssRest.toFixed(0)} MiB at rest, ${rssLoad.toFixed(0)} MiB after the steady load.`,
        'Where the database time went during the burst (pg_stat_statements, the county and the simulation database):',
        '',
        ...statements,
      ],
      details: { steadyLat, burstLat, trips, cpuSteady, cpuBurst, totalTaken, countyCases, acks },
    };
  },
};
