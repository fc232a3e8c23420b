import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKafka, type Kafka, type KafkaCredentials } from '#libs/messaging';
import {
  ensureKafkaJars,
  formatKafkaStorage,
  KAFKA_ADMIN_USER,
  kafkaCommonProperties,
  type KafkaSecrets,
  kafkaSecurityProperties,
  needsFormat,
  newClusterId,
  spawnKafka,
  writeKafkaProperties,
} from './embedded-kafka.js';
import { isAlive, portOpen, readPid, removeFile, sleep, terminate, waitFor } from './process.js';

export interface EmbeddedKafkaClusterOptions {
  /**
   * First port: node i (0-based) listens for clients on base + 2i and for the controller quorum on
   * base + 2i + 1 (six ports for three nodes).
   */
  basePort: number;
  /** Folder holding one sub-folder per node (`node-1` …); kept between runs. */
  dataDir: string;
  /** Nodes in the cluster (3 by default); each is a broker and a controller voter. */
  size?: number;
  /** Heap of each JVM. */
  heapMb?: number;
  /** How long three JVMs may take to form the quorum and serve clients (a busy 2-core machine needs minutes). */
  startTimeoutMs?: number;
  log?: (line: string) => void;
  secrets?: KafkaSecrets;
}

/** One node of the cluster: its broker id, ports and data folder. */
export interface ClusterNode {
  id: number;
  port: number;
  controllerPort: number;
  dataDir: string;
  pidFile: string;
}

/**
 * A real Apache Kafka cluster in KRaft mode: three nodes, each a broker and a controller in one JVM,
 * a three-voter quorum, with the single broker's security (SCRAM-SHA-512 on the broker listener,
 * PLAIN with a config-only secret on the controller listener, StandardAuthorizer, no super user a
 * client can reach). Every topic is replicated three times and a write needs two in-sync replicas
 * (acks=all), so one node may die without losing an acknowledged write or stopping the network.
 */
export class EmbeddedKafkaCluster {
  readonly nodes: ClusterNode[];
  private readonly exited = new Map<number, () => number | null | undefined>();

  constructor(private readonly opts: EmbeddedKafkaClusterOptions) {
    const size = opts.size ?? 3;
    this.nodes = Array.from({ length: size }, (_, i) => {
      const dataDir = join(opts.dataDir, `node-${i + 1}`);
      return { id: i + 1, port: opts.basePort + 2 * i, controllerPort: opts.basePort + 2 * i + 1, dataDir, pidFile: join(dataDir, 'kafka.pid') };
    });
  }

  get brokers(): string[] {
    return this.nodes.map((n) => `127.0.0.1:${n.port}`);
  }

  /** The admin principal's credentials (SCRAM-SHA-512). */
  get admin(): KafkaCredentials {
    return { mechanism: 'scram-sha-512', username: KAFKA_ADMIN_USER, password: this.secrets.kafkaAdminPassword };
  }

  private get secrets(): KafkaSecrets {
    if (!this.opts.secrets) throw new Error('the embedded Kafka cluster needs its secrets to start or to be reached');
    return this.opts.secrets;
  }

  private node(i: number): ClusterNode {
    const n = this.nodes[i];
    if (!n) throw new Error(`the cluster has no node ${i} (0-${this.nodes.length - 1})`);
    return n;
  }

  /** The pid of node i's JVM (0-based), while it runs. */
  pid(i: number): number | undefined {
    const pid = readPid(this.node(i).pidFile);
    return pid !== undefined && isAlive(pid) ? pid : undefined;
  }

  /** The pids of the nodes still running from this data folder. */
  runningPids(): number[] {
    return this.nodes.map((_, i) => this.pid(i)).filter((p): p is number => p !== undefined);
  }

  /** The index (0-based) of the node with this broker id. */
  indexOf(nodeId: number): number {
    const i = this.nodes.findIndex((n) => n.id === nodeId);
    if (i < 0) throw new Error(`no node with id ${nodeId} in the cluster`);
    return i;
  }

