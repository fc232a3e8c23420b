import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { stringify } from 'yaml';
import { type Tier, TopologyIndex, type TopologyNode, validateTopology } from '#libs/config';
import { nodePrincipal } from '#libs/contracts';
import { ensureNodeDatabase, NodeProcess, nodeKafkaEnv, provisionDeployment, SecretStore, stateDir, withCredentials } from '#libs/infra';
import { createKafka, type Kafka, type KafkaCredentials } from '#libs/messaging';
import { type TestInfra, testInfra, testSecretsDir } from './infra-state.js';

export interface TestNodeSpec {
  code: string;
  tier: Tier;
  parent?: string;
  name?: string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A topology of real node processes for one test file, kept apart from other files by its own
 * topic prefix, its own databases and free ports, on the shared broker and database server.
 */
export class TestNetwork {
  readonly id = `t${randomBytes(3).toString('hex')}`;
  readonly topicPrefix = `tb-${this.id}`;
  readonly nodes = new Map<string, NodeProcess>();
  readonly infra: TestInfra;
  private readonly dir = stateDir('test', 'networks', this.id);
  /** The topology file the nodes of this network read (also for the operator CLI). */
  topologyFile = '';
  topology?: TopologyIndex;
  private readonly entries: TopologyNode[] = [];
  readonly secrets = new SecretStore(testSecretsDir());
  private readonly extra: NodeProcess[] = [];

  /** `brokers` (with `kafkaAdmin`): another broker than the run's shared one, e.g. a test's own cluster. */
  constructor(
    private readonly specs: TestNodeSpec[],
    private readonly extraEnv: Record<string, string> = {},
    brokers?: Pick<TestInfra, 'brokers' | 'kafkaAdmin'>,
  ) {
    const shared = testInfra();
    this.infra = brokers ? { ...shared, ...brokers, kafkaPort: undefined, kafkaDataDir: undefined } : shared;
  }

  database(code: string): string {
    return `${this.id}_${code}`;
  }

  /** The node's database role's password, from the test run's secret store. */
  databasePassword(code: string): string {
    return this.secrets.node(this.topicPrefix, code).databasePassword;
  }

  async init(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    this.topologyFile = join(this.dir, 'topology.yaml');
    for (const s of this.specs) this.entries.push({ code: s.code, name: s.name ?? `测试节点 ${s.code}`, tier: s.tier, parent: s.parent, httpPort: await freePort(), database: this.database(s.code) });
    this.writeTopology();
    await this.createDatabases(this.entries);
    // Each node its own principal and secret, the topics of its layout, and its ACLs, as `up` does.
    if (this.infra.kafkaAdmin) {
      await provisionDeployment({ brokers: this.infra.brokers.split(','), admin: this.infra.kafkaAdmin, prefix: this.topicPrefix, topology: this.topology!, secrets: this.secrets });
    }
    for (const n of this.entries) this.nodes.set(n.code, this.nodeProcess(n));
  }

  /**
   * Adds a node to the topology file (and its database and role), as an operator adding a centre to
   * a running deployment would; the broker is left alone: provisioning it is the operator's next step.
   */
  async addNode(spec: TestNodeSpec): Promise<NodeProcess> {
    const entry = { code: spec.code, name: spec.name ?? `测试节点 ${spec.code}`, tier: spec.tier, parent: spec.parent, httpPort: await freePort(), database: this.database(spec.code) };
    this.entries.push(entry);
    this.writeTopology();
    await this.createDatabases([entry]);
    const p = this.nodeProcess(entry);
    this.nodes.set(entry.code, p);
    return p;
  }

  private writeTopology(): void {
    const doc = { name: `test ${this.id}`, nodes: this.entries };
    this.topology = new TopologyIndex(validateTopology(doc));
    writeFileSync(this.topologyFile, stringify(doc));
  }

  private async createDatabases(entries: TopologyNode[]): Promise<void> {
    const admin = new pg.Client({ connectionString: this.infra.databaseUrl.replace('{database}', 'postgres') });
    await admin.connect();
    try {
      // Each node its own role, owning only its own database, as `up` does.
      for (const n of entries) await ensureNodeDatabase(admin, n.database, this.databasePassword(n.code));
    } finally {
      await admin.end();
    }
  }

  private nodeProcess(n: TopologyNode): NodeProcess {
    return new NodeProcess({
      code: n.code,
      tier: n.tier,
      httpPort: n.httpPort,
      logFile: join(this.dir, `${n.code}.log`),
      env: {
        TONGBAN_TOPOLOGY: this.topologyFile,
        TONGBAN_KAFKA_BROKERS: this.infra.brokers,
        TONGBAN_DATABASE_URL: withCredentials(this.infra.databaseUrl, n.database, this.databasePassword(n.code)),
        TONGBAN_TOPIC_PREFIX: this.topicPrefix,
        TONGBAN_LOG_LEVEL: 'info',
        ...(this.infra.kafkaAdmin ? nodeKafkaEnv(this.secrets, this.topicPrefix, n.code) : { TONGBAN_KAFKA_SASL_MECHANISM: 'none' }),
        ...this.extraEnv,
      },
    });
  }

  /** A second process of the same node (same code, database and consumer group), on its own port. */
  async replica(code: string, instanceId: string): Promise<NodeProcess> {
    const base = this.node(code).opts;
    const port = await freePort();
    const p = new NodeProcess({
      ...base,
      httpPort: port,
      logFile: join(this.dir, `${code}-${instanceId}.log`),
      env: { ...base.env, TONGBAN_HTTP_PORT: String(port), TONGBAN_INSTANCE_ID: instanceId },
    });
    this.extra.push(p);
    return p;
  }

  /** A node's own broker credentials, as handed to its process. */
  kafkaCredentials(code: string): KafkaCredentials {
    return { mechanism: 'scram-sha-512', username: nodePrincipal(this.topicPrefix, code), password: this.secrets.node(this.topicPrefix, code).kafkaPassword };
  }

  /** A Kafka client: as one node (its own principal), as the broker's admin, or with no credentials at all. */
  kafkaClient(as: { node: string } | 'admin' | 'anonymous', clientId = `test-${this.id}`): Kafka {
    const sasl = as === 'anonymous' ? undefined : as === 'admin' ? this.infra.kafkaAdmin : this.kafkaCredentials(as.node);
    return createKafka({ brokers: this.infra.brokers.split(','), clientId, sasl });
  }

  node(code: string): NodeProcess {
    const n = this.nodes.get(code);
    if (!n) throw new Error(`no node ${code} in this test network`);
    return n;
  }

  url(code: string): string {
    return this.node(code).url;
  }

  /** Starts the given nodes (all by default) and waits until each reports healthy. */
  async start(codes: string[] = [...this.nodes.keys()], env: Record<string, string> = {}): Promise<void> {
    for (const c of codes) this.node(c).start(env);
    await Promise.all(codes.map((c) => this.node(c).waitHealthy(90000)));
  }

  async stop(): Promise<void> {
    await Promise.all([...this.nodes.values(), ...this.extra].map((n) => n.stop()));
  }

  /** A client on one node's database, for assertions on what it stored. */
  async query<T = Record<string, unknown>>(code: string, sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: this.infra.databaseUrl.replace('{database}', this.database(code)) });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }
}

/** Polls `probe` until `done` says so; the failure message shows the last value seen. */
export async function eventually<T>(probe: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 60000, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    try {
      last = await probe();
      if (done(last)) return last;
    } catch (err) {
      last = err as T;
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
