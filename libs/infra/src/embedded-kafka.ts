import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKafka, describeCluster, type KafkaCredentials } from '#libs/messaging';
import { projectRoot, stateDir } from './paths.js';
import { isAlive, portOpen, readPid, removeFile, terminate, waitFor, writePid } from './process.js';

export interface EmbeddedKafkaOptions {
  /** Client (broker) listener port; the controller listens on port + 1. */
  port: number;
  /** Folder for the broker's logs and metadata; kept between runs. */
  dataDir: string;
  heapMb?: number;
  log?: (line: string) => void;
  /** The broker's own principals and the operators' admin: made when the storage is formatted. */
  secrets?: { kafkaAdminPassword: string; kafkaBrokerPassword: string; kafkaControllerPassword: string };
}

/** The admin principal of the embedded broker: a super user, for the operator's tools only. */
export const KAFKA_ADMIN_USER = 'admin';
/** Marks a data folder whose broker was formatted with authentication (an older one was not). */
const SECURED_MARKER = 'secured-v1';

/** Reads the Kafka version the repository's pom pins. */
export function kafkaVersion(): string {
  const pom = readFileSync(join(projectRoot(), 'infra/kafka/pom.xml'), 'utf8');
  const m = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom);
  if (!m?.[1]) throw new Error('infra/kafka/pom.xml does not declare <kafka.version>.');
  return m[1];
}

/**
 * Resolves the broker's jars from Maven Central with Maven and the repository's pom, into a
 * project-local cache. Runs Maven only the first time (or when the pinned version changes).
 */
