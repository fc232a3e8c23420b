import { resolve } from 'node:path';
import { loadTopology, type Topology } from '#libs/config';
import { projectRoot, stateDir } from '#libs/infra';

/** Ports and folders of the default embedded infrastructure; every one can be overridden. */
export interface NetworkSettings {
  topologyFile: string;
  topology: Topology;
  /** External brokers, or undefined to start the embedded broker. */
  externalBrokers?: string;
  /** External database URL template, or undefined to start the embedded PostgreSQL. */
  externalDatabaseUrl?: string;
  kafkaPort: number;
  postgresPort: number;
  topicPrefix: string;
  dataDir: string;
  runDir: string;
  logDir: string;
}

export function networkSettings(env: NodeJS.ProcessEnv = process.env): NetworkSettings {
  const topologyFile = resolve(projectRoot(), env.TONGBAN_TOPOLOGY ?? 'topology/demo.yaml');
  return {
    topologyFile,
    topology: loadTopology(topologyFile),
    externalBrokers: env.TONGBAN_KAFKA_BROKERS || undefined,
    externalDatabaseUrl: env.TONGBAN_DATABASE_URL || undefined,
    kafkaPort: Number(env.TONGBAN_EMBEDDED_KAFKA_PORT ?? 9092),
    postgresPort: Number(env.TONGBAN_EMBEDDED_POSTGRES_PORT ?? 5433),
    topicPrefix: env.TONGBAN_TOPIC_PREFIX ?? 'tongban',
    dataDir: stateDir('data'),
    runDir: stateDir('run'),
    logDir: stateDir('logs'),
  };
}
