import { readFileSync } from 'node:fs';
import { stateDir } from '#libs/infra';

/** What the global setup started, for the test files: broker list and database URL template. */
export interface TestInfra {
  brokers: string;
  /** postgres://user:pass@host:port/{database} */
  databaseUrl: string;
  kafkaPort?: number;
  kafkaDataDir?: string;
}

export const infraStateFile = (): string => stateDir('test', 'infra.json');

export function testInfra(): TestInfra {
  return JSON.parse(readFileSync(infraStateFile(), 'utf8')) as TestInfra;
}
