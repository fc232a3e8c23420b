/**
 * The benchmark's own infrastructure and nodes: a real broker and a real PostgreSQL started for the
 * run on their own ports and data folders (wiped first), and helpers to write a topology, provision
 * the broker for it (a principal, topics and ACLs per node, as `up` does) and start node processes
 * from the built apps. Scenarios share one harness; each uses its own topic prefix and databases.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { stringify } from 'yaml';
import { type Tier, TopologyIndex, type TopologyNode, validateTopology } from '#libs/config';
import { nodePrincipal } from '#libs/contracts';
import { EmbeddedKafka, EmbeddedPostgres, ensureNodeDatabase, NodeProcess, nodeKafkaEnv, provisionDeployment, SecretStore, stateDir, withCredentials } from '#libs/infra';
import { createKafka, type Kafka, type KafkaCredentials } from '#libs/messaging';
import type { Progress } from './progress.js';
import type { Metered } from './stats.js';

export interface HarnessPorts {
  kafka: number;
  postgres: number;
  /** First HTTP port handed to nodes; each network takes the next free ones. */
  http: number;
}

export const DEFAULT_PORTS: HarnessPorts = {
  kafka: Number(process.env.BENCH_KAFKA_PORT ?? 29092),
  postgres: Number(process.env.BENCH_POSTGRES_PORT ?? 25433),
  http: Number(process.env.BENCH_HTTP_PORT ?? 29300),
};

/**
 * The run's shared infrastructure as metered processes, to put beside a scenario's nodes: the
 * broker's JVM, and PostgreSQL as one tree (the postmaster with all its backends and workers).
 */
export function infrastructureProcesses(h: Harness): Array<[string, Metered]> {
  const pg = h.postgres.runningPid();
  return [
    ['kafka', h.kafka.runningPid()],
    ['postgres', pg ? { tree: pg } : undefined],
  ];
}

export class Harness {
  readonly root: string;
  readonly secrets: SecretStore;
  readonly kafka: EmbeddedKafka;
  readonly postgres: EmbeddedPostgres;
  private nextPort: number;
  private readonly networks: BenchNetwork[] = [];

  constructor(
    readonly ports: HarnessPorts,
    readonly progress: Progress,
    name = 'bench',
  ) {
    this.root = stateDir(name);
    this.secrets = new SecretStore(join(this.root, 'secrets'));
    this.kafka = new EmbeddedKafka({ port: ports.kafka, dataDir: join(this.root, 'kafka'), heapMb: 1024, secrets: this.secrets.admin() });
    // Durable, as a node runs in production (fsync and synchronous commit on): the figures are true ones.
    this.postgres = new EmbeddedPostgres({ port: ports.postgres, dataDir: join(this.root, 'postgres'), maxConnections: 400, portSetting: 'BENCH_POSTGRES_PORT' });
    this.nextPort = ports.http;
  }

  get brokers(): string[] {
    return this.kafka.brokers;
  }

  get kafkaAdmin(): KafkaCredentials {
    return this.kafka.admin;
  }

