import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { type TopologyNode, TopologyIndex } from '#libs/config';
import {
  EmbeddedKafka,
  EmbeddedKafkaCluster,
  EmbeddedPostgres,
  InfraStartError,
  isRecordedProcess,
  NodeProcess,
  nodeKafkaEnv,
  processRecord,
  type ProcessRecord,
  provisionDeployment,
  readPid,
  removeFile,
  sleep,
  terminate,
  withCredentials,
  writePid,
} from '#libs/infra';
import { demoAccountLines, identityEnv, isDemoNetwork } from './accounts.js';
import type { NetworkSettings } from './settings.js';

const say = (line: string): void => void process.stdout.write(`${line}\n`);

type EmbeddedBroker = EmbeddedKafka | EmbeddedKafkaCluster;

/** The embedded single broker, or the three-broker cluster (TONGBAN_EMBEDDED_KAFKA_BROKERS=3): each in its own data folder. */
function embeddedBroker(s: NetworkSettings, kind: 1 | 3 = s.kafkaBrokers, o: { log?: (line: string) => void; withSecrets?: boolean } = {}): EmbeddedBroker {
  // Stopping one needs no secret: `down` must not create the admin's secrets as a side effect.
  const secrets = o.withSecrets === false ? undefined : s.secrets.admin();
  const log = o.log;
  return kind === 3
    ? new EmbeddedKafkaCluster({ basePort: s.kafkaPort, dataDir: join(s.dataDir, 'kafka-cluster'), log, secrets })
    : new EmbeddedKafka({ port: s.kafkaPort, dataDir: join(s.dataDir, 'kafka'), log, secrets });
}

function brokerRunning(k: EmbeddedBroker): boolean {
  return k instanceof EmbeddedKafkaCluster ? k.runningPids().length > 0 : k.runningPid() !== undefined;
}

/** Creates the databases a node needs on an external server, when the account may. */
async function ensureExternalDatabases(template: string, names: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: template.replace('{database}', 'postgres') });
  await client.connect();
  try {
    for (const name of names) {
      const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
      if (rowCount === 0) await client.query(`create database ${client.escapeIdentifier(name)} encoding 'UTF8' template template0`);
    }
  } finally {
    await client.end();
  }
}

/**
 * Makes the broker ready for the topology: a principal per node, every topic, each node's ACLs.
 * Idempotent; an external cluster is provisioned only when its admin's credentials are given.
 */
export async function provision(s: NetworkSettings, brokers: string[], embeddedAdmin?: EmbeddedBroker['admin']): Promise<boolean> {
  const admin = embeddedAdmin ?? s.externalKafkaAdmin;
  if (!admin) {
    say('  TONGBAN_KAFKA_ADMIN_USERNAME/PASSWORD not set: assuming the external cluster already has the principals, topics and ACLs (see README).');
    return false;
  }
  await provisionDeployment({ brokers, admin, tls: s.kafkaTls, prefix: s.topicPrefix, topology: new TopologyIndex(s.topology), secrets: s.secrets, log: say });
  return true;
}

/**
 * `tongban up`: starts what is not external, creates databases and topics, starts every node,
 * waits for all to be healthy, prints their URLs, and runs until interrupted.
 */
export class Network {
  private kafka?: EmbeddedBroker;
  private postgres?: EmbeddedPostgres;
  private readonly nodes = new Map<string, NodeProcess>();
  private stopping = false;
  /** Settles when every piece of infrastructure being started has started or failed. */
  private starting: Promise<unknown> = Promise.resolve();

  /** The nodes this `up` starts: every node of the topology, or those `--only` chose. */
  private readonly selected: TopologyNode[];

  constructor(
    private readonly s: NetworkSettings,
    only?: TopologyNode[],
  ) {
    this.selected = only ?? s.topology.nodes;
  }

  get upPidFile(): string {
    return join(this.s.runDir, 'up.pid');
  }

