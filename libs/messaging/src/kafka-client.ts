// The only module that imports kafkajs. kafkajs has been unmaintained since 2023; keeping it
// behind this library lets a KafkaJS-compatible client replace it without touching features.
import { Kafka, logLevel, Partitioners, type KafkaConfig, type LogEntry, type SASLOptions } from 'kafkajs';

export const SASL_MECHANISMS = ['scram-sha-512', 'scram-sha-256', 'plain'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

/** Who a client is on the broker: its principal and secret (SASL), and whether to use TLS. */
export interface KafkaCredentials {
  mechanism: SaslMechanism;
  username: string;
  password: string;
}

export interface KafkaConnection {
  brokers: string[];
  clientId: string;
  /** Undefined only for a broker without authentication (an external test cluster); the embedded broker refuses anonymous clients. */
  sasl?: KafkaCredentials;
  tls?: boolean;
}

export type KafkaLogSink = (level: 'debug' | 'info' | 'warn' | 'error', message: string, extra: Record<string, unknown>) => void;

const levels: Record<number, 'debug' | 'info' | 'warn' | 'error'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

export function createKafka(conn: KafkaConnection, sink?: KafkaLogSink): Kafka {
  const config: KafkaConfig = {
    clientId: conn.clientId,
    brokers: conn.brokers,
    connectionTimeout: 3000,
    requestTimeout: 30000,
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5000 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => {
      const { message, ...extra } = entry.log;
      sink?.(levels[entry.level] ?? 'info', `kafka ${entry.namespace}: ${message}`, extra);
    },
  };
  if (conn.sasl) config.sasl = { mechanism: conn.sasl.mechanism, username: conn.sasl.username, password: conn.sasl.password } as SASLOptions;
  if (conn.tls) config.ssl = true;
  return new Kafka(config);
}

export { Partitioners };
export type { Kafka };