export function ensureKafkaJars(log: (line: string) => void = () => undefined): string {
  const version = kafkaVersion();
  const libDir = stateDir('cache', `kafka-${version}`, 'lib');
  const marker = join(libDir, '.complete');
  if (existsSync(marker)) return libDir;
  mkdirSync(libDir, { recursive: true });
  log(`Resolving Apache Kafka ${version} from Maven Central (first run only)...`);
  const res = spawnSync(
    'mvn',
    [
      '-B',
      '-q',
      `-Dmaven.repo.local=${stateDir('cache', 'm2')}`,
      '-f',
      join(projectRoot(), 'infra/kafka/pom.xml'),
      'dependency:copy-dependencies',
      `-DoutputDirectory=${libDir}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
  );
  if (res.error) throw new Error(`Cannot run Maven ('mvn') to fetch Kafka: ${res.error.message}. Install Maven and Java 17.`);
  if (res.status !== 0) throw new Error(`Maven could not resolve Kafka ${version}:\n${res.stdout}\n${res.stderr}`);
  if (!readdirSync(libDir).some((f) => f.startsWith('kafka_2.13-'))) throw new Error(`Maven ran but ${libDir} has no Kafka jar.`);
  writeFileSync(marker, `${version}\n`);
  return libDir;
}

/** The java binary: JAVA_HOME's, else the one on the PATH. */
export function javaBinary(): string {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin/java') : 'java';
}

/** A fresh KRaft cluster id: 16 random bytes in URL-safe base64; like Kafka's own, never starting with '-'. */
export function newClusterId(): string {
  let clusterId = randomBytes(16).toString('base64url');
  while (clusterId.startsWith('-')) clusterId = randomBytes(16).toString('base64url');
  return clusterId;
}

export type KafkaSecrets = NonNullable<EmbeddedKafkaOptions['secrets']>;

/**
 * Refuses a data folder an older Tongban formatted without authentication (it cannot be upgraded in
 * place), and says whether the folder still needs formatting.
 */
export function needsFormat(dataDir: string, logDir: string): boolean {
  const formatted = existsSync(join(logDir, 'meta.properties'));
  if (formatted && !existsSync(join(dataDir, SECURED_MARKER))) {
    throw new Error(
      `The broker data in ${dataDir} was made by an older Tongban without authentication; it cannot be upgraded in place. ` +
        'Stop the network and run "npm run tongban -- reset" (this deletes the demo data), then start again.',
    );
  }
  return !formatted;
}

/**
 * Formats one node's storage with the SCRAM users the cluster needs before any client can connect:
 * the broker itself (inter-broker) and the admin. Every node of a cluster is formatted with the same
 * cluster id and the same users.
 */
export function formatKafkaStorage(o: { dataDir: string; props: string; clusterId: string; secrets: KafkaSecrets; classpath: string }): void {
  const scram = (name: string, password: string) => `SCRAM-SHA-512=[name=${name},password=${password}]`;
  const fmt = spawnSync(
    javaBinary(),
    [
      '-cp',
      o.classpath,
      'kafka.tools.StorageTool',
      'format',
      `--cluster-id=${o.clusterId}`,
      `--config=${o.props}`,
      '--add-scram',
      scram('broker', o.secrets.kafkaBrokerPassword),
      '--add-scram',
      scram(KAFKA_ADMIN_USER, o.secrets.kafkaAdminPassword),
    ],
    { encoding: 'utf8' },
  );
  if (fmt.status !== 0) throw new Error(`Formatting the Kafka storage failed:\n${fmt.stdout}\n${fmt.stderr}`);
  writeFileSync(join(o.dataDir, SECURED_MARKER), `${new Date().toISOString()}\n`);
}

/** Writes a node's server.properties, readable by its owner only (it holds the controller's secret). */
export function writeKafkaProperties(dataDir: string, text: string): string {
  const props = join(dataDir, 'server.properties');
  writeFileSync(props, text, { mode: 0o600 });
  chmodSync(props, 0o600);
  return props;
}

/**
 * Starts one broker JVM, detached (so that Ctrl-C in a terminal reaches the CLI, which stops the
 * nodes before the broker), its output appended to `<dataDir>/broker.log` and its pid recorded.
 * Answers a function telling the exit code once it exited (undefined while it runs).
 */
export function spawnKafka(o: { dataDir: string; props: string; classpath: string; heapMb: number; pidFile: string }): () => number | null | undefined {
  const out = openSync(join(o.dataDir, 'broker.log'), 'a');
  const child = spawn(
    javaBinary(),
    [
      `-Xms${Math.min(256, o.heapMb)}m`,
      `-Xmx${o.heapMb}m`,
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      '-Djava.awt.headless=true',
      `-Dlog4j2.configurationFile=${join(projectRoot(), 'infra/kafka/log4j2.properties')}`,
      '-cp',
      o.classpath,
      'kafka.Kafka',
      o.props,
    ],
    { detached: true, stdio: ['ignore', out, out] },
  );
  closeSync(out);
  if (child.pid === undefined) throw new Error('Could not start Java for the Kafka broker.');
  writePid(o.pidFile, child.pid);
  child.unref();
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  return () => exited;
}

/**
 * Every listener authenticates: clients and the broker itself with SCRAM-SHA-512 on BROKER, the
 * controller link with PLAIN and a secret only the properties file holds, so that no principal a
 * client can reach (not even ANONYMOUS on the controller port) is a super user. ACLs decide the
 * rest; a principal without a matching ACL is refused.
 */
export function kafkaSecurityProperties(s: KafkaSecrets): string[] {
  return [
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=BROKER',
    'listener.security.protocol.map=BROKER:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT',
    'listener.name.broker.sasl.enabled.mechanisms=SCRAM-SHA-512',
    'sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512',
    `listener.name.broker.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="broker" password="${s.kafkaBrokerPassword}";`,
    'listener.name.controller.sasl.enabled.mechanisms=PLAIN',
    'sasl.mechanism.controller.protocol=PLAIN',
    `listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="controller" password="${s.kafkaControllerPassword}" user_controller="${s.kafkaControllerPassword}";`,
    'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    `super.users=User:broker;User:controller;User:${KAFKA_ADMIN_USER}`,
    'allow.everyone.if.no.acl.found=false',
  ];
}

/** What every embedded broker shares: the project creates every topic itself, with the partitions and retention it needs. */
export function kafkaCommonProperties(): string[] {
  return [
    'auto.create.topics.enable=false',
    'num.partitions=3',
    'offsets.topic.num.partitions=10',
    'group.initial.rebalance.delay.ms=0',
    'log.retention.hours=168',
    'log.cleaner.enable=true',
    'num.network.threads=2',
    'num.io.threads=4',
  ];
}

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one JVM),
 * started from the jars Maven resolved, with topic auto-creation off.
 */
export class EmbeddedKafka {
  private readonly pidFile: string;

  constructor(private readonly opts: EmbeddedKafkaOptions) {
    this.pidFile = join(opts.dataDir, 'kafka.pid');
  }

  get brokers(): string[] {
    return [`127.0.0.1:${this.opts.port}`];
  }

  /** The admin principal's credentials (SCRAM-SHA-512). */
  get admin(): KafkaCredentials {
    return { mechanism: 'scram-sha-512', username: KAFKA_ADMIN_USER, password: this.secrets.kafkaAdminPassword };
  }

  private get secrets(): KafkaSecrets {
    if (!this.opts.secrets) throw new Error('the embedded Kafka broker needs its secrets to start or to be reached');
    return this.opts.secrets;
  }

  /** The pid of a broker this project started from this data folder, if it is still running. */
  runningPid(): number | undefined {
    const pid = readPid(this.pidFile);
    return pid !== undefined && isAlive(pid) ? pid : undefined;
  }

  async start(): Promise<void> {
    const log = this.opts.log ?? (() => undefined);
    if (this.runningPid() !== undefined) throw new Error(`An embedded Kafka broker already runs from ${this.opts.dataDir} (pid ${this.runningPid()}).`);
    if (await portOpen(this.opts.port)) throw new Error(`Port ${this.opts.port} is taken: cannot start the embedded Kafka broker there.`);
    if (await portOpen(this.opts.port + 1)) throw new Error(`Port ${this.opts.port + 1} is taken: the embedded Kafka controller needs it.`);
    const libDir = ensureKafkaJars(log);
    const logDir = join(this.opts.dataDir, 'logs');
    mkdirSync(logDir, { recursive: true });
    const props = writeKafkaProperties(this.opts.dataDir, this.properties(logDir));
    const classpath = `${libDir}/*`;
    if (needsFormat(this.opts.dataDir, logDir)) formatKafkaStorage({ dataDir: this.opts.dataDir, props, clusterId: newClusterId(), secrets: this.secrets, classpath });
    const exited = spawnKafka({ dataDir: this.opts.dataDir, props, classpath, heapMb: this.opts.heapMb ?? 512, pidFile: this.pidFile });
    await waitFor(
      `the Kafka broker on port ${this.opts.port} (see ${join(this.opts.dataDir, 'broker.log')})`,
      async () => {
        if (exited() !== undefined) throw new Error(`The Kafka broker exited with code ${exited()}; see ${join(this.opts.dataDir, 'broker.log')}.`);
        return this.isReady();
      },
      90000,
      300,
    ).catch(async (err: unknown) => {
      await this.stop();
      throw err;
    });
  }

  /** Ready means a client can describe the cluster through the broker listener. */
  async isReady(): Promise<boolean> {
    if (!(await portOpen(this.opts.port))) return false;
    const kafka = createKafka({ brokers: this.brokers, clientId: 'tongban-infra-probe', sasl: this.admin });
    const c = await describeCluster(kafka).catch(() => undefined);
    return c !== undefined && c.brokers > 0 && c.controller !== null;
  }

  async stop(): Promise<void> {
    const pid = readPid(this.pidFile);
    if (pid !== undefined) await terminate(pid, 30000);
    removeFile(this.pidFile);
  }

  private properties(logDir: string): string {
    const p = this.opts.port;
    return [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${p + 1}`,
      `listeners=BROKER://127.0.0.1:${p},CONTROLLER://127.0.0.1:${p + 1}`,
      `advertised.listeners=BROKER://127.0.0.1:${p}`,
      ...kafkaSecurityProperties(this.secrets),
      `log.dirs=${logDir}`,
      ...kafkaCommonProperties(),
      // One broker: every internal topic has one replica.
      'offsets.topic.replication.factor=1',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'share.coordinator.state.topic.replication.factor=1',
      'share.coordinator.state.topic.min.isr=1',
      // Broker and controller share one JVM: while the controller works through thousands of new
      // topics on a busy machine, the broker's heartbeats queue behind them, and after the default
      // 9 s it is fenced, leaving every partition without a leader (seen with 3,122 topics). A
      // single broker has no other to hand its partitions to, so fencing it only stops the network.
      'broker.session.timeout.ms=30000',
      '',
    ].join('\n');
  }
}
