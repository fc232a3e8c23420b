import { resolve } from 'node:path';
import { loadTopology, type Topology } from '#libs/config';
import { projectRoot, SecretStore, stateDir } from '#libs/infra';
import type { KafkaCredentials, SaslMechanism } from '#libs/messaging';

/** Ports and folders of the default embedded infrastructure; every one can be overridden. */
export interface NetworkSettings {
  topologyFile: string;
  topology: Topology;
  /** External brokers, or undefined to start the embedded broker. */
  externalBrokers?: string;
  /** External database URL template, or undefined to start the embedded PostgreSQL. */
  externalDatabaseUrl?: string;
  /** The embedded broker's port; a cluster's first (node i: kafkaPort + 2i, its controller the next). */
  kafkaPort: number;
  /** 1: the single embedded broker; 3: the embedded three-broker cluster (replication factor 3, min ISR 2). */
  kafkaBrokers: 1 | 3;
  postgresPort: number;
  topicPrefix: string;
  dataDir: string;
  runDir: string;
  logDir: string;
  /** Generated credentials (mode 700 folder, one 600 file per node). */
  secrets: SecretStore;
  /** An external cluster's admin principal, to provision users, topics and ACLs; undefined: provisioned by its operators. */
  externalKafkaAdmin?: KafkaCredentials;
  kafkaTls: boolean;
}

export function networkSettings(env: NodeJS.ProcessEnv = process.env): NetworkSettings {
  const topologyFile = resolve(projectRoot(), env.TONGBAN_TOPOLOGY ?? 'topology/demo.yaml');
  return {
    topologyFile,
    topology: loadTopology(topologyFile),
    externalBrokers: env.TONGBAN_KAFKA_BROKERS || undefined,
    externalDatabaseUrl: env.TONGBAN_DATABASE_URL || undefined,
    kafkaPort: Number(env.TONGBAN_EMBEDDED_KAFKA_PORT ?? 9092),
    kafkaBrokers: embeddedBrokerCount(env.TONGBAN_EMBEDDED_KAFKA_BROKERS),
    postgresPort: Number(env.TONGBAN_EMBEDDED_POSTGRES_PORT ?? 5433),
    topicPrefix: env.TONGBAN_TOPIC_PREFIX ?? 'tongban',
    dataDir: stateDir('data'),
    runDir: stateDir('run'),
    logDir: stateDir('logs'),
    secrets: new SecretStore(stateDir('secrets')),
    externalKafkaAdmin:
      env.TONGBAN_KAFKA_ADMIN_USERNAME && env.TONGBAN_KAFKA_ADMIN_PASSWORD
        ? { mechanism: (env.TONGBAN_KAFKA_SASL_MECHANISM ?? 'scram-sha-512') as SaslMechanism, username: env.TONGBAN_KAFKA_ADMIN_USERNAME, password: env.TONGBAN_KAFKA_ADMIN_PASSWORD }
        : undefined,
    kafkaTls: env.TONGBAN_KAFKA_TLS === '1',
  };
}

function embeddedBrokerCount(value: string | undefined): 1 | 3 {
  if (value === undefined || value === '' || value === '1') return 1;
  if (value === '3') return 3;
  throw new Error(`TONGBAN_EMBEDDED_KAFKA_BROKERS must be 1 (one broker) or 3 (a three-broker cluster), not "${value}".`);
}
