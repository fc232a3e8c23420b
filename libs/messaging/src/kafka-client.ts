// The only module that imports kafkajs. kafkajs has been unmaintained since 2023; keeping it
// behind this library lets a KafkaJS-compatible client replace it without touching features.
import { Kafka, logLevel, Partitioners, type KafkaConfig, type LogEntry } from 'kafkajs';

export interface KafkaConnection {
  brokers: string[];
  clientId: string;
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
  return new Kafka(config);
}

export { Partitioners };
export type { Kafka };
