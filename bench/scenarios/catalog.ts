/**
 * Scenario 4: a catalog publication reaching 1,000 nodes. A real city, a real county and one of its
 * townships (node processes with their databases) and the rest of a 40 × 25 city simulated: every
 * simulated county and township with its own principal, ACLs and consumer group, applying the
 * catalog and reporting to the city as a node does (bench/support/catalog-sim.ts), hosted a few
 * hundred to a child process. The city's editor publishes K items through the city's HTTP API; the
 * figure is the time from the publish call to the last node's report recorded at the city.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadDemoCatalog } from '#libs/catalog-workbook';
import { BIG_CITY, bigTopology, countTiers, DEMO_COUNTY, DEMO_TOWNSHIPS } from '../support/big-topology.js';
import { type BenchNetwork, call, infrastructureProcesses, signIn } from '../support/harness.js';
import type { SimCommand, SimNodeSpec, SimReport } from '../support/catalog-sim.js';
import type { BenchContext, Scenario, ScenarioOutput } from '../support/scenario.js';
import type { Figure } from '../support/report.js';
import { CpuMeter, cores, type Metered, rssMiB, sleep, summary } from '../support/stats.js';

const PREFIX = 'catk';
const TARGET_MS = 5000;

interface Simulator {
  child: ChildProcess;
  nodes: number;
  ready: Promise<number>;
  rssAtRest?: number;
  rssUnderLoad: number;
}

/** Forks one simulator process for these nodes and starts them; `ready` resolves with its start-up time. */
function simulator(ctx: BenchContext, net: BenchNetwork, nodes: SimNodeSpec[], index: number, onStarted: () => void): Simulator {
  const child = fork(fileURLToPath(new URL('../support/catalog-sim.js', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  const ready = new Promise<number>((resolve, reject) => {
    child.on('message', (r: SimReport) => {
      if (r.type === 'started') onStarted();
      else if (r.type === 'ready') resolve(r.ms);
      else if (r.type === 'failed') reject(new Error(`simulator ${index}: ${r.error}`));
    });
    child.once('exit', (code) => reject(new Error(`simulator ${index} exited (code ${code})`)));
  });
  const cmd: SimCommand = { type: 'start', brokers: ctx.harness.brokers, prefix: PREFIX, topologyFile: net.topologyFile, nodes, parallel: 25 };
  child.send(cmd);
  return { child, nodes: nodes.length, ready, rssUnderLoad: 0 };
}

async function stopSimulator(s: Simulator): Promise<void> {
  if (s.child.exitCode !== null || !s.child.connected) return;
  const exited = new Promise<void>((resolve) => s.child.once('exit', () => resolve()));
  s.child.send({ type: 'stop' } satisfies SimCommand);
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 30000);
  await exited;
  clearTimeout(timer);
}

/** The city's record of the nodes' reports, read from its own database (the propagation page reads the same table). */
class StatusWatch {
  private constructor(private readonly client: pg.Client) {}

  static async open(net: BenchNetwork): Promise<StatusWatch> {
    const client = new pg.Client({ connectionString: net.harness.url(net.database(BIG_CITY)) });
    await client.connect();
    return new StatusWatch(client);
  }

  async reached(version: number): Promise<{ n: number; last: number | null; first: number | null }> {
    const { rows } = await this.client.query<{ n: string; last: Date | null; first: Date | null }>(
      'select count(*)::text as n, max(reported_at) as last, min(reported_at) as first from node_catalog_status where city_version >= $1',
      [version],
    );
    return { n: Number(rows[0]!.n), last: rows[0]!.last?.getTime() ?? null, first: rows[0]!.first?.getTime() ?? null };
  }

  /** Waits until `count` nodes report `version`; returns the times of the first and the last report. */
  async waitFor(version: number, count: number, timeoutMs: number, status: (n: number) => void): Promise<{ first: number; last: number }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = await this.reached(version);
      status(r.n);
      if (r.n >= count) return { first: r.first!, last: r.last! };
      if (Date.now() > deadline) throw new Error(`only ${r.n} of ${count} nodes reported catalog version ${version} after ${timeoutMs / 1000} s (missing: ${(await this.missing(version)).slice(0, 5).join(', ')} ...)`);
      await sleep(25);
    }
  }

  async missing(version: number): Promise<string[]> {
    const { rows } = await this.client.query<{ node: string }>('select node from node_catalog_status where city_version < $1 order by node', [version]);
    return rows.map((r) => r.node);
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

export const catalog: Scenario = {
  id: 'catalog',
  title: '4. Catalog to 1,000 nodes',
  async run(ctx): Promise<ScenarioOutput> {
    const h = ctx.harness;
    const counties = ctx.smoke ? 2 : 40;
    const perCounty = ctx.smoke ? 24 : 25;
    const real = [BIG_CITY, DEMO_COUNTY, DEMO_TOWNSHIPS[0]!];
    const specs = bigTopology({ counties, townshipsPerCounty: perCounty, real });
    const tiers = countTiers(specs);
    const net = h.network(PREFIX, specs);
    ctx.progress.say(`topology: ${tiers.nodes} nodes (${tiers.counties} counties, ${tiers.townships} townships), ${real.length} real, ${tiers.nodes - real.length} simulated`);
    let t = Date.now();
    const prov = await net.provision();
    const provisionSeconds = (Date.now() - t) / 1000;
    ctx.progress.say(`provisioned in ${provisionSeconds.toFixed(1)} s: ${prov.users} principals, ${prov.topicsCreated} topics, ${prov.grants} ACLs`);
    const sims: Simulator[] = [];
    let watch: StatusWatch | undefined;
    try {
      t = Date.now();
      await net.start();
      ctx.progress.say(`real nodes healthy in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      const city = net.node(BIG_CITY).url;
      const editor = await signIn(city, 'catalog');
      watch = await StatusWatch.open(net);
      const reporting = specs.filter((s) => s.tier !== 'city');
      const others = real.slice(1);
      const current = async () => (await call<{ currentVersion: number }>(`${city}/catalog/propagation`, 'GET', editor)).currentVersion;
      // The demo catalog (version 1, seeded at the city's first start) reaches the real nodes first.
      await watch.waitFor(await current(), others.length, 120000, (n) => ctx.progress.status(`real nodes with the demo catalog: ${n}/${others.length}`));

      // The simulated nodes, a few hundred to a process.
      const simulated = specs.filter((s) => s.process === false && s.tier !== 'city');
      const perProcess = ctx.smoke ? 100 : 250;
      const groups: SimNodeSpec[][] = [];
      for (let i = 0; i < simulated.length; i += perProcess) {
        groups.push(
          simulated.slice(i, i + perProcess).map((s) => ({
            code: s.code,
            parent: s.parent!,
            county: s.tier === 'county' ? s.code : s.parent!,
            tier: s.tier as 'county' | 'township',
            sasl: net.kafkaCredentials(s.code),
          })),
        );
      }
      ctx.progress.say(`starting ${simulated.length} simulated nodes in ${groups.length} process(es) ...`);
      let started = 0;
      t = Date.now();
      groups.forEach((g, i) => sims.push(simulator(ctx, net, g, i, () => ctx.progress.status(`simulated nodes started: ${(started += 25)}/${simulated.length}`))));
      const simStart = await Promise.all(sims.map((s) => s.ready));
      ctx.progress.say(`simulated nodes started in ${((Date.now() - t) / 1000).toFixed(1)} s (per process: ${simStart.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s)`);
      // Every node catches up on what was published before it started.
      await watch.waitFor(await current(), reporting.length, 300000, (n) => ctx.progress.status(`nodes up to date: ${n}/${reporting.length}`));
      ctx.progress.say(`all ${reporting.length} nodes hold the current catalog after ${((Date.now() - t) / 1000).toFixed(1)} s`);
      await sleep(2000);
      for (const s of sims) s.rssAtRest = rssMiB(s.child.pid!);
      const cityPid = net.node(BIG_CITY).pid;
      const cityRest = rssMiB(cityPid!);

      const catalogItems = await loadDemoCatalog();
      const bigK = Math.min(ctx.smoke ? 5 : 50, catalogItems.length);
      const plan = ctx.smoke ? [1, bigK] : [1, 1, 1, bigK, bigK];
      const runs: Array<{ k: number; version: number; lastMs: number; firstMs: number; publishMs: number }> = [];
      const timeouts: string[] = [];
      const meter = new CpuMeter(
        () =>
          new Map<string, Metered>([
            ['city', cityPid],
            ...sims.map((s, i) => [`simulator ${i + 1}`, s.child.pid] as [string, Metered]),
            ...infrastructureProcesses(ctx.harness),
          ]),
      );
      meter.begin();
      let cityLoad = 0;
      for (const [run, k] of plan.entries()) {
        // Drafts first (not timed): K items of the catalog, renamed for this run.
        const changed = catalogItems.slice(0, k);
        for (const item of changed) await call(`${city}/catalog/drafts/${item.implementationCode}`, 'PUT', editor, { ...item, name: `${item.name}（第${run + 1}次）` });
        const t0 = Date.now();
        const published = await call<{ version: number }>(`${city}/catalog/versions`, 'POST', editor, { changes: changed.map((i) => ({ code: i.implementationCode, action: 'publish' })) });
        const publishMs = Date.now() - t0;
        let reached: { first: number; last: number };
        try {
          reached = await watch.waitFor(published.version, reporting.length, 120000, (n) => ctx.progress.status(`K=${k}: ${n}/${reporting.length} nodes applied version ${published.version}`));
        } catch (err) {
          // A run that does not complete is a miss, not the end of the scenario: the next version supersedes it.
          timeouts.push(`K=${k}, version ${published.version}: ${(err as Error).message}`);
          ctx.progress.say(`K=${k}: ${(err as Error).message}`);
          runs.push({ k, version: published.version, lastMs: NaN, firstMs: NaN, publishMs });
          continue;
        }
        const { first, last } = reached;
        for (const s of sims) s.rssUnderLoad = Math.max(s.rssUnderLoad, rssMiB(s.child.pid!));
        cityLoad = Math.max(cityLoad, rssMiB(cityPid!));
        runs.push({ k, version: published.version, lastMs: last - t0, firstMs: first - t0, publishMs });
        ctx.progress.say(`K=${k}: version ${published.version} at ${reporting.length} nodes in ${last - t0} ms (first report ${first - t0} ms; publish call ${publishMs} ms)`);
        await sleep(1000);
      }
      const cpu = meter.end();
      sims.forEach((s, i) => ctx.samples.push({ scenario: 'catalog', process: `catalog simulator ${i + 1} (${s.nodes} nodes)`, rssAtRestMiB: s.rssAtRest, rssUnderLoadMiB: s.rssUnderLoad, cpuCores: cpu.perProcess[`simulator ${i + 1}`] }));
      ctx.samples.push({ scenario: 'catalog', process: `city node (${tiers.nodes}-node topology)`, rssAtRestMiB: cityRest, rssUnderLoadMiB: cityLoad, cpuCores: cpu.perProcess.city });

      const figures: Figure[] = [];
      for (const k of [...new Set(plan)]) {
        const of = runs.filter((r) => r.k === k);
        const done = summary(of.filter((r) => Number.isFinite(r.lastMs)).map((r) => r.lastMs));
        // A run that timed out makes the max unknown (n/a, a miss).
        const s = { p50: done.p50, max: of.every((r) => Number.isFinite(r.lastMs)) ? done.max : NaN };
        const label = `publication of ${k} item${k === 1 ? '' : 's'} → last of ${reporting.length} nodes' report at the city`;
        figures.push({ id: `catalog.k${k}.median`, label: `${label}, median`, value: s.p50, unit: 'ms' });
        figures.push({ id: `catalog.k${k}.max`, label: `${label}, max`, value: s.max, unit: 'ms', target: ctx.smoke ? undefined : { kind: 'max', value: TARGET_MS } });
      }
      figures.push({ id: 'catalog.nodes', label: 'nodes reporting (counties and townships)', value: reporting.length, unit: 'nodes' });
      return {
        figures,
        notes: [
          `Topology: ${tiers.nodes} nodes (1 city, ${tiers.counties} counties, ${tiers.townships} townships; bench/support/big-topology.ts), provisioned as \`up\` does (${prov.users} principals, ${prov.topicsCreated} topics, ${prov.grants} ACLs) in ${provisionSeconds.toFixed(1)} s.`,
          `Real node processes with their databases: the city, the county ${DEMO_COUNTY} and its township ${DEMO_TOWNSHIPS[0]}. The other ${simulated.length} counties and townships are simulated in ${groups.length} child process(es) of up to ${perProcess} nodes (bench/support/catalog-sim.ts): each with its own principal, secret, ACLs and consumer group, running a node's GroupConsumer on every topic its tier reads and a node's idempotent producer on its own up-link; it applies item revisions and manifests per origin as libs/catalog-replica does (in memory, not in a database) and sends status.catalog-applied as the outbox relay would.`,
          `Each run: K items of the demo catalog renamed as drafts (not timed), then POST /catalog/versions at the city as its catalog editor; time = the latest reported_at in the city's node_catalog_status for that version − the moment the publish call was made. Runs: ${plan.join(', ')} items.`,
          `Simulator start-up (SCRAM handshakes, group joins, 25 nodes at a time per process): ${simStart.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s; CPU during the runs (cores): ${cores(cpu)}.`,
          '| K | version | publish call (ms) | first report (ms) | last report (ms) |',
          '|---|---|---|---|---|',
          ...runs.map((r) => `| ${r.k} | ${r.version} | ${r.publishMs} | ${r.firstMs} | ${r.lastMs} |`),
          ...timeouts.map((t) => `Not complete within 120 s: ${t}`),
        ],
        details: { runs, provision: { ...prov, seconds: provisionSeconds }, simulatorStartMs: simStart, cpu },
      };
    } finally {
      await watch?.close().catch(() => undefined);
      await Promise.allSettled(sims.map(stopSimulator));
      await net.stop();
    }
  },
};
