/**
 * Scenario 6b: `npm start` for a 1,000-township topology. All 1,041 node processes cannot run on one
 * machine (about 150–190 MB each), so this runs the real CLI `up` — its own embedded broker and
 * PostgreSQL in a folder of its own (TONGBAN_STATE_DIR), on ports of its own — with the 1,041-node
 * topology and `--only` the city, one county and that county's townships. `up` provisions the broker
 * for the whole topology (principals, topics, ACLs) and starts the subset; the figures are read
 * from its output as it comes. The databases and roles of every node are made with the function
 * `up` uses, on the run's PostgreSQL, and timed apart.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { EmbeddedKafka, projectRoot, SecretStore, stateDir } from '#libs/infra';
import { createKafka } from '#libs/messaging';
import kafkajs from 'kafkajs';
import { BIG_CITY, bigTopology, countTiers, DEMO_COUNTY } from '../support/big-topology.js';
import type { Figure } from '../support/report.js';
import type { BenchContext, Scenario, ScenarioOutput } from '../support/scenario.js';
import { rssMiB, sleep } from '../support/stats.js';

const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;

/** One `up` run: when each line of its output came, from its spawn. */
class UpRun {
  readonly lines: Array<{ ms: number; text: string }> = [];
  readonly child: ChildProcess;
  private readonly t0 = Date.now();
  private readonly exited: Promise<number | null>;

  constructor(env: Record<string, string>, only: string, log: string) {
    this.child = spawn(process.execPath, [join(projectRoot(), 'dist/apps/cli/src/main.js'), 'up', '--only', only], { env, cwd: projectRoot(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let rest = '';
    const take = (chunk: Buffer) => {
      rest += chunk.toString('utf8');
      const parts = rest.split('\n');
      rest = parts.pop()!;
      for (const text of parts) {
        this.lines.push({ ms: Date.now() - this.t0, text });
        writeFileSync(log, `${(Date.now() - this.t0).toString().padStart(7)} ${text}\n`, { flag: 'a' });
      }
    };
    this.child.stdout!.on('data', take);
    this.child.stderr!.on('data', take);
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  /** When a line matching `re` came (ms from the spawn); waits for it, failing if `up` exits first. */
  async when(re: RegExp, timeoutMs: number): Promise<{ ms: number; match: RegExpExecArray }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const l of this.lines) {
        const m = re.exec(l.text);
        if (m) return { ms: l.ms, match: m };
      }
      if (this.child.exitCode !== null) throw new Error(`up exited (code ${this.child.exitCode}) before printing ${re}:\n${this.lines.slice(-8).map((l) => l.text).join('\n')}`);
      if (Date.now() > deadline) throw new Error(`up did not print ${re} within ${timeoutMs / 1000} s:\n${this.lines.slice(-8).map((l) => l.text).join('\n')}`);
      await sleep(100);
    }
  }

  /** Ctrl-C, as an operator stops it; returns the seconds it took to stop everything. */
  async stop(): Promise<number> {
    if (this.child.exitCode !== null) return 0;
    const t = Date.now();
    this.child.kill('SIGINT');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 120000);
    await this.exited;
    clearTimeout(timer);
    return (Date.now() - t) / 1000;
  }
}

interface UpFigures {
  kafkaReadyS: number;
  postgresReadyS: number;
  provisionS: number;
  topicsCreated: number;
  acls: number;
  principals: number;
  databasesCreated: number;
  startS: number;
  totalS: number;
  nodes: number;
  rssMiB: number[];
  brokerRssMiB: number;
  /** What the broker held while `up` ran, counted with the admin principal. */
  counts: { topics: number; partitions: number; acls: number };
}

async function runUp(ctx: BenchContext, env: Record<string, string>, only: string, state: string, label: string): Promise<UpFigures> {
  ctx.progress.say(`${label}: up --only ${only} ...`);
  const up = new UpRun(env, only, join(state, `up-${label}.log`));
  try {
    const kafka = await up.when(/Kafka is ready/, 180000);
    const pg = await up.when(/PostgreSQL is ready(?:; created (\d+) databases)?/, 180000);
    ctx.progress.status(`${label}: provisioning the broker ...`);
    const prov = await up.when(/Broker provisioned: (\d+) node principals, (\d+) new topics, (\d+) ACLs/, 600000);
    const starting = await up.when(/Starting (\d+) nodes/, 60000);
    const nodes = Number(starting.match[1]);
    const progress = setInterval(() => ctx.progress.status(`${label}: ${up.lines.filter((l) => /healthy:/.test(l.text)).length}/${nodes} nodes healthy`), 1000);
    const done = (await up.when(/is up in/, 900000).finally(() => clearInterval(progress))).ms;
    ctx.progress.say(`${label}: provisioned in ${((prov.ms - Math.max(kafka.ms, pg.ms)) / 1000).toFixed(1)} s, ${nodes} nodes healthy ${((done - starting.ms) / 1000).toFixed(1)} s later`);
    await sleep(5000);
    const counts = await brokerCounts(Number(env.TONGBAN_EMBEDDED_KAFKA_PORT), state);
    const pids = JSON.parse(readFileSync(join(state, 'run', 'nodes.json'), 'utf8')) as Record<string, { pid: number }>;
    const rss = Object.values(pids).map((r) => rssMiB(r.pid));
    const brokerPid = Number(readFileSync(join(state, 'data', 'kafka', 'kafka.pid'), 'utf8').trim().split(/\s+/)[0]);
    return {
      kafkaReadyS: kafka.ms / 1000,
      postgresReadyS: pg.ms / 1000,
      provisionS: (prov.ms - Math.max(kafka.ms, pg.ms)) / 1000,
      principals: Number(prov.match[1]),
      topicsCreated: Number(prov.match[2]),
      acls: Number(prov.match[3]),
      databasesCreated: Number(pg.match[1] ?? 0),
      startS: (done - starting.ms) / 1000,
      totalS: done / 1000,
      nodes,
      rssMiB: rss,
      brokerRssMiB: rssMiB(brokerPid),
      counts,
    };
  } finally {
    const stopS = await up.stop();
    ctx.progress.say(`${label}: stopped in ${stopS.toFixed(1)} s`);
  }
}