  /** Wipes the folder and starts both; on a failure, stops what did start. */
  async start(): Promise<void> {
    rmSync(this.root, { recursive: true, force: true });
    mkdirSync(this.root, { recursive: true });
    const started = await Promise.allSettled([this.kafka.start(), this.postgres.start()]);
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) {
      await this.stop();
      throw failed.reason;
    }
    // Commit times, for latencies read from the databases themselves (one server, one clock).
    await this.sql('postgres', 'alter system set track_commit_timestamp = on');
    // Where the database's time goes, per statement, for the scenarios' notes.
    await this.sql('postgres', `alter system set shared_preload_libraries = 'pg_stat_statements'`);
    await this.postgres.stop();
    await this.postgres.start();
    await this.sql('postgres', 'create extension if not exists pg_stat_statements');
  }

  /** Stops every node any network of the run started, then the broker and the database. */
  async stop(): Promise<void> {
    await Promise.allSettled(this.networks.map((n) => n.stop()));
    await Promise.allSettled([this.kafka.stop(), this.postgres.stop()]);
  }

  /** The superuser's URL of one database (for the bench's own reads and writes). */
  url(database: string): string {
    return this.postgres.urlTemplate.replace('{database}', database);
  }

  async sql<T = Record<string, unknown>>(database: string, text: string, params: unknown[] = []): Promise<T[]> {
    const c = new pg.Client({ connectionString: this.url(database) });
    await c.connect();
    try {
      return (await c.query(text, params)).rows as T[];
    } finally {
      await c.end();
    }
  }

  /** Forgets the statement statistics (a scenario's measured phase starts). */
  async resetStatements(): Promise<void> {
    await this.sql('postgres', 'select pg_stat_statements_reset()');
  }

  /** The statements that took the most database time since the last reset, in databases named like `pattern`, as Markdown rows. */
  async topStatements(pattern: string, limit = 12): Promise<string[]> {
    const rows = await this.sql<{ db: string; calls: string; total: number; mean: number; query: string }>(
      'postgres',
      `select d.datname as db, s.calls::text, s.total_exec_time as total, s.mean_exec_time as mean, left(regexp_replace(s.query, '\\s+', ' ', 'g'), 110) as query
         from pg_stat_statements s join pg_database d on d.oid = s.dbid
        where d.datname like $1 order by s.total_exec_time desc limit $2`,
      [pattern, limit],
    );
    return [
      '| database | calls | total ms | mean ms | statement |',
      '|---|---|---|---|---|',
      ...rows.map((r) => `| ${r.db} | ${r.calls} | ${r.total.toFixed(0)} | ${r.mean.toFixed(3)} | \`${r.query.replace(/\|/g, '\\|')}\` |`),
    ];
  }

  takePorts(n: number): number[] {
    const out = Array.from({ length: n }, (_, i) => this.nextPort + i);
    this.nextPort += n;
    return out;
  }

  /** A network of this harness: its own topic prefix, databases and topology file; on the harness's broker unless `kafka` names another. */
  network(prefix: string, nodes: BenchNodeSpec[], kafka?: BrokerAccess): BenchNetwork {
    const n = new BenchNetwork(this, prefix, nodes, kafka);
    this.networks.push(n);
    return n;
  }
}

/** A broker (or cluster) other than the harness's own: where to reach it, and its admin principal. */
export interface BrokerAccess {
  brokers: string[];
  admin: KafkaCredentials;
}

export interface BenchNodeSpec {
  code: string;
  name: string;
  tier: Tier;
  parent?: string;
  /** Started as a real node process (true) or only present in the topology (a simulated node). */
  process?: boolean;
}

/** Simulated nodes are given ports counting down from here in the topology file; none is listened on. */
const SIMULATED_PORT_TOP = 65000;

export class BenchNetwork {
  readonly dir: string;
  readonly topologyFile: string;
  readonly topology: TopologyIndex;
  readonly entries: TopologyNode[];
  readonly nodes = new Map<string, NodeProcess>();
  readonly brokers: string[];
  private readonly kafkaAdmin: KafkaCredentials;

  constructor(
    readonly harness: Harness,
    readonly prefix: string,
    readonly specs: BenchNodeSpec[],
    kafka?: BrokerAccess,
  ) {
    this.brokers = kafka?.brokers ?? harness.brokers;
    this.kafkaAdmin = kafka?.admin ?? harness.kafkaAdmin;
    this.dir = join(harness.root, prefix);
    mkdirSync(this.dir, { recursive: true });
    const withProcess = specs.filter((s) => s.process !== false);
    const ports = harness.takePorts(withProcess.length);
    let i = 0;
    let sim = 0;
    // Simulated nodes get a port number in the topology (it needs a distinct one) that nothing listens on.
    this.entries = specs.map((s) => ({ code: s.code, name: s.name, tier: s.tier, parent: s.parent, httpPort: s.process === false ? SIMULATED_PORT_TOP - sim++ : ports[i++]!, database: this.database(s.code) }));
    const doc = { name: `bench ${prefix}`, nodes: this.entries };
    this.topology = new TopologyIndex(validateTopology(doc));
    this.topologyFile = join(this.dir, 'topology.yaml');
    writeFileSync(this.topologyFile, stringify(doc));
  }

  database(code: string): string {
    return `${this.prefix.replace(/[^a-z0-9]/g, '_')}_${code}`;
  }

  kafkaCredentials(code: string): KafkaCredentials {
    return { mechanism: 'scram-sha-512', username: nodePrincipal(this.prefix, code), password: this.harness.secrets.node(this.prefix, code).kafkaPassword };
  }