  async up(): Promise<void> {
    mkdirSync(this.s.runDir, { recursive: true });
    const existing = readPid(this.upPidFile);
    if (existing !== undefined) {
      say(`Tongban is already running (pid ${existing}). See its state with "npm run status"; stop it with "npm run down".`);
      process.exitCode = 1;
      return;
    }
    writePid(this.upPidFile, process.pid);
    const started = Date.now();
    // The network stops in order on a signal (nodes, then the broker, then the database), whatever
    // handlers a library may have installed.
    process.removeAllListeners('SIGINT');
    process.removeAllListeners('SIGTERM');
    process.once('SIGINT', () => void this.shutdown('interrupted'));
    process.once('SIGTERM', () => void this.shutdown('asked to stop'));
    try {
      await this.startInfrastructure();
      await this.startNodes();
    } catch (err) {
      // An expected failure is a sentence, not a stack trace: say it, then stop what did start.
      say(`\n启动失败 / Start-up failed:\n${(err as Error).message}`);
      await this.shutdown('start-up failed', 1);
      return;
    }
    say(`\nTongban network "${this.s.topology.name}" is up in ${((Date.now() - started) / 1000).toFixed(1)} s:\n`);
    for (const n of this.selected) {
      const p = this.nodes.get(n.code)!;
      say(`  ${n.tier.padEnd(8)} ${n.code}  ${p.url.padEnd(22)} ${n.name}   (API docs: ${p.url}/docs)`);
    }
    const urlOf = (tier: string) => {
      const n = this.selected.find((x) => x.tier === tier);
      return n ? this.nodes.get(n.code)!.url : null;
    };
    say('\nStaff console (工作台): open any node\'s URL in a browser and sign in there, e.g.');
    if (urlOf('township')) say(`  the counter (综合窗口):       ${urlOf('township')}/`);
    if (urlOf('county')) say(`  the county hall (审批大厅):   ${urlOf('county')}/`);
    if (urlOf('city')) say(`  the wall screen (电子监察屏): ${urlOf('city')}/#/city/screen`);
    if (this.selected.length < this.s.topology.nodes.length) say(`\nOnly ${this.selected.length} of the topology's ${this.s.topology.nodes.length} nodes run here (--only); the broker is provisioned for all of them.`);
    if (isDemoNetwork(this.s)) say(`\n${demoAccountLines({ ...this.s, topology: { ...this.s.topology, nodes: this.selected } }).join('\n')}`);
    say(`\nLogs: ${this.s.logDir}   Press Ctrl-C to stop everything.`);
    this.superviseNodes();
  }

  private async startInfrastructure(): Promise<void> {
    // Databases for the nodes started here; the broker below for the whole topology, since the
    // nodes' links, the city's reading of every channel and the ACLs span all of it.
    const dbNames = this.selected.map((n) => n.database);
    const tasks: Promise<void>[] = [];
    if (!this.s.externalBrokers) {
      this.kafka = embeddedBroker(this.s, this.s.kafkaBrokers, { log: say });
      say(
        this.s.kafkaBrokers === 3
          ? `Starting the embedded three-broker Kafka cluster on ${this.kafka.brokers.join(', ')} (replication factor 3, min.insync.replicas 2) ...`
          : `Starting the embedded Kafka broker on 127.0.0.1:${this.s.kafkaPort} ...`,
      );
      tasks.push(
        this.kafka.start().then(
          () => say('  Kafka is ready.'),
          (err: Error) => {
            throw new InfraStartError(
              `内置 Kafka 未能启动：${err.message}（端口由 TONGBAN_EMBEDDED_KAFKA_PORT 设定）`,
              `The embedded Kafka broker did not start: ${err.message} (its port is set by TONGBAN_EMBEDDED_KAFKA_PORT)`,
            );
          },
        ),
      );
    }
    if (!this.s.externalDatabaseUrl) {
      this.postgres = new EmbeddedPostgres({ port: this.s.postgresPort, dataDir: join(this.s.dataDir, 'postgres'), portSetting: 'TONGBAN_EMBEDDED_POSTGRES_PORT' });
      say(`Starting the embedded PostgreSQL on 127.0.0.1:${this.s.postgresPort} ...`);
      tasks.push(
        this.postgres.start().then(async () => {
          const nodes = this.selected.map((n) => ({ database: n.database, password: this.databasePassword(n) }));
          const created = await this.postgres!.ensureNodeDatabases(nodes);
          say(`  PostgreSQL is ready${created.length ? `; created ${created.length} databases` : ''}.`);
        }),
      );
    } else {
      tasks.push(ensureExternalDatabases(this.s.externalDatabaseUrl, dbNames));
    }
    // Every start is let finish (or fail) before anything is stopped: a broker still starting
    // when the database failed would otherwise be left running once this process exits.
    const settled = Promise.allSettled(tasks);
    this.starting = settled;
    const failed = (await settled).find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    await provision(this.s, this.brokers.split(','), this.kafka?.admin);
  }

  get brokers(): string {
    return this.s.externalBrokers ?? this.kafka!.brokers.join(',');
  }

  private databasePassword(n: TopologyNode): string {
    return this.s.secrets.node(this.s.topicPrefix, n.code).databasePassword;
  }

  /** An external template as the operator gave it; on the embedded server, the node's own role. */
  databaseUrl(n: TopologyNode): string {
    return this.s.externalDatabaseUrl ?? withCredentials(this.postgres!.urlTemplate, n.database, this.databasePassword(n));
  }

  private nodeProcess(n: TopologyNode): NodeProcess {
    return new NodeProcess({
      code: n.code,
      tier: n.tier,
      httpPort: n.httpPort,
      logFile: join(this.s.logDir, `${n.code}.log`),
      env: {
        TONGBAN_TOPOLOGY: this.s.topologyFile,
        TONGBAN_KAFKA_BROKERS: this.brokers,
        TONGBAN_DATABASE_URL: this.databaseUrl(n),
        TONGBAN_TOPIC_PREFIX: this.s.topicPrefix,
        TONGBAN_LOG_LEVEL: process.env.TONGBAN_LOG_LEVEL ?? 'info',
        TONGBAN_KAFKA_TLS: this.s.kafkaTls ? '1' : '0',
        // Its own principal and secret, nothing of any other node's.
        ...nodeKafkaEnv(this.s.secrets, this.s.topicPrefix, n.code),
        ...identityEnv(this.s),
      },
    });
  }