  async start(): Promise<void> {
    const log = this.opts.log ?? (() => undefined);
    if (this.runningPids().length) throw new Error(`An embedded Kafka cluster already runs from ${this.opts.dataDir} (pids ${this.runningPids().join(', ')}).`);
    for (const n of this.nodes) {
      for (const port of [n.port, n.controllerPort]) if (await portOpen(port)) throw new Error(`Port ${port} is taken: the embedded Kafka cluster's node ${n.id} needs it.`);
    }
    const libDir = ensureKafkaJars(log);
    // One cluster id for every node, kept beside the nodes so that a node formatted later joins the same cluster.
    mkdirSync(this.opts.dataDir, { recursive: true });
    const idFile = join(this.opts.dataDir, 'cluster.id');
    if (!existsSync(idFile)) writeFileSync(idFile, `${newClusterId()}\n`);
    const clusterId = readFileSync(idFile, 'utf8').trim();
    for (const n of this.nodes) {
      const logDir = join(n.dataDir, 'logs');
      mkdirSync(logDir, { recursive: true });
      const props = writeKafkaProperties(n.dataDir, this.properties(this.nodes.indexOf(n)));
      if (needsFormat(n.dataDir, logDir)) formatKafkaStorage({ dataDir: n.dataDir, props, clusterId, secrets: this.secrets, classpath: `${libDir}/*` });
    }
    // All at once: a quorum needs a majority of the voters up before any broker can register.
    for (let i = 0; i < this.nodes.length; i++) this.spawn(i, libDir);
    await waitFor(
      `the Kafka cluster on ports ${this.brokers.join(', ')} (see ${this.opts.dataDir}/node-*/broker.log)`,
      async () => {
        this.throwIfExited();
        return this.isReady();
      },
      this.opts.startTimeoutMs ?? 180000,
      500,
    ).catch(async (err: unknown) => {
      await this.stop();
      throw err;
    });
  }

  private spawn(i: number, libDir = ensureKafkaJars()): void {
    const n = this.node(i);
    const props = join(n.dataDir, 'server.properties');
    this.exited.set(i, spawnKafka({ dataDir: n.dataDir, props, classpath: `${libDir}/*`, heapMb: this.opts.heapMb ?? 448, pidFile: n.pidFile }));
  }

  private throwIfExited(only?: number): void {
    for (const [i, exited] of this.exited) {
      if (only !== undefined && i !== only) continue;
      const code = exited();
      if (code !== undefined) throw new Error(`Kafka node ${this.node(i).id} exited with code ${code}; see ${join(this.node(i).dataDir, 'broker.log')}.`);
    }
  }

  private client(brokers = this.brokers): Kafka {
    return createKafka({ brokers, clientId: 'tongban-infra-probe', sasl: this.admin });
  }

  /** The broker ids registered and unfenced, and the active controller, as one broker answers. */
  async describe(brokers = this.brokers): Promise<{ brokers: number[]; controller: number | null }> {
    const admin = this.client(brokers).admin();
    await admin.connect();
    try {
      const c = await admin.describeCluster();
      return { brokers: c.brokers.map((b) => b.nodeId).sort(), controller: c.controller };
    } finally {
      await admin.disconnect();
    }
  }

  /** Ready means every node serves clients and the cluster has an active controller. */
  async isReady(): Promise<boolean> {
    for (const n of this.nodes) if (!(await portOpen(n.port))) return false;
    const c = await this.describe().catch(() => undefined);
    return c !== undefined && c.brokers.length === this.nodes.length && c.controller !== null;
  }

  /** SIGKILL node i (0-based): a crash, no controlled shutdown. Resolves once the JVM is gone. */
  async kill(i: number): Promise<void> {
    const pid = this.pid(i);
    if (pid === undefined) throw new Error(`Kafka node ${this.node(i).id} is not running`);
    this.exited.delete(i);
    process.kill(pid, 'SIGKILL');
    while (isAlive(pid)) await sleep(20);
    removeFile(this.node(i).pidFile);
  }

  /** Starts node i again from its data and waits until it is back in the cluster, serving clients. */
  async restart(i: number, timeoutMs = 90000): Promise<void> {
    const n = this.node(i);
    if (this.pid(i) !== undefined) throw new Error(`Kafka node ${n.id} is already running`);
    this.spawn(i);
    await waitFor(
      `Kafka node ${n.id} back in the cluster (see ${join(n.dataDir, 'broker.log')})`,
      async () => {
        this.throwIfExited(i);
        if (!(await portOpen(n.port))) return false;
        return (await this.describe([`127.0.0.1:${n.port}`])).brokers.includes(n.id);
      },
      timeoutMs,
      300,
    );
  }

