import { readFileSync } from 'node:fs';
import { stateDir } from '#libs/infra';
import type { KafkaCredentials } from '#libs/messaging';

/** What the global setup started, for the test files: broker list and database URL template. */
export interface TestInfra {
  brokers: string;
  /** postgres://user:pass@host:port/{database} */
  databaseUrl: string;
  kafkaPort?: number;
  kafkaDataDir?: string;
  /** The broker's admin principal (a super user): provisions each test network's principals, topics and ACLs. */
  kafkaAdmin?: KafkaCredentials;
}

/** The test run's generated credentials: each test network's node secrets. */
export const testSecretsDir = (): string => stateDir('test', 'secrets');

export const infraStateFile = (): string => stateDir('test', 'infra.json');

export function testInfra(): TestInfra {
  return JSON.parse(readFileSync(infraStateFile(), 'utf8')) as TestInfra;
}