  private async startNodes(): Promise<void> {
    say(`Starting ${this.selected.length} nodes ...`);
    for (const n of this.selected) {
      const p = this.nodeProcess(n);
      p.start();
      this.nodes.set(n.code, p);
    }
    this.recordNodePids();
    let healthy = 0;
    await Promise.all(
      [...this.nodes.values()].map(async (p) => {
        await p.waitHealthy(120000);
        healthy++;
        say(`  ${healthy}/${this.nodes.size} healthy: ${p.opts.code}`);
      }),
    );
  }

  private recordNodePids(): void {
    const pids = Object.fromEntries([...this.nodes].filter(([, p]) => p.pid !== undefined).map(([code, p]) => [code, processRecord(p.pid!)]));
    writeFileSync(join(this.s.runDir, 'nodes.json'), JSON.stringify(pids, null, 2));
  }

  /** Restarts a node that died on its own, with a pause that grows if it keeps dying. */
  private superviseNodes(): void {
    const restarts = new Map<string, number>();
    const tick = async (): Promise<void> => {
      while (!this.stopping) {
        await sleep(1000);
        for (const [code, p] of this.nodes) {
          if (this.stopping || p.running) continue;
          const n = (restarts.get(code) ?? 0) + 1;
          restarts.set(code, n);
          say(`Node ${code} stopped (code ${p.exitCode}, signal ${p.exitSignal}); restarting (restart ${n}). Log: ${p.opts.logFile}`);
          await sleep(Math.min(30000, 1000 * 2 ** Math.min(n, 5)));
          if (!this.stopping) p.start();
          this.recordNodePids();
        }
      }
    };
    void tick();
  }

  async shutdown(reason: string, exitCode = 0): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    say(`\nStopping (${reason}) ...`);
    await Promise.all([...this.nodes.values()].map((p) => p.stop()));
    say(`  ${this.nodes.size} nodes stopped.`);
    await this.starting;
    if (this.kafka) {
      await this.kafka.stop();
      say('  Kafka stopped.');
    }
    if (this.postgres) {
      await this.postgres.stop();
      say('  PostgreSQL stopped.');
    }
    removeFile(join(this.s.runDir, 'nodes.json'));
    removeFile(this.upPidFile);
    say('Everything Tongban started has stopped.');
    process.exit(exitCode);
  }
}

/**
 * `tongban down`: stops a running `up`, then anything a killed `up` left behind (nodes, broker,
 * database), found through the pid files under .tongban/.
 */
export async function down(s: NetworkSettings): Promise<void> {
  const upPid = readPid(join(s.runDir, 'up.pid'));
  if (upPid !== undefined) {
    say(`Stopping the running network (pid ${upPid}) ...`);
    await terminate(upPid, 90000);
  }
  let leftovers = 0;
  const nodesFile = join(s.runDir, 'nodes.json');
  if (existsSync(nodesFile)) {
    // A node is stopped only while its pid still names the process that was started (pid and start time).
    const recorded = JSON.parse(readFileSync(nodesFile, 'utf8')) as Record<string, ProcessRecord | number>;
    for (const entry of Object.values(recorded)) {
      const rec = typeof entry === 'number' ? { pid: entry } : entry;
      if (isRecordedProcess(rec)) {
        leftovers++;
        await terminate(rec.pid);
      }
    }
    removeFile(nodesFile);
  }
  // Whichever kind a killed `up` left behind: the single broker or the cluster.
  for (const kafka of [embeddedBroker(s, 1, { withSecrets: false }), embeddedBroker(s, 3, { withSecrets: false })]) {
    if (brokerRunning(kafka)) {
      leftovers++;
      await kafka.stop();
    }
  }
  const postgres = new EmbeddedPostgres({ port: s.postgresPort, dataDir: join(s.dataDir, 'postgres') });
  if (postgres.runningPid() !== undefined) {
    leftovers++;
    await postgres.stop();
  }
  removeFile(join(s.runDir, 'up.pid'));
  say(upPid !== undefined || leftovers > 0 ? `Stopped${leftovers ? ` (${leftovers} left-over processes cleaned up)` : ''}.` : 'Tongban was not running.');
}

/** `tongban provision`: against the running (embedded or external) broker, after adding a node to the topology. */
export async function provisionCommand(s: NetworkSettings): Promise<number> {
  if (s.externalBrokers) {
    return (await provision(s, s.externalBrokers.split(','))) ? 0 : 1;
  }
  const kafka = embeddedBroker(s);
  if (!brokerRunning(kafka)) {
    say('The embedded Kafka broker is not running: start the network with "npm start" (it provisions at every start).');
    return 1;
  }
  await provision(s, kafka.brokers, kafka.admin);
  return 0;
}