  /** The broker id leading a partition, or undefined while it has none. */
  async leaderOf(topic: string, partition = 0): Promise<number | undefined> {
    const admin = this.client().admin();
    await admin.connect();
    try {
      const meta = await admin.fetchTopicMetadata({ topics: [topic] });
      const p = meta.topics[0]?.partitions.find((x) => x.partitionId === partition);
      return p && p.leader >= 0 ? p.leader : undefined;
    } finally {
      await admin.disconnect();
    }
  }

  /** Each topic's replicas and in-sync replicas (all topics, internal ones too, unless named). */
  async replicas(topics?: string[]): Promise<Array<{ topic: string; partition: number; leader: number; replicas: number[]; isr: number[] }>> {
    const admin = this.client().admin();
    await admin.connect();
    try {
      const names = topics ?? (await admin.listTopics());
      const meta = await admin.fetchTopicMetadata({ topics: names });
      return meta.topics.flatMap((t) => t.partitions.map((p) => ({ topic: t.name, partition: p.partitionId, leader: p.leader, replicas: [...p.replicas].sort(), isr: [...p.isr].sort() })));
    } finally {
      await admin.disconnect();
    }
  }

  /** A topic's effective configuration values (its own, or the broker default it inherits). */
  async topicConfig(topic: string, names: string[]): Promise<Record<string, string>> {
    const admin = this.client().admin();
    await admin.connect();
    try {
      // 2 is the TOPIC resource type (kafkajs's ConfigResourceTypes, which only libs/messaging imports).
      const res = await admin.describeConfigs({ resources: [{ type: 2 as never, name: topic, configNames: names }], includeSynonyms: false });
      return Object.fromEntries((res.resources[0]?.configEntries ?? []).map((e) => [e.configName, e.configValue]));
    } finally {
      await admin.disconnect();
    }
  }

  /** Waits until every partition of these topics (all by default) has all its replicas in sync again. */
  async waitInSync(topics?: string[], timeoutMs = 90000): Promise<void> {
    await waitFor(
      'every replica back in sync',
      async () => (await this.replicas(topics)).every((p) => p.isr.length === p.replicas.length),
      timeoutMs,
      500,
    );
  }

  async stop(): Promise<void> {
    // All at once: stopped one by one, the last ones would wait for a quorum that is gone.
    await Promise.all(
      this.nodes.map(async (n) => {
        const pid = readPid(n.pidFile);
        if (pid !== undefined) await terminate(pid, 20000);
        removeFile(n.pidFile);
      }),
    );
    this.exited.clear();
  }

  /** Node i's server.properties (0-based). */
  properties(i: number): string {
    const n = this.node(i);
    const logDir = join(n.dataDir, 'logs');
    return [
      'process.roles=broker,controller',
      `node.id=${n.id}`,
      `controller.quorum.voters=${this.nodes.map((v) => `${v.id}@127.0.0.1:${v.controllerPort}`).join(',')}`,
      `listeners=BROKER://127.0.0.1:${n.port},CONTROLLER://127.0.0.1:${n.controllerPort}`,
      `advertised.listeners=BROKER://127.0.0.1:${n.port}`,
      ...kafkaSecurityProperties(this.secrets),
      `log.dirs=${logDir}`,
      ...kafkaCommonProperties(),
      // Three copies of everything, two of them needed for a write: one node may be lost at any time.
      `default.replication.factor=${this.nodes.length}`,
      `min.insync.replicas=${Math.min(2, this.nodes.length)}`,
      `offsets.topic.replication.factor=${this.nodes.length}`,
      `transaction.state.log.replication.factor=${this.nodes.length}`,
      `transaction.state.log.min.isr=${Math.min(2, this.nodes.length)}`,
      `share.coordinator.state.topic.replication.factor=${this.nodes.length}`,
      `share.coordinator.state.topic.min.isr=${Math.min(2, this.nodes.length)}`,
      // A replica that was not in sync never becomes leader: no acknowledged write is thrown away.
      'unclean.leader.election.enable=false',
      '',
    ].join('\n');
  }
}