  /** A Kafka client as one node of this network (its own principal and secret). */
  kafkaAs(code: string, clientId = `bench-${code}`): Kafka {
    return createKafka({ brokers: this.brokers, clientId, sasl: this.kafkaCredentials(code) });
  }

  /**
   * Databases and roles for the real nodes, then the broker as `up` provisions it: one principal per
   * node (simulated ones too), every topic of the layout, every node's ACLs.
   */
  async provision(): Promise<{ users: number; topicsCreated: number; grants: number }> {
    const admin = new pg.Client({ connectionString: this.harness.url('postgres') });
    await admin.connect();
    try {
      for (const s of this.specs) if (s.process !== false) await ensureNodeDatabase(admin, this.database(s.code), this.harness.secrets.node(this.prefix, s.code).databasePassword);
    } finally {
      await admin.end();
    }
    return provisionDeployment({ brokers: this.brokers, admin: this.kafkaAdmin, prefix: this.prefix, topology: this.topology, secrets: this.harness.secrets });
  }

  /** Starts the real nodes (all by default) and waits until each is healthy. */
  async start(codes?: string[], env: Record<string, string> = {}): Promise<NodeProcess[]> {
    const list = (codes ?? this.specs.filter((s) => s.process !== false).map((s) => s.code)).map((c) => this.node(c));
    for (const n of list) if (!n.running) n.start(env);
    await Promise.all(list.map((n) => n.waitHealthy(120000)));
    return list;
  }

  node(code: string): NodeProcess {
    let p = this.nodes.get(code);
    if (p) return p;
    const e = this.entries.find((n) => n.code === code);
    if (!e || this.specs.find((s) => s.code === code)?.process === false) throw new Error(`${code} is not a real node of network ${this.prefix}`);
    p = new NodeProcess({
      code: e.code,
      tier: e.tier,
      httpPort: e.httpPort,
      logFile: join(this.dir, `${e.code}.log`),
      env: {
        TONGBAN_TOPOLOGY: this.topologyFile,
        TONGBAN_KAFKA_BROKERS: this.brokers.join(','),
        TONGBAN_DATABASE_URL: withCredentials(this.harness.postgres.urlTemplate, e.database, this.harness.secrets.node(this.prefix, e.code).databasePassword),
        TONGBAN_LOG_LEVEL: 'warn',
        TONGBAN_DEMO: '1',
        TONGBAN_TOPIC_PREFIX: this.prefix,
        ...nodeKafkaEnv(this.harness.secrets, this.prefix, e.code),
      },
      // After the tier's own: a profile (BENCH_CPU_PROF), or any option (BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof").
      nodeArgs: [...profileArgs(this.dir, e.code), ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)],
    });
    this.nodes.set(code, p);
    return p;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.nodes.values()].map((n) => n.stop()));
  }

  sql<T = Record<string, unknown>>(code: string, text: string, params: unknown[] = []): Promise<T[]> {
    return this.harness.sql<T>(this.database(code), text, params);
  }
}

/**
 * `BENCH_CPU_PROF=<code>,<code>|all`: those nodes run with --cpu-prof, their profiles written under
 * the network's folder when they stop (open them in Chrome DevTools, or `node bench/tools/top-functions.mjs`).
 */
function profileArgs(dir: string, code: string): string[] {
  const wanted = (process.env.BENCH_CPU_PROF ?? '').split(',');
  if (!wanted.includes(code) && !wanted.includes('all')) return [];
  return ['--cpu-prof', `--cpu-prof-dir=${join(dir, 'profiles', code)}`];
}

/** Signs in as a demo account at a node; returns a bearer header. */
export async function signIn(baseUrl: string, login: string, password = 'Tongban-Demo-2026'): Promise<Record<string, string>> {
  const res = await fetch(`${baseUrl}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
  if (!res.ok) throw new Error(`sign-in as ${login} at ${baseUrl}: ${res.status} ${await res.text()}`);
  return { authorization: `Bearer ${((await res.json()) as { accessToken: string }).accessToken}` };
}

/** A JSON request that must succeed; returns the parsed body. */
export async function call<T = unknown>(url: string, method: string, headers: Record<string, string>, body?: unknown): Promise<T> {
  const res = await fetch(url, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