/** What the broker holds: topics, partitions and ACLs, counted with the admin principal. */
async function brokerCounts(port: number, state: string): Promise<{ topics: number; partitions: number; acls: number }> {
  const kafka = new EmbeddedKafka({ port, dataDir: join(state, 'data', 'kafka'), secrets: new SecretStore(join(state, 'secrets')).admin() });
  const admin = createKafka({ brokers: kafka.brokers, clientId: 'bench-startup', sasl: kafka.admin }).admin();
  await admin.connect();
  try {
    const names = (await admin.listTopics()).filter((t) => !t.startsWith('__'));
    let partitions = 0;
    for (let i = 0; i < names.length; i += 500) partitions += (await admin.fetchTopicMetadata({ topics: names.slice(i, i + 500) })).topics.reduce((n, t) => n + t.partitions.length, 0);
    const acls = await admin.describeAcls({
      resourceType: AclResourceTypes.ANY,
      resourcePatternType: ResourcePatternTypes.ANY,
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    });
    return { topics: names.length, partitions, acls: acls.resources.reduce((n, r) => n + r.acls.length, 0) };
  } finally {
    await admin.disconnect();
  }
}

export const startup: Scenario = {
  id: 'startup',
  title: '6b. Start-up, 1,000-township topology',
  async run(ctx): Promise<ScenarioOutput> {
    const h = ctx.harness;
    const counties = ctx.smoke ? 2 : 40;
    // Smoke: 2 × 1, so that the city and the county with its township are three node processes.
    const perCounty = ctx.smoke ? 1 : 25;
    const specs = bigTopology({ counties, townshipsPerCounty: perCounty });
    const tiers = countTiers(specs);
    const subset = specs.filter((s) => s.code === BIG_CITY || s.code === DEMO_COUNTY || s.parent === DEMO_COUNTY);
    const only = `${BIG_CITY},area:${DEMO_COUNTY}`;
    // Its own state folder (data, secrets, logs), with the project's download cache (the broker's jars).
    const state = join(h.root, 'startup');
    mkdirSync(state, { recursive: true });
    if (!existsSync(join(state, 'cache'))) symlinkSync(stateDir('cache'), join(state, 'cache'));
    const ports = h.takePorts(subset.length);
    let free = 0;
    const subsetCodes = new Set(subset.map((s) => s.code));
    const nodes = specs.map((s) => ({
      code: s.code,
      name: s.name,
      tier: s.tier,
      parent: s.parent,
      // The started nodes listen on the run's ports; the others are only in the topology (ports nothing uses).
      httpPort: subsetCodes.has(s.code) ? ports[subset.findIndex((x) => x.code === s.code)]! : ++free,
      database: `tongban_${s.code}`,
    }));
    const topologyFile = join(state, 'topology.yaml');
    writeFileSync(topologyFile, stringify({ name: `bench ${tiers.townships}-township city`, nodes }));
    const kafkaPort = h.ports.kafka + 20;
    const postgresPort = h.ports.postgres + 20;
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...(process.env.JAVA_HOME ? { JAVA_HOME: process.env.JAVA_HOME } : {}),
      TONGBAN_STATE_DIR: state,
      TONGBAN_TOPOLOGY: topologyFile,
      TONGBAN_EMBEDDED_KAFKA_PORT: String(kafkaPort),
      TONGBAN_EMBEDDED_POSTGRES_PORT: String(postgresPort),
      TONGBAN_LOG_LEVEL: 'warn',
    };
    ctx.progress.say(`topology: ${tiers.nodes} nodes (${tiers.counties} counties, ${tiers.townships} townships); starting ${subset.length} of them (the city, ${DEMO_COUNTY} and its townships)`);
    const cold = await runUp(ctx, env, only, state, 'first start');
    // A second `up` on the same folder: everything provisioned already, the databases migrated.
    const warm = ctx.smoke ? undefined : await runUp(ctx, env, only, state, 'second start');

    // Every node's database and role, as `up` makes them for the nodes it starts (EmbeddedPostgres.ensureNodeDatabases), on the run's server.
    const secrets = new SecretStore(join(state, 'secrets'));
    ctx.progress.say(`databases and roles for all ${tiers.nodes} nodes ...`);
    let t = Date.now();
    const created = await h.postgres.ensureNodeDatabases(specs.map((s) => ({ database: `startup_${s.code}`, password: secrets.node('tongban', s.code).databasePassword })));
    const databasesS = (Date.now() - t) / 1000;
    t = Date.now();
    await h.postgres.ensureNodeDatabases(specs.map((s) => ({ database: `startup_${s.code}`, password: secrets.node('tongban', s.code).databasePassword })));
    const databasesAgainS = (Date.now() - t) / 1000;
    ctx.progress.say(`${created.length} databases and roles in ${databasesS.toFixed(1)} s (again, all existing: ${databasesAgainS.toFixed(1)} s)`);

    const counts = cold.counts;
    const perNode = cold.rssMiB.reduce((a, b) => a + b, 0) / cold.rssMiB.length;
    ctx.samples.push({ scenario: 'startup', process: `broker (${counts.topics} topics, ${counts.partitions} partitions, after up)`, rssAtRestMiB: cold.brokerRssMiB });
    ctx.samples.push({ scenario: 'startup', process: `node, average of ${cold.nodes} (${tiers.nodes}-node topology)`, rssAtRestMiB: perNode });
    const figures: Figure[] = [
      { id: 'startup.provision.first', label: `first up: broker provisioned for ${tiers.nodes} nodes (principals, topics, ACLs)`, value: cold.provisionS, unit: 's' },
      ...(warm ? [{ id: 'startup.provision.again', label: 'second up: the same provisioning, everything existing', value: warm.provisionS, unit: 's' }] : []),
      { id: 'startup.databases', label: `databases and roles for all ${tiers.nodes} nodes`, value: databasesS, unit: 's' },
      { id: 'startup.subset.first', label: `first up: ${cold.nodes} nodes started until all healthy`, value: cold.startS, unit: 's' },
      ...(warm ? [{ id: 'startup.subset.again', label: `second up: ${warm.nodes} nodes started until all healthy`, value: warm.startS, unit: 's' }] : []),
      { id: 'startup.total.first', label: `first up: command to all ${cold.nodes} healthy`, value: cold.totalS, unit: 's' },
      { id: 'startup.principals', label: 'broker principals', value: cold.principals, unit: '' },
      { id: 'startup.topics', label: 'topics on the broker', value: counts.topics, unit: '' },
      { id: 'startup.partitions', label: 'partitions on the broker', value: counts.partitions, unit: '' },
      { id: 'startup.acls', label: 'ACLs on the broker', value: counts.acls, unit: '' },
      { id: 'startup.databases.count', label: 'databases (one per node)', value: created.length, unit: '' },
      { id: 'startup.subset.memory', label: `memory of the ${cold.nodes} started nodes`, value: cold.rssMiB.reduce((a, b) => a + b, 0), unit: 'MiB' },
      { id: 'startup.node.memory', label: 'memory per node (average at rest)', value: perNode, unit: 'MiB' },
    ];
    return {
      figures,
      notes: [
        `\`npm run tongban -- up --only ${only}\` (the CLI \`up\` that \`npm start\` runs) on a topology of ${tiers.nodes} nodes (bench/support/big-topology.ts), with its own state folder, broker (port ${kafkaPort}) and PostgreSQL (port ${postgresPort}); phases read from its output as it came.`,
        `First up: broker ${cold.kafkaReadyS.toFixed(1)} s and PostgreSQL ${cold.postgresReadyS.toFixed(1)} s after the command (${cold.databasesCreated} databases for the started nodes), provisioning ${cold.provisionS.toFixed(1)} s (${cold.principals} principals, ${cold.topicsCreated} topics created, ${cold.acls} ACLs), ${cold.nodes} nodes healthy ${cold.startS.toFixed(1)} s later; ${cold.totalS.toFixed(1)} s in all; Ctrl-C stopped everything.${warm ? ` Second up: provisioning ${warm.provisionS.toFixed(1)} s, nodes healthy ${warm.startS.toFixed(1)} s later, ${warm.totalS.toFixed(1)} s in all.` : ''}`,
        `Per started node: ${(cold.startS / cold.nodes).toFixed(2)} s of the start (they start together on ${ctx.smoke ? 'a' : 'a 2-core'} machine), ${perNode.toFixed(0)} MiB resident at rest; all ${tiers.nodes} nodes on one machine would need about ${((perNode * tiers.nodes) / 1024).toFixed(0)} GiB, which is why only a county's worth is started.`,
        `Databases: ${created.length} databases and roles made by EmbeddedPostgres.ensureNodeDatabases (what \`up\` runs for the nodes it starts) in ${databasesS.toFixed(1)} s; ${databasesAgainS.toFixed(1)} s when they all exist. The broker after up: ${counts.topics} topics, ${counts.partitions} partitions, ${counts.acls} ACLs, ${cold.brokerRssMiB.toFixed(0)} MiB resident.`,
      ],
      details: { cold, warm, databasesS, databasesAgainS, counts },
    };
  },
};
